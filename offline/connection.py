"""Opening one SQLCipher connection: key first, then the pragmas, then a check that tells a wrong
key, a damaged file and a plaintext file apart. Never creates over, repairs or deletes a file.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from functools import cache
from pathlib import Path
from typing import Any, Literal

import sqlcipher3

from offline.datakey import DataKey
from offline.errors import (
    CorruptDatabaseError,
    DatabaseNotFoundError,
    PlaintextDatabaseError,
    WrongDatabaseKeyError,
)
from offline.lookaside import enlarge_lookaside
from offline.paths import ensure_private_dir

PAGE_SIZE = 4096  # SQLCipher 4 default; the HMAC check below relies on it
_RESERVE = 80  # 16-byte IV + 64-byte HMAC-SHA512 at the end of every page
_SALT = 16
_SQLITE_HEADER = b"SQLite format 3\x00"
_PAGES_TO_PROBE = 16

IntegrityLevel = Literal["none", "quick", "full"]
# 64 MiB of decrypted pages per connection (it only grows as pages are read). A bigger writer
# cache saved little CPU on a municipality-sized bulk load (within noise) but pushed a 10,000-
# patient sync past its 300 MB memory budget; small stores never fill it.
CACHE_KIB = 65536
READER_CACHE_KIB = 65536

# Memory security locks (mlock) and wipes every SQLite heap allocation. It is process-wide and
# cannot be switched off again once on. Each allocation costs two system calls and a wipe, which
# is why connections get a larger lookaside pool (offline/lookaside.py). The benchmark's
# diagnostic mode swaps this tuple in a separate process to show what memory security costs.
CIPHER_PRAGMAS: tuple[str, ...] = (
    "PRAGMA cipher_log_level = NONE",
    "PRAGMA cipher_memory_security = ON",
)
BUSY_TIMEOUT_S = 30.0


def connect(
    path: Path,
    key: DataKey,
    *,
    create: bool = False,
    read_only: bool = False,
    integrity: IntegrityLevel = "none",
) -> Any:
    """A keyed, configured connection to the store at ``path`` (autocommit; callers BEGIN).

    The returned object is a ``sqlcipher3`` connection (typed Any: the package has no stubs).
    """
    if path.exists():
        _check_file_shape(path)
    elif not create:
        raise DatabaseNotFoundError(f"no offline store at {path.name}")
    else:
        ensure_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    _apply_process_settings()
    conn = sqlcipher3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S
    )
    try:
        # Before any statement (SQLite refuses while a slot is in use). Performance only: where
        # it cannot be done safely the connection is used as it is.
        enlarge_lookaside(conn, path, timeout=BUSY_TIMEOUT_S)
        # The key must be the first statement; it is hex from os.urandom, never user text.
        conn.execute(f"PRAGMA key = {key.pragma_literal()}")
        for pragma in CIPHER_PRAGMAS:
            conn.execute(pragma)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise _classify_unreadable(path, key) from exc
        try:
            _configure(conn, read_only=read_only)
            if integrity != "none":
                check_integrity(conn, full=integrity == "full")
        except sqlcipher3.DatabaseError as exc:
            raise CorruptDatabaseError(f"{path.name} is damaged: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


@cache
def _apply_process_settings() -> None:
    """Run the process-wide SQLCipher pragmas once, on a connection holding nothing, so memory
    security is already on when the first store connection allocates its lookaside pool.

    (They are idempotent, so two threads racing here is harmless.)
    """
    scratch = sqlcipher3.connect(":memory:")
    try:
        for pragma in CIPHER_PRAGMAS:
            scratch.execute(pragma)
    finally:
        scratch.close()


def check_integrity(conn: Any, *, full: bool) -> None:
    """Raise CorruptDatabaseError unless SQLite's (and, if ``full``, SQLCipher's) checks pass."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise CorruptDatabaseError(f"the store failed its integrity check ({len(rows)} issues)")
        if full:
            problems = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            if problems:
                raise CorruptDatabaseError(
                    f"the store failed its page authentication check ({len(problems)} pages)"
                )
    except sqlcipher3.DatabaseError as exc:
        raise CorruptDatabaseError(f"the store failed its integrity check: {exc}") from exc


def _configure(conn: Any, *, read_only: bool) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise CorruptDatabaseError(f"the store could not switch to WAL (got {mode})")
    for pragma in (
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA secure_delete = ON",
        f"PRAGMA cache_size = -{READER_CACHE_KIB if read_only else CACHE_KIB}",
    ):
        conn.execute(pragma)
    if read_only:
        conn.execute("PRAGMA query_only = ON")


def _check_file_shape(path: Path) -> None:
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(len(_SQLITE_HEADER))
    if head == _SQLITE_HEADER:
        raise PlaintextDatabaseError(
            f"{path.name} is an unencrypted SQLite database; the store will not use or convert it"
        )
    if size == 0:
        raise CorruptDatabaseError(f"{path.name} is empty (0 bytes); it was left untouched")
    if size % PAGE_SIZE:
        raise CorruptDatabaseError(
            f"{path.name} is truncated ({size} bytes is not a whole number of pages)"
        )


def _classify_unreadable(path: Path, key: DataKey) -> Exception:
    """Wrong key or damage? With the right key most pages still authenticate; with a wrong key none.

    Re-computes SQLCipher 4's per-page HMAC-SHA512 (key derived with 2 PBKDF2 rounds from the raw
    key and the file salt XOR 0x3a) over the first pages of the file.
    """
    with path.open("rb") as fh:
        data = fh.read(PAGE_SIZE * _PAGES_TO_PROBE)
    if len(data) < PAGE_SIZE:
        return CorruptDatabaseError(f"{path.name} is too short to be a store")
    salt = data[:_SALT]
    hmac_key = hashlib.pbkdf2_hmac("sha512", key.raw(), bytes(b ^ 0x3A for b in salt), 2, 32)
    for index in range(len(data) // PAGE_SIZE):
        page = data[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
        start = _SALT if index == 0 else 0
        body_end = PAGE_SIZE - _RESERVE + 16
        expected = page[body_end : body_end + 64]
        mac = hmac.new(hmac_key, page[start:body_end] + struct.pack("<I", index + 1), "sha512")
        if hmac.compare_digest(mac.digest(), expected):
            return CorruptDatabaseError(
                f"{path.name} is damaged (its key is right but page 1 does not authenticate)"
            )
    return WrongDatabaseKeyError(f"the key does not open {path.name}")
