"""Turns the core's plain-Python events into Qt signals delivered on the GUI thread, paced.

The sync engine and the store know nothing of Qt: they call listeners with an event name and keyword
arguments from whatever thread they run on. ``EventBridge`` is such a listener; it re-emits every
event as ``event_received(name, payload)`` on the GUI thread (Electrum's ``qt_event_listener``
pattern).

State events (``STATE_EVENTS``: the status and the progress) only say "this is how things are
now", and a large sync sends them far faster than anyone can read them; only the newest of each
matters. The bridge keeps the newest one of each and delivers at most one batch per
``min_interval_ms``: the first event after a quiet spell goes at once, later ones at the end of
the interval. So the GUI thread's share of a sync is bounded however fast the sync runs. Every
other event (start, finish, conflicts) is delivered at once, together with whatever state is
pending, in the order the core emitted them.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

STATE_EVENTS = frozenset({"sync_status_changed", "sync_progressed"})
DEFAULT_INTERVAL_MS = 250


class EventBridge(QObject):
    """A thread-safe listener whose single signal carries core events to widgets."""

    event_received = Signal(str, dict)
    _wake = Signal()

    def __init__(
        self, *, min_interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._interval_s = min_interval_ms / 1000
        self._lock = threading.Lock()
        self._queue: list[tuple[str, dict[str, Any]]] = []
        self._scheduled = False  # a wake is queued or the timer runs: state events just wait
        self._urgent = False  # an event that must not wait is queued
        self._last_flush = -math.inf
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        # Emitted from the core's thread, the wake is queued to the GUI thread where this lives.
        self._wake.connect(self._on_wake)

    def __call__(self, name: str, /, **payload: Any) -> None:
        state = name in STATE_EVENTS
        with self._lock:
            if state:
                self._queue = [queued for queued in self._queue if queued[0] != name]
            self._queue.append((name, payload))
            if (state and self._scheduled) or (not state and self._urgent):
                return
            self._scheduled = True
            self._urgent = self._urgent or not state
        self._wake.emit()

    def _on_wake(self) -> None:
        with self._lock:
            urgent = self._urgent
        wait_s = self._last_flush + self._interval_s - time.monotonic()
        if urgent or wait_s <= 0:
            self._flush()
        elif not self._timer.isActive():
            self._timer.start(math.ceil(wait_s * 1000))

    def _flush(self) -> None:
        self._timer.stop()
        with self._lock:
            batch, self._queue = self._queue, []
            self._scheduled = self._urgent = False
        if not batch:
            return
        self._last_flush = time.monotonic()
        for name, payload in batch:
            self.event_received.emit(name, payload)
