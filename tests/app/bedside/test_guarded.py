"""Every bedside write passes the guard: another patient's record never reaches the store."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.bedside.guarded import GuardedBedsideSource, guarded
from app.entries import DoseEntry, VitalsEntry
from app.errors import EntryRefused
from clinical.nonadministration import DoseOutcome
from clinical.patient_guard import PatientGuard
from clinical.records import MedicationSource, VitalSignsSet
from tests.ui.bedside.fake_source import FakeBedsideSource
from tests.ui.bedside.ward_data import ASTRID, INGRID, NOW


def dose(patient: str) -> DoseEntry:
    return DoseEntry(
        patient_id=patient,
        medication=MedicationSource(medication_id=None, display="Paracet 500 mg"),
        effective=NOW,
        chosen=DoseOutcome.GIVEN,
        given=Decimal(1),
        unit="tablett",
    )


def test_a_write_for_the_shown_patient_goes_through() -> None:
    store, guard = FakeBedsideSource(), PatientGuard()
    guard.show(INGRID)
    GuardedBedsideSource(store, guard).record_dose(dose(INGRID))
    assert len(store.written) == 1


def test_a_write_for_another_patient_changes_nothing() -> None:
    store, guard = FakeBedsideSource(), PatientGuard()
    before = list(store.resources)
    guard.show(ASTRID)
    source = GuardedBedsideSource(store, guard)
    with pytest.raises(EntryRefused) as refused:
        source.record_dose(dose(INGRID))
    assert refused.value.rule == "patient_guard.other_patient"
    with pytest.raises(EntryRefused):
        source.record_vitals(VitalsEntry(INGRID, VitalSignsSet(pulse=72), NOW))
    guard.clear()
    with pytest.raises(EntryRefused) as nobody:
        source.record_dose(dose(ASTRID))
    assert nobody.value.rule == "patient_guard.no_patient_shown"
    assert store.written == []
    assert store.resources == before


def test_reads_pass_through_and_a_source_is_wrapped_once() -> None:
    store, guard = FakeBedsideSource(), PatientGuard()
    source = guarded(store, guard)
    assert guarded(source, guard) is source
    assert guarded(source, PatientGuard()) is not source
    assert source.patient(INGRID)["id"] == INGRID
    assert source.medication_for_gtin("00000000000000") is None
