"""The local security log: PIN failures, lockouts, tampered state, policy violations, recovery.

One JSON object per line in ``security.log`` beside the stores, appended under an exclusive
open-append (each line is written with one ``write``), never holding patient data: the kind, the
time, and short details that name a store by its hash, a setting by its name, or a count. The
``doctor`` command shows the newest lines. The file is rotated at ``MAX_BYTES`` (one previous
file kept), so a flood of wrong PINs cannot fill the disk.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

FILE_NAME: Final = "security.log"
MAX_BYTES: Final = 1_000_000
_ALLOWED_VALUE = (str, int, float, bool, type(None))


@dataclass(frozen=True, slots=True)
class SecurityEntry:
    """One line of the security log."""

    at: float
    kind: str
    details: Mapping[str, object]


class SecurityLog:
    """Appends security events to ``directory/security.log`` and reads the newest back."""

    def __init__(self, directory: Path, *, clock: Callable[[], float] = time.time) -> None:
        self._path = directory / FILE_NAME
        self._clock = clock

    @property
    def path(self) -> Path:
        return self._path

    def __call__(self, kind: str, details: Mapping[str, object]) -> None:
        """Record ``kind`` with ``details`` (plain values only; anything else is dropped)."""
        clean = {k: v for k, v in details.items() if isinstance(v, _ALLOWED_VALUE)}
        line = json.dumps(
            {"at": self._clock(), "kind": kind, "details": clean},
            separators=(",", ":"),
            ensure_ascii=True,
        )
        self._path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._rotate_if_full()
        fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, (line + "\n").encode("ascii"))
        finally:
            os.close(fd)

    def newest(self, limit: int = 20) -> Sequence[SecurityEntry]:
        """The newest ``limit`` entries, newest last; unreadable lines are skipped."""
        try:
            lines = self._path.read_text(encoding="ascii", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        entries = []
        for line in lines[-limit:]:
            try:
                doc = json.loads(line)
                entries.append(
                    SecurityEntry(
                        at=float(doc["at"]), kind=str(doc["kind"]), details=dict(doc["details"])
                    )
                )
            except (ValueError, KeyError, TypeError):
                continue
        return entries

    def _rotate_if_full(self) -> None:
        try:
            if self._path.stat().st_size < MAX_BYTES:
                return
        except FileNotFoundError:
            return
        os.replace(self._path, self._path.with_name(FILE_NAME + ".1"))
