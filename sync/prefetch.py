"""One-ahead prefetch: the next item of an iterator is produced on a helper thread meanwhile.

The pull's sources are plain generators that fetch and parse one page per step. ``one_ahead``
runs each step on one helper thread and asks for the next step as soon as the current item is
handed to the caller, so the platform's work (and this process's parsing) overlaps the store
writes. At most one item is in flight beside the one the caller holds: memory stays flat.

A failure in a step is raised to the caller at the item where it happened, after every earlier
item was consumed, exactly as a plain loop would. When the caller stops early, the step in
flight is waited for and the source closed on the caller's thread.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar, cast

T = TypeVar("T")

_END = object()


def one_ahead(source: Iterator[T]) -> Generator[T, None, None]:
    """Yield ``source``'s items in order; the next one is computed while this one is used."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prefetch")
    pending: Future[object] | None = None
    try:
        pending = pool.submit(next, source, _END)
        while True:
            item = pending.result()
            pending = None
            if item is _END:
                return
            pending = pool.submit(next, source, _END)
            yield cast(T, item)
    finally:
        if pending is not None and not pending.cancel():
            # A generator cannot be closed while another thread runs it: let the step finish.
            pending.exception()
        pool.shutdown(wait=True)
        close = getattr(source, "close", None)
        if close is not None:
            close()
