"""The stall benchmark's measurement: the real main window, its sync in a child process, the
headless sync of the same scope beside it. The command line is ``bench_gui_stall.py``.

Everything heavy is imported here, not in the command-line script: the sync process is spawned
(multiprocessing) and imports the parent's main script again, which must stay light, as the
app's ``main.py`` is.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.fhir_clients import PlatformAddress
from app.syncing.sync_process import SyncProcess
from clinical.records import Staff
from config import PLACES_OF_WORK, Settings, SettingsPaths
from offline import memory_budget
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from sync import SyncSummary
from tests.bench.reload_memory import heap_trim, rss_parts
from tests.bench.stall_sampler import (
    GcLog,
    Pause,
    StallSampler,
    cause,
    causes_summary,
    overlapping,
    pauses_summary,
)
from tests.bench.workbench import workbench_over
from tests.platform.launcher import Platform
from ui.app import prepare_application, tune_for_gui
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
TICK_MS = 5
TYPE_EVERY_MS = 200
TARGET_MS = 16.0  # one frame at 60 Hz
SPEED_TARGET = 1.2  # the window's sync within 1.2x of the headless one
GUI_RSS_TARGET_MB = 250.0
CHILD_RSS_TARGET_MB = 300.0
PROGRESS_EVERY_S = 15.0
LOAD_PART_LINES = 50_000  # ~200 MB of a municipality's NDJSON per load request
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
    """A precise 5 ms timer on the GUI thread that records each tick's lateness.

    Ticks are kept as C doubles (``array``): an hour's sync is 700,000 of them, which as Python
    floats in lists would add some 45 MB to the very process whose memory is measured.
    """

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.lateness_ms = array("d")
        self.ticks = array("d")

    def start(self) -> None:
        self.lateness_ms = array("d")
        self.ticks = array("d")
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> list[float]:
        self._timer.stop()
        self._last = 0.0
        return self.lateness_ms.tolist()

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
    Times and name numbers are kept in C arrays, light beside the window's memory (see Probe).
    """

    def __init__(self, bridge: EventBridge) -> None:
        self._at = array("d")
        self._kind = array("H")
        self._names: list[str] = []
        self._printed = time.perf_counter()
        self._started = self._printed
        bridge.event_received.connect(self._seen)

    def _seen(self, name: str, payload: dict[str, object]) -> None:
        now = time.perf_counter()
        if name not in self._names:
            self._names.append(name)
        self._at.append(now)
        self._kind.append(self._names.index(name))
        if name == "sync_progressed" and now - self._printed >= PROGRESS_EVERY_S:
            self._printed = now
            print(
                f"  {now - self._started:6.0f} s  {payload.get('phase')} "
                f"{payload.get('done')}/{payload.get('total')}  ({len(self._at)} events so far)"
            )

    def count(self, name: str) -> int:
        """How many ``name`` events arrived."""
        return self._kind.count(self._names.index(name)) if name in self._names else 0

    def near(self, moment: float, *, window_s: float = 0.3) -> list[str]:
        return [
            self._names[kind]
            for at, kind in zip(self._at, self._kind, strict=True)
            if abs(at - moment) <= window_s
        ]


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


def cpu_s(pid: int | str = "self") -> float:
    """CPU seconds a process has used so far (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_line() -> str:
    """The load average: the machine is shared, so every figure needs it beside it."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (1 min) {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def rss_mb(pid: int | str = "self") -> float:
    """A process's resident memory now, in MB."""
    pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb(pid: int | str = "self") -> float:
    """A process's resident-memory high-water mark (``VmHWM``), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError("no VmHWM (not Linux?)")


def heap_line(moment: str) -> str:
    """How many objects a full collection would visit now, and how many are frozen."""
    return f"{moment}: {len(gc.get_objects()):,} tracked, {gc.get_freeze_count():,} frozen"


def after(seconds: float) -> Callable[[], bool]:
    deadline = time.perf_counter() + seconds
    return lambda: time.perf_counter() >= deadline


def load(platform: Platform, *, patients: int, today: datetime, scratch: Path) -> int:
    """The synthetic municipality, generated in a process of its own into a file and streamed
    to the platform: this process (the window's) never holds it. Returns the resource count."""
    ndjson = scratch / "municipality.ndjson"
    if not ndjson.exists():  # a load that failed leaves it for the next try
        subprocess.run(
            [sys.executable, "-m", "tests.synthetic", "--patients", str(patients), "--seed", "1",
             "--reference-date", today.date().isoformat(), "--out", str(ndjson)],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    loaded = sum(platform.load_ndjson(part) for part in parts_of(ndjson, scratch=scratch))
    ndjson.unlink()
    return loaded


def parts_of(ndjson: Path, *, scratch: Path, lines: int = LOAD_PART_LINES) -> Iterator[Path]:
    """``ndjson`` in files of ``lines`` lines, each rewritten once the next is asked for: one load
    request of a whole municipality outlives the platform's request timeout on a busy machine.
    Copied a line at a time, so this process (the window's) never holds a part either."""
    part = scratch / "part.ndjson"
    with ndjson.open("rb") as source:
        while True:
            with part.open("wb") as out:
                copied = sum(1 for line in itertools.islice(source, lines) if out.write(line))
            if not copied:
                break
            yield part
    part.unlink(missing_ok=True)


@dataclass(frozen=True)
class Headless:
    """The headless sync of the same scope (``tests/bench/headless_sync.py``)."""

    seconds: float
    engine_seconds: float
    pulled: int
    outcome: str
    peak_rss_mb: float
    cpu_s: float
    platform_cpu_s: float
    load: str


def headless(
    platform: Platform,
    *,
    today: datetime,
    scratch: Path,
    store: str = "headless",
    key_file: Path | None = None,
) -> Headless:
    """``pleiepunkt sync``'s path for the window's scope, in a fresh process and store (under
    ``scratch / store``; with ``key_file``'s data key, so it can be opened again)."""
    keyed = ["--key-file", str(key_file)] if key_file is not None else []
    platform_cpu = cpu_s(platform._process.pid)
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.headless_sync", "--fhir-base", platform.fhir_base,
         "--directory", str(scratch / store), "--today", today.date().isoformat(), *keyed],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return Headless(
        seconds=found["seconds"],
        engine_seconds=found["engine_seconds"],
        pulled=found["pulled"],
        outcome=found["outcome"],
        peak_rss_mb=found["peak_rss_kb"] * 1024 / 1e6,
        cpu_s=found["cpu_seconds"],
        platform_cpu_s=cpu_s(platform._process.pid) - platform_cpu,
        load=machine_line(),
    )


@dataclass
class WindowSync:
    """The window's sync, as the scheduler runs it: ``SyncProcess.run`` on a thread."""

    process: SyncProcess
    thread: threading.Thread | None = None
    summary: SyncSummary | None = None
    seconds: float = 0.0
    child_peak_mb: float = 0.0
    child_cpu_s: float = 0.0
    error: BaseException | None = None

    def start(self, today: datetime) -> None:
        def run() -> None:
            begun = time.perf_counter()
            try:
                self.summary = self.process.run(trigger="bench", today=today.date())
                pid = self.process.pid
                if pid is not None:  # idle after the run, as between the window's syncs
                    self.child_peak_mb, self.child_cpu_s = peak_rss_mb(pid), cpu_s(pid)
            except BaseException as error:
                self.error = error
            finally:
                self.seconds = time.perf_counter() - begun

        self.thread = threading.Thread(target=run, name="sync-worker")
        self.thread.start()

    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()


def pipe_reader() -> threading.Thread | None:
    """The thread that reads the sync process's pipe (events, signatures), for the sampler."""
    return next((t for t in threading.enumerate() if t.name == "sync-pipe"), None)


def run(
    patients: int,
    *,
    idle_s: float,
    sample: bool,
    census: bool,
    max_sync_s: float,
    headless_first: bool = False,
) -> int:
    """The phases; return the process exit code (0 when every target was met)."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    translators = prepare_application(app, language=Language.BOKMAL)
    today = datetime.now(ZoneInfo("Europe/Oslo"))
    user = UserId("bench")
    with Platform.start() as platform, tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        started = time.perf_counter()
        total = load(platform, patients=patients, today=today, scratch=scratch)
        print(
            f"loaded {total} resources ({patients} patients) "
            f"in {time.perf_counter() - started:.0f} s"
        )
        first: Headless | None = None
        if headless_first:
            print(f"headless sync of the same scope first, {machine_line()} ...")
            first = headless(platform, today=today, scratch=scratch, store="headless-first")
            print(f"  {first.seconds:.1f} s, {first.load} at its end")
        settings = Settings.load(SettingsPaths.under_root(scratch / "config"))
        paths = store_paths(user, directory=scratch / "data")
        with Store.open(paths, DataKey.generate(), user=user, create=True) as store:
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
            tune_for_gui()
            probe, typist, log = Probe(), Typist(window), EventLog(bridge)
            sampler = StallSampler(
                last_tick=lambda: probe.last_tick, sync_thread=pipe_reader, tick_ms=TICK_MS
            )
            gc_log = GcLog(census=census)
            if sample:
                sampler.start()
                gc_log.install()
            phase_starts = [time.perf_counter()]
            heap = [heap_line("window built")]
            rss = [rss_mb()]
            parts = [rss_parts()]
            results = [measure("idle, empty", probe=probe, typist=typist, until=after(idle_s))]

            sync = WindowSync(
                SyncProcess(
                    store,
                    user=user,
                    platform=PlatformAddress(platform.fhir_base),
                    signer=None,
                    purpose="window",
                    places=settings.get(PLACES_OF_WORK),
                    listener=bridge,
                )
            )
            # A run that outlives the cap is cancelled, so the bench always reports.
            cap = threading.Timer(max_sync_s, sync.process.cancel)
            cap.daemon = True
            platform_cpu = cpu_s(platform._process.pid)
            gui_cpu = cpu_s()
            sync_started = time.perf_counter()
            phase_starts.append(sync_started)
            sync.start(today)
            cap.start()
            during = measure(
                "full sync",
                probe=probe,
                typist=typist,
                until=lambda: not sync.running(),
                after_s=3.0,
            )
            cap.cancel()
            assert sync.thread is not None
            sync.thread.join()
            platform_cpu = cpu_s(platform._process.pid) - platform_cpu
            gui_cpu = cpu_s() - gui_cpu
            load_after_sync = machine_line()
            results.append(during)
            sync_ended = sync_started + sync.seconds
            worst = [
                f"{late:.0f} ms at {at - sync_started:+.1f} s"
                + (" (after the sync ended)" if at > sync_ended else "")
                + (f" near events {sorted(set(log.near(at)))}" if log.near(at) else "")
                for at, late in probe.worst_stalls(5)
            ]
            rows = window.patient_list.model.rowCount()
            heap.append(heap_line("sync done"))
            rss.append(rss_mb())
            parts.append(rss_parts())
            phase_starts.append(time.perf_counter())
            results.append(measure("idle, synced", probe=probe, typist=typist, until=after(idle_s)))
            phase_starts.append(time.perf_counter())
            rss.append(rss_mb())
            parts.append(rss_parts())
            trimmed = heap_trim()
            rss.append(rss_mb())
            parts.append(rss_parts())
            if sample:
                sampler.stop()
                gc_log.remove()
            sync.process.stop()
            runner.wait_for_done()
            window.close()
            app.processEvents()
        # The window's figures first: a long run stopped during the headless sync keeps them.
        print(f"the window's sync: {sync.seconds:.1f} s, sync process peak RSS "
              f"{sync.child_peak_mb:.0f} MB; window's process RSS {rss[0]:.0f} MB built, "
              f"{rss[1]:.0f} MB after the sync, {rss[2]:.0f} MB after the idle phase")  # fmt: skip
        for stalls in results:
            print(f"  {stalls.line()}")
        if first is None:
            print(f"headless sync of the same scope, {machine_line()} ...")
        alone = first or headless(platform, today=today, scratch=scratch)

    summary = sync.summary
    if summary is None:
        print(f"the window's sync failed: {sync.error!r}")
        return 1
    print(
        f"window's sync: {summary.outcome.value}{' ' + str(summary.error) if summary.error else ''}"
        f", {summary.pulled} resources pulled; the patient list shows {rows} rows after it; "
        f"{log.count('sync_progressed')} progress events "
        f"reached the window"
    )
    print(
        f"CPU during the sync phase: the window's process {gui_cpu:.0f} s, its sync process "
        f"{sync.child_cpu_s:.0f} s, the platform server (a stand-in for a remote one) "
        f"{platform_cpu:.0f} s; {load_after_sync} at its end"
    )
    print(
        f"the headless sync ({'before' if headless_first else 'after'} the window's): its "
        f"process {alone.cpu_s:.0f} s CPU, the platform server {alone.platform_cpu_s:.0f} s; "
        f"{alone.load} at its end. CPU per wall second: the sync process "
        f"{sync.child_cpu_s / max(sync.seconds, 1e-9):.2f}, headless "
        f"{alone.cpu_s / max(alone.seconds, 1e-9):.2f} (a ratio below 1 is time spent waiting: "
        "for the platform, the disk, or a core)"
    )
    print(f"the window's process keeps its store memory at {memory_budget().name!r}; its RSS:")
    moments = ["window built", "after the sync", "after the idle phase", "then malloc_trim(0)"]
    for moment, mb, where in zip(moments, rss, parts, strict=True):
        print(f"  {mb:6.1f} MB {moment:<30} ({where})")
    print(f"  (the last is not the window's own: it shows what the heap held free; {trimmed})")
    print("objects the window's cyclic GC tracks (a full collection visits every unfrozen one):")
    for line in heap:
        print(f"  {line}")
    print("longest stalls during the sync phase (time from sync start):")
    for line in worst:
        print(f"  {line}")
    if sample:
        report_samples(sampler, pauses=gc_log.pauses, results=results, phase_starts=phase_starts)
        print(f"garbage collections: {gc_log.preempted_share()}")
        if census:
            count, kinds = gc_log.largest
            print(f"largest heap a full collection visited: {count:,} objects; by type: {kinds}")
    ratio = sync.seconds / alone.seconds
    verdicts = [
        (
            f"longest GUI-thread stall in the full sync: {during.worst:.1f} ms (idle baselines "
            f"{results[0].worst:.1f} / {results[2].worst:.1f} ms)",
            summary.ok and during.worst <= TARGET_MS,
            f"<= {TARGET_MS:.0f} ms",
        ),
        (
            f"window's sync {sync.seconds:.1f} s vs headless {alone.seconds:.1f} s of the same "
            f"scope (engine {summary.finished_at.timestamp() - summary.started_at.timestamp():.1f}"
            f" s vs {alone.engine_seconds:.1f} s; pulled {summary.pulled} vs {alone.pulled}): "
            f"{ratio:.2f}x",
            alone.outcome == "ok" and ratio <= SPEED_TARGET,
            f"<= {SPEED_TARGET}x",
        ),
        (
            f"window's process RSS {rss[0]:.0f} MB built, {rss[1]:.0f} MB after the sync, "
            f"{rss[2]:.0f} MB after the idle phase",
            max(rss[1], rss[2]) <= GUI_RSS_TARGET_MB,
            f"<= {GUI_RSS_TARGET_MB:.0f} MB",
        ),
        (
            f"sync process peak RSS {sync.child_peak_mb:.0f} MB (headless {alone.peak_rss_mb:.0f}"
            " MB)",
            sync.child_peak_mb < CHILD_RSS_TARGET_MB,
            f"< {CHILD_RSS_TARGET_MB:.0f} MB",
        ),
    ]
    print(f"stalls per phase ({patients} patients):")
    for stalls in results:
        print(f"  {stalls.line()}")
    for what, met, target in verdicts:
        print(f"VERDICT: {what} -> {'PASS' if met else 'FAIL'} (target {target})")
    del translators
    return 0 if all(met for _what, met, _target in verdicts) else 1


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
