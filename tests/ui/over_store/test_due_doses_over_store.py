"""The patient list's due doses over the real store: the same counts as the unit's round page."""

from __future__ import annotations

import pytest

from app.bedside.config import BedsideConfig
from app.contract import DueDoseSource
from app.services import ClinicalServices
from app.values import PlaceKind, PlaceOfWork
from offline.store import Store
from tests.app.conftest import NOW, services_over
from ui.bedside.unit_round_view import unit_rows


@pytest.fixture
def unit(records: ClinicalServices) -> PlaceOfWork:
    return next(p for p in records.places_of_work() if p.kind is PlaceKind.UNIT)


def test_due_doses_match_the_units_round_page(
    records: ClinicalServices, loaded_store: Store, unit: PlaceOfWork
) -> None:
    bedside = services_over(loaded_store, clock=lambda: NOW)
    residents = [str(entry.patient["id"]) for entry in records.patients_at(unit)]

    counts = records.due_doses(unit, residents)

    assert isinstance(records, DueDoseSource)
    assert set(counts) == set(residents)
    page = {
        row.patient_id: row for row in unit_rows(bedside, unit, now=NOW, config=BedsideConfig())
    }
    assert set(page) == set(residents)
    for patient_id, due in counts.items():
        row = page[patient_id]
        assert (due.overdue, due.due_now, due.later, due.followups, due.unclear) == (
            row.overdue,
            row.due,
            row.later,
            row.followups,
            row.unclear,
        )
    # The synthetic unit has scheduled doses in the morning shift, so the column is not empty.
    assert any(not due.nothing_due for due in counts.values())


def test_no_patients_no_counts(records: ClinicalServices, unit: PlaceOfWork) -> None:
    assert records.due_doses(unit, []) == {}
