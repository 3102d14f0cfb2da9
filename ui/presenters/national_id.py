"""Person numbers (fødselsnummer, D-nummer, felles hjelpenummer, H-nummer) for display.

Built on ``clinical.identifiers``.

The rules (mod-11 check digits, birth dates, synthetic month + 80) live in ``clinical``; this module
only adds what display needs: tolerant input ("150765 00565"), and a result for malformed values
instead of an exception, because a list must still render a row whose id is broken.
"""

from __future__ import annotations

from clinical.identifiers import (
    IdentifierError,
    format_person_id,
    is_valid_person_id,
    mask_person_id,
)


def digits_only(value: str) -> str:
    """The value without spaces, dots and dashes (how people type an id)."""
    return "".join(ch for ch in value if ch not in " .-\u00a0")


def is_valid_national_id(value: str) -> bool:
    """Whether ``value`` is a valid person number of any kind (synthetic ones included)."""
    compact = digits_only(value)
    return compact.isascii() and is_valid_person_id(compact)


def format_national_id(value: str) -> str:
    """ "DDMMYY NNNNN" for an 11-digit id; anything else is returned as given."""
    try:
        return format_person_id(digits_only(value))
    except IdentifierError:
        return value


def mask_national_id(value: str) -> str:
    """The birth-date part visible, the personal number hidden: "DDMMYY *****"."""
    try:
        return mask_person_id(digits_only(value))
    except IdentifierError:
        return "*" * len(value)
