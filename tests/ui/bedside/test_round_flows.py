"""The medication round driven by keyboard: given, not given, partial, PRN, pouch, co-sign."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.bedside.round_plan import RowKind
from clinical.records.administration import (
    POUCH_EVENT_SYSTEM,
    PRESCRIBED_DOSE_URL,
    SCHEDULED_TIME_URL,
)
from tests.clinical.records.conftest import validate
from tests.ui.bedside.helpers import active, named, select_row
from tests.ui.bedside.ward_data import COLLEAGUE, INGRID, NURSE, rid
from ui.bedside.administer_dialog import AdministerDialog
from ui.bedside.effect_dialog import EffectDialog
from ui.bedside.pouch_dialog import PouchDialog


def save_and_wait(qtbot, view, dialog, store):
    before = len(store.written)
    with qtbot.waitSignal(view.round_loaded, timeout=5_000):
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(store.written) == before + 1
    for resource in store.written[-1]:
        validate(resource)
    return store.written[-1]


def extension(resource, url):
    return [e for e in resource.get("extension", []) if e["url"] == url]


def test_round_is_ordered_overdue_first(round_view, qtmodeltester):
    qtmodeltester.check(round_view.model)
    rows = round_view.model_rows()
    statuses = [r.status.value for r in rows if r.status is not None]
    assert statuses == sorted(statuses, key=["overdue", "due", "upcoming"].index)
    assert rows[-1].kind is RowKind.PRN
    texts = round_view.model.data(round_view.model.index(0, 1))
    assert "Overdue" in texts
    # Last night's documented 22:00 pouch is not listed again.
    assert all(
        "yesterday" not in round_view.model.data(round_view.model.index(i, 0))
        for i in range(len(rows))
    )


def test_record_given_with_enter(qtbot, round_view, store):
    select_row(round_view, named("Movicol"))
    QTest.keyClick(round_view.table, Qt.Key.Key_Return)
    dialog = active(qtbot, round_view.dialog)
    assert isinstance(dialog, AdministerDialog)
    (administration,) = save_and_wait(qtbot, round_view, dialog, store)
    assert administration["status"] == "completed"
    assert administration["subject"] == {"reference": f"Patient/{INGRID}"}
    assert administration["request"]["reference"] == (
        f"MedicationRequest/{rid(INGRID, 'movicol', 'request')}"
    )
    assert administration["performer"][0]["actor"]["reference"] == (
        f"Practitioner/{NURSE.practitioner_id}"
    )
    assert administration["dosage"]["dose"] == {"value": 1, "unit": "dosepose"}
    assert extension(administration, SCHEDULED_TIME_URL)[0]["valueDateTime"].startswith(
        "2025-03-12T08:00"
    )
    assert not any(
        r.line is not None and r.line.display.startswith("Movicol") for r in round_view.model_rows()
    )
    assert "Saved" in round_view.status.text()


def test_not_given_needs_a_reason(qtbot, round_view, store):
    select_row(round_view, named("Movicol"))
    QTest.keyClick(round_view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = active(qtbot, round_view.dialog)
    assert isinstance(dialog, AdministerDialog)
    assert dialog.not_given_radio.isChecked()
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "reason" in dialog.message.text().lower()
    assert store.written == []
    dialog.reason.setFocus()
    QTest.keyClick(dialog.reason, Qt.Key.Key_Down)  # Patient refused
    (administration,) = save_and_wait(qtbot, round_view, dialog, store)
    assert administration["status"] == "not-done"
    assert administration["statusReason"][0]["coding"][0]["code"] == "refused"


def test_other_reason_needs_text(qtbot, round_view, store):
    select_row(round_view, named("Movicol"))
    QTest.keyClick(round_view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = active(qtbot, round_view.dialog)
    dialog.reason.setCurrentIndex(dialog.reason.findData("other"))
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Other" in dialog.message.text()
    QTest.keyClicks(dialog.reason_text, "På dagsenter")
    (administration,) = save_and_wait(qtbot, round_view, dialog, store)
    assert administration["statusReason"][0]["text"] == "På dagsenter"


def test_partly_given(qtbot, round_view, store):
    select_row(round_view, named("Movicol"))
    QTest.keyClick(round_view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = active(qtbot, round_view.dialog)
    assert dialog.partial_radio.isChecked()
    dialog.amount.setFocus()
    dialog.amount.selectAll()
    QTest.keyClicks(dialog.amount, "0,5")
    dialog.reason.setCurrentIndex(dialog.reason.findData("nauseous"))
    (administration,) = save_and_wait(qtbot, round_view, dialog, store)
    assert administration["status"] == "completed"
    assert administration["dosage"]["dose"]["value"] == 0.5
    assert administration["statusReason"][0]["coding"][0]["code"] == "nauseous"
    assert extension(administration, PRESCRIBED_DOSE_URL)[0]["valueQuantity"]["value"] == 1


def test_prn_dose_schedules_a_followup_then_effect(qtbot, round_view, store):
    select_row(round_view, named("Paracetamol Orifarm"))
    QTest.keyClick(round_view.table, Qt.Key.Key_Return)
    dialog = active(qtbot, round_view.dialog)
    assert isinstance(dialog, AdministerDialog)
    assert dialog.indication.text() == "Feber eller smerter"
    administration, task = save_and_wait(qtbot, round_view, dialog, store)
    assert administration["reasonCode"] == [{"text": "Feber eller smerter"}]
    assert not extension(administration, SCHEDULED_TIME_URL)
    assert task["resourceType"] == "Task"
    assert task["focus"]["reference"] == f"MedicationAdministration/{administration['id']}"
    prn = next(r for r in round_view.model_rows() if named("Paracetamol Orifarm")(r))
    assert prn.allowance.remaining_amount == 2
    select_row(round_view, lambda r: r.kind is RowKind.FOLLOWUP)
    QTest.keyClick(round_view.table, Qt.Key.Key_Return)
    effect = active(qtbot, round_view.dialog)
    assert isinstance(effect, EffectDialog)
    QTest.keyClick(effect.group.buttons()[0], Qt.Key.Key_Space)
    observation, done = save_and_wait(qtbot, round_view, effect, store)
    assert (
        observation["partOf"][0]["reference"] == f"MedicationAdministration/{administration['id']}"
    )
    assert observation["valueCodeableConcept"]["coding"][0]["code"] == "effective"
    assert done["id"] == task["id"]
    assert done["status"] == "completed"
    assert not any(r.kind is RowKind.FOLLOWUP for r in round_view.model_rows())


def test_pouch_confirmed_as_a_unit_with_one_exception(qtbot, round_view, store):
    select_row(round_view, lambda r: r.kind is RowKind.POUCH and len(r.pouch) == 4)
    QTest.keyClick(round_view.table, Qt.Key.Key_Return)
    dialog = active(qtbot, round_view.dialog)
    assert isinstance(dialog, PouchDialog)
    QTest.keyClick(dialog.items, Qt.Key.Key_Down)  # Selo-Zok
    QTest.keyClick(dialog.items, Qt.Key.Key_Space)
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.written == []
    assert "reason" in dialog.message.text().lower()
    dialog.reason.setCurrentIndex(dialog.reason.findData("withheld-clinical-judgement"))
    QTest.keyClicks(dialog.reason_text, "Puls 48")
    assert "Not given" in dialog.items.item(1).text()
    resources = save_and_wait(qtbot, round_view, dialog, store)
    assert len(resources) == 4
    pouch_ids = {
        i["value"] for r in resources for i in r["identifier"] if i["system"] == POUCH_EVENT_SYSTEM
    }
    assert len(pouch_ids) == 1
    statuses = [r["status"] for r in resources]
    assert statuses == ["completed", "not-done", "completed", "completed"]
    assert resources[1]["statusReason"][0]["text"] == "Puls 48"
    assert not any(r.kind is RowKind.POUCH and len(r.pouch) == 4 for r in round_view.model_rows())


def test_double_signature_wrong_then_right_pin(qtbot, round_view, store):
    select_row(round_view, named("Sobril"))
    QTest.keyClick(round_view.table, Qt.Key.Key_Return)
    dialog = active(qtbot, round_view.dialog)
    assert dialog.cosign is not None
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "second person" in dialog.message.text()
    assert store.written == []
    QTest.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    cosign = active(qtbot, dialog.cosign.dialog)
    assert cosign is not None
    QTest.keyClicks(cosign.username, "ola")
    QTest.keyClicks(cosign.pin, "0000")
    QTest.keyClick(cosign.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Wrong" in cosign.message.text(), timeout=5_000)
    assert cosign.isVisible()
    assert cosign.pin.text() == ""
    QTest.keyClicks(cosign.pin, "4321")
    QTest.keyClick(cosign.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.cosign.colleague is not None, timeout=5_000)
    assert "Ola Hansen" in dialog.cosign.status.text()
    active(qtbot, dialog)
    (administration,) = save_and_wait(qtbot, round_view, dialog, store)
    performers = {
        p["actor"]["reference"]: p["function"]["coding"][0]["code"]
        for p in administration["performer"]
    }
    assert performers == {
        f"Practitioner/{NURSE.practitioner_id}": "performer",
        f"Practitioner/{COLLEAGUE.practitioner_id}": "verifier",
    }


def test_double_signature_refuses_yourself(qtbot, round_view):
    select_row(round_view, named("Sobril"))
    QTest.keyClick(round_view.table, Qt.Key.Key_Return)
    dialog = active(qtbot, round_view.dialog)
    dialog.cosign.open_dialog()
    cosign = active(qtbot, dialog.cosign.dialog)
    QTest.keyClicks(cosign.username, "9144889")
    QTest.keyClicks(cosign.pin, "1234")
    QTest.keyClick(cosign.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "another person" in cosign.message.text(), timeout=5_000)
    assert dialog.cosign.colleague is None


def test_save_failure_keeps_the_dialog_and_values(qtbot, round_view, store):
    store.fail_writes = True
    select_row(round_view, named("Movicol"))
    QTest.keyClick(round_view.table, Qt.Key.Key_Return)
    dialog = active(qtbot, round_view.dialog)
    QTest.keyClicks(dialog.note, "Tatt med yoghurt")
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5_000)
    assert dialog.isVisible()
    assert dialog.note.text() == "Tatt med yoghurt"
    assert "Lagring feilet" in dialog.message.text() or "failed" in dialog.message.text().lower()
