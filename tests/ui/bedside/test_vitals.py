"""Vital-signs entry by keyboard: impossible values refused, NEWS2 live, one record call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinical.vitals import VitalSign
from tests.clinical.records.conftest import validate
from tests.ui.bedside.ward_data import INGRID, PER


def type_into(view, vital, text):
    edit = view.fields[vital].edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)


def full_set(view, *, systolic="105"):
    type_into(view, VitalSign.RESPIRATION_RATE, "22")
    type_into(view, VitalSign.SPO2, "93")
    QTest.keyClick(view.oxygen, Qt.Key.Key_Space)
    view.flow.setFocus()
    QTest.keyClicks(view.flow, "2")
    type_into(view, VitalSign.SYSTOLIC_BP, systolic)
    type_into(view, VitalSign.DIASTOLIC_BP, "64")
    type_into(view, VitalSign.PULSE, "112")
    view.acvpu.setFocus()
    QTest.keyClick(view.acvpu, Qt.Key.Key_Down)  # A - Alert
    type_into(view, VitalSign.TEMPERATURE, "38,4")


def test_impossible_bp_is_refused_and_nothing_is_lost(qtbot, vitals_view, store):
    full_set(vitals_view, systolic="400")
    assert "impossibly high" in vitals_view.fields[VitalSign.SYSTOLIC_BP].finding.text()
    QTest.keyClick(vitals_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.written == []
    assert "Nothing has been saved" in vitals_view.message.text()
    assert vitals_view.focusWidget() is vitals_view.fields[VitalSign.SYSTOLIC_BP].edit
    assert vitals_view.fields[VitalSign.PULSE].edit.text() == "112"
    type_into(vitals_view, VitalSign.SYSTOLIC_BP, "105")
    assert vitals_view.fields[VitalSign.SYSTOLIC_BP].finding.text() == ""
    QTest.keyClick(vitals_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(store.written) == 1, timeout=5_000)
    qtbot.waitUntil(lambda: "Saved" in vitals_view.status.text(), timeout=5_000)


def test_news2_band_is_shown_live_and_saved_with_its_inputs(qtbot, vitals_view, store):
    # Per has a documented scale 2 decision: 93 % on oxygen scores 1 on scale 2.
    assert vitals_view.scale.count() == 2
    full_set(vitals_view)
    assert vitals_view.panel.score.text() == "NEWS2: 9"
    assert "High risk" in vitals_view.panel.risk.text()
    assert "Continuous monitoring" in vitals_view.panel.next_due.text()
    assert vitals_view.fields[VitalSign.SPO2].score.text() == "score 1"
    QTest.keyClick(vitals_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "NEWS2 9" in vitals_view.status.text(), timeout=5_000)
    (batch,) = store.written
    assert len(batch) == 8
    for resource in batch:
        validate(resource)
        assert resource["subject"] == {"reference": f"Patient/{PER}"}
    news2 = batch[-1]
    assert news2["valueQuantity"]["value"] == 9
    assert {r["reference"] for r in news2["derivedFrom"]} == {
        f"Observation/{r['id']}" for r in batch[:-1]
    }
    assert vitals_view.fields[VitalSign.PULSE].edit.text() == ""


def test_partial_set_shows_no_total(qtbot, vitals_view):
    type_into(vitals_view, VitalSign.PULSE, "80")
    assert vitals_view.panel.score.text() == "NEWS2: –"
    assert "Incomplete" in vitals_view.panel.response.text()


def test_unusual_value_needs_confirmation(qtbot, vitals_view, store):
    type_into(vitals_view, VitalSign.PULSE, "190")
    assert vitals_view.confirm.isVisible()
    QTest.keyClick(vitals_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.written == []
    QTest.keyClick(vitals_view.confirm, Qt.Key.Key_Space)
    QTest.keyClick(vitals_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(store.written) == 1, timeout=5_000)


def test_scale_two_only_with_a_documented_decision(qtbot, vitals_view):
    vitals_view.set_patient(INGRID)
    qtbot.waitUntil(lambda: vitals_view.scale.count() == 1, timeout=5_000)
    assert "only when" in vitals_view.scale_note.text()
