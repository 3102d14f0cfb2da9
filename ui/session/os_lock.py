"""Locks at once when the operating-system session locks (logind on Linux, via QtDBus).

PySide6-Essentials ships QtDBus, so on Linux this subscribes to the ``Lock`` signal of
``org.freedesktop.login1.Session`` on the system bus, for this process's session
(``/org/freedesktop/login1/session/auto``); screen lockers send it through logind
(``loginctl lock-session``). Where there is no system bus or no logind, ``start`` returns False
and the idle lock still applies.

Windows (``WTSRegisterSessionNotification`` + ``WM_WTSSESSION_CHANGE``) is not implemented
yet: it needs a native event filter on the main window's handle.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

LOGIND_SERVICE = "org.freedesktop.login1"
SESSION_INTERFACE = "org.freedesktop.login1.Session"
AUTO_SESSION_PATH = "/org/freedesktop/login1/session/auto"


class OsSessionLockWatcher(QObject):
    """Emits ``os_locked`` when the OS session locks (Linux logind)."""

    os_locked = Signal()
    os_unlocked = Signal()

    def __init__(
        self,
        *,
        bus: QDBusConnection | None = None,
        service: str = LOGIND_SERVICE,
        path: str = AUTO_SESSION_PATH,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._service = service
        self._path = path

    def start(self) -> bool:
        """Subscribe; False when the platform offers no session-lock notification."""
        if self._bus is None:
            if not sys.platform.startswith("linux"):
                return False
            self._bus = QDBusConnection.systemBus()
        if not self._bus.isConnected():
            log.info("no D-Bus system bus: OS session lock is not followed")
            return False
        # The stubs say bytes for the slot; PySide6 6.11 accepts only the str form at run time.
        locked = self._bus.connect(  # type: ignore[call-overload]
            self._service, self._path, SESSION_INTERFACE, "Lock", self, SLOT("on_lock()")
        )
        unlocked = self._bus.connect(  # type: ignore[call-overload]
            self._service, self._path, SESSION_INTERFACE, "Unlock", self, SLOT("on_unlock()")
        )
        return bool(locked and unlocked)

    @Slot()
    def on_lock(self) -> None:
        self.os_locked.emit()

    @Slot()
    def on_unlock(self) -> None:
        self.os_unlocked.emit()


def SLOT(signature: str) -> str:
    """Qt's SLOT() macro: the method signature prefixed with the slot code ``1``."""
    return f"1{signature}"
