"""StoreBedsideSource over a real encrypted store filled with a synthetic municipality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest
from fhir.resources.R4B.medicationadministration import MedicationAdministration
from fhir.resources.R4B.observation import Observation

from clinical.news2 import Consciousness
from clinical.nonadministration import DoseOutcome
from clinical.records import (
    DoseQuantity,
    MedicationSource,
    Performer,
    Staff,
    effect_followup_task,
    medication_administration,
    vital_signs_resources,
)
from clinical.records.vital_signs import VitalSignsSet
from offline.store import Store
from tests.ui.sources.conftest import NOW, NURSE, penicillin_patient_ids
from ui.bedside.source import BedsideSourceError, ColleagueNotVerified
from ui.record_source import PlaceKind, PlaceOfWork
from ui.sources import StoreBedsideSource, StoreRecordSource

COLLEAGUE = Staff(practitioner_id="test-colleague", name="Kari Kollega", hpr="9100002", role="SP")


@pytest.fixture
def unit(records: StoreRecordSource) -> PlaceOfWork:
    return next(p for p in records.places_of_work() if p.kind is PlaceKind.UNIT)


@pytest.fixture
def bedside(loaded_store: Store, unit: PlaceOfWork) -> StoreBedsideSource:
    def verify(who: str, pin: str) -> Staff:
        if (who, pin) == (COLLEAGUE.hpr, "2468"):
            return COLLEAGUE
        raise ColleagueNotVerified("Ukjent bruker eller feil PIN.")

    return StoreBedsideSource(
        loaded_store, user=NURSE, clock=lambda: NOW, place=lambda: unit, colleague_verifier=verify
    )


@pytest.fixture
def resident(generated: list[dict[str, Any]], bedside: StoreBedsideSource) -> str:
    on_round = {p["id"] for p in bedside.round_patients()}
    return next(pid for pid in penicillin_patient_ids(generated) if pid in on_round)


def _administration(patient_id: str, request: Mapping[str, Any], at: dt.datetime) -> dict[str, Any]:
    return medication_administration(
        patient_id=patient_id,
        medication=MedicationSource(
            medication_id=request["medicationReference"]["reference"].removeprefix("Medication/"),
            display=request["medicationReference"].get("display", "?"),
            request_id=request["id"],
        ),
        performers=[Performer(NURSE)],
        effective=at,
        outcome=DoseOutcome.GIVEN,
        given=DoseQuantity(Decimal(1), "tablett"),
    )


def test_the_round_is_the_units_residents_in_room_order(bedside: StoreBedsideSource) -> None:
    patients = bedside.round_patients()
    assert len(patients) == 20
    assert len({p["id"] for p in patients}) == 20


def test_medication_data_has_statements_requests_and_their_medications(
    bedside: StoreBedsideSource, resident: str
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
    bedside: StoreBedsideSource, resident: str
) -> None:
    allergies = bedside.allergies(resident)
    assert any(
        a.get("criticality") == "high" and a["code"]["coding"][0]["code"] == "J01CE"
        for a in allergies
    )


def test_recording_administrations_writes_them_and_their_outbox_entries_together(
    bedside: StoreBedsideSource, loaded_store: Store, resident: str
) -> None:
    requests = [r for r in bedside.medication_data(resident).requests if r["status"] == "active"]
    given_at = NOW - dt.timedelta(minutes=20)
    batch = [_administration(resident, r, given_at) for r in requests[:2]]
    followup = effect_followup_task(
        administration_id=batch[0]["id"],
        patient_id=resident,
        requester=NURSE,
        authored=given_at,
        assess_from=given_at + dt.timedelta(minutes=30),
        assess_by=given_at + dt.timedelta(minutes=60),
        medication_display="testdose",
    )
    bedside.record([*batch, followup])
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
    bedside: StoreBedsideSource, loaded_store: Store, resident: str
) -> None:
    request = bedside.medication_data(resident).requests[0]
    good = _administration(resident, request, NOW)
    broken = {"resourceType": "MedicationAdministration", "id": "not a valid id!"}
    before = len(loaded_store.outbox())
    with pytest.raises(BedsideSourceError):
        bedside.record([good, broken])
    assert loaded_store.get("MedicationAdministration", good["id"]) is None
    assert len(loaded_store.outbox()) == before


def test_a_save_failing_inside_the_transaction_leaves_nothing_behind(
    bedside: StoreBedsideSource, loaded_store: Store, resident: str
) -> None:
    request = bedside.medication_data(resident).requests[0]
    good = _administration(resident, request, NOW)
    # A server resource the user deleted here: writing it again is refused by the store, after
    # ``good`` was already written in the same transaction.
    deleted = {**_administration(resident, request, NOW), "meta": {"versionId": "1"}}
    loaded_store.apply_server_resources([deleted])
    loaded_store.delete("MedicationAdministration", deleted["id"])
    before = len(loaded_store.outbox())
    with pytest.raises(BedsideSourceError):
        bedside.record([good, deleted])
    assert loaded_store.get("MedicationAdministration", good["id"]) is None
    assert len(loaded_store.outbox()) == before


def test_vital_signs_returns_what_was_recorded(bedside: StoreBedsideSource, resident: str) -> None:
    measured = NOW - dt.timedelta(minutes=5)
    resources, result = vital_signs_resources(
        VitalSignsSet(
            respiration_rate=24,
            spo2=91,
            on_oxygen=False,
            systolic=98,
            diastolic=60,
            pulse=118,
            consciousness=Consciousness.ALERT,
            temperature=38.9,
        ),
        patient_id=resident,
        performer=NURSE,
        effective=measured,
    )
    assert result.complete
    bedside.record(resources)
    found = bedside.vital_signs(resident, since=measured)
    assert {o["id"] for o in found} == {r["id"] for r in resources}
    for observation in found:
        Observation.model_validate(observation)
    history = bedside.vital_signs(resident, since=NOW - dt.timedelta(days=8))
    assert len(history) > len(found), "the synthetic week of vital signs is there too"


def test_colleague_verification_uses_the_injected_verifier(
    bedside: StoreBedsideSource, loaded_store: Store, unit: PlaceOfWork
) -> None:
    assert bedside.verify_colleague(" 9100002 ", "2468") == COLLEAGUE
    with pytest.raises(ColleagueNotVerified):
        bedside.verify_colleague("9100002", "0000")
    unwired = StoreBedsideSource(loaded_store, user=NURSE, clock=lambda: NOW, place=lambda: unit)
    with pytest.raises(ColleagueNotVerified):
        unwired.verify_colleague("9100002", "2468")


def test_catalogue_search_and_unknown_patient(bedside: StoreBedsideSource) -> None:
    found = bedside.search_medications("paracet")
    assert found
    assert all("paracet" in m["code"]["text"].casefold() for m in found)
    assert bedside.medication_for_gtin("07046260000000") is None
    with pytest.raises(BedsideSourceError):
        bedside.patient("no-such-patient")
