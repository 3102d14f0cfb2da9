"""Running syncs: one at a time across processes, cancel, triggers and debounce, status events."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from client import FhirClient
from offline.store import Store
from sync import SyncOutcome, SyncScheduler, SyncScope, SyncStatus
from tests.platform.launcher import Platform
from tests.sync.helpers import make_engine
from tests.sync.world import new_patient

HOLD_LOCK = (
    "import sys, time; from pathlib import Path; from sync.lock import SyncLock\n"
    "lock = SyncLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True); "
    "sys.stdin.read()"
)


def test_a_second_process_cannot_sync_at_the_same_time(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    engine = make_engine(store, client, SyncScope(patients=("p1",)), data_dir)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_dir / "sync.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        assert engine.run().outcome is SyncOutcome.BUSY
    finally:
        holder.communicate(timeout=10)
    assert engine.run().ok


def test_cancel_stops_the_run_and_keeps_the_outbox(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    pat = store.create(new_patient(21))
    engine = make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir)
    engine.add_listener(lambda name, **_: engine.cancel() if name == "sync_did_start" else None)
    summary = engine.run()
    assert summary.outcome is SyncOutcome.CANCELLED
    assert store.outbox_status().pending == 1


def test_status_events_report_counts(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    pat = store.create(new_patient(22))
    engine = make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir)
    events: list[tuple[str, dict[str, Any]]] = []
    engine.add_listener(lambda name, **payload: events.append((name, payload)))
    engine.run()
    statuses = [p["status"] for n, p in events if n == "sync_status_changed"]
    assert all(isinstance(s, SyncStatus) for s in statuses)
    assert statuses[0].connectivity == "syncing"
    assert statuses[0].pending_changes == 1
    assert statuses[-1].connectivity == "online"
    assert statuses[-1].pending_changes == 0
    assert statuses[-1].last_success_at is not None
    phases = {p["phase"] for n, p in events if n == "sync_progressed"}
    assert {"push", "scope", "bootstrap"} <= phases
    assert events[-1][0] == "sync_did_finish"


def test_scheduler_runs_at_start_debounces_writes_and_obeys_requests(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    engine = make_engine(store, client, SyncScope(patients=("p1",)), data_dir)
    triggers: list[str] = []
    engine.add_listener(
        lambda name, **p: triggers.append(p["trigger"]) if name == "sync_did_start" else None
    )
    scheduler = SyncScheduler(
        engine, periodic=timedelta(hours=1), debounce=timedelta(milliseconds=300)
    )
    scheduler.start()
    try:
        _wait_for(lambda: len(triggers) == 1 and not scheduler.running)
        for _ in range(5):
            scheduler.local_write_happened()
            time.sleep(0.05)
        _wait_for(lambda: len(triggers) == 2 and not scheduler.running)
        time.sleep(0.5)
        assert triggers == ["start", "local-write"]
        scheduler.connectivity_changed(online=True)
        _wait_for(lambda: len(triggers) == 3)
        assert triggers[-1] == "reconnect"
    finally:
        scheduler.stop()
    assert scheduler.last_summary is not None


def _wait_for(condition: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_push_only_run_sends_the_outbox_and_pulls_nothing(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    pat = store.create(new_patient(24))
    engine = make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir)
    summary = engine.run(trigger="drain", push_only=True)
    assert (summary.outcome, summary.pushed, summary.pages, summary.pulled) == (
        SyncOutcome.OK,
        1,
        0,
        0,
    )
    assert store.outbox_status().pending == 0
    # Not a sync of the scope: the last successful sync stays unset until a full run.
    assert engine.status().last_success_at is None
    assert engine.run().ok
    assert engine.status().last_success_at is not None
