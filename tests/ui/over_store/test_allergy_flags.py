"""The medication list and the prescriptions flag a medicine the patient reacts to, as the round
does: a penicillin for a resident with verified penicillin anaphylaxis, read from a real store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import ClinicalServices
from app.values import PatientId
from tests.app.conftest import NOW, penicillin_patient_ids
from ui.app import prepare_application
from ui.i18n import Language
from ui.models.grouped_model import GroupedModel
from ui.presenters.medication_list import medication_list_view
from ui.presenters.prescriptions import prescriptions_view
from ui.views.medication_list_view import DRUG_COLUMN, MedicationListWidget
from ui.views.prescriptions_view import NAME_COLUMN, PrescriptionsWidget

PENICILLINS = "J01C"


def _rows(model: GroupedModel, column: int) -> list[tuple[str, Any]]:
    rows = []
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for number in range(model.rowCount(parent)):
            index = model.index(number, column, parent)
            rows.append((index.data(), index.data(Qt.ItemDataRole.BackgroundRole)))
    return rows


@pytest.fixture
def demo_patient(records: ClinicalServices, generated: list[dict[str, Any]]) -> PatientId:
    """A resident with penicillin anaphylaxis and a penicillin prescribed (the danger scenario)."""
    for pid in penicillin_patient_ids(generated):
        data = records.prescriptions(PatientId(pid))
        view = prescriptions_view(data, today=NOW.date())
        if any(i.allergy.interrupts for items in view.groups.values() for i in items):
            return PatientId(pid)
    raise AssertionError("no resident with a penicillin for a penicillin allergy")


def test_every_matching_row_is_flagged_in_words_and_nothing_else_is(
    qtbot: Any, records: ClinicalServices, demo_patient: PatientId, english: None
) -> None:
    prescriptions = prescriptions_view(records.prescriptions(demo_patient), today=NOW.date())
    items = [i for group in prescriptions.groups.values() for i in group]
    flagged = [i for i in items if i.allergy.matched]
    assert flagged
    for item in flagged:
        assert any(m.matched_code.startswith(PENICILLINS) for m in item.allergy.matches)
    widget = PrescriptionsWidget()
    qtbot.addWidget(widget)
    widget.show_prescriptions(prescriptions)
    shown = _rows(widget.model, NAME_COLUMN)
    marked = [(text, background) for text, background in shown if text.startswith("⚠ Allergy")]
    assert len(marked) == sum(i.allergy.interrupts for i in items)
    assert all(background is not None for _text, background in marked)
    assert not any("Allergy" in text for text, _b in shown if not text.startswith("⚠ Allergy"))


def test_the_medication_list_flags_what_the_round_would_stop(
    qtbot: Any, records: ClinicalServices, demo_patient: PatientId, english: None
) -> None:
    data = records.medication_list(demo_patient)
    assert data.allergies  # the list is read with the patient's reactions
    view = medication_list_view(data, today=NOW.date())
    widget = MedicationListWidget()
    qtbot.addWidget(widget)
    widget.show_stopped_box.setChecked(True)
    widget.show_list(view)
    items = [i for group in view.in_use.values() for i in group] + list(view.stopped)
    assert any(i.allergy.interrupts and "Apocillin" in i.name for i in items)
    shown = [text for text, _background in _rows(widget.model, DRUG_COLUMN)]
    assert sum(text.startswith("⚠ Allergy") for text in shown) == sum(
        i.allergy.matched for i in items
    )


def test_screenshots_of_the_flagged_lists_in_bokmal(
    qtbot: Any,
    qapp: QApplication,
    records: ClinicalServices,
    demo_patient: PatientId,
    tmp_path: Path,
) -> None:
    """The danger-scenario resident's medication list and prescriptions, as a nurse sees them."""
    translators = prepare_application(qapp, language=Language.BOKMAL)
    out = Path(os.environ.get("PLEIEPUNKT_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    try:
        medications = MedicationListWidget()
        medications.show_list(
            medication_list_view(records.medication_list(demo_patient), today=NOW.date())
        )
        prescriptions = PrescriptionsWidget()
        prescriptions.show_prescriptions(
            prescriptions_view(records.prescriptions(demo_patient), today=NOW.date())
        )
        for widget, name in (
            (medications, "medication_list_allergy_flag.png"),
            (prescriptions, "prescriptions_allergy_flag.png"),
        ):
            qtbot.addWidget(widget)
            widget.resize(1366, 560)
            widget.show()
            qtbot.waitExposed(widget)
            assert "⚠ Allergi" in " ".join(
                t for t, _b in _rows(widget.model, 1 if widget is medications else 0)
            )
            assert widget.grab().save(str(out / name))
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        qapp.setStyleSheet("")
