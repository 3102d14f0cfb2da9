"""What the window's process accepts from its sync process: the listed values, nothing else."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import PurePosixPath

import pytest

from app.syncing.messages import Event, Finished, LogLine, from_child
from app.syncing.sync_process import interrupted
from sync import Connectivity, SyncOutcome, SyncStatus

AT = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
STATUS = SyncStatus(Connectivity.ONLINE, 2, 0, 1, AT, None)


def test_the_engine_s_events_and_summaries_come_through_whole() -> None:
    summary = interrupted("manual", started=AT, status=STATUS)
    for message in (
        Event("sync_status_changed", {"status": STATUS}),
        Event("sync_progressed", {"phase": "pull", "done": 3, "total": None}),
        Finished(summary),
        LogLine(30, "sync.pull", "page retried"),
    ):
        assert from_child(pickle.dumps(message)) == message
    assert summary.outcome is SyncOutcome.CANCELLED


class _Sneaky:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("true",))


@pytest.mark.parametrize(
    "message",
    [_Sneaky(), Event("sync_did_finish", {"summary": _Sneaky()}), PurePosixPath("x")],
    ids=["a callable", "one inside an event", "an unlisted class"],
)
def test_anything_else_is_refused_before_it_is_built(message: object) -> None:
    with pytest.raises(pickle.UnpicklingError):
        from_child(pickle.dumps(message))
