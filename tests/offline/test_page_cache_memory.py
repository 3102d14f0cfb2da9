"""SQLite's page-sized buffers come from the one block ``offline.page_cache_memory`` reserves, not
from SQLCipher's locking allocator; the store works on it as before."""

from __future__ import annotations

import ctypes
from pathlib import Path

import sqlcipher3

from offline import connection
from offline.datakey import DataKey
from offline.page_cache_memory import page_cache_state

_STATUS_PAGECACHE_USED = 1
_STATUS_PAGECACHE_OVERFLOW = 2
_ROWS = 2000


def _status(op: int) -> tuple[int, int]:
    """SQLite's process-wide (current, highest) counter ``op`` (sqlite3_status)."""
    library = ctypes.CDLL(sqlcipher3._sqlite3.__file__)
    current, highest = ctypes.c_int(), ctypes.c_int()
    assert library.sqlite3_status(op, ctypes.byref(current), ctypes.byref(highest), 0) == 0
    return current.value, highest.value


def test_the_block_is_reserved_before_the_first_connection() -> None:
    # Fails rather than skips: on this platform the reservation must work, or the bulk load
    # falls back to locking every page-sized buffer (tests/bench/bench_store_municipality.py).
    connection.prepare_process()
    state = page_cache_state()
    assert state is not None
    assert state.reserved


def test_store_pages_and_split_copies_are_served_from_the_block(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    key = DataKey.generate()
    conn = connection.connect(path, key, create=True)
    try:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, body TEXT)")
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO t (k, body) VALUES (?, ?)",
            [(f"{(i * 7919) % _ROWS:08d}", "x" * 500) for i in range(_ROWS)],
        )
        conn.execute("COMMIT")
        slots_in_use, _highest = _status(_STATUS_PAGECACHE_USED)
        assert slots_in_use > 100  # the cache's pages (and, while splitting, the copies)
    finally:
        conn.close()
    again = connection.connect(path, key, integrity="full")
    try:
        assert again.execute("SELECT count(*) FROM t").fetchone()[0] == _ROWS
    finally:
        again.close()
