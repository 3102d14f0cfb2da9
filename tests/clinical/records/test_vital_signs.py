"""Vital-sign Observations and the NEWS2 Observation derived from them."""

from __future__ import annotations

import pytest

from clinical.news2 import Consciousness, News2Inputs, SpO2Scale, calculate
from clinical.records import (
    RecordBuildError,
    VitalSignsSet,
    news2_observation,
    vital_sign_observations,
    vital_signs_resources,
)
from tests.clinical.records.conftest import AT, NURSE, PATIENT, validate

FULL = VitalSignsSet(
    respiration_rate=22,
    spo2=93,
    on_oxygen=True,
    oxygen_flow=2.0,
    systolic=105,
    diastolic=64,
    pulse=112,
    consciousness=Consciousness.ALERT,
    temperature=38.4,
)


def loinc_codes(resource):
    return {c["code"] for c in resource["code"]["coding"] if c["system"] == "http://loinc.org"}


def test_full_set_gives_loinc_observations_and_a_news2_score():
    resources, result = vital_signs_resources(
        FULL, patient_id=PATIENT, performer=NURSE, effective=AT
    )
    for resource in resources:
        validate(resource)
        assert resource["subject"] == {"reference": f"Patient/{PATIENT}"}
        assert resource["identifier"][0]["value"] == f"urn:uuid:{resource['id']}"
    codes = [loinc_codes(r) for r in resources[:-1]]
    assert codes == [
        {"9279-1"},
        {"2708-6", "59408-5"},
        {"3151-8"},
        {"85354-9"},
        {"8867-4"},
        {"67775-7"},
        {"8310-5"},
    ]
    # RR 22 -> 2, SpO2 93 (scale 1) -> 2, oxygen -> 2, SBP 105 -> 1, pulse 112 -> 2, A -> 0,
    # 38.4 -> 1: aggregate 10, high band.
    news2 = resources[-1]
    assert result.aggregate == 10
    assert news2["valueQuantity"]["value"] == 10
    assert news2["interpretation"][0]["coding"][0]["code"] == "high"
    derived = {r["reference"] for r in news2["derivedFrom"]}
    assert derived == {f"Observation/{r['id']}" for r in resources[:-1]}
    subscores = {c["code"]["coding"][0]["code"]: c.get("valueInteger") for c in news2["component"]}
    assert subscores["respiration-rate"] == 2
    assert subscores["systolic-bp"] == 1
    assert subscores["spo2-scale"] == 1
    # Continuous monitoring: no next-due time.
    assert "next-measurement-due" not in subscores


def test_units_are_ucum():
    observations = vital_sign_observations(FULL, patient_id=PATIENT, performer=NURSE, effective=AT)
    units = {
        next(iter(loinc_codes(o))): o.get("valueQuantity", {}).get("code")
        for o in observations.values()
    }
    assert units["9279-1"] == "/min"
    assert units["8867-4"] == "/min"
    assert units["8310-5"] == "Cel"
    assert units["3151-8"] == "L/min"
    bp = next(o for o in observations.values() if "85354-9" in loinc_codes(o))
    assert [c["valueQuantity"]["code"] for c in bp["component"]] == ["mm[Hg]", "mm[Hg]"]


def test_partial_set_stores_vitals_without_news2():
    partial = VitalSignsSet(pulse=80, temperature=36.8)
    resources, result = vital_signs_resources(
        partial, patient_id=PATIENT, performer=NURSE, effective=AT
    )
    assert result.aggregate is None
    assert len(resources) == 2
    assert all(r["category"][0]["coding"][0]["code"] == "vital-signs" for r in resources)


def test_low_score_has_next_measurement_due():
    calm = VitalSignsSet(
        respiration_rate=16,
        spo2=97,
        on_oxygen=False,
        systolic=130,
        diastolic=80,
        pulse=70,
        consciousness=Consciousness.ALERT,
        temperature=36.8,
    )
    resources, result = vital_signs_resources(
        calm, patient_id=PATIENT, performer=NURSE, effective=AT
    )
    assert result.aggregate == 0
    news2 = resources[-1]
    due = next(
        c for c in news2["component"] if c["code"]["coding"][0]["code"] == "next-measurement-due"
    )
    assert due["valueDateTime"] == "2025-03-12T20:14:00+01:00"
    air = next(r for r in resources if "3151-8" in loinc_codes(r))
    assert air["valueQuantity"]["value"] == 0


def test_scale_two_is_recorded():
    resources, _ = vital_signs_resources(
        VitalSignsSet(
            respiration_rate=18,
            spo2=89,
            on_oxygen=True,
            oxygen_flow=1.0,
            systolic=130,
            diastolic=80,
            pulse=80,
            consciousness=Consciousness.ALERT,
            temperature=37.0,
            spo2_scale=SpO2Scale.SCALE_2,
        ),
        patient_id=PATIENT,
        performer=NURSE,
        effective=AT,
    )
    components = {c["code"]["coding"][0]["code"]: c for c in resources[-1]["component"]}
    assert components["spo2-scale"]["valueInteger"] == 2
    assert components["spo2"]["valueInteger"] == 0


def test_oxygen_without_flow_is_refused():
    with pytest.raises(RecordBuildError):
        vital_sign_observations(
            VitalSignsSet(on_oxygen=True), patient_id=PATIENT, performer=NURSE, effective=AT
        )


def test_news2_of_partial_set_is_refused():
    with pytest.raises(RecordBuildError):
        news2_observation(
            calculate(News2Inputs(pulse=80)),
            derived_from=["x"],
            patient_id=PATIENT,
            performer=NURSE,
            effective=AT,
        )
