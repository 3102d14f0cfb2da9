"""The sync process's side of the pipe: a Run that follows the previous answer at once starts.

CI saw the window's next Run refused as "already running" after a cancel: the run's thread had
sent its answer but not yet returned. Here the thread is held just after the send, and the next
Run must start all the same.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from app.syncing.messages import Finished, Run, RunFailed
from app.syncing.sync_child import _SyncChild

TODAY = dt.date(2026, 11, 26)


class _Engine:
    def __init__(self) -> None:
        self.runs = 0

    def run(self, *, trigger: str, push_only: bool) -> str:
        self.runs += 1
        return f"{trigger} {self.runs}"

    def cancel(self) -> None:
        pass


class _Pipe:
    """Collects what the child sends; holds the first run's thread just after its answer."""

    def __init__(self) -> None:
        self.sent: list[object] = []
        self.answered = threading.Event()
        self.release = threading.Event()

    def send(self, message: object) -> None:
        self.sent.append(message)
        if threading.current_thread().name == "sync" and not self.answered.is_set():
            self.answered.set()
            self.release.wait(5)


def _child(pipe: _Pipe, engine: _Engine) -> _SyncChild:
    child = _SyncChild(pipe)  # type: ignore[arg-type]
    child._engine = engine  # type: ignore[assignment]
    return child


def test_the_next_run_starts_while_the_last_one_s_thread_is_still_returning() -> None:
    pipe, engine = _Pipe(), _Engine()
    child = _child(pipe, engine)
    child._start(Run("manual", TODAY))
    assert pipe.answered.wait(5)
    releaser = threading.Timer(0.2, pipe.release.set)
    releaser.start()
    child._start(Run("scheduled", TODAY))
    releaser.join()
    assert child._run is not None
    child._run.join(5)
    answers: list[Any] = [m for m in pipe.sent if isinstance(m, Finished | RunFailed)]
    assert answers == [Finished("manual 1"), Finished("scheduled 2")]


def test_a_run_while_one_is_under_way_is_refused() -> None:
    pipe, engine = _Pipe(), _Engine()
    started, go_on = threading.Event(), threading.Event()

    def slow_run(*, trigger: str, push_only: bool) -> str:
        started.set()
        go_on.wait(5)
        return trigger

    engine.run = slow_run  # type: ignore[method-assign]
    pipe.answered.set()  # nothing to hold here
    child = _child(pipe, engine)
    child._start(Run("manual", TODAY))
    assert started.wait(5)
    child._start(Run("scheduled", TODAY))
    go_on.set()
    assert child._run is not None
    child._run.join(5)
    assert pipe.sent == [
        RunFailed("error", "a sync is already running in this process"),
        Finished("manual"),
    ]
