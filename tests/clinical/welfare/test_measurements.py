"""Home measurements are recognised by the sources' own markers; values keyed by LOINC."""

from __future__ import annotations

import pytest

from clinical import codes
from clinical.welfare.measurements import (
    PHD_CATEGORY,
    PHD_CATEGORY_SYSTEM,
    MeasuredValue,
    is_home_measurement,
    measure_code,
    measured_values,
)

FNR = "05073500186"
SUBJECT = {"identifier": {"system": codes.FODSELSNUMMER, "value": FNR}}


@pytest.mark.parametrize(
    ("fields", "home"),
    [
        ({"category": [{"coding": [{"system": PHD_CATEGORY_SYSTEM, "code": PHD_CATEGORY}]}]}, True),
        ({"device": {"display": "Blodtrykksmåler"}}, True),
        ({"performer": [{"reference": "Patient/p1"}]}, True),
        ({"performer": [{"reference": "RelatedPerson/r1"}]}, True),
        ({"performer": [{"type": "Patient", "display": "Ærlend"}]}, True),
        ({"performer": [{"identifier": {"system": codes.FODSELSNUMMER, "value": FNR}}]}, True),
        ({"performer": [{"identifier": {"system": codes.FODSELSNUMMER, "value": "1"}}]}, False),
        ({"performer": [{"reference": "Practitioner/n1"}]}, False),
        ({}, False),
    ],
)
def test_home_measurement_markers(fields: dict[str, object], home: bool) -> None:
    observation = {"resourceType": "Observation", "subject": SUBJECT, **fields}
    assert is_home_measurement(observation) is home


def test_snomed_and_loinc_give_the_same_values() -> None:
    by_snomed = {
        "code": {"coding": [{"system": codes.SNOMED_CT, "code": "75367002"}]},
        "component": [
            {
                "code": {"coding": [{"system": codes.SNOMED_CT, "code": "271649006"}]},
                "valueQuantity": {"value": 182, "unit": "mmHg", "code": "mm[Hg]"},
            },
            {
                "code": {"coding": [{"system": codes.SNOMED_CT, "code": "271650006"}]},
                "valueQuantity": {"value": 95, "code": "mm[Hg]"},
            },
        ],
    }
    assert measure_code(by_snomed) == codes.LOINC_BLOOD_PRESSURE_PANEL
    assert measured_values(by_snomed) == [
        MeasuredValue(codes.LOINC_SYSTOLIC, 182.0, "mm[Hg]"),
        MeasuredValue(codes.LOINC_DIASTOLIC, 95.0, "mm[Hg]"),
    ]
    weight = {
        "code": {"coding": [{"system": codes.SNOMED_CT, "code": "27113001"}]},
        "valueQuantity": {"value": 49000, "unit": "g"},
    }
    assert measured_values(weight) == [MeasuredValue("29463-7", 49000.0, "g")]
    pulse_oximetry = {
        "code": {"coding": [{"system": codes.LOINC, "code": codes.LOINC_OXYGEN_SATURATION}]},
        "valueQuantity": {"value": 91, "code": "%"},
    }
    assert measure_code(pulse_oximetry) == codes.LOINC_OXYGEN_SATURATION_ARTERIAL
