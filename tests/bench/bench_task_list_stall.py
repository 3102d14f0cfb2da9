"""Benchmark: GUI-thread stalls while the task list of a 3,000-patient home-care district is
shown and re-read during a sync (target: no stall of 50 ms or more, as for the other views).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_task_list_stall.py --district 3000
    ... --district 3000 --store /tmp/district3000   (seeded once, reused by later runs)

The district's store is seeded first, in a process of its own (``task_list_district seed``:
the synthetic municipality written page by page through the sync engine's write path; a full
sync of it over HTTP takes over 25 minutes on two busy cores). The window's sync runs in a
process of its own (``app.syncing.sync_process``), so during the ``sync`` phase a child process
(``task_list_district write``) writes ``--sync-pages`` pages of 1,000 resources into the same
store file through the same write path, and the list is told to refresh after every page, as
often as a sync could ever ask (the window asks once per sync): the view coalesces them. The
real ``TaskListView`` shows the district's tasks (every patient with a visit today, each once,
through the app's own reads: ``task_list_district.DistrictTasks``). A 5 ms precise timer on the
GUI thread records how late each tick fires (``gui_stall.Probe``). Phases:

1. ``idle, empty``: the view shown, nothing read (the machine's own baseline);
2. ``first read``: the list read and shown once;
3. ``synced``: re-read every 4 s (baseline with data);
4. ``sync``: the child writing, a refresh per page, until it ends and the last read is shown.

Prints max, p99 and median stall per phase, the size of the list, every read's time, the
machine's load and a verdict against 50 ms. Run on demand, never in CI.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app.service_context import ServiceContext
from app.services import ClinicalServices
from app.values import PlaceKind, PlaceOfWork
from clinical.records import Staff
from tests.bench.gui_stall import TICK_MS, Probe, machine_line
from tests.bench.stall_sampler import StallSampler
from tests.bench.task_list_district import OSLO, DistrictTasks, open_store
from ui.app import prepare_application, tune_for_gui
from ui.i18n import Language
from ui.shift import TaskListView
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
TARGET_MS = 50.0
RELOAD_EVERY_MS = 4_000
NURSE = Staff("bench-nurse", "Benk Sykepleier", None, "SP")


def child(action: str, district: int, directory: Path, *extra: str) -> subprocess.Popen[str]:
    """``task_list_district`` in a process of its own, its lines on a pipe."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.bench.task_list_district", action,
         "--district", str(district), "--directory", str(directory), *extra],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip


class Pages(QObject):
    """Lines of the writing child, as a signal on the GUI thread (one per page written)."""

    written = Signal()

    def follow(self, process: subprocess.Popen[str]) -> threading.Thread:
        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith("page "):
                    self.written.emit()

        thread = threading.Thread(target=read, name="pages", daemon=True)
        thread.start()
        return thread


class Rereader:
    """Reads the list again 4 s after the last read was shown, as a sync finishing or F5 does;
    a read still under way is never superseded (that would blank the list every 4 s and pile up
    reads on the pool). Keeps how long each of its reads took from ``reload`` to the list shown
    (``DistrictTasks.read_seconds`` keeps every read's time on the worker, a page's too)."""

    def __init__(self, view: TaskListView) -> None:
        self.view = view
        self.reads: list[float] = []
        self._began: float | None = None
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELOAD_EVERY_MS)
        self._timer.timeout.connect(self.reload)
        view.loaded.connect(self._shown)

    def reload(self) -> None:
        self._began = time.perf_counter()
        self.view.reload()

    def _shown(self) -> None:
        if self._began is not None:
            self.reads.append(time.perf_counter() - self._began)
            self._began = None
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def busy(self) -> bool:
        return self._began is not None


def measure(
    phase: str, probe: Probe, rereader: Rereader, until: Callable[[], bool], *, read: bool = True
) -> tuple[str, float]:
    """Run the event loop, re-reading the list (with ``read``), until ``until()`` and no read
    is under way."""
    loop = QEventLoop()
    watcher = QTimer()
    watcher.setInterval(50)
    watcher.timeout.connect(
        lambda: loop.quit() if until() and not rereader.busy and not rereader.view.reading else None
    )
    before = len(rereader.reads)
    started = time.perf_counter()
    probe.start()
    if read:
        rereader.reload()
    watcher.start()
    loop.exec()
    watcher.stop()
    rereader.stop()
    late = sorted(probe.stop())
    p99 = late[min(len(late) - 1, int(len(late) * 0.99))]
    over = sum(1 for value in late if value >= TARGET_MS)
    seconds = time.perf_counter() - started
    reads = rereader.reads[before:]
    slowest = max(reads, default=0.0)
    return (
        f"{phase:<13} max {late[-1]:6.1f} ms  p99 {p99:5.1f} ms  median "
        f"{statistics.median(late):4.1f} ms  ({len(late)} ticks, {seconds:.0f} s; "
        f"{over} at or over {TARGET_MS:.0f} ms; {rereader.view.model.rowCount()} rows shown;"
        f" {len(reads)} reads, slowest {slowest:.1f} s)"
    ), late[-1]


def after(seconds: float) -> Callable[[], bool]:
    deadline = time.perf_counter() + seconds
    return lambda: time.perf_counter() >= deadline


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--district", type=int, default=3000)
    parser.add_argument("--store", type=Path, help="seed here once and reuse (default: scratch)")
    parser.add_argument("--sync-pages", type=int, default=60)
    parser.add_argument("--idle-seconds", type=float, default=8.0)
    parser.add_argument(
        "--sample", action="store_true", help="explain each stall over 20 ms (stall_sampler)"
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    prepare_application(app, language=Language.BOKMAL)
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.store or Path(tmp) / "district"
        if not (directory / "key").exists():
            began = time.perf_counter()
            seeding = child("seed", args.district, directory)
            seeding.communicate()
            print(f"seeded the store in {time.perf_counter() - began:.0f} s", flush=True)
        return measure_all(args, directory)


def measure_all(args: argparse.Namespace, directory: Path) -> int:
    """The four phases over the seeded store; the exit code (0 when the target was met)."""
    with open_store(directory) as store:
        services = ClinicalServices(
            ServiceContext(store=lambda: store, user=NURSE, clock=lambda: datetime.now(OSLO))
        )
        district = DistrictTasks(services)
        runner = TaskRunner()
        marker = PlaceOfWork(id="district", kind=PlaceKind.ROUTE, name="Distrikt")  # type: ignore[arg-type]
        view = TaskListView(
            source=district,  # type: ignore[arg-type]
            runner=runner,
            clock=lambda: datetime.now(OSLO),
            zone=OSLO,
            place=lambda: marker,
        )
        view.resize(1366, 768)
        view.show()
        tune_for_gui()
        probe = Probe()
        rereader = Rereader(view)
        sampler = StallSampler(
            last_tick=lambda: probe.last_tick, sync_thread=lambda: None, tick_ms=TICK_MS
        )
        if args.sample:
            sampler.start()
        starts = [time.perf_counter()]
        results = [measure("idle, empty", probe, rereader, after(args.idle_seconds), read=False)]
        print(results[-1][0], flush=True)
        starts.append(time.perf_counter())
        results.append(measure("first read", probe, rereader, lambda: True))
        print(results[-1][0], flush=True)
        starts.append(time.perf_counter())
        results.append(measure("synced", probe, rereader, after(3 * RELOAD_EVERY_MS / 1000 + 1)))
        print(results[-1][0], flush=True)
        starts.append(time.perf_counter())
        pages = Pages()
        pages.written.connect(view.refresh)
        writer = child("write", args.district, directory, "--pages", str(args.sync_pages))
        reader = pages.follow(writer)
        began = time.perf_counter()
        results.append(measure("sync", probe, rereader, lambda: writer.poll() is not None))
        print(results[-1][0], flush=True)
        reader.join()
        written = time.perf_counter() - began
        starts.append(time.perf_counter())
        runner.wait_for_done(60_000)
        if args.sample:
            sampler.stop()
            phases = ("idle, empty", "first read", "synced", "sync")
            for phase, start, end in zip(phases, starts[:-1], starts[1:], strict=True):
                print(f"stall samples, {phase}:")
                for line in StallSampler.summary(sampler.between(start, end)):
                    print(line)
        print(
            f"district of {args.district} patients, {len(district.routes())} routes;"
            f" {args.sync_pages} pages written in {written:.0f} s;"
            f" reads (worker): {', '.join(f'{r:.1f}' for r in district.read_seconds)} s"
        )
        print(machine_line())
        worst = max(longest for _line, longest in results[1:])
        verdict = "met" if worst < TARGET_MS else "NOT met"
        print(
            f"target: longest stall with the list shown < {TARGET_MS:.0f} ms:"
            f" {verdict} ({worst:.1f} ms)"
        )
        view.close()
        return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
