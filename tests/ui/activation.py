"""Making a window the active one in tests, robustly under load on the offscreen platform."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

ACTIVE_TIMEOUT_MS = 30_000
"""Generous: on a busy machine the activation event can take seconds to be processed."""


def wait_until_active(qtbot: QtBot, window: QWidget, *, timeout: int = ACTIVE_TIMEOUT_MS) -> None:
    """Wait until ``window`` is the application's active window, asking again while it is not.

    Window shortcuts (``Qt.WindowShortcut``) fire only in the active window. A window shown
    and closed by an earlier test can take the activation back when its hide is processed
    late, so a single ``activateWindow()`` is not enough; asking on every poll is.
    """

    def active() -> bool:
        if QApplication.activeWindow() is window:
            return True
        window.raise_()
        window.activateWindow()
        return False

    qtbot.waitUntil(active, timeout=timeout)
