"""The ctypes plumbing the Windows-only modules share: prototypes and the last Win32 error.

On 64-bit Windows there is one calling convention, so ``ctypes.CDLL`` reaches the system DLLs
as ``WinDLL`` would; ``use_last_error`` makes ctypes keep each call's ``GetLastError``.
"""

from __future__ import annotations

import ctypes
from typing import Any


def system_dll(name: str) -> ctypes.CDLL:
    """A Windows system library (``kernel32``, ``advapi32``) that keeps each call's error."""
    return ctypes.CDLL(name, use_last_error=True)


def prototype(function: Any, restype: Any, *argtypes: Any) -> Any:
    """``function`` with its C return and argument types declared; returns it."""
    function.restype = restype
    function.argtypes = list(argtypes)
    return function


def last_error() -> int:
    """The Win32 error code of this thread's last ctypes call into a :func:`system_dll`."""
    return int(getattr(ctypes, "get_last_error")())  # noqa: B009  (Windows-only in typeshed)
