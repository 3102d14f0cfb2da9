"""Giving the heap that large reads freed back to the system (glibc only; elsewhere nothing).

Why: a view's reads after a sync run on worker threads and build many short-lived objects (a
place's patients and their critical resources, each as parsed JSON). Freed, most of that memory
stays in glibc's per-thread arenas: a later read reuses it, but the process's resident size
keeps the high-water mark of the largest read for as long as the app is open. ``malloc_trim``
hands the free pages of every arena back (``madvise(MADV_DONTNEED)``), which glibc does only at
the top of the main heap on its own. Measured over a 10,000-patient store by
``tests/bench/bench_gui_stall.py --over-store``.

Windows and macOS allocators return freed pages on their own terms and have no such call, and
musl has no ``malloc_trim``: there this does nothing and says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading
from collections.abc import Callable
from functools import cache

_lock = threading.Lock()


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # no C library found, or not glibc (musl)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def return_free_heap() -> bool:
    """Return the C heap's free pages to the system; False where the allocator cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    with _lock:  # two trims at once only wait for each other's arena locks
        trim(0)
    return True
