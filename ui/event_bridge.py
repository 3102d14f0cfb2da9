"""Turns the core's plain-Python events into Qt signals delivered on the GUI thread.

The sync engine and the store know nothing of Qt: they call listeners with an event name and keyword
arguments from whatever thread they run on. ``EventBridge`` is such a listener; it re-emits every
event as ``event_received(name, payload)``, which Qt queues to the GUI thread (Electrum's
``qt_event_listener`` pattern).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class EventBridge(QObject):
    """A thread-safe listener whose single signal carries core events to widgets."""

    event_received = Signal(str, dict)

    def __call__(self, name: str, /, **payload: Any) -> None:
        self.event_received.emit(name, payload)
