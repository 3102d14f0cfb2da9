"""Benchmark: the longest GUI-thread stall while a full sync runs behind the real main window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_gui_stall.py [--patients 2000]

Starts the local platform with ``generate(patients=N)``, opens a fresh encrypted store and builds
the main window exactly as the app does (``ui.workbench.build_workbench`` over the services of the
store, with an ``EventBridge``), shows it
offscreen and runs ``app.exec()``-style event loops. A 5 ms precise ``QTimer`` on the GUI thread
records how late each tick fires (the stall), while the search box gets a keystroke every 200 ms
so the patient list filters as a nurse types. Three phases, same probe and typing in each:

1. ``idle, empty``: the window over the empty store, no sync (baseline);
2. ``full sync``: ``SyncEngine.run()`` of every unit and today's routes on a background thread,
   its events delivered to the window through the bridge, plus 3 s after it ends so the reload
   the window does on success is measured too;
3. ``idle, synced``: the window with the synced list and no sync (baseline with data).

Prints max, p99 and median stall per phase, the sync's duration and a verdict line against the
issue's target (longest stall during the full sync < 50 ms). Not run in CI. A 2,000-patient run
takes 4-6 minutes on two shared cores, most of it the sync: it prints the sync's progress every
15 s, and cancels a sync that outlives ``--max-sync-seconds`` so it always reports. The machine's
load average is printed beside the figures: on a shared machine they move with it.

``--sample`` explains the stalls (``tests/bench/stall_sampler.py``): the GUI, sync and prefetch
threads' stacks while a tick is late, each thread's CPU and run-queue time, every garbage
collection; ``--gc-census`` and ``--trace-c-calls`` dig further.

By default the process is tuned as the window's is (``ui.app.tune_for_gui``: start-up heap
frozen, 1 ms switch interval) and the sync runs with the window's settings
(``app.syncing.window_sync.gui_sync_config``: no prefetch thread); ``--untuned`` measures
without either. The ``Trial`` options try a proposed change in other people's code from here,
before its owner makes it (see ``Trial``).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.syncing.scope import discover_scope
from app.syncing.window_sync import gui_sync_config
from client import FhirClient
from clinical.records import Staff
from config import PLACES_OF_WORK, Settings, SettingsPaths
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from sync import SyncSummary
from sync.config import SyncConfig
from sync.engine import SyncEngine
from tests.bench.stall_sampler import (
    GcLog,
    Pause,
    SlowCalls,
    StallSampler,
    cause,
    causes_summary,
    overlapping,
    pauses_summary,
)
from tests.bench.workbench import workbench_over
from tests.platform.launcher import Platform
from tests.synthetic import generate
from ui.app import prepare_application, tune_for_gui
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

TICK_MS = 5
TYPE_EVERY_MS = 200
TARGET_MS = 50.0
PROGRESS_EVERY_S = 15.0
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
            f"{self.seconds:.1f} s; {sum(1 for late in ordered if late > TARGET_MS)} over "
            f"{TARGET_MS:.0f} ms)"
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
        self._last = 0.0
        return self.lateness_ms

    @property
    def last_tick(self) -> float:
        """When the latest tick fired (``time.perf_counter``), 0 while stopped; for the sampler."""
        return self._last

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
    """When each core event reached the GUI thread (names and counts only: no patient data).

    Prints the sync's progress every ``PROGRESS_EVERY_S`` so a long run shows it is alive.
    """

    def __init__(self, bridge: EventBridge) -> None:
        self.events: list[tuple[float, str]] = []
        self._printed = time.perf_counter()
        self._started = self._printed
        bridge.event_received.connect(self._seen)

    def _seen(self, name: str, payload: dict[str, object]) -> None:
        now = time.perf_counter()
        self.events.append((now, name))
        if name == "sync_progressed" and now - self._printed >= PROGRESS_EVERY_S:
            self._printed = now
            print(
                f"  {now - self._started:6.0f} s  {payload.get('phase')} "
                f"{payload.get('done')}/{payload.get('total')}  ({len(self.events)} events so far)"
            )

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


def children() -> dict[int, float]:
    """This process's children (the platform's Node server): pid and CPU seconds used so far."""
    found: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def children_cpu_s() -> float:
    return sum(children().values())


def machine_line() -> str:
    """The load average: the machine is shared, so every figure needs it beside it."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (1 min) {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def heap_line(moment: str) -> str:
    """How many objects a full collection would visit now, and how many are frozen."""
    return f"{moment}: {len(gc.get_objects()):,} tracked, {gc.get_freeze_count():,} frozen"


def after(seconds: float) -> Callable[[], bool]:
    deadline = time.perf_counter() + seconds
    return lambda: time.perf_counter() >= deadline


def load(platform: Platform, *, patients: int, today: datetime) -> int:
    """Load the synthetic municipality into the platform in chunks; return the resource count."""
    total = 0

    def lines() -> Iterator[str]:
        nonlocal total
        for item in generate(patients=patients, seed=1, reference_date=today.date()):
            total += 1
            yield json.dumps(item)

    stream = lines()
    while chunk := list(itertools.islice(stream, 20_000)):
        platform.load_ndjson(chunk)
    return total


@dataclass(frozen=True)
class Trial:
    """Bench-only settings for trying a proposed change before its owner makes it.

    ``untuned``: without the window's tuning (``tune_for_gui``, ``gui_sync_config``),
    the baseline the other options are compared against;
    ``gc_freeze``: ``gc.collect(); gc.freeze()`` once the window is built (proposed for
    ``main.py``); ``quiet_gc``: no automatic full collection while the sync runs (its third
    threshold raised), one ``gc.collect()`` after it; ``page_size``: the pull's page size
    (``SyncConfig.page_size``, sync's default when None); ``switch_interval_ms``:
    ``sys.setswitchinterval`` (Python's default is 5 ms); ``platform_nice``: the local platform
    server's nice value, so that it takes CPU the way a remote server would not; ``sync_nice``:
    the sync thread's nice value (Linux; threads it starts, the prefetch, inherit it), so the GUI
    thread wins a CPU from the sync's own work; ``no_prefetch``: ``SyncConfig(prefetch=False)``,
    so the pull fetches and parses on the sync thread itself (already so unless ``untuned``).
    """

    untuned: bool = False
    gc_freeze: bool = False
    quiet_gc: bool = False
    page_size: int | None = None
    switch_interval_ms: float | None = None
    platform_nice: int = 0
    sync_nice: int = 0
    no_prefetch: bool = False

    def label(self) -> str:
        parts = [
            "untuned" if self.untuned else "the window's (tune_for_gui, gui_sync_config)",
            "gc.freeze()" if self.gc_freeze else "",
            "no full gc during the sync" if self.quiet_gc else "",
            f"page_size={self.page_size}" if self.page_size else "",
            f"switchinterval={self.switch_interval_ms} ms" if self.switch_interval_ms else "",
            f"platform server at nice {self.platform_nice}" if self.platform_nice else "",
            f"sync threads at nice {self.sync_nice}" if self.sync_nice else "",
            "no prefetch thread" if self.no_prefetch else "",
        ]
        return ", ".join(p for p in parts if p) or "none"


def run(
    patients: int,
    *,
    idle_s: float,
    sample: bool,
    trace_c_calls: bool,
    census: bool,
    max_sync_s: float,
    trial: Trial,
) -> int:
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
            window = workbench_over(
                store, user=nurse, settings=settings, runner=runner, bridge=bridge
            )
            window.resize(1366, 768)
            window.show()
            window.start()
            print(f"tuning and bench-only trial settings: {trial.label()}")
            if not trial.untuned:
                tune_for_gui()
            if trial.switch_interval_ms:
                sys.setswitchinterval(trial.switch_interval_ms / 1000)
            if trial.gc_freeze:
                gc.collect()
                gc.freeze()
            for pid in children() if trial.platform_nice else ():
                os.setpriority(os.PRIO_PROCESS, pid, trial.platform_nice)
            probe, typist, log = Probe(), Typist(window), EventLog(bridge)
            worker: list[threading.Thread] = []
            sampler = StallSampler(
                last_tick=lambda: probe.last_tick,
                sync_thread=lambda: worker[0] if worker else None,
                tick_ms=TICK_MS,
            )
            gc_log, slow_calls = GcLog(census=census), SlowCalls()
            if sample:
                sampler.start()
                gc_log.install()
            phase_starts = [time.perf_counter()]
            heap = [heap_line("window built")]
            rss = [rss_mb()]
            results = [measure("idle, empty", probe=probe, typist=typist, until=after(idle_s))]

            scope = discover_scope(fhir, wanted=settings.get(PLACES_OF_WORK), today=today.date())
            config = SyncConfig() if trial.untuned else gui_sync_config()
            if trial.no_prefetch:
                config = replace(config, prefetch=False)
            if trial.page_size:
                config = replace(config, page_size=trial.page_size)
            engine = SyncEngine(
                store,
                fhir,
                scope,
                lock_path=paths.database.with_suffix(".lock"),
                config=config,
            )
            engine.add_listener(bridge)
            outcome: list[SyncSummary] = []
            sync_time: list[float] = []

            def sync() -> None:
                if trial.sync_nice:
                    os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), trial.sync_nice)
                if trace_c_calls:
                    slow_calls.install_here()
                thresholds = gc.get_threshold()
                if trial.quiet_gc:
                    gc.set_threshold(thresholds[0], thresholds[1], 1_000_000)
                begun = time.perf_counter()
                try:
                    outcome.append(engine.run(trigger="bench"))
                finally:
                    sync_time.append(time.perf_counter() - begun)
                    if trial.quiet_gc:
                        gc.set_threshold(*thresholds)
                        gc.collect()
                    if trace_c_calls:
                        slow_calls.remove_here()

            worker.append(threading.Thread(target=sync, name="bench-sync"))
            # A run that outlives the cap is cancelled (the engine stops at its next safe point),
            # so the bench always reports instead of being killed from outside.
            cap = threading.Timer(max_sync_s, engine.cancel)
            cap.daemon = True
            platform_cpu = children_cpu_s()
            sync_started = time.perf_counter()
            phase_starts.append(sync_started)
            worker[0].start()
            cap.start()
            during = measure(
                "full sync",
                probe=probe,
                typist=typist,
                until=lambda: not worker[0].is_alive(),
                after_s=3.0,
            )
            cap.cancel()
            worker[0].join()
            platform_cpu = children_cpu_s() - platform_cpu
            load_after_sync = machine_line()
            results.append(during)
            sync_ended = sync_started + sync_time[0]
            worst = [
                f"{late:.0f} ms at {at - sync_started:+.1f} s"
                + (" (after the sync ended)" if at > sync_ended else "")
                + (f" near events {sorted(set(log.near(at)))}" if log.near(at) else "")
                for at, late in probe.worst_stalls(5)
            ]
            rows = window.patient_list.model.rowCount()
            heap.append(heap_line("sync done"))
            rss.append(rss_mb())
            phase_starts.append(time.perf_counter())
            results.append(measure("idle, synced", probe=probe, typist=typist, until=after(idle_s)))
            phase_starts.append(time.perf_counter())
            if sample:
                sampler.stop()
                gc_log.remove()
            runner.wait_for_done()
            window.close()
            app.processEvents()

    summary = outcome[0]
    print(
        f"sync: {summary.outcome.value}{' ' + str(summary.error) if summary.error else ''}, "
        f"{summary.pulled} resources pulled in {sync_time[0]:.1f} s; scope {len(scope.units)} "
        f"units, {len(scope.visit_plans)} route days; patient list shows {rows} rows after it; "
        f"{sum(1 for _at, name in log.events if name == 'sync_progressed')} progress events"
    )
    print(
        f"RSS of this process: {rss[0]:.0f} MB with the window built, {rss[1]:.0f} MB after the "
        "sync; "
        f"the platform server (a stand-in for a remote one) used {platform_cpu:.0f} s of CPU "
        f"during the sync phase; {load_after_sync} at its end"
    )
    print("objects the cyclic GC tracks (a full collection visits every unfrozen one): ")
    for line in heap:
        print(f"  {line}")
    for stalls in results:
        print(stalls.line())
    print("longest stalls during the sync phase (time from sync start):")
    for line in worst:
        print(f"  {line}")
    if sample:
        report_samples(
            sampler,
            pauses=gc_log.pauses + slow_calls.pauses,
            results=results,
            phase_starts=phase_starts,
        )
        print(f"garbage collections: {gc_log.preempted_share()}")
        if census:
            count, kinds = gc_log.largest
            print(f"largest heap a full collection visited: {count:,} objects; by type: {kinds}")
    met = summary.ok and during.worst < TARGET_MS
    print(
        f"VERDICT: longest GUI-thread stall during the full sync of {patients} patients "
        f"{during.worst:.1f} ms (idle baselines {results[0].worst:.1f} / {results[2].worst:.1f} ms)"
        f" -> {'PASS' if met else 'FAIL'} (target < {TARGET_MS:.0f} ms)"
    )
    del translators
    return 0 if met else 1


def report_samples(
    sampler: StallSampler,
    *,
    pauses: list[Pause],
    results: list[Stalls],
    phase_starts: list[float],
) -> None:
    """Per phase: how the stalls split by cause, GIL-holding pauses, the longest stalls."""
    for stalls, start, end in zip(results, phase_starts[:-1], phase_starts[1:], strict=True):
        chosen = sampler.between(start, end)
        print(f"stall samples, {stalls.phase}:")
        for line in StallSampler.summary(chosen):
            print(line)
        inside = [p for p in pauses if start <= p.start < end]
        explained = [s for s in chosen if overlapping(s, inside)]
        print(
            f"  GIL-holding pauses in this phase (gc >= 5 ms, traced C calls >= 10 ms); "
            f"{len(explained)} of {len(chosen)} stalls overlap one:"
        )
        for line in pauses_summary(inside):
            print(line)
        print("  stalls by likeliest cause (tick interval, ms):")
        for line in causes_summary(chosen, inside):
            print(line)
        for stall in chosen[:6]:
            print(f"  [{cause(stall, inside)}] " + stall.describe().replace("\n", "\n  "))
            for pause in overlapping(stall, inside):
                print(
                    f"      overlaps {pause.ms:.0f} ms [{pause.thread}] {pause.what} "
                    f"at {(pause.start - stall.since) * 1000:+.0f} ms"
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--idle-seconds", type=float, default=10.0, help="length of each baseline")
    parser.add_argument(
        "--sample",
        action="store_true",
        help="run the stall sampler: stacks and per-thread CPU of every stall over 20 ms",
    )
    parser.add_argument(
        "--max-sync-seconds",
        type=float,
        default=1200.0,
        help="cancel the sync after this long (it then reports CANCELLED)",
    )
    parser.add_argument(
        "--trace-c-calls",
        action="store_true",
        help="with --sample: time every C call of the sync threads (slows the sync a few times)",
    )
    parser.add_argument(
        "--gc-census",
        action="store_true",
        help="with --sample: count the objects every full collection visits (slows those)",
    )
    parser.add_argument(
        "--untuned",
        action="store_true",
        help="without the window's tuning (tune_for_gui, gui_sync_config)",
    )
    parser.add_argument("--gc-freeze", action="store_true", help="trial: gc.freeze() at start")
    parser.add_argument(
        "--quiet-gc", action="store_true", help="trial: no automatic full gc during the sync"
    )
    parser.add_argument("--page-size", type=int, help="trial: the pull's page size")
    parser.add_argument(
        "--platform-nice", type=int, default=0, help="trial: renice the local platform server"
    )
    parser.add_argument(
        "--sync-nice", type=int, default=0, help="trial: nice value of the sync's threads"
    )
    parser.add_argument(
        "--no-prefetch", action="store_true", help="trial: the pull without its prefetch thread"
    )
    parser.add_argument("--switch-interval-ms", type=float, help="trial: sys.setswitchinterval")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr] # progress survives a kill
    return run(
        args.patients,
        idle_s=args.idle_seconds,
        sample=args.sample,
        trace_c_calls=args.trace_c_calls,
        census=args.gc_census,
        max_sync_s=args.max_sync_seconds,
        trial=Trial(
            untuned=args.untuned,
            gc_freeze=args.gc_freeze,
            quiet_gc=args.quiet_gc,
            page_size=args.page_size,
            switch_interval_ms=args.switch_interval_ms,
            platform_nice=args.platform_nice,
            sync_nice=args.sync_nice,
            no_prefetch=args.no_prefetch,
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main())
