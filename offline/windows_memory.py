"""Locking a block in physical memory on Windows: ``VirtualLock`` after raising the working set.

Windows' counterpart of ``mlock``. ``VirtualLock`` keeps pages in the process's working set and
out of the page file until they are unlocked or the process ends, but it locks no more than the
working set's minimum allows (by default a few hundred KiB), failing with
``ERROR_WORKING_SET_QUOTA`` beyond that. So the minimum and maximum are first raised by the
block's size (``SetProcessWorkingSetSize``; the "Increase a process working set" right, which
Windows grants to every user by default). No ``VirtualUnlock``: the block lives until the
process ends, when Windows releases both the lock and the pages.

A refusal at any step leaves the block unlocked and says so, as SQLCipher's own locking does:
the store stays correct; only the promise "never written to the page file" is not kept.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

from offline.win32 import last_error, prototype, system_dll

# Room for the pages the process already uses besides the block, so raising the minimum by the
# block's size does not squeeze everything else out of the working set.
_HEADROOM = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class LockResult:
    """Whether the block was locked, and if not, which call refused and its Windows error."""

    locked: bool
    detail: str


def lock_in_working_set(address: int, size: int) -> LockResult:
    """Raise the working set by ``size`` bytes, then ``VirtualLock`` them at ``address``."""
    kernel32 = system_dll("kernel32")
    process = prototype(kernel32.GetCurrentProcess, ctypes.c_void_p)()
    sizes = (ctypes.c_size_t, ctypes.c_size_t)
    get_size = prototype(
        kernel32.GetProcessWorkingSetSize, ctypes.c_int, ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_size_t),
    )  # fmt: skip
    set_size = prototype(kernel32.SetProcessWorkingSetSize, ctypes.c_int, ctypes.c_void_p, *sizes)
    virtual_lock = prototype(kernel32.VirtualLock, ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t)
    minimum, maximum = ctypes.c_size_t(), ctypes.c_size_t()
    if not get_size(process, ctypes.byref(minimum), ctypes.byref(maximum)):
        return LockResult(False, f"GetProcessWorkingSetSize refused ({_error()})")
    extra = size + _HEADROOM
    if not set_size(process, minimum.value + extra, max(maximum.value, minimum.value) + extra):
        return LockResult(False, f"SetProcessWorkingSetSize refused ({_error()})")
    if not virtual_lock(ctypes.c_void_p(address), size):
        return LockResult(False, f"VirtualLock refused ({_error()})")
    return LockResult(True, "VirtualLock, working set raised")


def _error() -> str:
    return f"Windows error {last_error()}"
