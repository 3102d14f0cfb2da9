"""Store connections get a lookaside pool large enough that per-row allocations skip SQLCipher's
locking allocator; the pool is only configured where the connection is confirmed to be ours."""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

import sqlcipher3

from offline import lookaside
from offline.connection import BUSY_TIMEOUT_S, connect
from offline.datakey import DataKey

_LOOKASIDE_HIT = 4
_LOOKASIDE_MISS_SIZE = 5
_LOOKASIDE_MISS_FULL = 6
_ROWS = 300


def _status(conn: Any, path: Path, op: int) -> int:
    """SQLite's high-water counter ``op`` (sqlite3_db_status) for ``conn``."""
    handle = lookaside.sqlite_handle(conn, path, timeout=BUSY_TIMEOUT_S)
    assert handle is not None
    library = ctypes.CDLL(sqlcipher3._sqlite3.__file__)
    current, highest = ctypes.c_int(), ctypes.c_int()
    rc = library.sqlite3_db_status(
        ctypes.c_void_p(handle), op, ctypes.byref(current), ctypes.byref(highest), 0
    )
    assert rc == 0
    return highest.value


def _write_rows(conn: Any) -> None:
    """Resource-sized text values (1.5 KB), as bulk loads bind them."""
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO t (body) VALUES (?)", [("x" * 1500,)] * _ROWS)
    conn.execute("COMMIT")


def _misses(conn: Any, path: Path) -> int:
    return _status(conn, path, _LOOKASIDE_MISS_SIZE) + _status(conn, path, _LOOKASIDE_MISS_FULL)


def _raw(path: Path, *, timeout: float = BUSY_TIMEOUT_S) -> Any:
    return sqlcipher3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=timeout
    )


def test_store_connection_serves_bound_values_from_the_pool(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    conn = connect(path, DataKey.generate(), create=True)
    try:
        _write_rows(conn)
        assert _misses(conn, path) == 0
        assert _status(conn, path, _LOOKASIDE_HIT) > _ROWS
    finally:
        conn.close()


def test_default_pool_overflows_on_the_same_writes(tmp_path: Path) -> None:
    """The reason for the larger pool: each of these values misses SQLite's default one."""
    path = tmp_path / "plain-pool.db"
    conn = _raw(path)
    try:
        _write_rows(conn)
        assert _misses(conn, path) >= _ROWS
    finally:
        conn.close()


def test_only_a_connection_confirmed_to_be_ours_is_changed(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other_timeout = _raw(path, timeout=5.0)
    try:
        assert lookaside.sqlite_handle(other_timeout, path, timeout=BUSY_TIMEOUT_S) is None
        assert not lookaside.enlarge_lookaside(other_timeout, path, timeout=BUSY_TIMEOUT_S)
    finally:
        other_timeout.close()
    conn = _raw(path)
    try:
        assert lookaside.sqlite_handle(conn, tmp_path / "elsewhere.db", timeout=30.0) is None
        assert lookaside.sqlite_handle(conn, path, timeout=BUSY_TIMEOUT_S) is not None
    finally:
        conn.close()


def test_pool_is_configured_before_any_statement_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "late.db"
    conn = _raw(path)
    try:
        assert lookaside.enlarge_lookaside(conn, path, timeout=BUSY_TIMEOUT_S)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # A prepared statement now holds pool slots; SQLite refuses to swap the pool under it.
        assert not lookaside.enlarge_lookaside(conn, path, timeout=BUSY_TIMEOUT_S)
    finally:
        conn.close()
