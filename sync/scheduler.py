"""When to sync: at start, on reconnect, shortly after local writes, periodically, on demand.

``SyncScheduler`` owns one worker thread that runs ``engine.run`` (plain Python; the UI drives
it with method calls and listens to the engine's events). Requests arriving while a sync runs
are coalesced into one follow-up run. Local writes are debounced: a burst of writes gives one
sync ``debounce`` after the last of them. A failed run (offline) is retried with capped
exponential backoff that resets on success (PouchDB's rule); sign-in problems wait for a
``request``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol

from sync.summary import SyncOutcome, SyncSummary

logger = logging.getLogger(__name__)


DEBOUNCE = timedelta(seconds=1)
"""How long after a local write the sync starts (each new write moves it on). Short: a nurse's
record must reach the platform within seconds of saving (#21: 5 s at 150 ms round trips; the
run pushes first, two round trips). A burst of writes (a round of vital signs, a dose and its
note) still goes in one run."""


class Runnable(Protocol):
    """What the scheduler drives: ``SyncEngine`` (kept abstract so ``ui`` needs no HTTP)."""

    def run(self, *, trigger: str = ...) -> SyncSummary: ...

    def cancel(self) -> None: ...


class SyncScheduler:
    """Decides when ``engine`` runs; ``start()`` it once, ``stop()`` it on shutdown."""

    def __init__(
        self,
        engine: Runnable,
        *,
        periodic: timedelta = timedelta(minutes=10),
        debounce: timedelta = DEBOUNCE,
        retry_cap: timedelta = timedelta(minutes=15),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._periodic = periodic.total_seconds()
        self._debounce = debounce.total_seconds()
        self._retry_cap = retry_cap.total_seconds()
        self._now = monotonic
        self._cond = threading.Condition()
        self._due: float | None = None
        self._trigger = "periodic"
        self._failures = 0
        self._stopping = False
        self._running = False
        self._thread: threading.Thread | None = None
        self.last_summary: SyncSummary | None = None

    def start(self) -> None:
        """Start the worker and schedule the start-up sync."""
        with self._cond:
            if self._thread is not None:
                return
            self._stopping = False
            self._thread = threading.Thread(target=self._loop, name="sync-worker", daemon=True)
            self._schedule(0.0, "start")
        self._thread.start()

    def stop(self, *, timeout: float = 30.0) -> None:
        """Cancel a running sync, stop the worker and wait for it."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._engine.cancel()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)

    def request(self, trigger: str = "manual") -> None:
        """Sync as soon as possible (manual button, or a caller that knows better)."""
        with self._cond:
            self._failures = 0
            self._schedule(0.0, trigger)

    def local_write_happened(self) -> None:
        """A local change was recorded: sync ``debounce`` after the last of a burst."""
        with self._cond:
            self._due = self._now() + self._debounce
            self._trigger = "local-write"
            self._cond.notify_all()

    def connectivity_changed(self, *, online: bool) -> None:
        """The network came back (sync now) or went away (nothing to do)."""
        if online:
            self.request("reconnect")

    def cancel(self) -> None:
        """Cancel the running sync, if any; the schedule is kept."""
        self._engine.cancel()

    @property
    def running(self) -> bool:
        with self._cond:
            return self._running

    def _schedule(self, delay: float, trigger: str) -> None:
        due = self._now() + delay
        if self._due is None or due < self._due:
            self._due, self._trigger = due, trigger
        self._cond.notify_all()

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopping:
                    wait = None if self._due is None else self._due - self._now()
                    if wait is not None and wait <= 0:
                        break
                    self._cond.wait(wait)
                if self._stopping:
                    return
                trigger, self._due, self._running = self._trigger, None, True
            try:
                summary = self._engine.run(trigger=trigger)
            except Exception:
                logger.exception("sync run failed")
                summary = None
            with self._cond:
                self._running = False
                self.last_summary = summary
                self._after(summary)

    def _after(self, summary: SyncSummary | None) -> None:
        if summary is not None and summary.outcome in (SyncOutcome.OK, SyncOutcome.CANCELLED):
            self._failures = 0
            self._schedule(self._periodic, "periodic")
        elif summary is not None and summary.outcome is SyncOutcome.SIGN_IN_REQUIRED:
            self._schedule(self._periodic, "periodic")
        elif summary is not None and summary.outcome is SyncOutcome.BUSY:
            self._schedule(min(self._debounce, self._periodic), "retry")
        else:
            self._failures += 1
            delay = min(self._retry_cap, 30.0 * 2 ** (self._failures - 1))
            self._schedule(delay, "retry")
