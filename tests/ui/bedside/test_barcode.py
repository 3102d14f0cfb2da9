"""Pack checks by wedge scanner and by manual pick: right, wrong, expired, allergy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from clinical.records import OverrideCheck
from clinical.records.administration import CHECK_OVERRIDE_URL, GTIN_SYSTEM
from tests.clinical.records.conftest import validate
from tests.ui.bedside.helpers import active, datamatrix, named, scan, select_row
from tests.ui.bedside.ward_data import drug_gtin
from ui.bedside.administer_dialog import AdministerDialog
from ui.bedside.scanner import ScanListener


def open_dose(qtbot, view, name):
    select_row(view, named(name))
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    return active(qtbot, view.dialog)


def save(qtbot, view, dialog, store):
    with qtbot.waitSignal(view.round_loaded, timeout=5_000):
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (administration,) = store.written[-1]
    validate(administration)
    return administration


def overrides(administration):
    return [
        {p["url"]: p for p in e["extension"]}
        for e in administration.get("extension", [])
        if e["url"] == CHECK_OVERRIDE_URL
    ]


def test_right_pack_is_recorded_with_lot_and_expiry(qtbot, round_view, store):
    dialog = open_dose(qtbot, round_view, "Movicol")
    scan(
        dialog.pack_box.scan_field,
        datamatrix(drug_gtin("movicol"), expiry="261130", lot="MV2291", serial="ABC123"),
    )
    qtbot.waitUntil(lambda: "✔" in dialog.pack_box.result.text(), timeout=5_000)
    assert "MV2291" in dialog.pack_box.result.text()
    assert not dialog.stop_panel.stopped
    administration = save(qtbot, round_view, dialog, store)
    (pack,) = administration["contained"]
    assert pack["batch"] == {"lotNumber": "MV2291", "expirationDate": "2026-11-30"}
    assert {"system": GTIN_SYSTEM, "code": drug_gtin("movicol")} in pack["code"]["coding"]
    assert not overrides(administration)


def test_wrong_pack_stops_until_a_reason_is_given(qtbot, round_view, store):
    dialog = open_dose(qtbot, round_view, "Movicol")
    scan(
        dialog.pack_box.scan_field,
        datamatrix(drug_gtin("albyl"), expiry="261130", lot="AL1", serial="S1"),
    )
    qtbot.waitUntil(lambda: dialog.stop_panel.stopped, timeout=5_000)
    assert "Wrong medicine" in dialog.stop_panel._messages.text()
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.written == []
    assert "reason" in dialog.message.text()
    QTest.keyClicks(dialog.stop_panel.reason_field, "Byttet til riktig pakning etter kontroll")
    administration = save(qtbot, round_view, dialog, store)
    (override,) = overrides(administration)
    assert override["check"]["valueCoding"]["code"] == "wrong-drug"
    assert "Byttet" in override["reason"]["valueString"]


def test_expired_pack_stops(qtbot, round_view, store):
    dialog = open_dose(qtbot, round_view, "Movicol")
    scan(
        dialog.pack_box.scan_field,
        datamatrix(drug_gtin("movicol"), expiry="241231", lot="OLD1", serial="S2"),
    )
    qtbot.waitUntil(lambda: dialog.stop_panel.stopped, timeout=5_000)
    assert "expired" in dialog.stop_panel._messages.text()
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.written == []


def test_allergy_blocks_then_override_is_recorded(qtbot, round_view, store):
    dialog = open_dose(qtbot, round_view, "Apocillin")
    assert isinstance(dialog, AdministerDialog)
    assert dialog.stop_panel.has(OverrideCheck.ALLERGY)
    assert dialog.stop_panel.stopped
    assert "STOP" in dialog.stop_panel._messages.text()
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.written == []
    QTest.keyClicks(dialog.stop_panel.reason_field, "Lege Holm kontaktet, gis etter avtale")
    administration = save(qtbot, round_view, dialog, store)
    (override,) = overrides(administration)
    assert override["check"]["valueCoding"]["code"] == "allergy"
    assert "Lege Holm" in administration["note"][0]["text"]


def test_scan_burst_on_the_round_opens_the_matching_dose(qtbot, round_view):
    round_view.table.setFocus()
    scan(
        round_view.table, datamatrix(drug_gtin("movicol"), expiry="261130", lot="MV9", serial="S9")
    )
    qtbot.waitUntil(lambda: round_view.dialog is not None, timeout=5_000)
    dialog = active(qtbot, round_view.dialog)
    assert dialog._line.display.startswith("Movicol")
    qtbot.waitUntil(lambda: "✔" in dialog.pack_box.result.text(), timeout=5_000)


def test_scan_of_a_pack_not_due_says_so(qtbot, round_view):
    scan(
        round_view.scan_field,
        datamatrix(drug_gtin("amoxicillin"), expiry="261130", lot="X", serial="Y"),
    )
    qtbot.waitUntil(lambda: "matches no dose" in round_view.status.text(), timeout=5_000)
    assert round_view.dialog is None


def test_manual_pick_gets_the_same_checks(qtbot, round_view, store):
    dialog = open_dose(qtbot, round_view, "Movicol")
    dialog.pack_box.pick_button.click()
    pick = active(qtbot, dialog.pack_box.pick_dialog)
    pick.search.clear()
    QTest.keyClicks(pick.search, "Albyl")
    qtbot.waitUntil(lambda: pick.results.count() == 1, timeout=5_000)
    QTest.keyClick(pick.results, Qt.Key.Key_Return)
    pick.ok_button.click()
    qtbot.waitUntil(lambda: dialog.stop_panel.stopped, timeout=5_000)
    assert "Wrong medicine" in dialog.stop_panel._messages.text()


def test_slow_typing_is_not_a_scan(qtbot):
    ticks = iter(i * 0.2 for i in range(100))
    listener = ScanListener(clock=lambda: next(ticks))
    found = []
    listener.scanned.connect(found.append)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.installEventFilter(listener)
    QTest.keyClicks(edit, "0107046261")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert found == []
