"""The patient list model's cells: computed once per row set, the selected national id in full."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.values import PatientListEntry, PlaceKind
from tests.ui.fake_source import FakeSource
from tests.ui.ward import TODAY, UNIT
from ui.models.patient_list_model import COLUMN_COUNT, Column, PatientListModel
from ui.models.roles import ROW_ROLE
from ui.presenters.patient_list import patient_rows

ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


def test_only_the_revealed_patient_shows_the_national_id_in_full(qtmodeltester) -> None:
    model = PatientListModel()
    rows = patient_rows(FakeSource().patients_at(UNIT), today=TODAY)
    model.set_rows(rows, kind=PlaceKind.UNIT)
    first, second = model.index(0, Column.NATIONAL_ID), model.index(1, Column.NATIONAL_ID)
    assert first.data() == rows[0].summary.national_id_masked
    assert first.data(ACCESSIBLE) == "hidden until selected"

    model.reveal(rows[0].id)
    assert first.data() == first.data(ACCESSIBLE) == rows[0].summary.national_id_formatted
    assert second.data() == rows[1].summary.national_id_masked

    model.reveal(rows[1].id)
    assert first.data() == rows[0].summary.national_id_masked
    assert second.data() == rows[1].summary.national_id_formatted
    model.set_rows(rows, kind=PlaceKind.UNIT)  # a reload masks everyone again
    assert second.data() == rows[1].summary.national_id_masked
    qtmodeltester.check(model)


def test_cells_follow_the_rows_and_unknown_roles_are_refused() -> None:
    model = PatientListModel()
    assert model.columnCount() == COLUMN_COUNT == len(Column)
    rows = patient_rows(FakeSource().patients_at(UNIT), today=TODAY)
    model.set_rows(rows, kind=PlaceKind.UNIT)
    assert model.index(0, Column.NAME).data() == rows[0].summary.sort_name
    assert model.index(0, Column.NAME).data(ROW_ROLE) == rows[0]
    assert model.index(0, Column.NAME).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(0, Column.AGE).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )

    model.set_rows(rows[1:], kind=PlaceKind.UNIT)
    assert model.index(0, Column.NAME).data() == rows[1].summary.sort_name
    assert model.data(model.index(len(rows) - 1, Column.NAME)) is None


def test_an_age_the_register_does_not_give_is_unknown(english) -> None:
    """A felles hjelpenummer carries no birth date: the list says so instead of guessing."""
    model = PatientListModel()
    patient = {
        "resourceType": "Patient",
        "id": "ukjent",
        "name": [{"family": "Ukjent", "given": ["Mann"]}],
        "identifier": [{"system": "urn:oid:2.16.578.1.12.4.1.4.3", "value": "81234567802"}],
    }
    model.set_rows(
        patient_rows([PatientListEntry(patient=patient)], today=TODAY), kind=PlaceKind.UNIT
    )
    assert model.index(0, Column.AGE).data() == "unknown"
    assert model.index(0, Column.NATIONAL_ID).data() == "812345 *****"
