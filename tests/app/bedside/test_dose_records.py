"""What a documented dose means: its outcome, who performed it, the PRN reason and follow-up.

These decisions used to be taken in the dialog; now the dialog hands over what the nurse chose
and typed, and ``app.bedside.dose_records`` decides, table by table.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from app.bedside.config import BedsideConfig
from app.bedside.dose_records import dose_outcome, dose_resources, pouch_resources
from app.entries import DoseEntry, PouchEntry, PouchItemEntry
from clinical.nonadministration import DoseOutcome, DoseRecordError, NotGiven, NotGivenReason
from clinical.records import CheckOverride, DoseQuantity, MedicationSource, OverrideCheck
from clinical.records.as_needed import FOLLOWUP_CODE
from tests.clinical.records.conftest import AT, COLLEAGUE, NURSE, PATIENT, validate

WARD = BedsideConfig()
PARACETAMOL = MedicationSource(medication_id="m-para", display="Paracet 500 mg", request_id="r1")
ORDERED = DoseQuantity(Decimal(2), "tablett")
DOSE = DoseEntry(
    patient_id=PATIENT,
    medication=PARACETAMOL,
    effective=AT,
    chosen=DoseOutcome.GIVEN,
    given=Decimal(2),
    unit="tablett",
    ordered=ORDERED,
)
REFUSED = NotGiven(NotGivenReason.REFUSED)


@pytest.mark.parametrize(
    ("entry", "outcome", "given"),
    [
        (DOSE, DoseOutcome.GIVEN, Decimal(2)),
        (
            replace(DOSE, chosen=DoseOutcome.PARTIAL, given=Decimal(1), not_given=REFUSED),
            DoseOutcome.PARTIAL,
            Decimal(1),
        ),
        (
            replace(DOSE, chosen=DoseOutcome.NOT_GIVEN, given=Decimal(2), not_given=REFUSED),
            DoseOutcome.NOT_GIVEN,
            Decimal(0),
        ),
        (replace(DOSE, ordered=None, chosen=DoseOutcome.GIVEN), DoseOutcome.GIVEN, Decimal(2)),
        (replace(DOSE, ordered=None, as_needed=True, indication="Smerter"), DoseOutcome.GIVEN, 2),
    ],
)
def test_the_outcome_is_classified_against_the_ordered_dose(
    entry: DoseEntry, outcome: DoseOutcome, given: Decimal
) -> None:
    assert dose_outcome(entry) == (outcome, given)


@pytest.mark.parametrize(
    ("entry", "rule"),
    [
        (replace(DOSE, given=Decimal(3)), "dose.exceeds_prescribed"),
        (replace(DOSE, chosen=DoseOutcome.PARTIAL, given=Decimal(1)), "dose.reason_required"),
        (replace(DOSE, ordered=None, chosen=DoseOutcome.PARTIAL), "dose.prescribed_not_positive"),
        (replace(DOSE, as_needed=True, given=Decimal(0)), "dose.given_negative"),
    ],
)
def test_a_rule_refuses_an_entry_it_cannot_record(entry: DoseEntry, rule: str) -> None:
    with pytest.raises(DoseRecordError) as refused:
        dose_outcome(entry)
    assert refused.value.key == rule


def test_the_co_signer_verifies_only_a_dose_that_was_given() -> None:
    (given,) = dose_resources(replace(DOSE, verifier=COLLEAGUE), giver=NURSE, ward=WARD, now=AT)
    functions = [p["function"]["coding"][0]["code"] for p in given["performer"]]
    assert functions == ["performer", "verifier"]
    none = replace(DOSE, chosen=DoseOutcome.NOT_GIVEN, not_given=REFUSED, verifier=COLLEAGUE)
    (not_given,) = dose_resources(none, giver=NURSE, ward=WARD, now=AT)
    assert [p["actor"]["reference"] for p in not_given["performer"]] == [
        f"Practitioner/{NURSE.practitioner_id}"
    ]
    assert "dosage" not in not_given


def test_a_dose_not_given_records_no_pack_and_no_override() -> None:
    stop = CheckOverride(OverrideCheck.EXPIRED, "Ingen annen pakning")
    entry = replace(DOSE, chosen=DoseOutcome.NOT_GIVEN, not_given=REFUSED, overrides=(stop,))
    (administration,) = dose_resources(entry, giver=NURSE, ward=WARD, now=AT)
    assert administration["status"] == "not-done"
    assert "contained" not in administration
    assert "note" not in administration


def test_an_as_needed_dose_gets_its_follow_up_in_the_wards_window() -> None:
    entry = replace(DOSE, ordered=None, as_needed=True, indication="Smerter")
    administration, task = dose_resources(entry, giver=NURSE, ward=WARD, now=AT)
    for resource in (administration, task):
        validate(resource)
    assert task["code"]["coding"][0]["code"] == FOLLOWUP_CODE
    assert task["focus"]["reference"] == f"MedicationAdministration/{administration['id']}"
    start = (AT + WARD.prn_followup_after).isoformat(timespec="seconds")
    end = (AT + WARD.prn_followup_by).isoformat(timespec="seconds")
    assert task["restriction"]["period"] == {"start": start, "end": end}
    assert administration["reasonCode"] == [{"text": "Smerter"}]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Smerter", {"coding": [{"system": "http://snomed.info/sct", "code": "22253000"}]}),
        ("Uro om natten", None),
    ],
)
def test_the_orders_coded_indication_is_kept_when_the_nurse_kept_its_words(
    typed: str, expected: dict[str, object] | None
) -> None:
    coded = {
        "coding": [{"system": "http://snomed.info/sct", "code": "22253000"}],
        "text": "Smerter",
    }
    entry = replace(DOSE, ordered=None, as_needed=True, indication=typed, ordered_indication=coded)
    administration, _task = dose_resources(entry, giver=NURSE, ward=WARD, now=AT)
    reason = administration["reasonCode"][0]
    if expected is None:
        assert reason == {"text": typed}
    else:
        assert reason == coded


def test_a_pouch_is_one_event_and_the_co_signer_verifies_only_controlled_drugs() -> None:
    opioid = replace(PARACETAMOL, medication_id="m-oxy", display="Oxynorm 5 mg")
    pouch = PouchEntry(
        patient_id=PATIENT,
        effective=AT,
        verifier=COLLEAGUE,
        items=[
            PouchItemEntry(PARACETAMOL, given=True, ordered=ORDERED, atc="N02BE01"),
            PouchItemEntry(opioid, given=True, ordered=ORDERED, atc="N02AA05"),
            PouchItemEntry(opioid, given=False, not_given=REFUSED, atc="N02AA05"),
        ],
        overrides=(),
    )
    resources = pouch_resources(pouch, giver=NURSE, ward=WARD)
    events = {r["identifier"][1]["value"] for r in resources}
    assert len(events) == 1, "every drug of the pouch shares one pouch event"
    performers = [[p["function"]["coding"][0]["code"] for p in r["performer"]] for r in resources]
    assert performers == [["performer"], ["performer", "verifier"], ["performer"]]
    assert [r["status"] for r in resources] == ["completed", "completed", "not-done"]


def test_a_pouch_drug_not_given_needs_its_reason() -> None:
    pouch = PouchEntry(
        patient_id=PATIENT, effective=AT, items=[PouchItemEntry(PARACETAMOL, given=False)]
    )
    with pytest.raises(DoseRecordError):
        pouch_resources(pouch, giver=NURSE, ward=WARD)


def test_the_follow_up_window_follows_the_wards_settings() -> None:
    ward = replace(WARD, prn_followup_after=timedelta(minutes=45))
    entry = replace(DOSE, ordered=None, as_needed=True, indication="Smerter")
    _administration, task = dose_resources(entry, giver=NURSE, ward=ward, now=AT)
    assert task["restriction"]["period"]["start"] == (AT + timedelta(minutes=45)).isoformat(
        timespec="seconds"
    )
