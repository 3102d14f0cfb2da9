"""The shift's views offscreen to PNG: ``python -m tests.ui.shift.screenshots OUT [WxH] [lang]``.

A real encrypted store in a temporary folder holds a synthetic nursing-home unit of 12
residents (removed when the run ends); the window is built as the workstation builds it
(``ui.workbench.build_workbench`` over ``ClinicalServices``) at a fixed time. Renders the
patient list with the report from the previous shift, a resident's tasks, notes (the editor
with a draft), ISBAR form, the outcome dialog, the unit's task list and report, and the
report from the previous shift. Runs as its own process so ``QT_SCALE_FACTOR`` applies.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from app.bedside.config import BedsideConfig
from app.service_context import ServiceContext
from app.services import ClinicalServices
from app.values import AccessBasis, AccessGrant
from clinical.records.task_writer import TaskOutcome
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from tests.app.conftest import NOW, NURSE, OSLO, REFERENCE_DATE, USER_ID
from tests.synthetic import generate
from tests.ui.screenshots import _panel_screen, _spin
from ui.app import prepare_application
from ui.i18n import CATALOGUES, TRANSLATIONS_DIR, Language
from ui.presenters.formatting import set_display_zone
from ui.tasks import TaskRunner
from ui.workbench import build_workbench

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")
VIEWS = (
    "shift_patient_list",
    "shift_tasks",
    "shift_outcome_dialog",
    "shift_notes",
    "shift_isbar",
    "shift_unit_tasks",
    "shift_unit_handover",
    "shift_report",
)


def _translators(app: QApplication, workdir: Path) -> list[QTranslator]:
    translators = []
    for catalogue in CATALOGUES:
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
    """Render the views at ``width``x``height`` logical pixels into ``out``; the files."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    set_display_zone(OSLO)
    prepare_application(app, language=Language.ENGLISH)
    with tempfile.TemporaryDirectory(prefix="pleiepunkt-shift-shots-") as workdir:
        folder = Path(workdir)
        translators = _translators(app, folder) if language is Language.BOKMAL else []
        if language is Language.BOKMAL:  # the clinical texts follow the locale, as in the app
            QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
        try:
            ward = list(generate(patients=12, seed=5, reference_date=REFERENCE_DATE))
            with Store.open(
                store_paths(USER_ID, directory=folder / "store"),
                DataKey.generate(),
                user=USER_ID,
                create=True,
            ) as store:
                store.apply_server_resources(ward)
                return _render(app, store, out, width=width, height=height)
        finally:
            for translator in translators:
                app.removeTranslator(translator)
                translator.setParent(None)
            translators.clear()


def _render(app: QApplication, store: Store, out: Path, *, width: int, height: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    services = ClinicalServices(ServiceContext(store=lambda: store, user=NURSE, clock=lambda: NOW))
    runner = TaskRunner(max_threads=2)
    window = build_workbench(
        services, runner=runner, bridge=None, ward=BedsideConfig(), clock=lambda: NOW
    )
    window.resize(width, height)
    window.show()
    window.start()
    suffix = f"{width}x{height}"
    if scale := os.environ.get("QT_SCALE_FACTOR"):
        suffix += f"@{scale}x"
    files: list[Path] = []

    def settle(seconds: float = 0.4) -> None:
        for _ in range(3):
            runner.wait_for_done(10_000)
            _spin(app, seconds / 3)

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}_{suffix}.png"
        widget.grab().save(str(path))
        files.append(path)

    settle(1.0)
    save(window, "shift_patient_list")
    patients = window.patient_list
    patients.table.selectRow(0)
    row = patients.selected_row()
    assert row is not None
    window.access.remember(row.id, AccessGrant(AccessBasis.CONSENT, "", NOW))
    window.request_open(row)
    settle()
    window.workspace.show_tab("tasks")
    save(window, "shift_tasks")
    tasks = window.workspace._named_tabs["tasks"]
    for number in range(tasks.model.rowCount()):  # type: ignore[attr-defined]
        task = tasks.model.task_at(number)  # type: ignore[attr-defined]
        if task is not None and task.kind.value == "care-plan":
            tasks.table.selectRow(number)  # type: ignore[attr-defined]
            break
    tasks.record(TaskOutcome.NOT_DONE)  # type: ignore[attr-defined]
    settle()
    dialog = tasks.dialog  # type: ignore[attr-defined]
    if dialog is not None:
        save(dialog, "shift_outcome_dialog")
        dialog.reject()
    window.workspace.show_tab("notes")
    notes = window.workspace._named_tabs["notes"]
    settle()
    notes.new_note()  # type: ignore[attr-defined]
    settle()
    notes.editor.text.setPlainText(  # type: ignore[attr-defined]
        "Urolig ved 10-tiden, ville hjem. Roet seg etter samtale og en kopp kaffe."
    )
    save(window, "shift_notes")
    window.workspace.show_tab("handover")
    save(window, "shift_isbar")
    window.show_place_page("tasks")
    save(window, "shift_unit_tasks")
    window.show_place_page("handover")
    save(window, "shift_unit_handover")
    window.show_patient_list()
    banner = window.place_banner
    settle()
    if banner is not None and getattr(banner, "reports", None):
        banner.read()  # type: ignore[attr-defined]
        settle()
        shown = banner.dialog  # type: ignore[attr-defined]
        if shown is not None:
            save(shown, "shift_report")
            shown.reject()
    window.close()
    runner.wait_for_done(10_000)
    _spin(app, 0.1)
    return files


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
