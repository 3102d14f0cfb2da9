"""A larger lookaside pool per connection, so SQLite's small per-row allocations stay out of
SQLCipher's locking allocator.

Why: with ``cipher_memory_security`` on, every block SQLite takes from the system allocator is
mlocked and, when freed, wiped and munlocked (two system calls and a wipe). SQLite serves small
allocations (bound values, cursors, records) from a per-connection lookaside pool first, but the
default pool (48 KB) is held by the statements Python keeps prepared (they keep their last bound
values), so a bulk load made ~21 locking allocations per stored resource. A 2 MiB pool of 4 KiB
slots serves them instead: measured ~1.6 per resource, and the load's CPU time fell from ~4x
to ~1.5x that of plain SQLite (details in ``tests/bench/bench_store_municipality.py``).

Memory security still holds: the pool is one block from SQLCipher's allocator (allocated after
memory security is on, see ``offline.connection``), locked while the connection is open and wiped
when it closes. Slots are reused between statements without a wipe, as in SQLite's default pool
and its page cache, which holds decrypted pages the same way.

How: Python's sqlite3 API cannot configure lookaside, so this calls the C API
``sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, NULL, size, count)`` of the library sqlcipher3
bundles, through ctypes. The connection's ``sqlite3*`` is taken from the connection object only
after its layout is confirmed: the fields beside it must hold the arguments the connection was
opened with, and ``sqlite3_db_filename`` of the handle must be the file opened. When anything
does not match, or the library does not export the C API (builds that hide their symbols), the
connection is left as it is: correct, only slower on bulk writes.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import Any

import sqlcipher3

SLOT_BYTES = 4096
SLOTS = 512  # a bulk load's (offline.memory_budget); the window's process takes fewer
_SQLITE_DBCONFIG_LOOKASIDE = 1001

# pysqlite_Connection of sqlcipher3 0.6.x (x86-64/arm64): PyObject_HEAD, then these fields.
_DB = 16
_DETECT_TYPES = 24
_TIMEOUT = 32
_ISOLATION_LEVEL = 48
_BEGIN_STATEMENT = 56
_CHECK_SAME_THREAD = 64


class _Api:
    """The two C functions used here, or None where the library does not export them."""

    def __init__(self) -> None:
        library = ctypes.CDLL(sqlcipher3._sqlite3.__file__)
        self.db_config = library.sqlite3_db_config
        # Only the fixed arguments are declared, so ctypes passes the rest as C varargs
        # (which differs from fixed arguments on some ABIs, e.g. macOS arm64).
        self.db_config.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.db_config.restype = ctypes.c_int
        self.db_filename = library.sqlite3_db_filename
        self.db_filename.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        self.db_filename.restype = ctypes.c_char_p


def _load_api() -> _Api | None:
    try:
        return _Api()
    except (OSError, AttributeError):
        return None


_API = _load_api()


def exported() -> bool:
    """Whether the SQLCipher library exports the C functions this needs (the win_amd64 wheel
    of sqlcipher3 0.6.4 exports only ``PyInit__sqlite3``: there every connection keeps SQLite's
    default pool)."""
    return _API is not None


def enlarge_lookaside(
    conn: Any, path: Path, *, timeout: float, slot_bytes: int = SLOT_BYTES, slots: int = SLOTS
) -> bool:
    """Give ``conn`` (fresh from ``sqlcipher3.connect(str(path), isolation_level=None,
    check_same_thread=False, timeout=timeout)``, no statement run yet) a lookaside pool of
    ``slots`` x ``slot_bytes``; False (and ``conn`` unchanged) where that cannot be done safely.
    """
    handle = sqlite_handle(conn, path, timeout=timeout)
    if handle is None or _API is None:
        return False
    rc = _API.db_config(
        handle,
        _SQLITE_DBCONFIG_LOOKASIDE,
        ctypes.c_void_p(None),
        ctypes.c_int(slot_bytes),
        ctypes.c_int(slots),
    )
    return int(rc) == 0


def sqlite_handle(conn: Any, path: Path, *, timeout: float) -> int | None:
    """The ``sqlite3*`` of ``conn`` once its layout is confirmed (see the module docstring)."""
    if _API is None or type(conn) is not sqlcipher3.Connection:
        return None
    if type(conn).__basicsize__ < _CHECK_SAME_THREAD + ctypes.sizeof(ctypes.c_int):
        return None
    base = id(conn)
    fields_match = (
        ctypes.c_int.from_address(base + _DETECT_TYPES).value == 0
        and ctypes.c_double.from_address(base + _TIMEOUT).value == timeout
        and ctypes.c_void_p.from_address(base + _ISOLATION_LEVEL).value == id(None)
        and ctypes.c_void_p.from_address(base + _BEGIN_STATEMENT).value is None
        and ctypes.c_int.from_address(base + _CHECK_SAME_THREAD).value == 0
    )
    handle = ctypes.c_void_p.from_address(base + _DB).value
    if not fields_match or not handle:
        return None
    name = _API.db_filename(handle, b"main")
    if not name or os.path.realpath(os.fsdecode(name)) != os.path.realpath(path):
        return None
    return int(handle)
