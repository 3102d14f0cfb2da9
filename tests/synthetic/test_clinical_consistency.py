"""The data is clinically consistent and coded the way the client reads it.

Dispensings follow their prescriptions, Medications carry scannable GTINs, critical conditions
are coded with the presenters' category system, and patients with hypercapnic COPD carry the
SpO2 scale 2 decision where bedside documentation looks for it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from fhir.resources.R4B import get_fhir_model_class

from app.bedside.vitals_reads import SPO2_SCALE_2_CODE
from clinical.gs1 import normalize_gtin, parse_package_code
from clinical.records.administration import GTIN_SYSTEM
from clinical.welfare.vkp import dispense_event
from tests.synthetic import vocabulary as vocab
from tests.synthetic.fhir import Resource
from tests.synthetic.ids import IdFactory, gs1_check_digit, with_gs1_check_digit
from tests.synthetic.samples import REFERENCE_DATE, town
from ui.presenters.critical import CRITICAL_INFO_CATEGORY_SYSTEM


def _of(resource_type: str) -> list[Resource]:
    return [r for r in town() if r["resourceType"] == resource_type]


def _id(reference: dict[str, str]) -> str:
    return reference["reference"].split("/", 1)[1]


def _pharmacy_dispenses() -> list[Resource]:
    """The pharmacy's dispensings of prescriptions (a dispenser's events name none)."""
    return [d for d in _of("MedicationDispense") if dispense_event(d) is None]


def test_every_dispense_is_handed_over_after_its_prescription_was_written() -> None:
    requests = {r["id"]: r for r in _of("MedicationRequest")}
    dispenses = _pharmacy_dispenses()
    assert len(dispenses) > 1000
    for dispense in dispenses:
        request = requests[_id(dispense["authorizingPrescription"][0])]
        authored = dt.datetime.fromisoformat(request["authoredOn"])
        prepared = dt.datetime.fromisoformat(dispense["whenPrepared"])
        handed = dt.datetime.fromisoformat(dispense["whenHandedOver"])
        assert authored <= prepared <= handed, dispense["id"]
        assert handed.date() <= REFERENCE_DATE


def _dispenses_by_request() -> dict[str, list[Resource]]:
    by_request: dict[str, list[Resource]] = {}
    for dispense in _pharmacy_dispenses():
        by_request.setdefault(_id(dispense["authorizingPrescription"][0]), []).append(dispense)
    return by_request


def test_dispensings_stay_within_the_prescription_and_the_course() -> None:
    requests = {r["id"]: r for r in _of("MedicationRequest")}
    statements = {_id(s["basedOn"][0]): s for s in _of("MedicationStatement")}
    for request_id, dispenses in _dispenses_by_request().items():
        request = requests[request_id]
        assert len(dispenses) <= request["dispenseRequest"]["numberOfRepeatsAllowed"] + 1
        end = statements[request_id]["effectivePeriod"].get("end")
        last = max(dt.datetime.fromisoformat(d["whenHandedOver"]).date() for d in dispenses)
        if end is not None:
            assert last <= dt.date.fromisoformat(end), request_id


def test_first_fill_comes_before_refills() -> None:
    for dispenses in _dispenses_by_request().values():
        kinds = [d["type"]["coding"][0]["code"] for d in dispenses]
        if "FF" in kinds:
            assert kinds == ["FF"] + ["RF"] * (len(kinds) - 1)
        handed = [d["whenHandedOver"] for d in dispenses]
        assert handed == sorted(handed)


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("400638133393", 1),  # EAN-13 4006381333931, GS1's own worked example
        ("0952123456789", 9),
        ("0000000000000", 0),
        ("0952000000001", 1),
    ],
)
def test_gs1_check_digit(body: str, check: int) -> None:
    assert gs1_check_digit(body) == check
    assert with_gs1_check_digit(body) == f"{body}{check}"


def test_every_medication_has_a_scannable_demo_gtin() -> None:
    medications = _of("Medication")
    gtins = [
        c["code"] for m in medications for c in m["code"]["coding"] if c["system"] == GTIN_SYSTEM
    ]
    assert len(gtins) == len(medications) == len(set(gtins))
    for gtin in gtins:
        assert len(gtin) == 14
        assert gtin.startswith("0" + vocab.GS1_DEMO_PREFIX)
        assert int(gtin[-1]) == gs1_check_digit(gtin[:-1])
        # What a scanner reads off the pack finds this Medication again.
        assert parse_package_code(gtin).gtin == gtin
        assert parse_package_code(f"(01){gtin}(17)270131(10)AB12").gtin == gtin
        assert normalize_gtin(gtin[1:]) == gtin


def test_gtins_are_fixed_per_drug_whatever_the_seed() -> None:
    assert IdFactory(1).gtin("albyl") == IdFactory(2).gtin("albyl")
    assert IdFactory(1).gtin("albyl") != IdFactory(1).gtin("paracet500")


def test_critical_conditions_are_coded_in_the_presenters_category_system() -> None:
    assert vocab.CRITICAL_INFO_CATEGORY_SYSTEM == CRITICAL_INFO_CATEGORY_SYSTEM
    seen: Counter[str] = Counter()
    for condition in _of("Condition"):
        for category in condition["category"]:
            for coding in category.get("coding", []):
                if coding["system"] == vocab.CRITICAL_INFO_CATEGORY_SYSTEM:
                    assert coding["code"] in vocab.CRITICAL_INFO_CATEGORIES
                    assert category["text"] == vocab.CRITICAL_INFO_CATEGORIES[coding["code"]]
                    seen[coding["code"]] += 1
            assert "coding" in category, "a category with text only is invisible to the client"
    assert set(seen) == set(vocab.CRITICAL_INFO_CATEGORIES)


def test_hypercapnic_copd_patients_have_the_spo2_scale_2_decision() -> None:
    assert vocab.SPO2_SCALE_2 == SPO2_SCALE_2_CODE
    hypercapnic = {
        c["subject"]["reference"]
        for c in _of("Condition")
        if c["code"]["coding"][0]["code"] == "J96.1"
    }
    copd = {
        c["subject"]["reference"]
        for c in _of("Condition")
        if c["code"]["coding"][0]["code"] == "J44.9"
    }
    decisions = [
        f
        for f in _of("Flag")
        if any(c.get("code") == SPO2_SCALE_2_CODE for c in f["code"].get("coding", []))
    ]
    decided = {f["subject"]["reference"] for f in decisions}
    assert 3 <= len(decided) <= 20  # a few patients in 200
    assert decided == hypercapnic
    assert decided <= copd
    practitioners = {p["id"]: p for p in _of("PractitionerRole")}
    physicians = {
        r["practitioner"]["reference"]
        for r in practitioners.values()
        if r["code"][0]["coding"][0]["code"] == "LE"
    }
    for flag in decisions:
        assert flag["status"] == "active"
        assert flag["code"]["coding"][0]["system"] == vocab.PLEIEPUNKT_FLAG_SYSTEM
        assert "SpO₂-skala 2" in flag["code"]["text"]
        assert flag["author"]["reference"] in physicians  # a doctor's decision


def test_new_shapes_are_valid_fhir() -> None:
    failures: Counter[str] = Counter()
    for resource_type in (
        "Medication",
        "MedicationDispense",
        "Condition",
        "Flag",
        "DetectedIssue",
        "Device",
        "Goal",
        "CarePlan",
        "Observation",
    ):
        model = get_fhir_model_class(resource_type)
        for resource in _of(resource_type):
            try:
                model.model_validate(resource)
            except ValueError:
                failures[resource_type] += 1
    assert failures == Counter()
