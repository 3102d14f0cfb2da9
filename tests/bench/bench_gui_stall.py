"""Benchmark: the longest GUI-thread stall while a full sync runs behind the real main window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_gui_stall.py [--patients 2000]

Starts the local platform with ``generate(patients=N)``, opens a fresh encrypted store and builds
the main window exactly as ``main.py`` does (``build_workbench`` with an ``EventBridge``), shows it
offscreen and runs ``app.exec()``-style event loops. A 5 ms precise ``QTimer`` on the GUI thread
records how late each tick fires (the stall), while the search box gets a keystroke every 200 ms
so the patient list filters as a nurse types. Three phases, same probe and typing in each:

1. ``idle, empty``: the window over the empty store, no sync (baseline);
2. ``full sync``: ``SyncEngine.run()`` of every unit and today's routes on a background thread,
   its events delivered to the window through the bridge, plus 3 s after it ends so the reload
   the window does on success is measured too;
3. ``idle, synced``: the window with the synced list and no sync (baseline with data).

Prints max, p99 and median stall per phase, the sync's duration and a verdict line against the
issue's target (longest stall during the full sync < 50 ms). Not run in CI.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from client import FhirClient
from clinical.records import Staff
from main import build_workbench, discover_scope
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.settings import Settings, SettingsPaths
from offline.store import Store
from offline.types import UserId
from sync import SyncSummary
from sync.engine import SyncEngine
from tests.platform.launcher import Platform
from tests.synthetic import generate
from ui.app import prepare_application
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

TICK_MS = 5
TYPE_EVERY_MS = 200
TARGET_MS = 50.0
# A nurse searching: letters typed one by one, then the box cleared, over and over.
KEYSTROKES = ["a", "n", "n", "", "o", "l", "e", "", "1", "0", ""]


@dataclass(frozen=True)
class Stalls:
    """How late the probe's ticks fired in one phase, in milliseconds."""

    phase: str
    lateness_ms: list[float]
    seconds: float

    def line(self) -> str:
        ordered = sorted(self.lateness_ms)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return (
            f"{self.phase:<14} max {ordered[-1]:6.1f} ms  p99 {p99:5.1f} ms  "
            f"median {statistics.median(ordered):4.1f} ms  ({len(ordered)} ticks, "
            f"{self.seconds:.1f} s)"
        )

    @property
    def worst(self) -> float:
        return max(self.lateness_ms)


class Probe:
    """A precise 5 ms timer on the GUI thread that records each tick's lateness."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.lateness_ms: list[float] = []
        self.ticks: list[float] = []

    def start(self) -> None:
        self.lateness_ms = []
        self.ticks = []
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> list[float]:
        self._timer.stop()
        return self.lateness_ms

    def _tick(self) -> None:
        now = time.perf_counter()
        self.lateness_ms.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self.ticks.append(now)
        self._last = now

    def worst_stalls(self, count: int) -> list[tuple[float, float]]:
        """The ``count`` longest stalls as (start time, milliseconds), longest first."""
        spans = [
            (tick - (late + TICK_MS) / 1000, late)
            for tick, late in zip(self.ticks, self.lateness_ms, strict=True)
        ]
        return sorted(spans, key=lambda span: span[1], reverse=True)[:count]


class EventLog:
    """When each core event reached the GUI thread (names only: no patient data)."""

    def __init__(self, bridge: EventBridge) -> None:
        self.events: list[tuple[float, str]] = []
        bridge.event_received.connect(lambda name, _payload: self._seen(name))

    def _seen(self, name: str) -> None:
        self.events.append((time.perf_counter(), name))

    def near(self, moment: float, *, window_s: float = 0.3) -> list[str]:
        return [name for at, name in self.events if abs(at - moment) <= window_s]


class Typist:
    """Types into the patient search box every 200 ms, keeping the list busy filtering."""

    def __init__(self, window: MainWindow) -> None:
        self._search = window.patient_list.search_field
        self._keys = itertools.cycle(KEYSTROKES)
        self._timer = QTimer()
        self._timer.setInterval(TYPE_EVERY_MS)
        self._timer.timeout.connect(self._type)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._search.clear()

    def _type(self) -> None:
        key = next(self._keys)
        if key:
            self._search.insert(key)
        else:
            self._search.clear()


def measure(
    phase: str, *, probe: Probe, typist: Typist, until: Callable[[], bool], after_s: float = 0
) -> Stalls:
    """Run the event loop with probe and typist until ``until()`` holds, then ``after_s`` more."""
    loop = QEventLoop()
    done_at: list[float] = []

    def check() -> None:
        if not done_at and until():
            done_at.append(time.perf_counter())
        if done_at and time.perf_counter() - done_at[0] >= after_s:
            loop.quit()

    watcher = QTimer()
    watcher.setInterval(50)
    watcher.timeout.connect(check)
    started = time.perf_counter()
    probe.start()
    typist.start()
    watcher.start()
    loop.exec()
    watcher.stop()
    typist.stop()
    return Stalls(phase, probe.stop(), time.perf_counter() - started)


def after(seconds: float) -> Callable[[], bool]:
    deadline = time.perf_counter() + seconds
    return lambda: time.perf_counter() >= deadline


def load(platform: Platform, *, patients: int, today: datetime) -> int:
    """Load the synthetic municipality into the platform in chunks; return the resource count."""
    total = 0

    def lines() -> Iterator[str]:
        nonlocal total
        for resource in generate(patients=patients, seed=1, reference_date=today.date()):
            total += 1
            yield json.dumps(resource)

    stream = lines()
    while chunk := list(itertools.islice(stream, 20_000)):
        platform.load_ndjson(chunk)
    return total


def run(patients: int, *, idle_s: float) -> int:
    """The three phases; return the process exit code (0 when the target was met)."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    translators = prepare_application(app, language=Language.BOKMAL)
    today = datetime.now(ZoneInfo("Europe/Oslo"))
    user = UserId("bench")
    with Platform.start() as platform, tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        total = load(platform, patients=patients, today=today)
        print(
            f"loaded {total} resources ({patients} patients) "
            f"in {time.perf_counter() - started:.0f} s"
        )
        root = Path(tmp)
        settings = Settings.load(SettingsPaths.under_root(root / "config"))
        paths = store_paths(user, directory=root / "data")
        with (
            Store.open(paths, DataKey.generate(), user=user, create=True) as store,
            FhirClient(platform.fhir_base) as fhir,
        ):
            runner = TaskRunner()
            bridge = EventBridge()
            nurse = Staff(
                practitioner_id="bench-nurse", name="Benk Sykepleier", hpr=None, role="SP"
            )
            window = build_workbench(
                store, user=nurse, settings=settings, runner=runner, bridge=bridge
            )
            window.resize(1366, 768)
            window.show()
            window.start()
            probe, typist, log = Probe(), Typist(window), EventLog(bridge)
            results = [measure("idle, empty", probe=probe, typist=typist, until=after(idle_s))]

            scope = discover_scope(fhir, settings, today=today.date())
            engine = SyncEngine(store, fhir, scope, lock_path=paths.database.with_suffix(".lock"))
            engine.add_listener(bridge)
            outcome: list[SyncSummary] = []
            sync_time: list[float] = []

            def sync() -> None:
                begun = time.perf_counter()
                outcome.append(engine.run(trigger="bench"))
                sync_time.append(time.perf_counter() - begun)

            worker = threading.Thread(target=sync, name="bench-sync")
            sync_started = time.perf_counter()
            worker.start()
            during = measure(
                "full sync",
                probe=probe,
                typist=typist,
                until=lambda: not worker.is_alive(),
                after_s=3.0,
            )
            worker.join()
            results.append(during)
            sync_ended = sync_started + sync_time[0]
            worst = [
                f"{late:.0f} ms at {at - sync_started:+.1f} s"
                + (" (after the sync ended)" if at > sync_ended else "")
                + (f" near events {sorted(set(log.near(at)))}" if log.near(at) else "")
                for at, late in probe.worst_stalls(5)
            ]
            rows = window.patient_list.model.rowCount()
            results.append(measure("idle, synced", probe=probe, typist=typist, until=after(idle_s)))
            runner.wait_for_done()
            window.close()
            app.processEvents()

    summary = outcome[0]
    print(
        f"sync: {'ok' if summary.ok else 'FAILED ' + str(summary.error)}, {summary.pulled} "
        f"resources pulled in {sync_time[0]:.1f} s; scope {len(scope.units)} units, "
        f"{len(scope.visit_plans)} route days; patient list shows {rows} rows after it"
    )
    for stalls in results:
        print(stalls.line())
    print("longest stalls during the sync phase (time from sync start):")
    for line in worst:
        print(f"  {line}")
    met = summary.ok and during.worst < TARGET_MS
    print(
        f"VERDICT: longest GUI-thread stall during the full sync of {patients} patients "
        f"{during.worst:.1f} ms (idle baselines {results[0].worst:.1f} / {results[2].worst:.1f} ms)"
        f" -> {'PASS' if met else 'FAIL'} (target < {TARGET_MS:.0f} ms)"
    )
    del translators
    return 0 if met else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--idle-seconds", type=float, default=10.0, help="length of each baseline")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr] # progress survives a kill
    return run(args.patients, idle_s=args.idle_seconds)


if __name__ == "__main__":
    raise SystemExit(main())
