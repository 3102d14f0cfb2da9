"""Which of the store's memory paths this machine takes, in words for ``doctor``.

Both are performance measures around SQLCipher's memory security (``offline.connection``): a
larger lookaside pool per connection (``offline.lookaside``) and one reserved block for page
buffers (``offline.page_cache_memory``). Each needs C functions the sqlcipher3 build may not
export (the win_amd64 wheel exports none), and then SQLite allocates as before: correct and
still memory-secure, only slower on bulk writes. IT should know which path a machine is on when
it compares sync times between machines.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import sqlcipher3

from offline import lookaside
from offline.connection import BUSY_TIMEOUT_S, prepare_process
from offline.memory_budget import memory_budget
from offline.page_cache_memory import page_cache_state


def memory_paths() -> list[str]:
    """One line each for the page-cache block and the lookaside pool: in use, or why not."""
    prepare_process()  # the block is reserved before the process's first connection
    state = page_cache_state()
    page_cache = state.detail if state is not None else "not attempted"
    return [f"page-cache block: {page_cache}", f"lookaside pool: {_lookaside()}"]


def _lookaside() -> str:
    if not lookaside.exported():
        return (
            "not used: this SQLCipher build does not export sqlite3_db_config, so small "
            "allocations go through SQLCipher's locking allocator"
        )
    slots = memory_budget().lookaside_slots
    with tempfile.TemporaryDirectory(prefix="pleiepunkt-doctor-") as scratch:
        path = Path(scratch) / "probe.db"  # empty: opened, never keyed or written
        conn = sqlcipher3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S
        )
        try:
            enlarged = lookaside.enlarge_lookaside(conn, path, timeout=BUSY_TIMEOUT_S, slots=slots)
        finally:
            conn.close()
    if not enlarged:
        return "not used: the connection's layout did not match sqlcipher3 0.6 (checked per open)"
    size_kib = slots * lookaside.SLOT_BYTES // 1024
    return f"{slots} slots of {lookaside.SLOT_BYTES} bytes ({size_kib} KiB) per connection"
