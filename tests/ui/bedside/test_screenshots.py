"""Render every bedside screen in Bokmål at 1366x768 (offscreen) and save the PNGs.

They go to pytest's tmp dir; with ``PLEIEPUNKT_SCREENSHOTS=1`` they replace
``resources/screenshots/bedside_*.png``, which are looked at by a person before committing.
A dialog is painted centred over its view, as the nurse sees it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

import resources
from app.bedside.round_plan import RowKind
from clinical.vitals import VitalSign
from tests.ui.bedside.helpers import active, datamatrix, named, scan, select_row
from tests.ui.bedside.ward_data import ASTRID, INGRID, NOW, PER, UNIT, drug_gtin
from tests.ui.compiled_translation import installed
from ui.bedside import MedicationRoundView, UnitRoundView, VitalSignsView, VitalsTrendView

TRANSLATIONS = Path(resources.__file__).parent / "translations"
SHOTS = Path(resources.__file__).parent / "screenshots"
SIZE = (1366, 768)


@pytest.fixture
def bokmal(qapp: QApplication, tmp_path: Path, english: None):
    """Bokmål as the app runs by default: our compiled translations and nb_NO locale."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
    try:
        with installed(qapp, "bedside_nb", tmp_path):
            yield
    finally:
        QLocale.setDefault(previous)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return SHOTS if os.environ.get("PLEIEPUNKT_SCREENSHOTS") == "1" else tmp_path


def save(view: QWidget, path: Path, dialogs: tuple[QWidget, ...] = ()) -> None:
    for _ in range(3):  # queued layout requests and shows, as a running app would have
        QApplication.processEvents()
    picture = QPixmap(*SIZE)
    picture.fill(Qt.GlobalColor.white)
    painter = QPainter(picture)
    painter.drawPixmap(0, 0, view.grab())
    for dialog in dialogs:
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
        image = dialog.grab()
        corner = QPoint((SIZE[0] - image.width()) // 2, max(0, (SIZE[1] - image.height()) // 2))
        painter.fillRect(image.rect().translated(corner).adjusted(-1, -1, 1, 1), QColor("#55606b"))
        painter.drawPixmap(corner, image)
    painter.end()
    assert picture.save(str(path))


def show(qtbot, view: QWidget) -> QWidget:
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5_000)
    return view


def open_row(qtbot, view, predicate):
    select_row(view, predicate)
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    return active(qtbot, view.dialog)


def test_round_screens(qtbot, store, runner, bokmal, out):
    view = UnitRoundView(source=store, runner=runner, clock=lambda: NOW, place=lambda: UNIT)
    unit = show(qtbot, view)
    unit.reload()
    qtbot.waitUntil(lambda: unit.model.rowCount() == 3, timeout=5_000)
    save(unit, out / "bedside_unit_round.png")

    view = show(qtbot, MedicationRoundView(source=store, runner=runner, clock=lambda: NOW))
    with qtbot.waitSignal(view.round_loaded, timeout=5_000):
        view.set_patient(INGRID)
    save(view, out / "bedside_round.png")

    dialog = open_row(qtbot, view, named("Apocillin"))
    save(view, out / "bedside_allergy_stop.png", (dialog,))
    dialog.reject()

    dialog = open_row(qtbot, view, named("Movicol"))
    scan(
        dialog.pack_box.scan_field,
        datamatrix(drug_gtin("albyl"), expiry="261130", lot="AL77", serial="S1"),
    )
    qtbot.waitUntil(lambda: dialog.stop_panel.stopped, timeout=5_000)
    save(view, out / "bedside_wrong_pack.png", (dialog,))
    dialog.reject()

    astrid = show(qtbot, MedicationRoundView(source=store, runner=runner, clock=lambda: NOW))
    with qtbot.waitSignal(astrid.round_loaded, timeout=5_000):
        astrid.set_patient(ASTRID)
    dialog = open_row(qtbot, astrid, named("Paracet tab 500 mg"))
    scan(
        dialog.pack_box.scan_field,
        datamatrix(drug_gtin("paracet1g"), expiry="270228", lot="PO12", serial="S2"),
    )
    qtbot.waitUntil(lambda: dialog.stop_panel.stopped, timeout=5_000)
    save(astrid, out / "bedside_wrong_strength.png", (dialog,))
    dialog.reject()

    dialog = open_row(qtbot, astrid, named("Paracet tab 500 mg"))
    scan(
        dialog.pack_box.scan_field,
        datamatrix(drug_gtin("pinex"), expiry="270531", lot="PX7", serial="S3"),
    )
    qtbot.waitUntil(dialog.pack_box.confirm_substitute.isVisible, timeout=5_000)
    save(astrid, out / "bedside_substitute.png", (dialog,))
    dialog.reject()
    astrid.close()

    dialog = open_row(qtbot, view, lambda r: r.kind is RowKind.POUCH and len(r.pouch) == 4)
    QTest.keyClick(dialog.items, Qt.Key.Key_Down)
    QTest.keyClick(dialog.items, Qt.Key.Key_Space)
    dialog.reason.setCurrentIndex(dialog.reason.findData("withheld-clinical-judgement"))
    QTest.keyClicks(dialog.reason_text, "Puls 48, lege kontaktet")
    save(view, out / "bedside_pouch_exception.png", (dialog,))
    dialog.reject()

    dialog = open_row(qtbot, view, named("Sobril"))
    dialog.cosign.open_dialog()
    cosign = active(qtbot, dialog.cosign.dialog)
    QTest.keyClicks(cosign.username, "ola")
    QTest.keyClicks(cosign.pin, "0000")
    QTest.keyClick(cosign.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cosign.message.text().startswith("Feil"), timeout=5_000)
    save(view, out / "bedside_double_signature.png", (dialog, cosign))
    cosign.reject()
    dialog.reject()

    dialog = open_row(qtbot, view, named("OxyNorm"))
    save(view, out / "bedside_prn.png", (dialog,))
    dialog.reject()


def test_vitals_screens(qtbot, store, runner, bokmal, out):
    view = show(qtbot, VitalSignsView(source=store, runner=runner, clock=lambda: NOW))
    view.set_patient(PER)
    qtbot.waitUntil(lambda: view.scale.count() == 2, timeout=5_000)
    for vital, text in (
        (VitalSign.RESPIRATION_RATE, "22"),
        (VitalSign.SPO2, "93"),
        (VitalSign.SYSTOLIC_BP, "400"),
        (VitalSign.DIASTOLIC_BP, "64"),
        (VitalSign.PULSE, "112"),
        (VitalSign.TEMPERATURE, "38,4"),
    ):
        view.fields[vital].edit.setText(text)
    view.oxygen.setChecked(True)
    view.flow.setText("2")
    view.acvpu.setCurrentIndex(1)
    QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    save(view, out / "bedside_vitals_rejected.png")
    view.fields[VitalSign.SYSTOLIC_BP].edit.setText("105")
    save(view, out / "bedside_vitals_news2.png")

    trend = show(qtbot, VitalsTrendView(source=store, runner=runner, clock=lambda: NOW))
    trend.set_patient(INGRID)
    qtbot.waitUntil(lambda: trend.model.rowCount() == 7, timeout=5_000)
    save(trend, out / "bedside_trend.png")
