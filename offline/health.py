"""Health of the store files on this machine, checked without any key (for ``doctor``).

Reports only file facts (size, permissions, whether the header is encrypted, leftover WAL):
never contents, never user names (files are named by a hash of the user id).
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

PLAINTEXT_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class StoreFileHealth:
    """What can be told about one store file without unlocking it."""

    path: Path
    size_bytes: int
    private: bool  # only the owner may read or write it (Windows: the ACL lets in no one else)
    encrypted: bool  # the header is not SQLite's plaintext magic
    has_wal: bool
    others: tuple[str, ...] = ()  # Windows: the other accounts its ACL lets in, or why unknown

    @property
    def ok(self) -> bool:
        return self.private and self.encrypted

    def describe(self) -> str:
        """One line for a terminal: file, size and any problem in plain words."""
        facts = [f"{self.path.name}: {self.size_bytes / 1_048_576:.1f} MiB"]
        facts.append("encrypted" if self.encrypted else "PROBLEM: NOT ENCRYPTED (plaintext header)")
        if not self.private and sys.platform == "win32":
            facts.append(
                "PROBLEM: its access list lets in more than you and SYSTEM: "
                + ", ".join(self.others)
            )
        elif not self.private:
            facts.append("PROBLEM: readable by other users (expected mode 0600)")
        if self.has_wal:
            facts.append("write-ahead log present (app running, or recovered at next open)")
        return ", ".join(facts)


def store_health(directory: Path) -> list[StoreFileHealth]:
    """Check every ``*.db`` store file in ``directory``; an absent directory has none."""
    if not directory.is_dir():
        return []
    return [_check(path) for path in sorted(directory.glob("*.db"))]


def _check(path: Path) -> StoreFileHealth:
    info = path.stat()
    with path.open("rb") as handle:
        header = handle.read(len(PLAINTEXT_HEADER))
    others: tuple[str, ...] = ()
    if sys.platform == "win32":
        others = _windows_others(path)
        private = not others
    else:
        private = not (info.st_mode & (stat.S_IRWXG | stat.S_IRWXO))
    return StoreFileHealth(
        path=path,
        size_bytes=info.st_size,
        private=private,
        others=others,
        encrypted=header != PLAINTEXT_HEADER and len(header) == len(PLAINTEXT_HEADER),
        has_wal=os.path.exists(f"{path}-wal"),
    )


def _windows_others(path: Path) -> tuple[str, ...]:
    """The accounts besides this user and SYSTEM that the file's ACL lets in (SIDs or SDDL
    aliases such as ``BA``, Administrators), or why the ACL could not be read."""
    from offline.windows_acl import other_trustees  # noqa: PLC0415  (Windows only)

    try:
        return tuple(other_trustees(path))
    except OSError as error:
        return (f"unknown: the access list could not be read ({error})",)
