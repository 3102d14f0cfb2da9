"""Every Alt+letter in every window and dialog goes to one place, in Bokmål and in English.

The window is built as the workstation builds it (``tests.ui.over_store.workbench``) over a
real store, then walked through each of its states (the patient list, each tab of an open
patient, the unit's round, locked); each dialog a nurse meets is opened and walked too. In each
state the visible widgets' mnemonics must all differ (``tests.ui.mnemonics``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from pprint import pformat
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.values import AccessBasis, AccessGrant
from config import Settings, SettingsPaths
from offline.store import Store
from tests.ui.every_dialog import NAMES, dialogs
from tests.ui.mnemonics import clashes, mnemonic
from tests.ui.over_store.workbench import workbench_over
from tests.ui.session.fakes import FakeServices
from ui.app import DEFAULT_CLOCK, prepare_application
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.session import SessionController
from ui.tasks import TaskRunner


@pytest.fixture(params=[Language.BOKMAL, Language.ENGLISH], ids=["nb", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Language]:
    translators = prepare_application(qapp, language=request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    qapp.setStyleSheet("")


@pytest.fixture
def workbench(
    qtbot: Any,
    own_store: tuple[Store, list[dict[str, Any]]],
    runner: TaskRunner,
    language: Language,
    tmp_path: Path,
) -> MainWindow:
    """The workbench with a resident selected (opening one writes: the store is its own)."""
    store, generated = own_store
    window = workbench_over(
        store,
        settings=Settings(SettingsPaths.under_root(tmp_path)),
        runner=runner,
        bridge=EventBridge(),
    )
    qtbot.addWidget(window)
    window.show()
    window.start()
    patients = window.patient_list
    qtbot.waitUntil(lambda: patients.panel.state == "content", timeout=20_000)
    assert any(
        patients.select_patient(r["id"]) for r in generated if r["resourceType"] == "Patient"
    )
    return window


def _open_patient(qtbot: Any, window: MainWindow) -> None:
    row = window.patient_list.selected_row()
    assert row is not None
    window.access.remember(row.id, AccessGrant(AccessBasis.CONSENT, "", DEFAULT_CLOCK()))
    window.request_open(row)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace, timeout=10_000)


def test_each_state_of_the_main_window_has_unique_mnemonics(
    qtbot: Any, workbench: MainWindow, runner: TaskRunner, tmp_path: Path
) -> None:
    window = workbench
    found: dict[str, dict[str, list[str]]] = {}
    found["patient list"] = clashes(window)
    _open_patient(qtbot, window)
    tabs = window.workspace.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(20)
        found[f"patient, tab {tabs.tabText(index)!r}"] = clashes(window)
    # The way back to the list has its own letter on every tab (clashes would show it).
    assert mnemonic(window.workspace.header.back_button.text()) is not None
    window.show_unit_round()
    qtbot.wait(20)
    found["unit round"] = clashes(window)
    window.show_followups()
    qtbot.wait(20)
    found["remote follow-up"] = clashes(window)
    services = FakeServices(tmp_path)
    controller = SessionController(
        window, services=services, runner=runner, window_factory=lambda _user: QWidget()
    )
    controller.lock()
    found["locked"] = clashes(window)
    problems = {state: clash for state, clash in found.items() if clash}
    assert problems == {}, pformat(problems, width=100)


@pytest.mark.parametrize("name", NAMES)
def test_each_dialog_has_unique_mnemonics(
    qtbot: Any, runner: TaskRunner, language: Language, tmp_path: Path, name: str
) -> None:
    dialog = dialogs(runner, tmp_path)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    runner.wait_for_done(5_000)  # what the dialog reads on a worker (the unlock's PIN state)
    QApplication.processEvents()
    found = clashes(dialog)
    assert found == {}, pformat(found, width=100)
