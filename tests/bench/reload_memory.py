"""The window's memory when it reads a synced municipality: the stall benchmark's ``--over-store``
mode, minutes instead of the hour a 10,000-patient sync takes.

A full sync's effect on the window's process is its reload when the sync ends (``MainWindow.
refresh``: the places of work, the first place's patient list, the due doses and vital signs,
the place's banner). This mode prepares a synced store once (``prepare``: the platform loaded with
``generate(patients=N)`` and one headless sync, as the stall benchmark's headless phase runs it,
into a directory that keeps the store and its data key), then builds the window over it and
measures its RSS: built (nothing read yet), after the first read (as after the first sync) and
after each further reload (as after each later sync). Synthetic data only; the key file is a
benchmark's, for a store of synthetic patients.

    python tests/bench/bench_gui_stall.py --prepare-store DIR --patients 10000
    python tests/bench/bench_gui_stall.py --over-store DIR [--reloads 3]
"""

from __future__ import annotations

import ctypes
import itertools
import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from clinical.records import Staff
from config import Settings, SettingsPaths
from offline import memory_budget
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from tests.bench.workbench import workbench_over
from ui.app import prepare_application, tune_for_gui
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
USER = UserId("bench-headless")  # the headless sync's user: the store is its
KEY_FILE = "key.hex"
STORE_DIR = "store"
PAGE = 1000  # the sync's page size (``sync.SyncConfig.page_size``)
SETTLE_S = 2.0  # a reload's reads and the due counts after it have landed by then


def prepare(directory: Path, *, patients: int, load: Callable[..., int]) -> None:
    """Sync ``patients`` synthetic patients headless into ``directory`` (store and key)."""
    from tests.bench.gui_stall import headless  # noqa: PLC0415  (one headless path)
    from tests.platform.launcher import Platform  # noqa: PLC0415

    directory.mkdir(parents=True, exist_ok=True)
    key = directory / KEY_FILE
    key.write_text(os.urandom(32).hex())
    key.chmod(0o600)
    today = datetime.now(ZoneInfo("Europe/Oslo"))
    with Platform.start() as platform:
        started = time.perf_counter()
        total = load(platform, patients=patients, today=today, scratch=directory)
        print(f"loaded {total} resources in {time.perf_counter() - started:.0f} s")
        synced = headless(platform, today=today, scratch=directory, store=STORE_DIR, key_file=key)
    print(f"synced {synced.pulled} resources in {synced.seconds:.0f} s ({synced.outcome})")


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def rss_parts() -> str:
    """Resident memory by kind (``/proc/self/status``): the heap (anonymous), mapped files
    (libraries), shared memory (the store's WAL index), and what is locked (the page-cache
    block and SQLCipher's locked allocations)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    mb = {name: int(fields[name].split()[0]) / 1000 for name in
          ("RssAnon", "RssFile", "RssShmem", "VmLck")}  # fmt: skip
    return (
        f"anon {mb['RssAnon']:.0f}, files {mb['RssFile']:.0f}, shm {mb['RssShmem']:.1f}, "
        f"locked {mb['VmLck']:.0f}; malloc {malloc_line()}; pymalloc {pymalloc_line()}"
        + (f"; traced {python_mb():.0f}" if tracemalloc.is_tracing() else "")
    )


def pymalloc_line() -> str:
    """Python's small-object allocator: its arenas, and the bytes in live blocks in them."""
    saved = os.dup(2)
    with tempfile.TemporaryFile("w+") as out:
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read()
    arenas = re.search(r"# arenas allocated current\s*=\s*([\d,]+)", text)
    used = re.search(r"# bytes in allocated blocks\s*=\s*([\d,]+)", text)
    if arenas is None or used is None:
        return "n/a"
    return (
        f"{int(arenas[1].replace(',', ''))} arenas, "
        f"{int(used[1].replace(',', '')) / 1e6:.0f} in blocks"
    )


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]  # fmt: skip


def malloc_line() -> str:
    """glibc's heap over all arenas: bytes in use, free but kept, and in mmapped blocks."""
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return "n/a"
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return (
        f"in use {info.uordblks / 1e6:.0f}, free {info.fordblks / 1e6:.0f}, "
        f"mmapped {info.hblkhd / 1e6:.0f}"
    )


def python_mb() -> float:
    """What live Python objects hold (known only while ``--trace`` runs tracemalloc)."""
    return tracemalloc.get_traced_memory()[0] / 1e6 if tracemalloc.is_tracing() else float("nan")


def settle(app: QApplication, runner: TaskRunner, seconds: float = SETTLE_S) -> None:
    """Run the event loop for ``seconds`` and until the runner has nothing left to do."""
    loop = QEventLoop()
    deadline = time.perf_counter() + seconds

    def check() -> None:
        if time.perf_counter() >= deadline and runner.wait_for_done(0):
            loop.quit()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    app.processEvents()


def over_store(directory: Path, *, reloads: int, trace: bool, trim: bool = True) -> int:
    """Build the window over the prepared store, read it as after a sync, report RSS; without
    ``trim``, the patient list keeps the freed heap as it did before ``app.heap``."""
    if not trim:
        from ui.views import patient_list_view  # noqa: PLC0415

        patient_list_view.return_free_heap = lambda: False  # type: ignore[assignment]
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    translators = prepare_application(app, language=Language.BOKMAL)
    key = DataKey.from_hex((directory / KEY_FILE).read_text().strip())
    paths = store_paths(USER, directory=directory / STORE_DIR)
    settings = Settings.load(SettingsPaths.under_root(directory / "config"))
    if trace:
        tracemalloc.start(12)
    figures: list[tuple[str, float, str]] = [("before the store opens", rss_mb(), rss_parts())]
    with Store.open(paths, key, user=USER, integrity="none") as store:
        runner, bridge = TaskRunner(), EventBridge()
        nurse = Staff(practitioner_id="bench-nurse", name="Benk Sykepleier", hpr=None, role="SP")
        window: MainWindow = workbench_over(
            store, user=nurse, settings=settings, runner=runner, bridge=bridge
        )
        window.resize(1366, 768)
        window.show()
        tune_for_gui()
        settle(app, runner)
        figures.append(("window built, nothing read", rss_mb(), rss_parts()))
        built = tracemalloc.take_snapshot() if trace else None
        started = time.perf_counter()
        window.start()
        settle(app, runner)
        figures.append(
            (f"first read ({time.perf_counter() - started:.1f} s)", rss_mb(), rss_parts())
        )
        for number in range(1, reloads + 1):
            started = time.perf_counter()
            window.refresh()
            settle(app, runner)
            figures.append(
                (f"reload {number} ({time.perf_counter() - started:.1f} s)", rss_mb(), rss_parts())
            )
        kept = tracemalloc.take_snapshot() if trace else None
        trimmed = heap_trim()
        figures.append((f"after malloc_trim(0) ({trimmed})", rss_mb(), rss_parts()))
        rows = window.patient_list.model.rowCount()
        places = window.patient_list.current_place()
        runner.wait_for_done()
        window.close()
        app.processEvents()
    print(f"the window over {directory} ({memory_budget().name!r} store memory, the list "
          f"{'returns' if trim else 'keeps'} the freed heap): the list shows "
          f"{rows} rows of {places.name if places else 'no place'}")  # fmt: skip
    for what, mb, parts in figures:
        print(f"  RSS {mb:6.1f} MB  {what:<34} ({parts})")
    if built is not None and kept is not None:
        print("what Python objects the reads keep, by where they were allocated (top 15):")
        for stat in kept.compare_to(built, "traceback")[:15]:
            print(f"  {stat.size_diff / 1e6:+7.2f} MB {stat.count_diff:+8d} blocks")
            for line in stat.traceback.format(limit=6):
                print(f"      {line}")
    del translators
    return 0


def heap_trim() -> str:
    """Return freed heap to the system (glibc's ``malloc_trim``): shows what was free but kept."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return "no glibc"
    started = time.perf_counter()
    libc.malloc_trim(0)
    return f"{(time.perf_counter() - started) * 1000:.0f} ms"


def prepare_direct(directory: Path, *, patients: int) -> None:
    """The store a full sync of ``patients`` would leave, written straight from the generator's
    NDJSON in the sync's pages (``Store.apply_server_resources``), without the platform: at
    10,000 patients (3.3 million resources) the in-memory platform outgrows its 8 GB heap."""
    from offline import BULK_MEMORY, choose_memory_budget  # noqa: PLC0415

    choose_memory_budget(BULK_MEMORY)
    directory.mkdir(parents=True, exist_ok=True)
    key = directory / KEY_FILE
    key.write_text(os.urandom(32).hex())
    key.chmod(0o600)
    today = datetime.now(ZoneInfo("Europe/Oslo"))
    ndjson = directory / "municipality.ndjson"
    if not ndjson.exists():
        subprocess.run(
            [sys.executable, "-m", "tests.synthetic", "--patients", str(patients), "--seed", "1",
             "--reference-date", today.date().isoformat(), "--out", str(ndjson)],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    started = time.perf_counter()
    stored = 0
    paths = store_paths(USER, directory=directory / STORE_DIR)
    with (
        Store.open(paths, DataKey.from_hex(key.read_text()), user=USER, create=True) as store,
        ndjson.open("rb") as source,
    ):
        while page := list(itertools.islice(source, PAGE)):
            stored += len(page)
            store.apply_server_resources(page)
            if stored % 100_000 < PAGE:
                print(f"  {stored:,} resources stored, {time.perf_counter() - started:.0f} s")
    ndjson.unlink()
    print(f"stored {stored:,} resources in {time.perf_counter() - started:.0f} s")


def run_prepare(directory: Path, *, patients: int, direct: bool) -> int:
    """``--prepare-store``: the synced store for ``--over-store``."""
    if direct:
        prepare_direct(directory, patients=patients)
        return 0
    from tests.bench.gui_stall import load  # noqa: PLC0415

    prepare(directory, patients=patients, load=load)
    return 0
