"""The record services over a real encrypted store filled with a synthetic municipality."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fhir.resources.R4B.task import Task

from app.errors import PatientNotFound
from app.records.reads import MEDICATION_LIST_SEEN
from app.services import ClinicalServices
from app.values import PatientId, PlaceKind, PlaceOfWork
from offline.store import Store
from tests.app.conftest import LAST_SYNC, NOW, NURSE, penicillin_patient_ids, services_over
from ui.presenters.core_record import core_record_view
from ui.presenters.medication_list import medication_list_view
from ui.presenters.patient_list import patient_rows
from ui.presenters.prescriptions import PrescriptionStatus, prescriptions_view

TODAY = NOW.date()


def _unit(records: ClinicalServices) -> PlaceOfWork:
    return next(p for p in records.places_of_work() if p.kind is PlaceKind.UNIT)


def _routes_today(records: ClinicalServices) -> list[PlaceOfWork]:
    return [p for p in records.places_of_work() if p.kind is PlaceKind.ROUTE and p.day == TODAY]


def _outbox_resources(store: Store, resource_type: str) -> list[dict[str, Any]]:
    return [
        e.resource
        for e in store.outbox()
        if e.resource_type == resource_type and e.op == "create" and e.resource is not None
    ]


def test_places_are_the_units_and_the_routes_of_today_and_tomorrow(
    records: ClinicalServices,
) -> None:
    places = records.places_of_work()
    units = [p for p in places if p.kind is PlaceKind.UNIT]
    routes = [p for p in places if p.kind is PlaceKind.ROUTE]
    # 40 patients: one ward of 20 residents, one home-care district (20) with four routes.
    assert len(units) == 1
    assert units[0].day is None
    assert "etasje" in units[0].name
    assert len(routes) == 8
    assert {p.day for p in routes} == {TODAY, TODAY + dt.timedelta(days=1)}
    assert places[: len(units)] == units, "units come first"


def test_places_can_be_narrowed_to_configured_ids_or_names(
    records: ClinicalServices, loaded_store: Store
) -> None:
    unit = _unit(records)
    route = _routes_today(records)[0]
    narrowed = services_over(loaded_store, places=(unit.id, route.name.upper()))
    assert {(p.id, p.kind) for p in narrowed.places_of_work()} == {
        (unit.id, PlaceKind.UNIT),
        (route.id, PlaceKind.ROUTE),
    }


def test_a_unit_lists_its_residents_with_room_and_critical_information(
    records: ClinicalServices, generated: list[dict[str, Any]]
) -> None:
    entries = records.patients_at(_unit(records))
    assert len(entries) == 20
    rooms = [e.location for e in entries]
    assert all(r is not None and r["name"].startswith("Rom ") for r in rooms)
    assert len({r["id"] for r in rooms if r is not None}) == 20
    rows = patient_rows(entries, today=TODAY)
    assert all(row.summary.room.startswith("Rom ") for row in rows)
    assert [r.summary.room for r in rows] == sorted(r.summary.room for r in rows)
    demo = set(penicillin_patient_ids(generated))
    flagged = {row.id for row in rows if row.critical.has_high_criticality_allergy}
    resident_demo = demo & {row.id for row in rows}
    assert len(resident_demo) == 2
    assert resident_demo <= flagged
    for entry in entries:
        types = {c["resourceType"] for c in entry.critical}
        assert types <= {"AllergyIntolerance", "Flag", "Consent", "Condition"}


def test_a_route_lists_the_days_visits_in_time_order(
    records: ClinicalServices, generated: list[dict[str, Any]]
) -> None:
    expected = sum(
        1
        for r in generated
        if r["resourceType"] == "Appointment"
        and dt.datetime.fromisoformat(r["start"]).astimezone(NOW.tzinfo).date() == TODAY
    )
    total = 0
    for route in _routes_today(records):
        entries = records.patients_at(route)
        starts = [dt.datetime.fromisoformat(e.visit["start"]) for e in entries if e.visit]
        assert len(starts) == len(entries)
        assert starts == sorted(starts)
        assert all(s.astimezone(NOW.tzinfo).date() == TODAY for s in starts)
        assert all(e.location is None for e in entries)
        total += len(entries)
    assert total == expected
    assert total > 20, "20 home-care patients have 1-4 visits a day"


def test_the_core_record_of_a_penicillin_patient_has_the_allergy_and_hlr_minus(
    records: ClinicalServices, generated: list[dict[str, Any]]
) -> None:
    patient_id = PatientId(penicillin_patient_ids(generated)[0])
    record = records.core_record(patient_id)
    assert record.patient["id"] == patient_id
    view = core_record_view(record, today=TODAY)
    penicillin = [a for a in view.critical.allergies if a.substance == "Penicillin"]
    assert penicillin
    assert penicillin[0].criticality.value == "high"
    assert penicillin[0].verification.value == "verified"
    assert any("HLR" in t.title for t in view.critical.treatment_limitations)
    assert view.general_practitioner is not None
    assert view.general_practitioner.name
    assert view.relatives
    assert view.vaccinations


def test_the_core_record_of_an_unknown_patient_is_not_found(records: ClinicalServices) -> None:
    with pytest.raises(PatientNotFound):
        records.core_record(PatientId("no-such-patient"))


def test_medication_list_and_prescriptions_resolve_their_medications(
    records: ClinicalServices, generated: list[dict[str, Any]]
) -> None:
    patient_id = PatientId(penicillin_patient_ids(generated)[0])
    meds = records.medication_list(patient_id)
    assert meds.statements
    assert meds.medications
    assert meds.last_seen_at is None
    listed = medication_list_view(meds, today=TODAY)
    items = [i for group in listed.in_use.values() for i in group]
    assert items
    assert all(i.name != "?" for i in items)
    assert any(i.name.startswith("Apocillin") for i in items)
    rx = records.prescriptions(patient_id)
    assert rx.requests
    assert rx.medications
    shown = prescriptions_view(rx, today=TODAY)
    active = shown.groups[PrescriptionStatus.ACTIVE]
    assert active
    assert all(i.name != "?" for g in shown.groups.values() for i in g)


def test_the_medication_list_remembers_when_this_user_last_looked(
    records: ClinicalServices, generated: list[dict[str, Any]], loaded_store: Store
) -> None:
    patient_id = PatientId(penicillin_patient_ids(generated)[1])
    queued = len(loaded_store.outbox())
    records.mark_medication_list_seen(patient_id, at=NOW - dt.timedelta(days=1))
    records.mark_medication_list_seen(patient_id, at=NOW)
    assert records.medication_list(patient_id).last_seen_at == NOW
    # The mark is in the store, not in this object: a new session over the store sees it.
    later = services_over(loaded_store)
    assert later.medication_list(patient_id).last_seen_at == NOW
    assert loaded_store.mark(MEDICATION_LIST_SEEN, patient_id) == NOW.isoformat()
    assert len(loaded_store.outbox()) == queued, "a mark is never synced"


def test_last_synced_is_the_workstations_last_successful_sync(
    records: ClinicalServices, generated: list[dict[str, Any]]
) -> None:
    patient_id = PatientId(penicillin_patient_ids(generated)[0])
    assert records.last_synced_at(patient_id) == LAST_SYNC
    with pytest.raises(PatientNotFound):
        records.last_synced_at(PatientId("no-such-patient"))


def test_requesting_renewal_queues_a_valid_task_the_prescriptions_view_sees(
    records: ClinicalServices, generated: list[dict[str, Any]], loaded_store: Store
) -> None:
    patient_id = PatientId(penicillin_patient_ids(generated)[0])
    view = prescriptions_view(records.prescriptions(patient_id), today=TODAY)
    item = next(i for g in view.groups.values() for i in g if i.can_request_renewal)
    records.request_renewal(patient_id, prescription_id=item.id, note="Går tom fredag", at=NOW)
    queued = [
        t
        for t in _outbox_resources(loaded_store, "Task")
        if t["focus"]["reference"].endswith(item.id)
    ]
    assert len(queued) == 1
    task = Task.model_validate(queued[0])
    assert task.status == "requested"
    assert task.intent == "order"
    assert task.for_fhir.reference == f"Patient/{patient_id}"
    assert task.owner is not None
    assert task.owner.reference.startswith("Practitioner/")
    assert task.requester.identifier.value == NURSE.hpr
    assert task.note[0].text == "Går tom fredag"
    again = prescriptions_view(records.prescriptions(patient_id), today=TODAY)
    renewed = next(i for g in again.groups.values() for i in g if i.id == item.id)
    assert renewed.renewal_requested_on == TODAY
    assert not renewed.can_request_renewal


def test_renewal_of_another_patients_prescription_is_refused(
    records: ClinicalServices, generated: list[dict[str, Any]]
) -> None:
    first, second = penicillin_patient_ids(generated)[:2]
    request_id = records.prescriptions(PatientId(second)).requests[0]["id"]
    with pytest.raises(Exception, match="not on this computer"):
        records.request_renewal(PatientId(first), prescription_id=request_id, note="", at=NOW)
