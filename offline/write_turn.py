"""The nurse's writes go first: the window's process and its sync process take turns at the store.

Both processes write the same store file, each through its own connection; SQLite lets one
write transaction in at a time (WAL mode) and makes the other wait (its busy timeout). A wait
behind the sync is not the length of one of its transactions, though. SQLite's busy handler
sleeps between tries (1, 2, 5 ... up to 100 ms), and the sync begins its next transaction the
moment it commits the last one, so a nurse's save loses the race again and again: during a
2,000-patient sync on a busy two-core machine a save waited 3.2 s at p99 and 6.75 s at the
longest (``tests/bench/bench_bedside_during_sync.py``).

So the window counts its writes in progress in a shared integer (``BedsideTurn``: a
``multiprocessing.Value``, handed to the sync process when it is spawned), and the sync process
waits, before each write transaction, until no write of the window's is waiting or under way.
A save then waits at most for the sync transaction already running (a page of up to 1,000
records). Measured on a 300-patient sync beside another full test run (load 3-4 on two cores):
saves waited p99 1,046 ms and at most 1,135 ms before, p99 856 ms and at most 950 ms after; what
is left is that running transaction. The sync waits at most ``GIVE_WAY_AT_MOST_S`` each time,
so a window stuck in a write can slow the sync but never stop it; SQLite's locking, not this
turn, is what keeps the two writers safe.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

GIVE_WAY_AT_MOST_S: Final = 2.0
"""The longest the sync process waits for the window before one write (a save takes ms)."""
POLL_S: Final = 0.001
"""How often the waiting sync process looks again."""


class BedsideTurn:
    """How many of the window's writes are waiting or under way, shared with its sync process."""

    def __init__(self) -> None:
        self._writing: Any = multiprocessing.get_context("spawn").Value("i", 0)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """The window's side: hold it around a write (the wait for SQLite's lock included)."""
        with self._writing.get_lock():
            self._writing.value += 1
        try:
            yield
        finally:
            with self._writing.get_lock():
                self._writing.value -= 1

    def give_way(self) -> float:
        """The sync process's side: before a write transaction, wait until the window has no
        write waiting or under way (at most ``GIVE_WAY_AT_MOST_S``); returns the seconds waited."""
        if self._writing.value <= 0:
            return 0.0
        began = time.monotonic()
        deadline = began + GIVE_WAY_AT_MOST_S
        while self._writing.value > 0 and time.monotonic() < deadline:
            time.sleep(POLL_S)
        return time.monotonic() - began
