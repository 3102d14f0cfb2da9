"""Locks at once when the Windows session locks, logs off or is disconnected (WTS notifications).

``WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION)`` makes Windows post
``WM_WTSSESSION_CHANGE`` to a window; a ``QAbstractNativeEventFilter`` on the application sees it
as a ``windows_generic_MSG`` (the message is a pointer to a ``MSG``). Lock, log-off and console
or remote disconnect all lock the app; unlock only reports it (the PIN is still required).

The window is a hidden native widget the watcher owns, not the main window: a user switch
replaces the main window, and the registration must outlive it. ``stop`` unregisters and
removes the filter. wtsapi32 is reached through ctypes only on Windows; elsewhere ``start``
returns False and nothing is installed (the logind watcher serves Linux).
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Final, Protocol

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QObject
from PySide6.QtWidgets import QApplication, QWidget

from ui.session.os_lock import SessionLockWatcher

log = logging.getLogger(__name__)

WINDOWS_GENERIC_MSG: Final = b"windows_generic_MSG"
WM_WTSSESSION_CHANGE: Final = 0x02B1
WTS_CONSOLE_DISCONNECT: Final = 0x2
WTS_REMOTE_DISCONNECT: Final = 0x4
WTS_SESSION_LOGOFF: Final = 0x6
WTS_SESSION_LOCK: Final = 0x7
WTS_SESSION_UNLOCK: Final = 0x8
NOTIFY_FOR_THIS_SESSION: Final = 0
# Every change after which someone else may be at the screen locks the app.
LOCKING_CHANGES: Final = frozenset(
    {WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT, WTS_SESSION_LOGOFF, WTS_SESSION_LOCK}
)


class MSG(ctypes.Structure):
    """The head of the Win32 ``MSG`` structure, laid out as on Windows (32 and 64 bit)."""

    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint32),
        ("wParam", ctypes.c_size_t),  # WPARAM = UINT_PTR
        ("lParam", ctypes.c_ssize_t),  # LPARAM = LONG_PTR
        ("time", ctypes.c_uint32),
        ("pt_x", ctypes.c_int32),
        ("pt_y", ctypes.c_int32),
    )


class WtsApi(Protocol):
    """The two wtsapi32 calls the watcher needs."""

    def register(self, hwnd: int) -> bool:
        """``WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION)``."""
        ...

    def unregister(self, hwnd: int) -> None:
        """``WTSUnRegisterSessionNotification(hwnd)``."""
        ...


class WtsSessionFilter(QAbstractNativeEventFilter):
    """Calls ``on_lock`` / ``on_unlock`` for ``WM_WTSSESSION_CHANGE``; never swallows a message."""

    def __init__(
        self,
        *,
        on_lock: Callable[[], None],
        on_unlock: Callable[[], None],
        hwnd: int | None = None,
    ) -> None:
        super().__init__()
        self._on_lock = on_lock
        self._on_unlock = on_unlock
        self._hwnd = hwnd

    def nativeEventFilter(
        self, eventType: QByteArray | bytes | bytearray | memoryview, message: int, /
    ) -> object:
        kind = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
        if kind != WINDOWS_GENERIC_MSG or not message:
            return False, 0
        msg = MSG.from_address(int(message))
        if msg.message != WM_WTSSESSION_CHANGE:
            return False, 0
        if self._hwnd is not None and (msg.hwnd or 0) != self._hwnd:
            return False, 0
        if msg.wParam in LOCKING_CHANGES:
            log.info("Windows session change %d: locking", msg.wParam)
            self._on_lock()
        elif msg.wParam == WTS_SESSION_UNLOCK:
            self._on_unlock()
        return False, 0


class WindowsSessionLockWatcher(SessionLockWatcher):
    """Emits ``os_locked`` when the Windows session locks, logs off or disconnects."""

    def __init__(self, *, api: WtsApi | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._api = api if api is not None else wtsapi32()
        self._widget: QWidget | None = None
        self._hwnd: int | None = None
        self._filter: WtsSessionFilter | None = None

    def start(self) -> bool:
        """Register for session notifications; False where Windows does not provide them."""
        app = QApplication.instance()
        if self._api is None or not isinstance(app, QApplication):
            return False
        if self._filter is not None:
            return True
        widget = QWidget()  # hidden; winId() gives it a native handle without showing it
        hwnd = int(widget.winId())
        if not self._api.register(hwnd):
            log.warning("WTSRegisterSessionNotification failed: OS session lock is not followed")
            widget.deleteLater()
            return False
        self._widget, self._hwnd = widget, hwnd
        self._filter = WtsSessionFilter(
            on_lock=self.os_locked.emit, on_unlock=self.os_unlocked.emit, hwnd=hwnd
        )
        app.installNativeEventFilter(self._filter)
        return True

    def stop(self) -> None:
        """Unregister and remove the filter (idempotent)."""
        session_filter, self._filter = self._filter, None
        app = QApplication.instance()
        if session_filter is not None and app is not None:
            app.removeNativeEventFilter(session_filter)
        if self._hwnd is not None and self._api is not None:
            self._api.unregister(self._hwnd)
        self._hwnd = None
        widget, self._widget = self._widget, None
        if widget is not None:
            widget.deleteLater()

    @property
    def native_filter(self) -> WtsSessionFilter | None:
        """The installed filter (for tests that feed it messages)."""
        return self._filter

    @property
    def hwnd(self) -> int | None:
        return self._hwnd


if sys.platform == "win32":
    from ctypes import wintypes

    class _Wtsapi32:
        """The real calls (loaded once per watcher; errors logged by code, never raised)."""

        def __init__(self) -> None:
            dll = ctypes.WinDLL("wtsapi32", use_last_error=True)
            self._register = dll.WTSRegisterSessionNotification
            self._register.argtypes = (wintypes.HWND, wintypes.DWORD)
            self._register.restype = wintypes.BOOL
            self._unregister = dll.WTSUnRegisterSessionNotification
            self._unregister.argtypes = (wintypes.HWND,)
            self._unregister.restype = wintypes.BOOL

        def register(self, hwnd: int) -> bool:
            if self._register(hwnd, NOTIFY_FOR_THIS_SESSION):
                return True
            log.warning("WTSRegisterSessionNotification: error %d", ctypes.get_last_error())
            return False

        def unregister(self, hwnd: int) -> None:
            if not self._unregister(hwnd):
                log.info("WTSUnRegisterSessionNotification: error %d", ctypes.get_last_error())

    def wtsapi32() -> WtsApi | None:
        """wtsapi32.dll through ctypes."""
        return _Wtsapi32()

else:

    def wtsapi32() -> WtsApi | None:
        """No session notifications outside Windows."""
        return None
