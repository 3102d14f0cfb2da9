"""Opening a record with its access log: HL7 Norway AuditEvents and the user's own openings list."""

from __future__ import annotations

from typing import Any

import pytest
from fhir.resources.R4B.auditevent import AuditEvent

from app.errors import PatientNotFound
from app.records.access_log import find_organisation
from app.services import ClinicalServices
from app.values import AccessBasis, AccessGrant, PatientId, RecordView
from clinical import codes
from clinical.records.audit import RECORDED_OFFLINE_URL
from offline.store import Store
from tests.app.conftest import NOW, NURSE, penicillin_patient_ids, services_over


def _new_audit_events(store: Store, before: set[str]) -> list[dict[str, Any]]:
    return [
        e.resource
        for e in store.outbox()
        if e.resource_type == "AuditEvent"
        and e.op == "create"
        and e.resource is not None
        and e.resource["id"] not in before
    ]


def _audit_ids(store: Store) -> set[str]:
    return {e.resource_id for e in store.outbox() if e.resource_type == "AuditEvent"}


def _open(
    records: ClinicalServices, store: Store, patient_id: str, grant: AccessGrant
) -> AuditEvent:
    before = _audit_ids(store)
    records.record_access(PatientId(patient_id), view=RecordView.CORE_RECORD, grant=grant, at=NOW)
    new = _new_audit_events(store, before)
    assert len(new) == 1
    return AuditEvent.model_validate(new[0])


def _patient(generated: list[dict[str, Any]], patient_id: str) -> dict[str, Any]:
    return next(r for r in generated if r["resourceType"] == "Patient" and r["id"] == patient_id)


def test_emergency_opening_is_break_the_glass_with_reason_in_one_transaction(
    records: ClinicalServices,
    loaded_store: Store,
    generated: list[dict[str, Any]],
    organisation: dict[str, Any],
    org_number: str,
) -> None:
    patient_id = penicillin_patient_ids(generated)[0]
    grant = AccessGrant(AccessBasis.EMERGENCY, "Akutt forverring", NOW)
    event = _open(records, loaded_store, patient_id, grant)
    user, org = event.agent
    assert user.requestor is True
    assert user.who.identifier.system == codes.HPR_NUMMER
    assert user.who.identifier.value == NURSE.hpr
    assert org.requestor is False
    assert org.who.identifier.system == codes.ORGANISASJONSNUMMER
    assert org.who.identifier.value == org_number
    assert org.who.reference == f"Organization/{organisation['id']}"
    assert org.who.display == organisation["name"]
    patient, part = event.entity
    assert patient.what.reference == f"Patient/{patient_id}"
    fnr = next(
        i["value"]
        for i in _patient(generated, patient_id)["identifier"]
        if i["system"] == codes.FODSELSNUMMER
    )
    assert (patient.what.identifier.system, patient.what.identifier.value) == (
        codes.FODSELSNUMMER,
        fnr,
    )
    assert part.type.code == RecordView.CORE_RECORD.value
    purpose = event.purposeOfEvent[0]
    assert {c.code for c in purpose.coding} == {"ETREAT", "BTG", "AKUTT"}
    assert purpose.text == "Akutt forverring"
    assert user.purposeOfUse[0].text == "Akutt forverring"
    assert event.recorded.isoformat().startswith("2026-11-26T09:30:00")
    line, created = loaded_store.audit_log(limit=2)
    assert (line.action, line.patient_id) == ("open-record", patient_id)
    assert (line.access_basis, line.record_view, line.detail) == ("AKUTT", "core-record", None)
    assert (created.action, created.resource_id) == ("create", event.id)
    assert created.at == line.at, "the event and the audit line are one transaction"


def test_consent_opening_is_treatment_without_break_the_glass(
    records: ClinicalServices, loaded_store: Store, generated: list[dict[str, Any]]
) -> None:
    patient_id = penicillin_patient_ids(generated)[0]
    event = _open(records, loaded_store, patient_id, AccessGrant(AccessBasis.CONSENT, "", NOW))
    assert {c.code for c in event.purposeOfEvent[0].coding} == {"TREAT", "SAMTYKKE"}
    assert event.purposeOfEvent[0].text is None


def test_without_organisation_number_the_opening_is_still_logged(
    loaded_store: Store, generated: list[dict[str, Any]]
) -> None:
    records = services_over(loaded_store, organisation_number=None, workstation="ws")
    patient_id = penicillin_patient_ids(generated)[0]
    event = _open(records, loaded_store, patient_id, AccessGrant(AccessBasis.CONSENT, "", NOW))
    assert [a.requestor for a in event.agent] == [True]
    assert event.source.observer.display == "ws"
    assert event.source.observer.identifier is None


def test_unknown_organisation_number_is_named_by_its_number() -> None:
    found = find_organisation([], "974760673")
    assert (found.org_number, found.name, found.resource_id) == ("974760673", "974760673", None)


def test_opening_an_unknown_patient_logs_nothing(
    records: ClinicalServices, loaded_store: Store
) -> None:
    before = _audit_ids(loaded_store)
    with pytest.raises(PatientNotFound):
        records.record_access(
            PatientId("no-such-patient"),
            view=RecordView.CORE_RECORD,
            grant=AccessGrant(AccessBasis.CONSENT, "", NOW),
            at=NOW,
        )
    assert _audit_ids(loaded_store) == before


def test_own_accesses_list_the_newest_openings_with_patient_and_basis(
    records: ClinicalServices, generated: list[dict[str, Any]]
) -> None:
    first, second = penicillin_patient_ids(generated)[:2]
    records.record_access(
        PatientId(first),
        view=RecordView.MEDICATION_LIST,
        grant=AccessGrant(AccessBasis.CONSENT, "", NOW),
        at=NOW,
    )
    records.record_access(
        PatientId(second),
        view=RecordView.CORE_RECORD,
        grant=AccessGrant(AccessBasis.EMERGENCY, "Bevisstløs", NOW),
        at=NOW,
    )
    newest, previous = records.own_accesses(limit=2)
    assert (newest.patient_id, newest.basis, newest.view) == (
        second,
        AccessBasis.EMERGENCY,
        RecordView.CORE_RECORD,
    )
    assert newest.emergency
    assert (previous.patient_id, previous.basis, previous.view) == (
        first,
        AccessBasis.CONSENT,
        RecordView.MEDICATION_LIST,
    )
    assert not previous.emergency
    assert newest.patient == _patient(generated, second)
    assert newest.at.tzinfo is not None
    assert newest.at.utcoffset() == NOW.utcoffset(), "shown in the workstation's zone"
    assert len(records.own_accesses(limit=1)) == 1


@pytest.mark.parametrize("online", [False, True])
def test_an_opening_names_the_service_and_whether_the_platform_was_reachable(
    loaded_store: Store, generated: list[dict[str, Any]], org_number: str, online: bool
) -> None:
    records = services_over(
        loaded_store,
        organisation_number=org_number,
        workstation="ws",
        purpose_detail="21",
        online=lambda: online,
    )
    patient_id = penicillin_patient_ids(generated)[0]
    event = _open(records, loaded_store, patient_id, AccessGrant(AccessBasis.CONSENT, "", NOW))
    codings = [(c.system, c.code) for c in event.purposeOfEvent[0].coding]
    assert (codes.TJENESTETYPE_HELSE_OMSORG, "21") in codings
    offline = [e for e in event.extension or () if e.url == RECORDED_OFFLINE_URL]
    assert [e.valueBoolean for e in offline] == ([] if online else [True])


def test_without_a_connectivity_source_no_opening_is_flagged_offline(
    records: ClinicalServices, loaded_store: Store, generated: list[dict[str, Any]]
) -> None:
    patient_id = penicillin_patient_ids(generated)[0]
    event = _open(records, loaded_store, patient_id, AccessGrant(AccessBasis.CONSENT, "", NOW))
    assert RECORDED_OFFLINE_URL not in {e.url for e in event.extension or ()}
    assert codes.TJENESTETYPE_HELSE_OMSORG not in {c.system for c in event.purposeOfEvent[0].coding}
