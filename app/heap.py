"""The window's process after a large read: its results out of the garbage collector's sight
(``settle``), and the heap the read freed given back to the system (``return_free_heap``).

``settle`` (stdlib ``gc`` only). A cyclic garbage collection runs with the GIL held, on whichever
thread allocated last, and a full one walks every tracked object: in the window's process, every
other thread waits for it, the GUI thread too. A home-care district's task list keeps some
100,000 objects for as long as it is shown and reads ten times that on the way; full collections
over them during and after the read stopped the window for 100-300 ms at a time on a busy machine
(bench_task_list_stall). ``settle`` is called between the chunks of such a read: it collects the
young generations (cheap: only what was made since the last collection, so short-lived cycles
are still freed) and then freezes everything alive (``gc.freeze``), so later collections skip it.
Frozen objects are still freed by reference counting the moment nothing refers to them, as a
shown list's rows are when it is replaced; only a reference cycle among them would outlive its
use, and the rows, tasks and FHIR dictionaries read have none. ``ui.app.tune_for_gui`` freezes
what start-up made in the same way.

``return_free_heap`` (glibc only; elsewhere nothing). A view's reads after a sync run on worker
threads and build many short-lived objects. Freed, the larger ones stay in glibc's per-thread
arenas: a later read reuses them, but the process's resident size keeps the high-water mark of
the largest read. ``malloc_trim`` hands the free pages of every arena back
(``madvise(MADV_DONTNEED)``), which glibc does only at the top of the main heap on its own.
Measured over half a 10,000-patient municipality (``tests/bench/bench_gui_stall.py
--over-store``, with and without ``--keep-heap``): 2-4 MB after the first reloads, small beside
what reading many records at once leaves in Python's own arenas (``offline`` ``each_of_type``).
Windows and macOS allocators return freed pages on their own terms and have no such call, and
musl has no ``malloc_trim``: there it does nothing and says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import threading
from collections.abc import Callable
from functools import cache

_trim_lock = threading.Lock()


def settle() -> None:
    """Collect the young generations, then keep everything alive out of later collections."""
    gc.collect(1)
    gc.freeze()


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
    with _trim_lock:  # two trims at once only wait for each other's arena locks
        trim(0)
    return True
