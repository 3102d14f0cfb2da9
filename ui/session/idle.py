"""Locks after inactivity: an event filter on the application resets a timer on user input.

It measures input in this app only (ux_packaging.md §B.7), which is what protects our window.
The timeout comes from ``AUTO_LOCK_MINUTES`` (default 5, lockable by policy); ``timeout_ms``
exists for tests.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``minutes`` without keyboard, mouse or touch input."""

    idle = Signal()

    def __init__(
        self,
        app: QApplication,
        *,
        minutes: float = 5.0,
        timeout_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms if timeout_ms is not None else int(minutes * 60_000))
        self._timer.timeout.connect(self.idle)
        self._installed = False

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_minutes(self, minutes: float) -> None:
        """Change the timeout (a settings change); the count starts again."""
        self._timer.setInterval(int(minutes * 60_000))
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        """Start watching (after unlock or sign-in)."""
        if not self._installed:
            self._app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        """Stop watching (while locked: the lock screen needs no idle lock)."""
        self._timer.stop()
        if self._installed:
            self._app.removeEventFilter(self)
            self._installed = False

    def is_running(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False
