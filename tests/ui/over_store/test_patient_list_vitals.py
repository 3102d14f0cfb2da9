"""The patient list warns on a resident's newest vital signs when a parameter scores 3, even in an
incomplete set (RCP NEWS2 Chart 2), read from a real store as the ward's list reads it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from clinical.news2 import Consciousness
from clinical.records import VitalSignsSet, vital_sign_observations
from offline.store import Store
from tests.app.conftest import NOW, NURSE, services_over
from ui.models.patient_list_model import Column
from ui.tasks import TaskRunner
from ui.views.patient_list_view import PatientListView

ISSUE_SET = VitalSignsSet(
    respiration_rate=29,
    spo2=82,
    systolic=83,
    diastolic=59,
    pulse=117,
    consciousness=Consciousness.VOICE,
    temperature=39.6,
)


def test_the_list_warns_on_red_parameters_of_an_incomplete_set(
    qtbot: Any, own_store: tuple[Store, list[dict[str, Any]]], runner: TaskRunner, english: None
) -> None:
    store, ward = own_store
    patients = [r["id"] for r in ward if r["resourceType"] == "Patient"]
    sick, well = patients[0], patients[1]
    at = NOW - dt.timedelta(minutes=20)
    for patient, values in ((sick, ISSUE_SET), (well, VitalSignsSet(pulse=72, temperature=36.8))):
        observations = vital_sign_observations(
            values, patient_id=patient, performer=NURSE, effective=at
        )
        store.write_all(list(observations.values()))
    source = services_over(store)
    view = PatientListView(source=source, runner=runner, today=NOW.date)
    qtbot.addWidget(view)
    view.resize(936, 500)
    view.show()
    view.load_places()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)

    def cell(patient: str) -> str:
        for number in range(view.model.rowCount()):
            row = view.model.row_at(number)
            if row is not None and row.id == patient:
                return str(view.model.index(number, Column.VITALS).data())
        return ""

    qtbot.waitUntil(lambda: cell(sick).startswith("⚠"), timeout=10_000)
    assert cell(sick) == "⚠ 4 red (incomplete set)"
    assert cell(well) == "incomplete set"
    assert not view.table.isColumnHidden(Column.VITALS)
    table = view.table
    assert table.horizontalHeader().length() <= table.viewport().width() + 1
