"""The window's sync in its own process, against the real platform and a real encrypted store.

The window's process keeps its own connection and records doses through the window's services
while the child syncs; the child is killed mid-sync, cancelled and stopped, and the store must
come out whole every time with every dose on the platform. The platform's latency switch keeps
each sync going for seconds, so there is a sync to kill or cancel.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.fhir_clients import PlatformAddress
from app.syncing.schedule import ProcessEngine
from app.syncing.sync_process import (
    ENDS_WITHIN_S,
    SyncProcess,
    SyncProcessDied,
    restart_delay,
)
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from sync import SyncOutcome, SyncScheduler, SyncStatus, SyncSummary
from tests.app.conftest import USER_ID
from tests.app.syncing.nurse import Nurse, active_request
from tests.platform.launcher import Platform
from tests.synthetic import generate

pytestmark = pytest.mark.integration

TODAY = dt.date(2026, 11, 26)
SLOW_MS = 60  # per platform request: a sync of the ward then takes several seconds


@pytest.fixture(scope="module")
def ward() -> list[dict[str, Any]]:
    return list(generate(patients=30, seed=23, reference_date=TODAY))


@pytest.fixture
def loaded(platform: Platform, ward: list[dict[str, Any]]) -> Platform:
    platform.load_ndjson(json.dumps(resource) for resource in ward)
    return platform


@pytest.fixture
def key() -> DataKey:
    return DataKey.generate()


@pytest.fixture
def store(tmp_path: Path, key: DataKey) -> Iterator[Store]:
    with Store.open(
        store_paths(USER_ID, directory=tmp_path), key, user=USER_ID, create=True
    ) as opened:
        yield opened


class Events:
    """The engine events the window would have received, in order (names and payloads)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, Any]]] = []
        self.pulling = threading.Event()
        self.finished_ok = threading.Event()

    def __call__(self, name: str, /, **payload: Any) -> None:
        self.seen.append((name, payload))
        # The members are known and the pull begins: with the platform slowed down, seconds of
        # work remain (a later phase may be the run's last request; a kill there races its end).
        if name == "sync_progressed" and payload.get("phase") == "scope":
            self.pulling.set()
        if name == "sync_did_finish" and payload["summary"].outcome is SyncOutcome.OK:
            self.finished_ok.set()

    def names(self) -> list[str]:
        return [name for name, _payload in self.seen]


def window_sync(store: Store, platform: Platform, events: Events | None = None) -> SyncProcess:
    return SyncProcess(
        store,
        user=store.user,
        platform=PlatformAddress(platform.fhir_base),
        signer=None,
        purpose="window",
        listener=events,
    )


def in_background(process: SyncProcess) -> tuple[threading.Thread, list[object]]:
    """``process.run`` on a thread (as the scheduler runs it); its summary or exception."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(process.run(trigger="test", today=TODAY))
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=run, name="scheduler")
    thread.start()
    return thread, outcome


def on_platform(platform: Platform, ids: list[str]) -> int:
    with httpx.Client(timeout=30) as http:
        return sum(
            http.get(f"{platform.fhir_base}/MedicationAdministration/{i}").status_code == 200
            for i in ids
        )


def process_is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (ProcessLookupError, FileNotFoundError):  # reaped meanwhile
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def test_the_sync_runs_in_its_own_process_and_reports_as_the_engine_does(
    loaded: Platform, store: Store, ward: list[dict[str, Any]]
) -> None:
    events = Events()
    process = window_sync(store, loaded, events)
    try:
        summary = process.run(trigger="start", today=TODAY)
        child = process.pid
    finally:
        process.stop()
    assert isinstance(summary, SyncSummary)
    assert summary.outcome is SyncOutcome.OK, summary.error
    assert child is not None
    assert child != os.getpid()
    names = events.names()
    assert names[0] == "sync_did_start"
    assert names[-1] == "sync_did_finish"
    assert "sync_progressed" in names
    statuses = [p["status"] for n, p in events.seen if n == "sync_status_changed"]
    assert statuses
    assert all(isinstance(status, SyncStatus) for status in statuses)
    assert events.seen[-1][1]["summary"] == summary
    # What the child wrote, the window's own connection reads.
    patients = {r["id"] for r in ward if r["resourceType"] == "Patient"}
    assert {r["id"] for r in store.resources_of_type("Patient")} == patients


def test_the_data_key_never_passes_through_argv_or_the_environment(
    store: Store, key: DataKey
) -> None:
    process = SyncProcess(
        store,
        user=store.user,
        platform=PlatformAddress("http://127.0.0.1:9/fhir/R4"),
        signer=None,
        purpose="push",
    )
    try:
        process.run(trigger="test", today=TODAY, push_only=True)  # the child has the store open
        started = [p for p in _children() if p != process.pid] + [process.pid]
        secret = bytes(key.raw())
        forms = [secret, secret.hex().encode(), secret.hex().upper().encode()]
        for pid in started:
            assert pid is not None
            for name in ("cmdline", "environ"):
                seen = Path(f"/proc/{pid}/{name}").read_bytes()
                assert seen, f"/proc/{pid}/{name} was read"
                assert not any(form in seen for form in forms), f"the key is in {pid}'s {name}"
        here = "\n".join(os.environ.values()).encode("utf-8", "surrogateescape")
        assert not any(form in here for form in forms)
    finally:
        process.stop()


def _children() -> list[int]:
    """Every live process this one started (the sync process, multiprocessing's tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid() and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def test_doses_recorded_while_the_sync_writes_are_all_saved_and_then_sent(
    loaded: Platform, store: Store, ward: list[dict[str, Any]]
) -> None:
    loaded.set_faults(latency_ms=SLOW_MS // 2)
    process = window_sync(store, loaded)
    try:
        with Nurse(store, active_request(ward)) as nurse:
            first = process.run(trigger="start", today=TODAY)
        assert first.outcome is SyncOutcome.OK, first.error
        assert nurse.failures == []
        assert len(nurse.saved) > 10, "doses were recorded while the sync ran"
        loaded.clear_faults()
        second = process.run(trigger="test", today=TODAY)
    finally:
        process.stop()
    assert second.outcome is SyncOutcome.OK, second.error
    assert store.outbox_status().pending == 0
    assert on_platform(loaded, nurse.saved) == len(nurse.saved)
    store.verify_integrity()


def test_a_killed_sync_process_is_restarted_and_nothing_the_nurse_recorded_is_lost(
    loaded: Platform, store: Store, ward: list[dict[str, Any]]
) -> None:
    loaded.set_faults(latency_ms=SLOW_MS)
    events = Events()
    process = window_sync(store, loaded, events)
    try:
        with Nurse(store, active_request(ward)) as nurse:
            thread, outcome = in_background(process)
            assert events.pulling.wait(60), "the sync reached its pull"
            victim = process.pid
            assert victim is not None
            os.kill(victim, signal.SIGKILL)
            thread.join(30)
            assert isinstance(outcome[0], SyncProcessDied)
            assert process.deaths == 1
            time.sleep(0.3)  # the nurse keeps recording while no sync runs
            loaded.clear_faults()
            waited = time.monotonic()
            again = process.run(trigger="retry", today=TODAY)
            assert time.monotonic() - waited >= restart_delay(1) - 0.5  # the backoff was kept
        assert nurse.failures == []
        assert process.pid not in (None, victim)
        assert again.outcome is SyncOutcome.OK, again.error
        assert process.deaths == 0
        last = process.run(trigger="test", today=TODAY)  # what she recorded after the restart
    finally:
        process.stop()
    assert last.outcome is SyncOutcome.OK, last.error
    assert store.outbox_status().pending == store.outbox_status().inflight == 0
    assert on_platform(loaded, nurse.saved) == len(nurse.saved)
    store.verify_integrity()


def test_a_crashed_sync_process_is_started_again_by_the_window_s_scheduler_after_a_backoff(
    loaded: Platform, store: Store
) -> None:
    # The window's composition (WorkstationSync): the scheduler drives the process; nobody asks
    # for the second run. A segmentation fault stands for a crash in the child's C code.
    loaded.set_faults(latency_ms=SLOW_MS)
    events = Events()
    process = window_sync(store, loaded, events)
    scheduler = SyncScheduler(
        ProcessEngine(process, today=lambda: TODAY),
        periodic=dt.timedelta(hours=1),
        retry_cap=dt.timedelta(seconds=2),  # the window's first retry waits 30 s
    )
    scheduler.start()
    try:
        assert events.pulling.wait(60), "the sync reached its pull"
        victim = process.pid
        assert victim is not None
        os.kill(victim, signal.SIGSEGV)
        loaded.clear_faults()
        assert events.finished_ok.wait(120), "the scheduler ran the sync again, to the end"
        restarted = process.pid
    finally:
        scheduler.stop()
        process.stop()
    assert restarted not in (None, victim)
    assert process_is_gone(victim)
    errors = [p["status"].last_error for n, p in events.seen if n == "sync_status_changed"]
    assert "the sync process stopped" in errors, "the window was told the sync stopped"
    finished = [p["summary"] for n, p in events.seen if n == "sync_did_finish"]
    assert [s.trigger for s in finished if s.outcome is SyncOutcome.OK] == ["retry"]
    assert store.outbox_status().inflight == 0
    store.verify_integrity()


def test_cancel_ends_the_running_sync_within_a_second_and_the_store_stays_whole(
    loaded: Platform, store: Store
) -> None:
    loaded.set_faults(latency_ms=SLOW_MS)
    events = Events()
    process = window_sync(store, loaded, events)
    try:
        thread, outcome = in_background(process)
        assert events.pulling.wait(60)
        asked = time.monotonic()
        process.cancel()
        thread.join(5)
        took = time.monotonic() - asked
        assert took < ENDS_WITHIN_S, f"cancel took {took:.2f} s"
        summary = outcome[0]
        assert isinstance(summary, SyncSummary)
        assert summary.outcome is SyncOutcome.CANCELLED
        assert events.names()[-1] == "sync_did_finish"
        store.verify_integrity()
        loaded.clear_faults()
        assert process.run(trigger="test", today=TODAY).outcome is SyncOutcome.OK
    finally:
        process.stop()


def test_stop_ends_the_sync_process_within_a_second(loaded: Platform, store: Store) -> None:
    loaded.set_faults(latency_ms=SLOW_MS)
    events = Events()
    process = window_sync(store, loaded, events)
    thread, outcome = in_background(process)
    assert events.pulling.wait(60)
    child = process.pid
    assert child is not None
    asked = time.monotonic()
    process.stop()
    took = time.monotonic() - asked
    thread.join(5)
    assert took < ENDS_WITHIN_S, f"stop took {took:.2f} s"
    assert process_is_gone(child)
    assert isinstance(outcome[0], SyncSummary)
    assert outcome[0].outcome is SyncOutcome.CANCELLED
    store.verify_integrity()
