"""Bedside reads and writes of the window's services, over a real encrypted store filled with a
synthetic municipality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest
from fhir.resources.R4B.medicationadministration import MedicationAdministration
from fhir.resources.R4B.observation import Observation

from app.entries import DoseEntry, VitalsEntry
from app.errors import ColleagueNotVerified, NotSaved, PatientNotFound
from app.services import ClinicalServices
from app.values import PlaceKind, PlaceOfWork
from clinical.news2 import Consciousness
from clinical.nonadministration import DoseOutcome
from clinical.records import (
    DoseQuantity,
    MedicationSource,
    Performer,
    Staff,
    medication_administration,
)
from clinical.records.as_needed import FOLLOWUP_CODE
from clinical.records.vital_signs import VitalSignsSet
from offline.errors import StoreError
from offline.store import Store
from tests.app.conftest import NOW, NURSE, penicillin_patient_ids, services_over

COLLEAGUE = Staff(practitioner_id="test-colleague", name="Kari Kollega", hpr="9100002", role="SP")


@pytest.fixture
def unit(records: ClinicalServices) -> PlaceOfWork:
    return next(p for p in records.places_of_work() if p.kind is PlaceKind.UNIT)


@pytest.fixture
def bedside(loaded_store: Store) -> ClinicalServices:
    def verify(who: str, pin: str) -> Staff:
        if (who, pin) == (COLLEAGUE.hpr, "2468"):
            return COLLEAGUE
        raise ColleagueNotVerified("unknown colleague or wrong PIN")

    return services_over(loaded_store, clock=lambda: NOW, colleague_verifier=verify)


@pytest.fixture
def resident(generated: list[dict[str, Any]], bedside: ClinicalServices, unit: PlaceOfWork) -> str:
    on_round = {p["id"] for p in bedside.round_patients(unit)}
    return next(pid for pid in penicillin_patient_ids(generated) if pid in on_round)


def _source(request: Mapping[str, Any]) -> MedicationSource:
    return MedicationSource(
        medication_id=request["medicationReference"]["reference"].removeprefix("Medication/"),
        display=request["medicationReference"].get("display", "?"),
        request_id=request["id"],
    )


def _dose(
    patient_id: str, request: Mapping[str, Any], at: dt.datetime, *, as_needed: bool = False
) -> DoseEntry:
    return DoseEntry(
        patient_id=patient_id,
        medication=_source(request),
        effective=at,
        chosen=DoseOutcome.GIVEN,
        given=Decimal(1),
        unit="tablett",
        as_needed=as_needed,
        indication="Smerter" if as_needed else "",
    )


def _administration(patient_id: str, request: Mapping[str, Any], at: dt.datetime) -> dict[str, Any]:
    return medication_administration(
        patient_id=patient_id,
        medication=_source(request),
        performers=[Performer(NURSE)],
        effective=at,
        outcome=DoseOutcome.GIVEN,
        given=DoseQuantity(Decimal(1), "tablett"),
    )


def test_the_round_is_the_units_residents_in_room_order(
    bedside: ClinicalServices, unit: PlaceOfWork
) -> None:
    patients = bedside.round_patients(unit)
    assert len(patients) == 20
    assert len({p["id"] for p in patients}) == 20


def test_medication_data_has_statements_requests_and_their_medications(
    bedside: ClinicalServices, resident: str
) -> None:
    data = bedside.medication_data(resident)
    assert data.statements
    assert data.requests
    wanted = {
        r["medicationReference"]["reference"].removeprefix("Medication/")
        for r in [*data.statements, *data.requests]
    }
    assert {m["id"] for m in data.medications} == wanted


def test_allergies_include_the_penicillin_reaction(
    bedside: ClinicalServices, resident: str
) -> None:
    allergies = bedside.allergies(resident)
    assert any(
        a.get("criticality") == "high" and a["code"]["coding"][0]["code"] == "J01CE"
        for a in allergies
    )


def test_recording_doses_writes_them_and_their_outbox_entries_together(
    bedside: ClinicalServices, loaded_store: Store, resident: str
) -> None:
    requests = [r for r in bedside.medication_data(resident).requests if r["status"] == "active"]
    given_at = NOW - dt.timedelta(minutes=20)
    as_needed = bedside.record_dose(_dose(resident, requests[0], given_at, as_needed=True))
    scheduled = bedside.record_dose(_dose(resident, requests[1], given_at))
    batch = [as_needed[0], *scheduled]
    (followup,) = [r for r in as_needed if r["resourceType"] == "Task"]
    assert followup["code"]["coding"][0]["code"] == FOLLOWUP_CODE
    assert followup["focus"]["reference"] == f"MedicationAdministration/{batch[0]['id']}"
    queued = {e.resource_id for e in loaded_store.outbox() if e.op == "create"}
    assert {r["id"] for r in batch} | {followup["id"]} <= queued
    for resource in batch:
        MedicationAdministration.model_validate(
            loaded_store.get(resource["resourceType"], resource["id"])
        )
    found = bedside.administrations(
        resident, since=NOW - dt.timedelta(hours=1), until=NOW + dt.timedelta(minutes=1)
    )
    assert {a["id"] for a in found} >= {r["id"] for r in batch}
    assert not bedside.administrations(
        resident, since=NOW - dt.timedelta(hours=3), until=NOW - dt.timedelta(hours=1)
    )
    assert [t["id"] for t in bedside.open_followups(resident)] == [followup["id"]]


def test_a_failed_save_leaves_nothing_behind(
    bedside: ClinicalServices, loaded_store: Store, resident: str
) -> None:
    request = bedside.medication_data(resident).requests[0]
    good = _administration(resident, request, NOW)
    broken = {"resourceType": "MedicationAdministration", "id": "not a valid id!"}
    before = len(loaded_store.outbox())
    with pytest.raises(StoreError):
        loaded_store.write_all([good, broken])
    assert loaded_store.get("MedicationAdministration", good["id"]) is None
    assert len(loaded_store.outbox()) == before


def test_a_save_failing_inside_the_transaction_leaves_nothing_behind(
    bedside: ClinicalServices, loaded_store: Store, resident: str
) -> None:
    request = bedside.medication_data(resident).requests[0]
    good = _administration(resident, request, NOW)
    # A server resource the user deleted here: writing it again is refused by the store, after
    # ``good`` was already written in the same transaction.
    deleted = {**_administration(resident, request, NOW), "meta": {"versionId": "1"}}
    loaded_store.apply_server_resources([deleted])
    loaded_store.delete("MedicationAdministration", deleted["id"])
    before = len(loaded_store.outbox())
    with pytest.raises(StoreError):
        loaded_store.write_all([good, deleted])
    assert loaded_store.get("MedicationAdministration", good["id"]) is None
    assert len(loaded_store.outbox()) == before


def test_a_store_that_refuses_the_save_is_not_saved_to_the_nurse(
    loaded_store: Store, resident: str
) -> None:
    class Refusing:
        def write_all(self, resources: object) -> None:
            raise StoreError("refused")

    refusing = services_over(Refusing(), clock=lambda: NOW)  # type: ignore[arg-type]
    request = {"id": "r1", "medicationReference": {"reference": "Medication/m1"}}
    with pytest.raises(NotSaved):
        refusing.record_dose(_dose(resident, request, NOW))


def test_vital_signs_returns_what_was_recorded(bedside: ClinicalServices, resident: str) -> None:
    measured = NOW - dt.timedelta(minutes=5)
    recorded = bedside.record_vitals(
        VitalsEntry(
            patient_id=resident,
            values=VitalSignsSet(
                respiration_rate=24,
                spo2=91,
                on_oxygen=False,
                systolic=98,
                diastolic=60,
                pulse=118,
                consciousness=Consciousness.ALERT,
                temperature=38.9,
            ),
            effective=measured,
        )
    )
    assert recorded.score.complete
    resources = recorded.resources
    assert resources[0]["performer"][0]["reference"] == f"Practitioner/{NURSE.practitioner_id}"
    found = bedside.vital_signs(resident, since=measured)
    assert {o["id"] for o in found} == {r["id"] for r in resources}
    for observation in found:
        Observation.model_validate(observation)
    history = bedside.vital_signs(resident, since=NOW - dt.timedelta(days=8))
    assert len(history) > len(found), "the synthetic week of vital signs is there too"


def test_colleague_verification_uses_the_injected_verifier(
    bedside: ClinicalServices, loaded_store: Store
) -> None:
    assert bedside.verify_colleague(" 9100002 ", "2468") == COLLEAGUE
    with pytest.raises(ColleagueNotVerified):
        bedside.verify_colleague("9100002", "0000")
    unwired = services_over(loaded_store, clock=lambda: NOW)
    with pytest.raises(ColleagueNotVerified):
        unwired.verify_colleague("9100002", "2468")


def test_catalogue_search_and_unknown_patient(bedside: ClinicalServices) -> None:
    found = bedside.search_medications("paracet")
    assert found
    assert all("paracet" in m["code"]["text"].casefold() for m in found)
    assert bedside.medication_for_gtin("07046260000000") is None
    with pytest.raises(PatientNotFound):
        bedside.patient("no-such-patient")
