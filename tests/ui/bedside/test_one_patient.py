"""One patient at a time: switching clears every bedside view, and every save and scan is
checked against the patient in the header (``PatientGuard``), with slow loads and fast switching.

Issue #16 fault 6: ``MedicationRoundView.set_patient`` kept the previous round, and until the
new patient's doses loaded a scan opened the previous patient's dose under the new header.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.bedside.round_plan import RowKind
from app.values import AccessBasis, AccessGrant, PatientListEntry
from clinical.patient_guard import PatientGuard
from tests.ui.bedside.fake_source import FakeBedsideSource
from tests.ui.bedside.helpers import active, datamatrix, named, scan, select_row
from tests.ui.bedside.ward_data import ASTRID, INGRID, NOW, PER, drug_gtin
from tests.ui.fake_source import FakeSource
from ui.bedside import MedicationRoundView, VitalSignsView, VitalsTrendView
from ui.patient_workspace import PatientWorkspace
from ui.presenters.patient_list import patient_rows
from ui.tasks import TaskRunner

MOVICOL = datamatrix(drug_gtin("movicol"), expiry="261130", lot="MV1", serial="S1")


@dataclass
class SlowStore(FakeBedsideSource):
    """The fake store, where a patient's round waits until the test opens its gate."""

    gates: dict[str, threading.Event] = field(default_factory=dict)

    def hold(self, patient_id: str) -> threading.Event:
        gate = self.gates[patient_id] = threading.Event()
        return gate

    def medication_data(self, patient_id: str) -> Any:
        gate = self.gates.get(patient_id)
        if gate is not None:
            assert gate.wait(10), "the test never opened the gate"
        return super().medication_data(patient_id)


@pytest.fixture
def slow(qapp) -> SlowStore:
    return SlowStore(gui_thread=threading.main_thread())


def _show(qtbot, view):
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5_000)
    return view


@pytest.fixture
def guard() -> PatientGuard:
    return PatientGuard()


@pytest.fixture
def rounds(qtbot, slow: SlowStore, runner: TaskRunner, english: None, guard: PatientGuard):
    view = _show(
        qtbot, MedicationRoundView(source=slow, runner=runner, clock=lambda: NOW, guard=guard)
    )
    guard.show(INGRID)
    with qtbot.waitSignal(view.round_loaded, timeout=5_000):
        view.set_patient(INGRID)
    return view


def _patients(view) -> set[str]:
    """The patients whose order lines the round shows."""
    found = set()
    for row in view.model_rows():
        lines = [item.line for item in row.pouch] or ([row.line] if row.line else [])
        for line in lines:
            resource = line.statement or line.request or {}
            found.add(resource["subject"]["reference"].removeprefix("Patient/"))
    return found


def test_changing_patient_empties_the_round_at_once(qtbot, rounds, slow, guard) -> None:
    assert _patients(rounds) == {INGRID}
    gate = slow.hold(ASTRID)
    guard.show(ASTRID)
    rounds.set_patient(ASTRID)
    assert rounds.model.rowCount() == 0
    assert "Ingrid" not in rounds.title.text()
    assert rounds.current_row() is None
    with qtbot.waitSignal(rounds.round_loaded, timeout=5_000):
        gate.set()
    assert _patients(rounds) == {ASTRID}


def test_a_scan_while_the_next_patient_loads_opens_nothing(qtbot, rounds, slow, guard) -> None:
    gate = slow.hold(ASTRID)
    guard.show(ASTRID)
    rounds.set_patient(ASTRID)
    scan(rounds.scan_field, MOVICOL)  # Ingrid's Movicol: she is no longer in the header
    QTest.qWait(200)
    assert rounds.dialog is None
    assert "still loading" in rounds.status.text()
    with qtbot.waitSignal(rounds.round_loaded, timeout=5_000):
        gate.set()
    assert rounds.dialog is None


def test_a_scan_during_the_catalogue_lookup_is_dropped_if_the_patient_changes(
    qtbot, rounds, slow, guard
) -> None:
    """The GTIN lookup runs on a worker; the patient may change before it answers."""
    lookup = threading.Event()
    original = slow.medication_for_gtin

    def slow_lookup(gtin: str):
        assert lookup.wait(10)
        return original(gtin)

    slow.medication_for_gtin = slow_lookup  # type: ignore[method-assign]
    scan(rounds.scan_field, MOVICOL)
    gate = slow.hold(ASTRID)
    guard.show(ASTRID)
    rounds.set_patient(ASTRID)
    lookup.set()
    qtbot.waitUntil(lambda: "still loading" in rounds.status.text(), timeout=5_000)
    assert rounds.dialog is None
    gate.set()


def test_a_late_load_of_the_previous_patient_is_never_painted(qtbot, rounds, slow, guard) -> None:
    late = slow.hold(PER)
    guard.show(PER)
    rounds.set_patient(PER)
    guard.show(ASTRID)
    with qtbot.waitSignal(rounds.round_loaded, timeout=5_000):
        rounds.set_patient(ASTRID)
    late.set()
    QTest.qWait(300)
    assert _patients(rounds) == {ASTRID}
    assert "Astrid" in rounds.title.text()


def test_rapid_switching_ends_on_the_last_patient_and_never_shows_another(
    qtbot, rounds, slow, guard
) -> None:
    gates = {pid: slow.hold(pid) for pid in (INGRID, PER, ASTRID)}
    for pid in (PER, ASTRID, INGRID, PER, ASTRID, PER, INGRID, ASTRID):
        guard.show(pid)
        rounds.set_patient(pid)
        assert rounds.model.rowCount() == 0
        QTest.qWait(5)
    for gate in (gates[PER], gates[INGRID]):
        gate.set()
    QTest.qWait(200)
    assert rounds.model.rowCount() == 0  # only Astrid's answer may paint, and it is held
    with qtbot.waitSignal(rounds.round_loaded, timeout=5_000):
        gates[ASTRID].set()
    assert _patients(rounds) == {ASTRID}


def test_a_save_for_the_patient_no_longer_in_the_header_saves_nothing(
    qtbot, rounds, slow, guard
) -> None:
    select_row(rounds, named("Movicol"))
    QTest.keyClick(rounds.table, Qt.Key.Key_Return)
    dialog = active(qtbot, rounds.dialog)
    guard.show(ASTRID)  # the header moved on (e.g. the unit round opened another resident)
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "another patient" in dialog.message.text(), timeout=5_000)
    assert "Nothing was saved" in dialog.message.text()
    assert slow.written == []
    assert dialog.isVisible()


def test_a_pack_scanned_in_a_dialog_of_another_patient_is_not_checked(
    qtbot, rounds, slow, guard
) -> None:
    select_row(rounds, named("Movicol"))
    QTest.keyClick(rounds.table, Qt.Key.Key_Return)
    dialog = active(qtbot, rounds.dialog)
    guard.show(ASTRID)
    scan(dialog.pack_box.scan_field, MOVICOL)
    assert "another patient" in dialog.pack_box.result.text()
    assert dialog.pack_box.pack is None


def test_the_round_opens_nothing_for_a_patient_not_in_the_header(qtbot, rounds, guard) -> None:
    guard.show(ASTRID)
    scan(rounds.scan_field, MOVICOL)
    assert rounds.dialog is None
    assert "another patient" in rounds.status.text()
    row = next(r for r in rounds.model_rows() if r.kind is RowKind.DOSE)
    assert rounds.open_row(row) is None


def test_vitals_for_another_patient_are_refused_and_kept(
    qtbot, slow, runner, english, guard
) -> None:
    view = _show(qtbot, VitalSignsView(source=slow, runner=runner, clock=lambda: NOW, guard=guard))
    guard.show(PER)
    view.set_patient(PER)
    qtbot.waitUntil(lambda: view.scale.count() > 0, timeout=5_000)
    field = next(iter(view.fields.values())).edit
    QTest.keyClicks(field, "18")
    guard.show(ASTRID)
    view.save()
    qtbot.waitUntil(lambda: "another patient" in view.message.text(), timeout=5_000)
    assert slow.written == []
    assert field.text() == "18"


def test_the_workspace_shows_the_patient_in_the_guard_and_clears_every_bedside_view(
    qtbot, slow, runner, english
) -> None:
    """The real workspace and the real views: one switch empties all three tabs at once."""
    workspace = PatientWorkspace(source=FakeSource(), runner=runner, clock=lambda: NOW)
    guard = workspace.guard
    rounds = MedicationRoundView(source=slow, runner=runner, clock=lambda: NOW, guard=guard)
    vitals = VitalSignsView(source=slow, runner=runner, clock=lambda: NOW, guard=guard)
    trend = VitalsTrendView(source=slow, runner=runner, clock=lambda: NOW)
    workspace.add_bedside_tabs(rounds=rounds, vitals=vitals, trend=trend)
    _show(qtbot, workspace)
    patients = {p["id"]: p for p in slow.resources if p["resourceType"] == "Patient"}
    rows = {
        r.id: r
        for r in patient_rows(
            [PatientListEntry(patient=p) for p in patients.values()], today=NOW.date()
        )
    }
    grant = AccessGrant(AccessBasis.CONSENT, "", NOW)
    with qtbot.waitSignal(rounds.round_loaded, timeout=5_000):
        workspace.open_patient(rows[INGRID], grant)
    assert guard.shown == INGRID
    qtbot.waitUntil(lambda: trend.model.rowCount() > 0, timeout=5_000)
    QTest.keyClicks(next(iter(vitals.fields.values())).edit, "18")
    gate = slow.hold(ASTRID)
    workspace.open_patient(rows[ASTRID], grant)
    assert guard.shown == ASTRID
    assert rounds.model.rowCount() == 0
    assert trend.model.rowCount() == 0
    assert all(f.edit.text() == "" for f in vitals.fields.values())
    scan(rounds.scan_field, MOVICOL)
    assert rounds.dialog is None
    with qtbot.waitSignal(rounds.round_loaded, timeout=5_000):
        gate.set()
    assert _patients(rounds) == {ASTRID}
    workspace.closed.emit()
    assert guard.shown is None
