"""Background work has one shape: run a callable on a worker, get the result back on the GUI thread.

The GUI thread never waits on disk or network. A view asks the runner to execute a plain function
(a store query, a sync step) on the thread pool; exactly one of ``on_success`` or ``on_failure`` is
then called on the GUI thread through a queued Qt signal. This mirrors Anki's ``QueryOp``: one way
back to the GUI thread, so results never race with widgets being torn down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call across threads."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs store and sync work off the GUI thread and reports back on it."""

    def __init__(
        self, *, max_threads: int = 4, on_unhandled: FailureCallback | None = None
    ) -> None:
        super().__init__()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._on_unhandled = on_unhandled
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        *,
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
    ) -> None:
        """Schedule ``work``; its result or exception comes back through one callback."""
        relay = _Relay()
        self._relays.add(relay)

        @Slot(object)
        def succeeded(result: object) -> None:
            self._relays.discard(relay)
            if on_success is not None:
                on_success(result)

        @Slot(object)
        def failed(exc: object) -> None:
            self._relays.discard(relay)
            assert isinstance(exc, BaseException)
            handler = on_failure or self._on_unhandled
            if handler is None:
                log.error("background task failed: %s", type(exc).__name__)
            else:
                handler(exc)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self._pool.start(_Job(work, relay))

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until every scheduled job has finished (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)
