"""Every Alt+letter of the shift's views goes to one place, in Bokmål and in English: the
note editor open on a patient, the unit's task list and report, and the shift's dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from pprint import pformat
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.values import AccessBasis, AccessGrant
from clinical.records.task_writer import TaskOutcome
from config import Settings, SettingsPaths
from offline.store import Store
from tests.ui.mnemonics import clashes
from tests.ui.over_store.workbench import workbench_over
from ui.app import DEFAULT_CLOCK, prepare_application
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


@pytest.fixture(params=[Language.BOKMAL, Language.ENGLISH], ids=["nb", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Language]:
    translators = prepare_application(qapp, language=request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    qapp.setStyleSheet("")


@pytest.fixture
def window(
    qtbot: Any,
    own_store: tuple[Store, list[dict[str, Any]]],
    runner: TaskRunner,
    language: Language,
    tmp_path: Path,
) -> MainWindow:
    store, _ward = own_store
    main = workbench_over(
        store,
        settings=Settings(SettingsPaths.under_root(tmp_path)),
        runner=runner,
        bridge=EventBridge(),
    )
    qtbot.addWidget(main)
    main.show()
    main.start()
    qtbot.waitUntil(lambda: main.patient_list.panel.state == "content", timeout=20_000)
    return main


def test_the_shift_s_states_and_dialogs_have_unique_mnemonics(
    qtbot: Any, window: MainWindow, runner: TaskRunner
) -> None:
    found: dict[str, dict[str, list[str]]] = {}
    runner.wait_for_done(10_000)
    found["patient list with the report on top"] = clashes(window)
    window.patient_list.table.selectRow(0)
    row = window.patient_list.selected_row()
    assert row is not None
    window.access.remember(row.id, AccessGrant(AccessBasis.CONSENT, "", DEFAULT_CLOCK()))
    window.request_open(row)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=10_000)
    notes = window.workspace._named_tabs["notes"]
    window.workspace.show_tab("notes")
    notes.new_note()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: notes.pages.currentWidget() is notes.editor, timeout=10_000)  # type: ignore[attr-defined]
    found["note editor"] = clashes(window)
    tasks = window.workspace._named_tabs["tasks"]
    window.workspace.show_tab("tasks")
    runner.wait_for_done(10_000)
    QApplication.processEvents()
    for number in range(tasks.model.rowCount()):  # type: ignore[attr-defined]
        if tasks.model.task_at(number).kind.value == "care-plan":  # type: ignore[attr-defined]
            tasks.table.selectRow(number)  # type: ignore[attr-defined]
            break
    for outcome in TaskOutcome:
        tasks.record(outcome)  # type: ignore[attr-defined]
        dialog = tasks.dialog  # type: ignore[attr-defined]
        assert dialog is not None
        qtbot.waitExposed(dialog)
        found[f"outcome dialog, {outcome.value}"] = clashes(dialog)
        dialog.reject()
    tasks.new_task()  # type: ignore[attr-defined]
    found["new task dialog"] = clashes(tasks.dialog)  # type: ignore[attr-defined]
    tasks.dialog.reject()  # type: ignore[attr-defined]
    window.show_patient_list()
    for page in ("tasks", "handover"):
        window.show_place_page(page)
        runner.wait_for_done(10_000)
        QApplication.processEvents()
        found[f"unit's {page}"] = clashes(window)
    window.show_patient_list()
    banner = window.place_banner
    if banner is not None and getattr(banner, "reports", None):
        banner.read()  # type: ignore[attr-defined]
        found["report dialog"] = clashes(banner.dialog)  # type: ignore[attr-defined]
        banner.dialog.reject()  # type: ignore[attr-defined]
    problems = {state: clash for state, clash in found.items() if clash}
    assert problems == {}, pformat(problems, width=100)
