"""Access logging in the window: the emergency-access line in the header, and own openings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.values import AccessBasis, AccessGrant, OwnAccess, RecordView
from tests.ui.activation import wait_until_active
from tests.ui.fake_source import FakeSource
from tests.ui.ward import NOW, unit_patients
from ui.app import build_main_window
from ui.main_window import MainWindow
from ui.session.own_accesses import OwnAccessesDialog
from ui.tasks import TaskRunner

UNDER_LOAD_MS = 30_000
"""Generous: each wait ends as soon as its condition holds, and a busy CI machine is slow."""


def _open(qtbot, window: MainWindow, patient_id: str, grant: AccessGrant | None) -> None:
    window.show_patient_list()
    assert window.patient_list.select_patient(patient_id)
    row = window.patient_list.selected_row()
    assert row is not None
    window.request_open(row)
    if grant is not None:
        dialog = window.access_dialog
        assert dialog is not None
        dialog.choose(grant.basis)
        dialog.reason_field.setPlainText(grant.reason)
        dialog.accept()
    else:
        assert window.access_dialog is None, "the visit's grant is remembered"
    qtbot.waitUntil(lambda: window.workspace.panels[0].state == "content", timeout=5_000)


def test_emergency_access_is_shown_in_the_header_for_the_whole_visit(
    qtbot, window: MainWindow
) -> None:
    header = window.workspace.header
    reason = "Bevisstløs, <b>trenger</b>\nlegemiddelliste"
    _open(qtbot, window, "pas-ingrid", AccessGrant(AccessBasis.EMERGENCY, reason, NOW))
    expected = (
        "⚠ Emergency access used at 09:40 – reason: Bevisstløs, <b>trenger</b> legemiddelliste"
    )
    assert header.emergency_text() == expected, "plain text, one line, with a sign and words"
    line = header.findChild(QLabel, "emergencyAccess")
    assert line is not None
    assert line.textFormat() == Qt.TextFormat.PlainText
    assert line.accessibleName() == expected
    assert line.isVisible()
    _open(qtbot, window, "pas-olav", AccessGrant(AccessBasis.CONSENT, "", NOW))
    assert header.emergency_text() == ""
    assert not line.isVisible()
    _open(qtbot, window, "pas-ingrid", None)
    assert header.emergency_text() == expected, "still there when the visit is reopened"


def test_emergency_line_ends_with_the_visit(qtbot, window: MainWindow) -> None:
    _open(qtbot, window, "pas-ingrid", AccessGrant(AccessBasis.EMERGENCY, "Fall", NOW))
    assert window.workspace.header.emergency_text() != ""
    window.access.forget_all()
    window.show_patient_list()
    window.request_open(window.patient_list.selected_row())  # type: ignore[arg-type]
    dialog = window.access_dialog
    assert dialog is not None, "a new visit asks again"
    dialog.choose(AccessBasis.CONSENT)
    dialog.accept()
    qtbot.waitUntil(lambda: window.workspace.header.emergency_text() == "", timeout=2_000)


_INGRID = next(p.patient for p in unit_patients() if p.patient["id"] == "pas-ingrid")
_OPENINGS = [
    OwnAccess(NOW, "pas-ingrid", _INGRID, AccessBasis.EMERGENCY, RecordView.CORE_RECORD),
    OwnAccess(NOW, "pas-gone", None, AccessBasis.CONSENT, RecordView.MEDICATION_LIST),
]


def test_own_openings_open_from_the_status_bar_and_ctrl_shift_a(
    qtbot, source: FakeSource, runner: TaskRunner, english: None
) -> None:
    calls: list[int] = []

    def listing() -> list[OwnAccess]:
        calls.append(1)
        return _OPENINGS

    window = build_main_window(
        source=source, runner=runner, clock=lambda: NOW, own_accesses=listing
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window, timeout=UNDER_LOAD_MS)
    wait_until_active(qtbot, window)
    window.patient_list.table.setFocus()
    qtbot.keyClick(
        window.patient_list.table,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=UNDER_LOAD_MS)
    shown = window.findChild(OwnAccessesDialog)
    assert shown is not None
    assert shown.isVisible()
    shown.close()
    button = window.findChild(QPushButton, "ownAccessesButton")
    assert button is not None
    assert button.text() == "My record openings…"
    assert button.accessibleName() == "My record openings"
    button.click()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=UNDER_LOAD_MS)
    dialog = window.show_own_accesses()
    assert isinstance(dialog, OwnAccessesDialog)
    model = dialog.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=UNDER_LOAD_MS)
    assert model.data(model.index(0, 0)) == "12.03.2025 09:40"
    assert model.data(model.index(0, 1)) == "Ingrid Marie Solberg (178438 *****)"
    assert model.data(model.index(0, 2)) == (
        "Emergency (necessity) · Core record — emergency access"
    )
    assert model.data(model.index(1, 1)) == "Patient no longer on this computer"
    assert model.data(model.index(1, 2)) == "The patient consents · Medication list"
    runner.wait_for_done(UNDER_LOAD_MS)


def test_without_the_hook_there_is_no_openings_button(window: MainWindow) -> None:
    assert window.findChild(QPushButton, "ownAccessesButton") is None
    assert window.show_own_accesses() is None
