"""The pack check at the bedside compares products: strength, form, substance, byttegruppe.

Astrid is due Paracet tab 500 mg. Paracetamol Orifarm tab 1 g has the same ATC (N02BE01) but
another strength; Pinex tab 500 mg is in Paracet's byttegruppe (``ward_data.PRODUCTS``).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinical import codes
from clinical.records.administration import CHECK_OVERRIDE_URL, SUBSTITUTION_URL
from tests.clinical.records.conftest import validate
from tests.ui.bedside.helpers import active, datamatrix, named, scan, select_row
from tests.ui.bedside.ward_data import ASTRID, NOW, drug_gtin, fest_product, rid
from ui.bedside import MedicationRoundView
from ui.bedside.administer_dialog import AdministerDialog


def pack(key: str, lot: str = "L1") -> str:
    return datamatrix(drug_gtin(key), expiry="261130", lot=lot, serial="S" + lot)


@pytest.fixture
def astrid(qtbot, store, runner, english):
    view = MedicationRoundView(source=store, runner=runner, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5_000)
    with qtbot.waitSignal(view.round_loaded, timeout=5_000):
        view.set_patient(ASTRID)
    return view


def open_paracet(qtbot, view) -> AdministerDialog:
    select_row(view, named("Paracet tab 500 mg"))
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    dialog = active(qtbot, view.dialog)
    assert isinstance(dialog, AdministerDialog)
    return dialog


def save(qtbot, view, dialog, store):
    with qtbot.waitSignal(view.round_loaded, timeout=5_000):
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (administration,) = store.written[-1]
    validate(administration)
    return administration


def test_a_pack_of_another_strength_stops_with_dose_and_pack_side_by_side(
    qtbot, astrid, store
) -> None:
    """Issue #16 fault 1: the 1 g pack (same ATC) passed as "Riktig legemiddel"."""
    dialog = open_paracet(qtbot, astrid)
    scan(dialog.pack_box.scan_field, pack("paracet1g"))
    qtbot.waitUntil(lambda: dialog.stop_panel.stopped, timeout=5_000)
    stop = dialog.stop_panel._messages.text()
    assert "Wrong strength" in stop
    assert "Different strength: ordered 500 mg, the pack has 1 g." in stop
    assert "Correct medicine" not in dialog.pack_box.result.text()
    rows = dialog.pack_box.comparison.rows_text()
    assert "Medicine | Paracet tab 500 mg | Paracetamol Orifarm tab 1 g" in rows
    assert "Strength | ≠ 500 mg | 1 g" in rows
    assert "Dose | 2 tablett | " in rows
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.written == []
    QTest.keyClicks(dialog.stop_panel.reason_field, "Halv tablett etter avtale med lege")
    administration = save(qtbot, astrid, dialog, store)
    (override,) = [e for e in administration["extension"] if e["url"] == CHECK_OVERRIDE_URL]
    assert override["extension"][0]["valueCoding"]["code"] == "wrong-drug"
    (contained,) = administration["contained"]
    assert contained["code"]["text"] == "Paracetamol Orifarm tab 1 g"


def test_a_substitute_needs_a_confirmation_that_is_recorded(qtbot, astrid, store) -> None:
    dialog = open_paracet(qtbot, astrid)
    scan(dialog.pack_box.scan_field, pack("pinex", "PX1"))
    qtbot.waitUntil(lambda: "Substitute" in dialog.pack_box.result.text(), timeout=5_000)
    assert dialog.pack_box.result.text().startswith("⇄")
    assert not dialog.stop_panel.stopped
    assert dialog.pack_box.confirm_substitute.isVisible()
    assert "Pinex tab 500 mg is given instead of Paracet tab 500 mg" in (
        dialog.pack_box.substitute_text.text()
    )
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.written == []
    assert "confirm the substitution" in dialog.message.text()
    dialog.pack_box.confirm_substitute.setChecked(True)
    administration = save(qtbot, astrid, dialog, store)
    (substitution,) = [e for e in administration["extension"] if e["url"] == SUBSTITUTION_URL]
    parts = {p["url"]: p for p in substitution["extension"]}
    assert parts["wasSubstituted"]["valueBoolean"] is True
    assert parts["type"]["valueCoding"] == {
        "system": codes.SUBSTANCE_ADMIN_SUBSTITUTION,
        "code": "EC",
        "display": "equivalent composition",
    }
    assert parts["byttegruppe"]["valueCoding"]["code"] == fest_product("paracet").byttegruppe_id
    assert (
        parts["ordered"]["valueReference"]["reference"]
        == f"Medication/{rid('Medication', 'paracet')}"
    )
    (contained,) = administration["contained"]
    merkevare = {
        c["code"] for c in contained["code"]["coding"] if c["system"] == codes.FEST_MERKEVARE
    }
    assert merkevare == {fest_product("pinex").merkevare_id}
    assert contained["batch"]["lotNumber"] == "PX1"
    assert administration["medicationReference"]["display"] == "Pinex tab 500 mg"
    assert any("Byttepreparat gitt: Pinex tab 500 mg" in n["text"] for n in administration["note"])


@pytest.mark.parametrize("key", ["pinex", "paracet1g"])
def test_a_scan_on_the_round_opens_the_dose_it_relates_to(qtbot, astrid, key: str) -> None:
    """A substitute or another strength opens the paracetamol dose, where the check says why."""
    scan(astrid.scan_field, pack(key))
    qtbot.waitUntil(lambda: astrid.dialog is not None, timeout=5_000)
    dialog = active(qtbot, astrid.dialog)
    assert dialog._line.display == "Paracet tab 500 mg"
    qtbot.waitUntil(lambda: dialog.pack_box.verdict is not None, timeout=5_000)
