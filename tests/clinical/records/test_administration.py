"""MedicationAdministration builder: every outcome, packs, overrides, pouches, double signature."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from clinical import codes
from clinical.nonadministration import DoseOutcome, NotGiven, NotGivenReason
from clinical.records import (
    CheckOverride,
    DoseQuantity,
    MedicationSource,
    OverrideCheck,
    Performer,
    PerformerFunction,
    RecordBuildError,
    ScannedPack,
    Substitution,
    medication_administration,
)
from clinical.records.administration import (
    CHECK_OVERRIDE_URL,
    GTIN_SYSTEM,
    POUCH_EVENT_SYSTEM,
    PRESCRIBED_DOSE_URL,
    SCHEDULED_TIME_URL,
    SUBSTITUTION_URL,
)
from clinical.records.common import PERFORMER_CATEGORY_URL, VOLVEN_9060
from tests.clinical.records.conftest import AT, COLLEAGUE, NURSE, PATIENT, validate

MEDICATION = MedicationSource(
    medication_id="27cf3052-c1fb-597d-8674-c7f3e8fd04a1",
    display="Paracet tab 500 mg",
    code={
        "coding": [{"system": "http://www.whocc.no/atc", "code": "N02BE01"}],
        "text": "Paracet tab 500 mg",
    },
    request_id="74334e51-0dd8-5857-a0b9-8d4a7806eede",
    statement_id="a5ed58cf-2547-54dc-b22e-ef2e93af277a",
)
ORAL = {"coding": [{"system": "http://snomed.info/sct", "code": "26643006"}], "text": "Oral bruk"}
TWO = DoseQuantity(Decimal(2), "tablett")


def build(**overrides):
    arguments = {
        "patient_id": PATIENT,
        "medication": MEDICATION,
        "performers": [Performer(NURSE)],
        "effective": AT,
        "outcome": DoseOutcome.GIVEN,
        "given": TWO,
        "route": ORAL,
        "dosage_text": "2 tabletter 4 ganger daglig",
        "scheduled_at": AT.replace(minute=0),
    } | overrides
    resource = medication_administration(**arguments)
    validate(resource)
    return resource


def extension(resource, url):
    return [e for e in resource.get("extension", []) if e["url"] == url]


def test_given_dose_references_patient_request_statement_and_performer():
    resource = build()
    assert resource["status"] == "completed"
    assert resource["identifier"][0] == {
        "system": "urn:ietf:rfc:3986",
        "value": f"urn:uuid:{resource['id']}",
    }
    assert resource["subject"] == {"reference": f"Patient/{PATIENT}"}
    assert resource["request"]["reference"] == f"MedicationRequest/{MEDICATION.request_id}"
    assert resource["supportingInformation"] == [
        {"reference": f"MedicationStatement/{MEDICATION.statement_id}"}
    ]
    assert resource["medicationReference"]["reference"] == f"Medication/{MEDICATION.medication_id}"
    assert resource["effectiveDateTime"] == "2025-03-12T08:14:00+01:00"
    assert resource["dosage"]["dose"] == {"value": 2, "unit": "tablett"}
    assert resource["dosage"]["route"] == ORAL
    (performer,) = resource["performer"]
    assert performer["function"]["coding"][0]["code"] == "performer"
    assert performer["actor"]["reference"] == f"Practitioner/{NURSE.practitioner_id}"
    (scheduled,) = extension(resource, SCHEDULED_TIME_URL)
    assert scheduled["valueDateTime"] == "2025-03-12T08:00:00+01:00"
    assert "statusReason" not in resource


def test_not_given_is_not_done_with_reason_and_no_dose():
    resource = build(
        outcome=DoseOutcome.NOT_GIVEN,
        given=None,
        not_given=NotGiven(NotGivenReason.REFUSED),
    )
    assert resource["status"] == "not-done"
    codings = resource["statusReason"][0]["coding"]
    assert codings[0]["code"] == "refused"
    assert {"system": "http://snomed.info/sct", "code": "182895007"} in codings
    assert "dosage" not in resource  # mad-1: a dosage needs a dose or a rate


def test_other_reason_keeps_the_text():
    resource = build(
        outcome=DoseOutcome.NOT_GIVEN,
        given=None,
        not_given=NotGiven(NotGivenReason.OTHER, "Hos tannlegen"),
    )
    assert resource["statusReason"][0]["text"] == "Hos tannlegen"


def test_partial_dose_keeps_amount_reason_and_prescribed_dose():
    resource = build(
        outcome=DoseOutcome.PARTIAL,
        given=DoseQuantity(Decimal(1), "tablett"),
        prescribed=TWO,
        not_given=NotGiven(NotGivenReason.NAUSEOUS),
    )
    assert resource["status"] == "completed"
    assert resource["dosage"]["dose"]["value"] == 1
    assert resource["statusReason"][0]["coding"][0]["code"] == "nauseous"
    (prescribed,) = extension(resource, PRESCRIBED_DOSE_URL)
    assert prescribed["valueQuantity"]["value"] == 2


def test_scanned_pack_is_a_contained_medication_with_lot_expiry_gtin_serial():
    pack = ScannedPack("07046261234567", date(2026, 5, 31), "AB123", "SER9")
    resource = build(pack=pack)
    assert resource["medicationReference"]["reference"] == "#pack"
    (contained,) = resource["contained"]
    assert contained["batch"] == {"lotNumber": "AB123", "expirationDate": "2026-05-31"}
    assert {"system": GTIN_SYSTEM, "code": "07046261234567"} in contained["code"]["coding"]
    assert {"system": "http://www.whocc.no/atc", "code": "N02BE01"} in contained["code"]["coding"]
    assert contained["identifier"][0]["value"] == "(01)07046261234567(21)SER9"


def test_override_is_an_extension_and_a_note():
    resource = build(
        overrides=[CheckOverride(OverrideCheck.ALLERGY, "Lege kontaktet, gis etter avtale")]
    )
    (override,) = extension(resource, CHECK_OVERRIDE_URL)
    parts = {e["url"]: e for e in override["extension"]}
    assert parts["check"]["valueCoding"]["code"] == "allergy"
    assert parts["reason"]["valueString"] == "Lege kontaktet, gis etter avtale"
    assert "Lege kontaktet" in resource["note"][0]["text"]


def test_override_needs_a_reason():
    with pytest.raises(RecordBuildError):
        CheckOverride(OverrideCheck.EXPIRED, "   ")


def test_double_signature_has_performer_and_verifier():
    resource = build(
        performers=[Performer(NURSE), Performer(COLLEAGUE, PerformerFunction.VERIFIER)]
    )
    functions = {
        p["actor"]["reference"]: p["function"]["coding"][0]["code"] for p in resource["performer"]
    }
    assert functions == {
        f"Practitioner/{NURSE.practitioner_id}": "performer",
        f"Practitioner/{COLLEAGUE.practitioner_id}": "verifier",
    }


def test_finding_8_each_performer_carries_the_category_they_acted_in():
    resource = build(performers=[Performer(NURSE), Performer(COLLEAGUE, PerformerFunction.WITNESS)])
    validate(resource)  # still a valid R4 MedicationAdministration
    witness = next(
        p for p in resource["performer"] if p["function"]["coding"][0]["code"] == "witness"
    )
    assert witness["extension"] == [
        {
            "url": PERFORMER_CATEGORY_URL,
            "valueCodeableConcept": {"coding": [{"system": VOLVEN_9060, "code": "SP"}]},
        }
    ]


@pytest.mark.parametrize(
    "performers",
    [
        [],
        [Performer(COLLEAGUE, PerformerFunction.VERIFIER)],
        [Performer(NURSE), Performer(NURSE, PerformerFunction.VERIFIER)],
    ],
)
def test_performers_must_be_one_giver_and_distinct_people(performers):
    with pytest.raises(RecordBuildError):
        build(performers=performers)


def test_pouch_items_share_the_pouch_identifier():
    first = build(pouch_event_id="pouch-1")
    second = build(pouch_event_id="pouch-1")
    assert first["id"] != second["id"]
    for resource in (first, second):
        assert {"system": POUCH_EVENT_SYSTEM, "value": "pouch-1"} in resource["identifier"]


def test_prn_reason_goes_in_reason_code():
    resource = build(scheduled_at=None, prn_reason={"text": "Smerter i hofte"})
    assert resource["reasonCode"] == [{"text": "Smerter i hofte"}]
    assert not extension(resource, SCHEDULED_TIME_URL)


@pytest.mark.parametrize(
    ("outcome", "given", "reason"),
    [
        (DoseOutcome.GIVEN, TWO, NotGiven(NotGivenReason.ASLEEP)),
        (DoseOutcome.NOT_GIVEN, None, None),
        (DoseOutcome.PARTIAL, None, NotGiven(NotGivenReason.ASLEEP)),
    ],
)
def test_contradictory_outcomes_are_refused(outcome, given, reason):
    with pytest.raises(RecordBuildError):
        build(outcome=outcome, given=given, not_given=reason)


def test_without_catalogue_id_the_code_is_inline():
    resource = build(
        medication=MedicationSource(None, "Morfin mikstur", request_id="r1"),
        effective=AT + timedelta(minutes=3),
    )
    assert resource["medicationCodeableConcept"] == {"text": "Morfin mikstur"}


def test_a_confirmed_substitute_is_recorded_as_the_pack_given_and_a_substitution() -> None:
    """Shaped after R4 MedicationDispense.substitution; EC = same ingredient, strength, form."""
    pinex = {
        "resourceType": "Medication",
        "id": "pinex",
        "code": {
            "coding": [{"system": codes.FEST_MERKEVARE, "code": "ID_PINEX"}],
            "text": "Pinex tab 500 mg",
        },
        "form": {"text": "Tablett"},
    }
    resource = build(
        pack=ScannedPack("07046261000123", date(2027, 5, 31), "PX1", "S1", product=pinex),
        substitution=Substitution("Paracet tab 500 mg", MEDICATION.medication_id, "ID_GRUPPE"),
    )
    (contained,) = resource["contained"]
    assert contained["code"]["text"] == "Pinex tab 500 mg"
    assert {"system": GTIN_SYSTEM, "code": "07046261000123"} in contained["code"]["coding"]
    assert contained["form"] == {"text": "Tablett"}
    assert resource["medicationReference"]["display"] == "Pinex tab 500 mg"
    (extension,) = [e for e in resource["extension"] if e["url"] == SUBSTITUTION_URL]
    parts = {p["url"]: p for p in extension["extension"]}
    assert parts["type"]["valueCoding"]["code"] == "EC"
    assert parts["byttegruppe"]["valueCoding"]["code"] == "ID_GRUPPE"
    assert parts["ordered"]["valueReference"]["reference"] == (
        f"Medication/{MEDICATION.medication_id}"
    )
    assert resource["note"][-1]["text"].startswith("Byttepreparat gitt: Pinex tab 500 mg")


def test_a_substitution_needs_a_pack_that_was_given() -> None:
    with pytest.raises(RecordBuildError, match="substitution"):
        build(substitution=Substitution("Paracet tab 500 mg", None, None))
