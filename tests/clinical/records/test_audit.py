"""AuditEvent for record access: valid R4, the Norwegian minimum content, break-the-glass."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from clinical import codes
from clinical.records.audit import (
    ACCESS_BASIS_SYSTEM,
    ACT_REASON,
    CARE_RELATION_URL,
    RECORDED_OFFLINE_URL,
    AccessBasis,
    Organisation,
    RecordAccess,
    emergency_override_event,
    record_access_event,
)
from clinical.records.common import RecordBuildError
from tests.clinical.records.conftest import AT, NURSE, PATIENT, validate

ORG = Organisation("313231593", "Testkommune hjemmetjeneste")
FNR = "13917499758"  # synthetic (month + 80)

ACCESS = RecordAccess(
    patient_id=PATIENT,
    user=NURSE,
    organisation=ORG,
    basis=AccessBasis.CONSENT,
    at=AT,
    workstation="ward-pc-3",
    patient_identifier=(codes.FODSELSNUMMER, FNR),
    record_part="core-record",
    record_part_display="Kjernejournal",
    purpose_detail="15",
)


def codings(concept: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c["system"], c["code"]) for c in concept["coding"]}


def extension(event: dict[str, Any], url: str) -> dict[str, Any] | None:
    return next((e for e in event.get("extension", ()) if e["url"] == url), None)


def care_relation(event: dict[str, Any]) -> dict[str, Any]:
    """The HL7 Norway CareRelationMetaData sub-extensions, by name."""
    found = extension(event, CARE_RELATION_URL)
    assert found is not None
    return {
        sub["url"]: next(v for k, v in sub.items() if k.startswith("value"))
        for sub in found["extension"]
    }


def test_a_routine_opening_names_user_hpr_organisation_patient_and_basis() -> None:
    event = record_access_event(ACCESS, resource_id="a1b2c3d4-0000-4000-8000-000000000001")
    validate(event)
    assert event["type"]["code"] == "110110"
    assert event["action"] == "R"
    assert event["recorded"] == "2025-03-12T08:14:00+01:00"
    user, org = event["agent"]
    assert user["requestor"] is True
    assert user["who"]["identifier"] == {"system": codes.HPR_NUMMER, "value": NURSE.hpr}
    assert user["role"][0]["coding"][0] == {"system": codes.KATEGORI_HELSEPERSONELL, "code": "SP"}
    assert org["who"]["identifier"] == {"system": codes.ORGANISASJONSNUMMER, "value": "313231593"}
    patient = event["entity"][0]
    assert patient["what"]["reference"] == f"Patient/{PATIENT}"
    assert patient["what"]["identifier"]["value"] == FNR
    assert event["entity"][1]["type"]["code"] == "core-record"
    purpose = codings(event["purposeOfEvent"][0])
    assert (ACCESS_BASIS_SYSTEM, "SAMTYKKE") in purpose
    assert ("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT") in purpose
    assert (codes.TJENESTETYPE_HELSE_OMSORG, "15") in purpose
    assert extension(event, RECORDED_OFFLINE_URL) is None


def test_the_care_relation_says_when_and_how_the_user_declared_the_basis() -> None:
    """HL7 Norway AuditEvent IG: toa (Unix seconds), user-selected, decision description."""
    event = record_access_event(ACCESS)
    validate(event)
    assert care_relation(event) == {
        "decision-ref-description": "Samtykke",
        "decision-ref-user-selected": True,
        "toa": int(AT.timestamp()),
    }
    assert care_relation(event)["toa"] == 1741763640  # 2025-03-12T08:14+01:00


@pytest.mark.parametrize("basis", list(AccessBasis))
def test_the_purpose_of_event_stays_in_the_guide_s_value_set(basis: AccessBasis) -> None:
    """v3-PurposeOfUse (v3-ActReason codes) and Volven 9151, plus the national basis."""
    event = record_access_event(replace(ACCESS, basis=basis, reason="Begrunnelse"))
    systems = {system for system, _code in codings(event["purposeOfEvent"][0])}
    assert systems == {ACT_REASON, ACCESS_BASIS_SYSTEM, codes.TJENESTETYPE_HELSE_OMSORG}
    assert event["purposeOfEvent"] == event["agent"][0]["purposeOfUse"]


def test_emergency_access_is_coded_as_break_the_glass_with_the_reason() -> None:
    emergency = replace(ACCESS, basis=AccessBasis.EMERGENCY, reason="Bevisstløs, ingen pårørende")
    event = record_access_event(emergency)
    validate(event)
    purpose = event["purposeOfEvent"][0]
    assert {c["code"] for c in purpose["coding"]} >= {"ETREAT", "BTG", "AKUTT"}
    assert purpose["text"] == "Bevisstløs, ingen pårørende"
    assert care_relation(event)["decision-ref-description"] == "Bevisstløs, ingen pårørende"
    assert care_relation(event)["decision-ref-user-selected"] is True

    started = emergency_override_event(emergency)
    stopped = emergency_override_event(emergency, started=False)
    validate(started)
    validate(stopped)
    assert started["type"]["code"] == "110113"
    assert started["subtype"][0]["code"] == "110127"
    assert stopped["subtype"][0]["code"] == "110128"
    assert started["action"] == "E"
    assert {c["code"] for c in started["purposeOfEvent"][0]["coding"]} >= {"ETREAT", "BTG"}


def test_emergency_access_without_a_reason_is_a_caller_bug() -> None:
    with pytest.raises(RecordBuildError) as caught:
        record_access_event(replace(ACCESS, basis=AccessBasis.EMERGENCY, reason="  "))
    assert caught.value.key == "audit.emergency_without_reason"
    with pytest.raises(RecordBuildError):
        emergency_override_event(ACCESS)


def test_an_offline_opening_is_flagged_and_keeps_its_own_time() -> None:
    event = record_access_event(replace(ACCESS, recorded_offline=True))
    validate(event)
    assert extension(event, RECORDED_OFFLINE_URL) == {
        "url": RECORDED_OFFLINE_URL,
        "valueBoolean": True,
    }
    assert event["recorded"] == "2025-03-12T08:14:00+01:00"


def test_each_event_gets_its_own_id() -> None:
    assert record_access_event(ACCESS)["id"] != record_access_event(ACCESS)["id"]


def test_without_an_organisation_the_event_names_the_user_and_the_workstation_only() -> None:
    with_org = record_access_event(ACCESS, resource_id="ae-1")
    event = record_access_event(replace(ACCESS, organisation=None), resource_id="ae-1")
    validate(event)
    assert [agent["requestor"] for agent in event["agent"]] == [True]
    assert event["agent"][0] == with_org["agent"][0]
    assert event["source"]["observer"] == {"display": "ward-pc-3"}
    assert "313231593" not in str(event)
    unchanged = ("purposeOfEvent", "entity", "extension", "recorded", "type", "subtype")
    assert {k: event[k] for k in unchanged} == {k: with_org[k] for k in unchanged}
