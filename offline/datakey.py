"""The store's 256-bit data key: random, never written unwrapped, never printed, wipeable.

The key lives in a ``bytearray`` so its owner can overwrite it (``wipe``) once it is no longer
needed: the session wipes the copy it unwrapped as soon as the store has its own, and the store
wipes its copy when it closes. What cannot be wiped is listed in docs/security.md ("Secrets in
memory"): SQLCipher's copy of the ``PRAGMA key`` text (a Python ``str``) and the ``bytes`` that
``cryptography``'s AES-GCM returns before they are copied in here.
"""

from __future__ import annotations

import os

DATA_KEY_BYTES = 32


def wipe(buffer: bytearray) -> None:
    """Overwrite ``buffer`` with zeros in place (the memory the secret occupied)."""
    buffer[:] = bytes(len(buffer))


class DataKey:
    """A raw SQLCipher key; ``repr`` and ``str`` never show it."""

    __slots__ = ("_raw",)

    def __init__(self, raw: bytes | bytearray) -> None:
        if len(raw) != DATA_KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self._raw = bytearray(raw)

    @classmethod
    def generate(cls) -> DataKey:
        return cls(os.urandom(DATA_KEY_BYTES))

    @classmethod
    def from_hex(cls, text: str) -> DataKey:
        return cls(bytes.fromhex(text))

    def raw(self) -> bytearray:
        """The key bytes themselves (not a copy): wrap, derive or compare, never keep."""
        if not any(self._raw):
            raise ValueError("this data key has been wiped")
        return self._raw

    def copy(self) -> DataKey:
        """An independent copy (its own buffer, wiped separately)."""
        return DataKey(self.raw())

    def wipe(self) -> None:
        """Overwrite the key with zeros; any later use raises ``ValueError``."""
        wipe(self._raw)

    @property
    def wiped(self) -> bool:
        return not any(self._raw)

    def pragma_literal(self) -> str:
        """SQLCipher's raw-key literal ``"x'…'"``: hex digits only, never user text.

        The returned ``str`` cannot be wiped (Python strings are immutable); it lives only for
        the one ``PRAGMA key`` statement.
        """
        return f"\"x'{self.raw().hex()}'\""

    def __repr__(self) -> str:
        return "DataKey(<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataKey) and other._raw == self._raw

    def __hash__(self) -> int:
        raise TypeError("a data key is not hashable (it is mutable and secret)")
