"""Records the journal system sent that could not be read: the sync status says so in plain
words, and the header of a patient whose allergy, critical-information or medication record is
among them warns that what is shown may be incomplete."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from sync import Connectivity, SyncStatus
from tests.ui.compiled_translation import installed
from tests.ui.fake_source import FakeSource
from tests.ui.test_main_window import _accept_access
from tests.ui.ward import NOW
from ui.app import build_main_window
from ui.main_window import MainWindow
from ui.presenters.incomplete import MissingPart, missing_parts
from ui.tasks import TaskRunner


@pytest.fixture
def source() -> FakeSource:
    return FakeSource(unreadable={"pas-ingrid": frozenset({"AllergyIntolerance", "Observation"})})


def _open(qtbot, window: MainWindow, patient_id: str) -> None:
    window.patient_list.select_patient(patient_id)
    row = window.patient_list.selected_row()
    assert row is not None
    window.request_open(row)
    _accept_access(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace.panels[0].state == "content", timeout=5_000)


def test_the_header_warns_when_an_allergy_could_not_be_read(qtbot, window: MainWindow) -> None:
    _open(qtbot, window, "pas-ingrid")
    header = window.workspace.header
    qtbot.waitUntil(lambda: header.incomplete_text() != "", timeout=2_000)
    text = header.incomplete_text()
    assert text.startswith("⚠ Information may be incomplete: allergies from the journal system")
    assert "Observation" not in text
    label = header.findChild(QLabel, "incompleteRecord")
    assert label is not None
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.accessibleName() == text

    qtbot.keyClick(window.workspace, Qt.Key.Key_Escape)
    _open(qtbot, window, "pas-ola")
    qtbot.wait(200)
    assert window.workspace.header.incomplete_text() == ""


def test_the_sync_status_counts_unreadable_records_in_plain_words(window: MainWindow) -> None:
    window.set_sync_status(
        SyncStatus(Connectivity.ONLINE, 0, 0, 0, last_success_at=NOW, unreadable=2)
    )
    texts = window.sync_status.texts()
    assert "⚠ 2 record(s) from the journal system could not be read" in texts


@pytest.mark.parametrize(
    ("types", "parts"),
    [
        ({"AllergyIntolerance"}, (MissingPart.ALLERGIES,)),
        ({"Flag", "Consent", "Condition"}, (MissingPart.CRITICAL,)),
        ({"MedicationRequest", "Medication"}, (MissingPart.MEDICATION,)),
        ({""}, (MissingPart.UNKNOWN,)),
        ({"Observation", "Encounter"}, ()),
        (
            {"MedicationStatement", "AllergyIntolerance", "Flag"},
            (MissingPart.ALLERGIES, MissingPart.CRITICAL, MissingPart.MEDICATION),
        ),
    ],
)
def test_which_parts_are_named(types: set[str], parts: tuple[MissingPart, ...]) -> None:
    assert missing_parts(types) == parts


def test_the_warning_in_bokmal_renders(
    qtbot,
    qapp: QApplication,
    source: FakeSource,
    runner: TaskRunner,
    english: None,
    tmp_path: Path,
) -> None:
    with installed(qapp, "pleiepunkt_nb", tmp_path):  # over the app's style, as a nurse sees it
        window = build_main_window(source=source, runner=runner, clock=lambda: NOW)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.start()
        qtbot.waitUntil(lambda: window.patient_list.panel.state == "content", timeout=5_000)
        window.set_sync_status(
            SyncStatus(Connectivity.ONLINE, 0, 0, 0, last_success_at=NOW, unreadable=2)
        )
        _open(qtbot, window, "pas-ingrid")
        header = window.workspace.header
        qtbot.waitUntil(lambda: header.incomplete_text() != "", timeout=2_000)
        assert header.incomplete_text().startswith(
            "⚠ Opplysningene kan være ufullstendige: allergier"
        )
        assert "⚠ 2 oppføringer fra journalsystemet kunne ikke leses" in window.sync_status.texts()
        out = Path(os.environ.get("PLEIEPUNKT_SCREENSHOTS", tmp_path))
        out.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(out / "incomplete_record_1366x768.png"))
