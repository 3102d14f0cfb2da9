"""The patient list's due doses over the real store: the same counts as the unit's round page."""

from __future__ import annotations

import pytest

from offline.store import Store
from tests.ui.sources.conftest import NOW, NURSE
from ui.bedside.config import BedsideConfig
from ui.bedside.unit_round_view import unit_rows
from ui.presenters.due_doses import DueDoseSource
from ui.record_source import PlaceKind, PlaceOfWork
from ui.sources import StoreBedsideSource, StoreRecordSource


@pytest.fixture
def unit(records: StoreRecordSource) -> PlaceOfWork:
    return next(p for p in records.places_of_work() if p.kind is PlaceKind.UNIT)


def test_due_doses_match_the_units_round_page(
    records: StoreRecordSource, loaded_store: Store, unit: PlaceOfWork
) -> None:
    bedside = StoreBedsideSource(loaded_store, user=NURSE, clock=lambda: NOW, place=lambda: unit)
    residents = [str(entry.patient["id"]) for entry in records.patients_at(unit)]

    counts = records.due_doses(unit, residents)

    assert isinstance(records, DueDoseSource)
    assert set(counts) == set(residents)
    page = {row.patient_id: row for row in unit_rows(bedside, now=NOW, config=BedsideConfig())}
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


def test_no_patients_no_counts(records: StoreRecordSource, unit: PlaceOfWork) -> None:
    assert records.due_doses(unit, []) == {}
