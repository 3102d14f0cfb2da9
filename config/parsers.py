"""Parsers that turn a raw TOML or registry value into a setting's typed value.

Each raises ``InvalidValueError`` with what is wrong (never echoing the value); the declaration
adds what is accepted. Registry values written by msiexec arrive as text, so numbers and lists
are also accepted in their text form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from clinical.clock import clinical_zone
from clinical.identifiers import is_valid_organisation_number
from clinical.service_types import SERVICE_TYPES
from config.errors import InvalidValueError

T = TypeVar("T")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ATC = re.compile(r"[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?")


def text(raw: object, *, max_length: int) -> str:
    """Non-empty text without control characters, at most ``max_length`` long."""
    if not isinstance(raw, str):
        raise InvalidValueError(f"expected text, got {type(raw).__name__}")
    value = raw.strip()
    if not value:
        raise InvalidValueError("must not be empty")
    if len(value) > max_length:
        raise InvalidValueError(f"longer than {max_length} characters")
    if _CONTROL.search(value):
        raise InvalidValueError("contains control characters")
    return value


def url(raw: object) -> str:
    """An https:// URL (http:// only for localhost) without credentials, query or fragment."""
    value = text(raw, max_length=2000)
    parts = urlsplit(value)
    local = parts.hostname in {"localhost", "127.0.0.1", "::1"}
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise InvalidValueError("must be an https:// URL (http:// only for localhost)")
    if not parts.hostname:
        raise InvalidValueError("has no host name")
    if parts.username is not None or parts.password is not None:
        raise InvalidValueError("must not contain a user name or password")
    if parts.query or parts.fragment:
        raise InvalidValueError("must not have a query (?…) or fragment (#…)")
    return value.rstrip("/")


def optional(parse: Callable[[object], T]) -> Callable[[object], T | None]:
    """``parse``, with blank text meaning "not set" (None)."""

    def parse_optional(raw: object) -> T | None:
        if isinstance(raw, str) and not raw.strip():
            return None
        return parse(raw)

    return parse_optional


def client_id(raw: object) -> str:
    """An OAuth client id: text without spaces."""
    value = text(raw, max_length=200)
    if any(ch.isspace() for ch in value):
        raise InvalidValueError("must not contain spaces")
    return value


def organisation_number(raw: object) -> str:
    """Nine digits with a valid mod-11 check digit (spaces allowed between groups)."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    value = text(raw, max_length=20).replace(" ", "")
    if not is_valid_organisation_number(value):
        raise InvalidValueError(
            "is not a valid organisation number (nine digits, mod-11 check digit)"
        )
    return value


def absolute_path(raw: object) -> str:
    """An absolute POSIX or Windows path."""
    value = text(raw, max_length=1000)
    if not (Path(value).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", value)):
        raise InvalidValueError("must be an absolute path")
    return value


def integer(low: int, high: int) -> Callable[[object], int]:
    """A whole number in ``[low, high]`` (also as text, as msiexec writes REG_SZ)."""

    def parse_integer(raw: object) -> int:
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw.strip())  # registry REG_SZ values written by msiexec are text
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InvalidValueError(f"expected a whole number, got {type(raw).__name__}")
        if not low <= raw <= high:
            raise InvalidValueError(f"must be between {low} and {high}")
        return raw

    return parse_integer


def choice(*choices: str) -> Callable[[object], str]:
    """One of ``choices``, compared without regard to case; returned as declared."""

    def parse_choice(raw: object) -> str:
        value = text(raw, max_length=50)
        for candidate in choices:
            if value.casefold() == candidate.casefold():
                return candidate
        raise InvalidValueError(f"must be one of {', '.join(choices)}")

    return parse_choice


def text_list(item: Callable[[object], str]) -> Callable[[object], tuple[str, ...]]:
    """A list of ``item`` values without repeats (a REG_MULTI_SZ, or text one per line)."""

    def parse_list(raw: object) -> tuple[str, ...]:
        if isinstance(raw, str):
            raw = [part for part in raw.splitlines() if part.strip()]
        if not isinstance(raw, list | tuple):
            raise InvalidValueError(f"expected a list of text, got {type(raw).__name__}")
        values: list[str] = []
        for index, entry in enumerate(raw):
            try:
                value = item(entry)
            except InvalidValueError as error:
                raise InvalidValueError(f"item {index + 1} {error}") from None
            if value not in values:
                values.append(value)
        return tuple(values)

    return parse_list


def atc_code(raw: object) -> str:
    """An ATC code or code prefix (WHO ATC levels 1-5), upper case."""
    value = text(raw, max_length=7).upper()
    if not _ATC.fullmatch(value):
        raise InvalidValueError("is not an ATC code or code prefix (e.g. N02A or N02AA01)")
    return value


def place(raw: object) -> str:
    """A place of work's name or Location id."""
    return text(raw, max_length=100)


def service_type(raw: object) -> str:
    """A Volven 9151 service type code."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)  # TOML ``15`` and a REG_DWORD are as good as "15"
    value = text(raw, max_length=10)
    if value not in SERVICE_TYPES:
        raise InvalidValueError("is not a service type code from Volven 9151 (e.g. 15 or 21)")
    return value


def boolean(raw: object) -> bool:
    """True or false: a TOML boolean, a registry DWORD 0/1, or the text 0/1/true/false."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str) and raw.strip().casefold() in ("0", "1", "true", "false"):
        return raw.strip().casefold() in ("1", "true")
    raise InvalidValueError("expected true or false (1 or 0)")


_HPR_CATEGORY = re.compile(r"[A-Z]{2}[0-9]?")


def hpr_category(raw: object) -> str:
    """A health-personnel category code of Volven 9060 (Kategori helsepersonell, the
    ``profession`` of an HPR approval), e.g. SP sykepleier, VP vernepleier, LE lege."""
    value = text(raw, max_length=3).upper()
    if not _HPR_CATEGORY.fullmatch(value):
        raise InvalidValueError("is not a Volven 9060 category code (e.g. SP, VP, LE)")
    return value


_RECOVERY_KEY = re.compile(r"x25519:[A-Za-z0-9+/]{43}=")


def recovery_public_key(raw: object) -> str:
    """The organisation's recovery public key as ``pleiepunkt recovery-key new`` prints it."""
    value = text(raw, max_length=60)
    if not _RECOVERY_KEY.fullmatch(value):
        raise InvalidValueError("is not a recovery public key (x25519: and 44 base64 characters)")
    return value


def time_zone(raw: object) -> str:
    """A zone name of the tz database (IANA), e.g. Europe/Oslo."""
    value = text(raw, max_length=64)
    try:
        clinical_zone(value)
    except ValueError:
        raise InvalidValueError(
            "is not a time zone of the tz database (e.g. Europe/Oslo)"
        ) from None
    return value
