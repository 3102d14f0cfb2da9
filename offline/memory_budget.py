"""How much memory one process gives its store connections: a window's reads, or a sync's bulk load.

Three sizes are process-wide decisions: the locked page-cache block (``offline.page_cache_memory``),
each connection's page cache (``PRAGMA cache_size``) and its lookaside pool (``offline.lookaside``).
A process chooses its budget once, before its first store connection (``choose_memory_budget``);
the first connection settles it (``memory_budget``), and a later, different choice is refused.

- ``WINDOW_MEMORY`` (the default): the window's process reads what one view shows and writes
  what one nurse records. Since the sync runs in a child process (``app.syncing``), nothing
  bulk-loads here, and every mlocked megabyte is a megabyte of a ward PC's memory for as long
  as the app is open: a small block, small caches.
- ``BULK_MEMORY``: a process that loads a municipality (the window's sync process,
  ``pleiepunkt sync``, the benchmarks). The sizes measured for the bulk load (see
  ``offline.page_cache_memory`` and ``offline.lookaside``): 16,384 slots (~72 MB) of page
  buffers, 64 MiB of cache per connection, 2 MiB of lookaside per connection; a 10,000-patient
  sync then stays under its 300 MB budget.

Stdlib only, so a process can choose before anything loads SQLCipher.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MemoryBudget:
    """The store's memory sizes for one kind of process."""

    name: str
    page_cache_slots: int
    """Slots of the locked page-cache block (one page each)."""
    writer_cache_kib: int
    """``cache_size`` of the writer connection, in KiB."""
    reader_cache_kib: int
    """``cache_size`` of each read-only connection, in KiB."""
    lookaside_slots: int
    """4 KiB lookaside slots per connection."""


WINDOW_MEMORY = MemoryBudget(
    "window",
    # The writer's 8 MiB cache fits (a view's reads touch a few hundred pages at most); the
    # index pages of a 10,000-patient store's lists stay cached.
    page_cache_slots=2048,
    writer_cache_kib=8192,
    reader_cache_kib=8192,
    lookaside_slots=256,
)
BULK_MEMORY = MemoryBudget(
    "bulk",
    page_cache_slots=16384,
    writer_cache_kib=65536,
    reader_cache_kib=65536,
    lookaside_slots=512,
)

_lock = threading.Lock()
_chosen: MemoryBudget | None = None
_settled = False


class MemoryBudgetSettled(RuntimeError):
    """A different budget was chosen after the process's first store connection."""


def choose_memory_budget(budget: MemoryBudget) -> None:
    """Use ``budget`` in this process; call before the first store connection opens."""
    global _chosen  # noqa: PLW0603  (SQLite's memory configuration is process-wide)
    with _lock:
        settled = _chosen or WINDOW_MEMORY
        if _settled and budget != settled:
            raise MemoryBudgetSettled(
                f"the store's memory budget was settled as {settled.name!r} by the first "
                "connection; choose it before opening a store"
            )
        _chosen = budget


def memory_budget() -> MemoryBudget:
    """This process's budget, settled from now on (``offline.connection`` calls this first)."""
    global _settled  # noqa: PLW0603
    with _lock:
        _settled = True
        return _chosen or WINDOW_MEMORY
