"""Render every bedside view offscreen to PNG: ``python -m tests.ui.screenshots OUT [WxH] [lang]``.

Runs as its own process so ``QT_SCALE_FACTOR`` (150 %, 200 %) applies before Qt starts. Uses the
synthetic ward only. Bokmål is compiled from the .ts into a temporary .qm for the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from app.values import AccessBasis, AccessGrant, Conflict
from sync import Connectivity, SyncStatus
from tests.ui.bedside.fake_source import FakeBedsideSource
from tests.ui.bedside.ward_data import INGRID
from tests.ui.bedside.ward_data import UNIT as BEDSIDE_UNIT
from tests.ui.conflict_data import CONFLICT
from tests.ui.fake_source import FakeSource
from tests.ui.ward import NOW, OSLO
from ui.app import build_main_window, prepare_application
from ui.bedside import MedicationRoundView, UnitRoundView, VitalSignsView, VitalsTrendView
from ui.dialogs.access_basis_dialog import AccessBasisDialog
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.i18n import TRANSLATIONS_DIR, Language
from ui.presenters.formatting import set_display_zone
from ui.tasks import TaskRunner

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")


class _NoConflicts:
    def open_conflicts(self) -> list[Conflict]:
        return []

    def resolve(self, conflict_id: str, **_: object) -> None:
        return None


def _spin(app: QApplication, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def _bokmal(app: QApplication, workdir: Path) -> list[QTranslator]:
    translators = []
    for catalogue in ("pleiepunkt", "bedside", "followup"):
        qm = workdir / f"{catalogue}_nb.qm"
        subprocess.run(
            [str(LRELEASE), str(TRANSLATIONS_DIR / f"{catalogue}_nb.ts"), "-qm", str(qm)],
            check=True,
            capture_output=True,
        )
        translator = QTranslator(app)
        if not translator.load(str(qm)):
            raise RuntimeError("compiled translation did not load")
        app.installTranslator(translator)
        translators.append(translator)
    return translators


def render(out: Path, *, width: int, height: int, language: Language) -> list[Path]:
    """Render the views at ``width``x``height`` logical pixels into ``out``; return the files.

    The compiled Bokmål lives in a temporary folder that is removed when the views are done."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    set_display_zone(OSLO)
    prepare_application(app, language=Language.ENGLISH)
    with tempfile.TemporaryDirectory(prefix="pleiepunkt-shots-") as workdir:
        translators = _bokmal(app, Path(workdir)) if language is Language.BOKMAL else []
        try:
            return _render_views(app, out, width=width, height=height)
        finally:
            # A translator keeps its .qm memory-mapped; destroy it before the folder goes.
            for translator in translators:
                app.removeTranslator(translator)
                translator.setParent(None)
            translators.clear()


def _render_views(app: QApplication, out: Path, *, width: int, height: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    source = FakeSource()
    runner = TaskRunner(max_threads=2)
    window = build_main_window(source=source, runner=runner, clock=lambda: NOW)
    window.resize(width, height)
    window.show()
    window.start()
    window.set_sync_status(
        SyncStatus(
            connectivity=Connectivity.ONLINE,
            pending_changes=2,
            quarantined=0,
            conflicts=1,
            last_success_at=NOW - timedelta(minutes=6),
        )
    )
    _spin(app)
    suffix = f"{width}x{height}"
    scale = os.environ.get("QT_SCALE_FACTOR")
    if scale:
        suffix += f"@{scale}x"
    files: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        path = out / f"{name}_{suffix}.png"
        widget.grab().save(str(path))
        files.append(path)

    window.patient_list.select_patient("pas-ingrid")
    _spin(app, 0.1)
    save(window, "patient_list")
    row = window.patient_list.selected_row()
    assert row is not None
    dialog = AccessBasisDialog(row.summary.full_name, now=NOW, parent=window)
    dialog.show()
    _spin(app, 0.2)
    save(dialog, "access_basis_dialog")
    dialog.close()
    grant = AccessGrant(basis=AccessBasis.CONSENT, reason="", granted_at=NOW)
    window.access.remember(row.id, grant)
    window.request_open(row)
    _spin(app)
    save(window, "core_record")
    banner = window.workspace.header.banner
    banner.set_collapsed(True)
    _spin(app)
    save(window, "core_record_banner_collapsed")
    banner.set_collapsed(False)
    window.workspace.tabs.setCurrentIndex(1)
    _spin(app)
    save(window, "medication_list")
    window.workspace.tabs.setCurrentIndex(2)
    _spin(app)
    save(window, "prescriptions")
    window.show_patient_list()
    window.patient_list.place_chooser.setCurrentIndex(1)
    _spin(app)
    save(window, "route_list")
    conflicts = ConflictDialog([CONFLICT], resolver=_NoConflicts(), runner=runner, parent=window)
    conflicts.show()
    _spin(app, 0.2)
    save(conflicts, "conflict_dialog")
    conflicts.close()
    window.close()
    _bedside(app, save, width=width, height=height, runner=runner)
    runner.wait_for_done(5_000)
    _spin(app, 0.1)
    return files


def _bedside(
    app: QApplication,
    save: Callable[[QWidget, str], None],
    *,
    width: int,
    height: int,
    runner: TaskRunner,
) -> None:
    """The unit's round page, a patient's round, the vital-signs form and the trend."""
    source = FakeBedsideSource()
    unit = UnitRoundView(
        source=source, runner=runner, clock=lambda: NOW, place=lambda: BEDSIDE_UNIT
    )
    rounds = MedicationRoundView(source=source, runner=runner, clock=lambda: NOW)
    vitals = VitalSignsView(source=source, runner=runner, clock=lambda: NOW)
    trend = VitalsTrendView(source=source, runner=runner, clock=lambda: NOW)
    unit.reload()
    for view in (rounds, vitals, trend):
        view.set_patient(INGRID)
    for view, name in (
        (unit, "unit_round"),
        (rounds, "medication_round"),
        (vitals, "vital_signs"),
        (trend, "vitals_trend"),
    ):
        view.resize(width, height)
        view.show()
        runner.wait_for_done(5_000)
        _spin(app)
        save(view, name)
        view.close()


def _panel_screen(width: int, height: int, *, folder: Path) -> None:
    """Make the offscreen screen the panel being imitated (e.g. 1920x1080 at 200 %), not
    Qt's default 800x800, so dialogs get the room (and the limits) a real screen gives.

    The screen description is written into ``folder``; Qt reads it when the app starts."""
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return
    factor = float(os.environ.get("QT_SCALE_FACTOR") or 1)
    screen = {
        "name": "panel",
        "x": 0,
        "y": 0,
        "width": round(width * factor),
        "height": round(height * factor),
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(argv: list[str]) -> int:
    """Command line entry: output folder, optional size and language."""
    out = Path(argv[0])
    width, height = (int(v) for v in (argv[1] if len(argv) > 1 else "1366x768").split("x"))
    language = Language(argv[2]) if len(argv) > 2 else Language.BOKMAL
    with tempfile.TemporaryDirectory(prefix="pleiepunkt-screen-") as folder:
        _panel_screen(width, height, folder=Path(folder))
        for path in render(out, width=width, height=height, language=language):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
