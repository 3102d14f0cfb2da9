"""One locked block of memory for SQLite's page-sized buffers, so they stay out of SQLCipher's
locking allocator.

Why: with ``cipher_memory_security`` on, every block SQLite takes from the heap is mlocked, and
when freed it is filled with random bytes and munlocked: two system calls, VMA bookkeeping in
the kernel and a page-sized fill. After the larger lookaside pool (``offline.lookaside``), most
of what is left on a bulk load are page-sized buffers: the page cache's pages and the temporary
page copy SQLite makes each time a B-tree page splits (measured on 300 patients: 54 % of the
remaining locking allocations). SQLite serves both from an application-provided buffer when one
is configured (``SQLITE_CONFIG_PAGECACHE``). Measured at 2,000 and 10,000 patients, it takes the
encrypted bulk load from about 1.5x to about 1.4x plain SQLite (``tests/bench/
bench_store_municipality.py``).

Memory security still holds for this block as it does for the lookaside pool: it is locked once
(``mlock``, where the operating system allows it, so it is not swapped out; SQLCipher's own
locking is best-effort in the same way), and it is never returned to the heap, so no other
allocation ever receives a page that held decrypted data. Slots are reused without a wipe, as the
page cache reuses its pages.

How: SQLite accepts the buffer only before it is initialised, and sqlcipher3 initialises it when
imported, so this shuts SQLite down, configures the buffer and initialises it again. That is only
safe while no connection is open, which is why ``offline.connection`` does it just before the
process's first connection (``prepare_process``), sized by the process's memory budget
(``offline.memory_budget``: a small block in the window's process, this full one in a sync's).
Where the library does not export the C API, or refuses the buffer, SQLite allocates as before:
correct, only slower on bulk writes.

Windows: the sqlcipher3 wheel for win_amd64 (0.6.4) links SQLCipher statically into its ``.pyd``
and exports only ``PyInit__sqlite3``, so there is no ``sqlite3_config`` to call and the block is
never made: SQLCipher locks (``VirtualLock``) and wipes each allocation itself, as it does on
every platform for what the block does not serve. Should a build export it, the block is locked
with ``VirtualLock`` after the working set is raised (``offline.windows_memory``). ``doctor``
prints which of these happened (:func:`page_cache_state`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from dataclasses import dataclass

import sqlcipher3

SLOTS = 16384  # ~72 MB of 4 KiB pages: a bulk writer's page cache (64 MiB) and then some
_SQLITE_CONFIG_PAGECACHE = 7
_SQLITE_CONFIG_PCACHE_HDRSZ = 24
_SQLITE_OK = 0


@dataclass(frozen=True, slots=True)
class PageCacheState:
    """What :func:`reserve_page_cache` did in this process, in words for ``doctor``."""

    reserved: bool
    locked: bool
    detail: str


_STATE: PageCacheState | None = None


def reserve_page_cache(*, page_size: int, slots: int = SLOTS) -> bool:
    """Give SQLite ``slots`` page-cache slots for ``page_size``-byte pages, locked in memory;
    False where that cannot be done (SQLite then allocates as before). Call before the process
    opens its first SQLCipher connection; later calls return the first call's answer."""
    global _STATE  # noqa: PLW0603  (SQLite's configuration is process-wide, and so is this)
    if _STATE is None:
        _STATE = _reserve(page_size=page_size, slots=slots)
    return _STATE.reserved


def page_cache_state() -> PageCacheState | None:
    """What the reservation did (None before the process's first store connection)."""
    return _STATE


def _reserve(*, page_size: int, slots: int) -> PageCacheState:
    try:
        library = ctypes.CDLL(sqlcipher3._sqlite3.__file__)
        config = library.sqlite3_config
        shutdown, initialize = library.sqlite3_shutdown, library.sqlite3_initialize
    except (OSError, AttributeError):
        return PageCacheState(
            reserved=False,
            locked=False,
            detail="not used: this SQLCipher build does not export sqlite3_config, so SQLite "
            "allocates page buffers through SQLCipher's locking allocator",
        )
    # Only the fixed argument is declared; the rest go as C varargs (see offline.lookaside).
    config.argtypes = [ctypes.c_int]
    config.restype = shutdown.restype = initialize.restype = ctypes.c_int
    header = ctypes.c_int(0)
    if config(_SQLITE_CONFIG_PCACHE_HDRSZ, ctypes.byref(header)) != _SQLITE_OK:
        return PageCacheState(False, False, "not used: SQLite refused SQLITE_CONFIG_PCACHE_HDRSZ")
    slot_bytes = (page_size + header.value + 7) // 8 * 8
    block, locked, how = _permanent_block(slot_bytes * slots)
    if shutdown() != _SQLITE_OK:
        return PageCacheState(False, False, "not used: SQLite could not be shut down to take it")
    configured = config(
        _SQLITE_CONFIG_PAGECACHE,
        ctypes.c_void_p(block),
        ctypes.c_int(slot_bytes),
        ctypes.c_int(slots),
    )
    if initialize() != _SQLITE_OK:
        raise RuntimeError("SQLite could not be initialised again after configuring its page cache")
    if configured != _SQLITE_OK:
        return PageCacheState(False, False, "not used: SQLite refused SQLITE_CONFIG_PAGECACHE")
    size_mib = slot_bytes * slots / 1_048_576
    return PageCacheState(
        reserved=True,
        locked=locked,
        detail=f"{slots} slots of {slot_bytes} bytes ({size_mib:.0f} MiB), "
        + (f"locked in memory ({how})" if locked else f"NOT locked in memory ({how})"),
    )


def _permanent_block(size: int) -> tuple[int, bool, str]:
    """The address of ``size`` zeroed bytes that are never freed, locked in memory if allowed,
    whether they were locked, and how (or why not).

    Never freed: SQLite holds on to the buffer until the process ends, and connections may still
    be closed while Python finalises its modules, so the owning object is given an extra reference
    that nothing ever drops.
    """
    buffer = ctypes.create_string_buffer(size)
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(buffer))
    address = ctypes.addressof(buffer)
    locked, how = _lock_in_memory(address, size)
    return address, locked, how


def _lock_in_memory(address: int, size: int) -> tuple[bool, str]:
    """Lock the block: ``VirtualLock`` on Windows, ``mlock`` where the C library has it. A
    refusal (e.g. RLIMIT_MEMLOCK for a normal Linux user) leaves it unlocked, as SQLCipher's own
    locking does."""
    if sys.platform == "win32":
        from offline.windows_memory import lock_in_working_set  # noqa: PLC0415  (Windows only)

        result = lock_in_working_set(address, size)
        return result.locked, result.detail
    name = ctypes.util.find_library("c")
    if name is None:
        return False, "no C library with mlock"
    try:
        mlock = ctypes.CDLL(name).mlock
    except (OSError, AttributeError):
        return False, "no C library with mlock"
    mlock.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    mlock.restype = ctypes.c_int
    if mlock(ctypes.c_void_p(address), ctypes.c_size_t(size)) != 0:
        return False, "mlock refused: raise the memlock limit (ulimit -l) to lock it"
    return True, "mlock"
