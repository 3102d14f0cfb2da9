"""The store's 256-bit data key: random, never written unwrapped, never printed."""

from __future__ import annotations

import os

DATA_KEY_BYTES = 32


class DataKey:
    """A raw SQLCipher key; ``repr`` and ``str`` never show it."""

    __slots__ = ("_raw",)

    def __init__(self, raw: bytes) -> None:
        if len(raw) != DATA_KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self._raw = bytes(raw)

    @classmethod
    def generate(cls) -> DataKey:
        return cls(os.urandom(DATA_KEY_BYTES))

    @classmethod
    def from_hex(cls, text: str) -> DataKey:
        return cls(bytes.fromhex(text))

    def raw(self) -> bytes:
        return self._raw

    def pragma_literal(self) -> str:
        """SQLCipher's raw-key literal ``"x'…'"``: hex digits only, never user text."""
        return f"\"x'{self._raw.hex()}'\""

    def __repr__(self) -> str:
        return "DataKey(<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataKey) and other._raw == self._raw

    def __hash__(self) -> int:
        return hash(self._raw)
