"""A done activity that measures gives an Observation; one with words gives a Procedure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clinical import codes
from clinical.records import RecordBuildError
from clinical.records.findings import activity_observation, activity_procedure, measure_of
from tests.clinical.records.conftest import AT, NURSE, PATIENT, validate

WEIGHING = {"coding": [{"system": codes.SNOMED_CT, "code": "39857003"}], "text": "Veiing"}
GLUCOSE = {"coding": [{"system": codes.SNOMED_CT, "code": "33747003"}]}


@pytest.mark.parametrize(
    ("code", "loinc", "unit", "value"),
    [(WEIGHING, "29463-7", "kg", "72.4"), (GLUCOSE, "15074-8", "mmol/L", "7.4")],
)
def test_a_coded_measuring_activity_gives_its_loinc_observation(
    code: dict, loinc: str, unit: str, value: str
) -> None:
    measure = measure_of(code)
    assert measure is not None
    assert (measure.loinc, measure.unit) == (loinc, unit)
    observation = activity_observation(
        patient_id=PATIENT,
        care_plan_id="cp-1",
        measure=measure,
        value=Decimal(value),
        performer=NURSE,
        effective=AT,
    )
    validate(observation)
    assert observation["basedOn"] == [{"reference": "CarePlan/cp-1"}]
    assert observation["valueQuantity"]["code"] == unit


def test_words_only_never_measure() -> None:
    assert measure_of({"text": "Veiing"}) is None
    assert measure_of(None) is None


def test_an_impossible_value_is_refused() -> None:
    measure = measure_of(WEIGHING)
    assert measure is not None
    with pytest.raises(RecordBuildError, match=r"finding\.value_out_of_range"):
        activity_observation(
            patient_id=PATIENT,
            care_plan_id="cp-1",
            measure=measure,
            value=Decimal(724),
            performer=NURSE,
            effective=AT,
        )


def test_a_finding_in_words_is_a_procedure_based_on_the_care_plan() -> None:
    procedure = activity_procedure(
        patient_id=PATIENT,
        care_plan_id="cp-1",
        code=None,
        title="Sårstell venstre legg",
        performer=NURSE,
        performed=AT,
        finding="Såret er mindre",
    )
    validate(procedure)
    assert procedure["code"] == {"text": "Sårstell venstre legg"}
    assert procedure["note"][0]["text"] == "Såret er mindre"
    with pytest.raises(RecordBuildError, match=r"finding\.empty"):
        activity_procedure(
            patient_id=PATIENT,
            care_plan_id="cp-1",
            code=None,
            title="x",
            performer=NURSE,
            performed=AT,
            finding=" ",
        )
