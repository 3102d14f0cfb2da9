"""Plain-Python events from the sync engine: ``listener(name, **payload)``.

Event names read ``subject_did_verb``; ``ui/`` turns them into Qt signals, ``main.py sync``
prints them. Emitted on the sync worker's thread:

- ``sync_did_start(trigger=str)``
- ``sync_status_changed(status=SyncStatus)``
- ``sync_progressed(phase=str, done=int, total=int | None)``; phases: ``push``, ``scope``,
  ``bootstrap``, ``pull``, ``deletes``, ``references``, ``purge``
- ``push_did_receive_answer(entries=int)``: the platform answered a bundle; the answer is not
  consolidated yet (the crash tests kill the process here)
- ``conflict_was_detected(resource_type=str, merged=bool)``
- ``sync_did_finish(summary=SyncSummary)``

A listener that raises is logged and otherwise ignored: a broken view must not stop a sync.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

Listener = Callable[..., None]


class EventHub:
    """A thread-safe list of listeners that every event is passed to in order."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(name, **payload)`` for every future event."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        """Stop calling ``listener``; unknown listeners are ignored."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def emit(self, name: str, **payload: Any) -> None:
        """Pass the event to every listener; a failing listener is logged, not propagated."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(name, **payload)
            except Exception:
                logger.exception("sync event listener failed on %s", name)
