"""Deterministic resource ids and registry numbers derived from the seed, never from a clock."""

from __future__ import annotations

import uuid

from clinical.identifiers import is_valid_hpr_number, make_organisation_number
from tests.synthetic.vocabulary import GS1_DEMO_PREFIX

_NAMESPACE = uuid.UUID("6f1c3f2e-8d0b-5c57-9a43-2b1a7e0c9d11")


class IdFactory:
    """Names every resource by a path of parts; the same seed and parts give the same UUID."""

    def __init__(self, seed: int) -> None:
        self._namespace = uuid.uuid5(_NAMESPACE, f"pleiepunkt-synthetic/{seed}")
        self._org_base = seed * 7919 % 1_000_000
        self._hpr_base = seed * 104_729 % 1_000_000

    def __call__(self, *parts: object) -> str:
        return str(uuid.uuid5(self._namespace, "/".join(map(str, parts))))

    def organisation_number(self, index: int) -> str:
        """The ``index``-th valid organisation number; starts with 3 like Tenor test companies."""
        candidate = (self._org_base + index * 11) % 10_000_000
        made = make_organisation_number(f"3{candidate:07d}")
        if made is None:
            # +1 moves the remainder by the last weight (2), away from 10; numbers spaced by 11
            # never meet such a neighbour, so the result stays unique.
            made = make_organisation_number(f"3{(candidate + 1) % 10_000_000:07d}")
        assert made is not None
        return made

    def hpr_number(self, index: int) -> str:
        """The ``index``-th HPR number, unique within one generated municipality."""
        number = str(9_000_000 + (self._hpr_base + index) % 1_000_000)
        assert is_valid_hpr_number(number)
        return number

    def fest_id(self, name: str) -> str:
        """A FEST-style id (``ID_`` + upper-case GUID); fixed per drug name across seeds."""
        return "ID_" + str(uuid.uuid5(_NAMESPACE, f"fest/{name}")).upper()

    def gtin(self, key: str) -> str:
        """A GTIN-14 for a catalogue drug, fixed per key across seeds, under the GS1 demo prefix."""
        item = uuid.uuid5(_NAMESPACE, f"gtin/{key}").int % 10**9
        return with_gs1_check_digit(f"0{GS1_DEMO_PREFIX}{item:09d}")


def gs1_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit of a GTIN/SSCC body: weights 3, 1, 3, … from the right."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def with_gs1_check_digit(body: str) -> str:
    """``body`` with its GS1 check digit appended."""
    return f"{body}{gs1_check_digit(body)}"
