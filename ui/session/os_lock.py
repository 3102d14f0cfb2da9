"""Locks at once when the operating-system session locks: the watcher interface and logind.

``SessionLockWatcher`` is what the app wires (``os_locked`` -> lock, ``start()``, ``stop()``);
``ui.session.os_lock_platform.os_session_lock_watcher()`` picks the platform's: Windows session
notifications (``ui.session.os_lock_windows``) on Windows, logind here elsewhere.

PySide6-Essentials ships QtDBus, so on Linux this subscribes to the ``Lock`` signal of
``org.freedesktop.login1.Session`` on the system bus, for this process's session
(``/org/freedesktop/login1/session/auto``); screen lockers send it through logind
(``loginctl lock-session``). Where there is no system bus or no logind, ``start`` returns False
and the idle lock still applies.
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


class SessionLockWatcher(QObject):
    """Reports the operating-system session locking and unlocking; one per platform."""

    os_locked = Signal()
    os_unlocked = Signal()

    def start(self) -> bool:
        """Subscribe; False when the platform offers no session-lock notification."""
        raise NotImplementedError

    def stop(self) -> None:
        """Unsubscribe (idempotent)."""
        raise NotImplementedError


class OsSessionLockWatcher(SessionLockWatcher):
    """Emits ``os_locked`` when the OS session locks (Linux logind)."""

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
        self._connected = False

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
        self._connected = bool(locked and unlocked)
        return self._connected

    def stop(self) -> None:
        if not self._connected or self._bus is None:
            return
        self._connected = False
        for name, slot in (("Lock", "on_lock()"), ("Unlock", "on_unlock()")):
            self._bus.disconnect(  # type: ignore[call-overload]
                self._service, self._path, SESSION_INTERFACE, name, self, SLOT(slot)
            )

    @Slot()
    def on_lock(self) -> None:
        self.os_locked.emit()

    @Slot()
    def on_unlock(self) -> None:
        self.os_unlocked.emit()


def SLOT(signature: str) -> str:
    """Qt's SLOT() macro: the method signature prefixed with the slot code ``1``."""
    return f"1{signature}"
