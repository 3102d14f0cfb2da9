"""Every bedside write passes the guard: another patient's record never reaches the store."""

from __future__ import annotations

import pytest

from clinical.patient_guard import PatientGuard, WrongPatientError
from tests.ui.bedside.fake_source import FakeBedsideSource
from tests.ui.bedside.ward_data import ASTRID, INGRID
from ui.bedside.guarded_source import GuardedBedsideSource, guarded


def record(patient: str) -> list[dict[str, object]]:
    return [
        {
            "resourceType": "MedicationAdministration",
            "id": "ma-1",
            "subject": {"reference": f"Patient/{patient}"},
        }
    ]


def test_a_write_for_the_shown_patient_goes_through() -> None:
    store, guard = FakeBedsideSource(), PatientGuard()
    guard.show(INGRID)
    GuardedBedsideSource(store, guard).record(record(INGRID))
    assert len(store.written) == 1


def test_a_write_for_another_patient_changes_nothing() -> None:
    store, guard = FakeBedsideSource(), PatientGuard()
    before = list(store.resources)
    guard.show(ASTRID)
    with pytest.raises(WrongPatientError):
        GuardedBedsideSource(store, guard).record(record(INGRID))
    assert store.written == []
    assert store.resources == before


def test_reads_pass_through_and_a_source_is_wrapped_once() -> None:
    store, guard = FakeBedsideSource(), PatientGuard()
    source = guarded(store, guard)
    assert guarded(source, guard) is source
    assert guarded(source, PatientGuard()) is not source
    assert source.patient(INGRID)["id"] == INGRID
    assert source.medication_for_gtin("00000000000000") is None
