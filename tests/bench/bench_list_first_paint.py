"""Benchmark: the GUI-thread stall of the patient list's first load over a synced store.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_list_first_paint.py [--reps 3]

Why: in ``bench_gui_stall.py`` the longest stall is no longer inside the sync but right after it,
when the window reads the places and the first patient list and paints it for the first time.
This isolates that moment without a platform: the synthetic municipality is stored directly
(``Store.apply_server_resources``), then ``--reps`` fresh windows (built as the app builds
them, tuned as ``ui.app.tune_for_gui``) each load the list with the same 5 ms probe and typist
as the stall benchmark. Every event the GUI thread takes longer than 8 ms to deliver is printed
with its receiver class and event type, so a stall is pinned to, for example, the table
viewport's first ``Paint``. Not run in CI; no patient data is printed (class names and timings
only).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from clinical.records import Staff
from config import Settings, SettingsPaths
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from tests.bench.gui_stall import Probe, Typist, measure
from tests.bench.workbench import workbench_over
from tests.synthetic import generate
from ui.app import prepare_application, tune_for_gui
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.tasks import TaskRunner

SLOW_EVENT_MS = 8.0
WATCH_S = 3.0


class TimedApplication(QApplication):
    """Records every event whose delivery on the GUI thread took longer than ``SLOW_EVENT_MS``."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.slow: list[tuple[float, float, str, str]] = []

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        started = time.perf_counter()
        delivered = super().notify(receiver, event)
        took = (time.perf_counter() - started) * 1000
        if took > SLOW_EVENT_MS:
            self.slow.append((started, took, type(receiver).__name__, event.type().name))
        return delivered


def fill(store: Store, *, patients: int, today: datetime) -> None:
    items = (
        json.dumps(r) for r in generate(patients=patients, seed=1, reference_date=today.date())
    )
    while page := list(itertools.islice(items, 1000)):
        store.apply_server_resources(page)


def one_load(app: TimedApplication, window: Any) -> tuple[list[float], float]:
    """Stalls (ms) while the window loads its first list, and when the worst began (ms)."""
    window.resize(1366, 768)
    window.show()
    probe, typist = Probe(), Typist(window)
    app.slow.clear()
    started = time.perf_counter()
    window.start()
    stalls = measure(
        "first load",
        probe=probe,
        typist=typist,
        until=lambda: time.perf_counter() - started > WATCH_S,
    )
    (at, _late), *_ = probe.worst_stalls(1)
    for begun, took, receiver, event in app.slow:
        print(f"    {took:5.1f} ms  {receiver} {event} at +{(begun - started) * 1000:.0f} ms")
    return stalls.lateness_ms, (at - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    app = TimedApplication(sys.argv[:1])
    prepare_application(app, language=Language.BOKMAL)
    today = datetime.now(ZoneInfo("Europe/Oslo"))
    user = UserId("bench")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings.load(SettingsPaths.under_root(root / "config"))
        paths = store_paths(user, directory=root / "data")
        with Store.open(paths, DataKey.generate(), user=user, create=True) as store:
            fill(store, patients=args.patients, today=today)
            nurse = Staff(practitioner_id="bench-nurse", name="Benk", hpr=None, role="SP")
            runner = TaskRunner()
            tune_for_gui()
            for rep in range(args.reps):
                window = workbench_over(
                    store, user=nurse, settings=settings, runner=runner, bridge=EventBridge()
                )
                print(f"window {rep + 1}: events over {SLOW_EVENT_MS:.0f} ms")
                lateness, worst_at = one_load(app, window)
                print(
                    f"  longest stall {max(lateness):.1f} ms at +{worst_at:.0f} ms, "
                    f"{sum(1 for late in lateness if late > 50)} ticks over 50 ms"
                )
                window.close()
                window.deleteLater()
                app.processEvents()
            runner.wait_for_done(10_000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
