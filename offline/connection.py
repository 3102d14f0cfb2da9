"""Opening one SQLCipher connection: key first, then the pragmas, then a check that tells a wrong
key, a damaged file and a plaintext file apart. Never creates over, repairs or deletes a file.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Literal

import sqlcipher3

from offline.cipher_format import FORMATS, PAGE_SIZE, CipherFormat, key_authenticates
from offline.datakey import DataKey
from offline.errors import (
    CorruptDatabaseError,
    DatabaseNotFoundError,
    PlaintextDatabaseError,
    WrongDatabaseKeyError,
)
from offline.lookaside import enlarge_lookaside
from offline.memory_budget import memory_budget
from offline.page_cache_memory import reserve_page_cache
from offline.paths import ensure_private_dir, make_private_file

_SQLITE_HEADER = b"SQLite format 3\x00"
_PAGES_TO_PROBE = 16

IntegrityLevel = Literal["none", "quick", "full"]
# Each connection's page cache and lookaside pool, and the page-cache block, come from the
# process's memory budget (``offline.memory_budget``): small in the window's process, large in a
# sync's. The bulk cache is 64 MiB of decrypted pages per connection (it only grows as pages are
# read): a bigger writer cache saved little CPU on a municipality-sized bulk load (within noise)
# but pushed a 10,000-patient sync past its 300 MB memory budget.

# Memory security locks (mlock) and wipes every SQLite heap allocation. It is process-wide and
# cannot be switched off again once on. Each allocation costs two system calls and a wipe, which
# is why connections get a larger lookaside pool (offline/lookaside.py) and page-sized buffers
# come from one reserved block (offline/page_cache_memory.py). The benchmark's
# diagnostic mode swaps this tuple in a separate process to show what memory security costs.
CIPHER_PRAGMAS: tuple[str, ...] = (
    "PRAGMA cipher_log_level = NONE",
    "PRAGMA cipher_memory_security = ON",
)
BUSY_TIMEOUT_S = 30.0
_process_lock = threading.Lock()
_process_ready = False


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
    existed = path.exists()
    if existed:
        _check_file_shape(path)
    elif not create:
        raise DatabaseNotFoundError(f"no offline store at {path.name}")
    else:
        ensure_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        make_private_file(path)
    prepare_process()
    # A new file is written in the current format; an existing one in whichever opens it.
    for cipher_format in FORMATS if existed else FORMATS[:1]:
        conn = _keyed(path, key, cipher_format)
        if conn is not None:
            break
    else:
        raise _classify_unreadable(path, key)
    try:
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


def _keyed(path: Path, key: DataKey, cipher_format: CipherFormat) -> Any | None:
    """A connection reading ``path`` with ``key`` in ``cipher_format``; None (nothing written,
    nothing left open) when the file's first page does not authenticate that way."""
    conn = sqlcipher3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S
    )
    try:
        # Before any statement (SQLite refuses while a slot is in use). Performance only: where
        # it cannot be done safely the connection is used as it is.
        enlarge_lookaside(conn, path, timeout=BUSY_TIMEOUT_S, slots=memory_budget().lookaside_slots)
        # The key must be the first statement; it is hex from os.urandom, never user text.
        conn.execute(f"PRAGMA key = {key.pragma_literal()}")
        for pragma in (*CIPHER_PRAGMAS, *cipher_format.pragmas):
            conn.execute(pragma)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            conn.close()
            return None
    except BaseException:
        conn.close()
        raise
    return conn


def prepare_process() -> None:
    """Once per process, before its first store connection: settle the memory budget, reserve
    the page-cache block it sizes, and turn memory security on.

    SQLite accepts a page-cache buffer only while no connection exists (offline/
    page_cache_memory.py), and every connection of this package opens through here, so the first
    call is the moment. The pragmas run on a scratch connection holding nothing, so memory
    security is already on when the first store connection allocates its lookaside pool.
    """
    global _process_ready  # noqa: PLW0603  (SQLite's configuration is process-wide)
    with _process_lock:
        if _process_ready:
            return
        reserve_page_cache(page_size=PAGE_SIZE, slots=memory_budget().page_cache_slots)
        scratch = sqlcipher3.connect(":memory:")
        try:
            for pragma in CIPHER_PRAGMAS:
                scratch.execute(pragma)
        finally:
            scratch.close()
        _process_ready = True


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
    budget = memory_budget()
    cache_kib = budget.reader_cache_kib if read_only else budget.writer_cache_kib
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise CorruptDatabaseError(f"the store could not switch to WAL (got {mode})")
    for pragma in (
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA secure_delete = ON",
        f"PRAGMA cache_size = -{cache_kib}",
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
    """Wrong key or damage? With the right key most pages still authenticate; with a wrong key
    none (``offline.cipher_format.key_authenticates``)."""
    with path.open("rb") as fh:
        head = fh.read(PAGE_SIZE * _PAGES_TO_PROBE)
    if len(head) < PAGE_SIZE:
        return CorruptDatabaseError(f"{path.name} is too short to be a store")
    if key_authenticates(head, key.raw()):
        return CorruptDatabaseError(
            f"{path.name} is damaged (its key is right but page 1 does not authenticate)"
        )
    return WrongDatabaseKeyError(f"the key does not open {path.name}")
