"""Vital-sign plausibility: impossible values refused, improbable ones flagged, units checked."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinical.vitals import (
    MESSAGES,
    SPECS,
    CheckResult,
    Severity,
    VitalSign,
    check_blood_pressure,
    check_quantity,
    check_value,
    check_vitals,
)

DETERMINISTIC = settings(derandomize=True, deadline=None, database=None)

V = VitalSign


def keys(result: CheckResult) -> list[str]:
    return [f.key for f in result.findings]


@pytest.mark.parametrize(
    ("vital", "value", "key"),
    [
        (V.SYSTOLIC_BP, 400, "vitals.impossible_high"),
        (V.SYSTOLIC_BP, 301, "vitals.impossible_high"),
        (V.SYSTOLIC_BP, 29, "vitals.impossible_low"),
        (V.DIASTOLIC_BP, 201, "vitals.impossible_high"),
        (V.SPO2, 101, "vitals.impossible_high"),
        (V.SPO2, 19, "vitals.impossible_low"),
        (V.TEMPERATURE, 50.0, "vitals.impossible_high"),
        (V.TEMPERATURE, 45.1, "vitals.impossible_high"),
        (V.TEMPERATURE, 24.9, "vitals.impossible_low"),
        (V.TEMPERATURE, 98.6, "vitals.temperature.fahrenheit"),
        (V.PULSE, -1, "vitals.negative"),
        (V.PULSE, 301, "vitals.impossible_high"),
        (V.PULSE, 9, "vitals.impossible_low"),
        (V.RESPIRATION_RATE, -4, "vitals.negative"),
        (V.RESPIRATION_RATE, 81, "vitals.impossible_high"),
        (V.RESPIRATION_RATE, 16.5, "vitals.not_whole_number"),
        (V.PULSE, math.nan, "vitals.not_a_number"),
        (V.TEMPERATURE, math.inf, "vitals.not_a_number"),
    ],
)
def test_impossible_values_are_refused(vital: VitalSign, value: float, key: str) -> None:
    result = check_value(vital, value)
    assert not result.accepted
    assert not result.needs_confirmation
    assert keys(result) == [key]
    assert result.findings[0].severity is Severity.ERROR
    assert result.findings[0].vital is vital


@pytest.mark.parametrize(
    ("vital", "value", "key"),
    [
        (V.SYSTOLIC_BP, 65, "vitals.unusual_low"),
        (V.SYSTOLIC_BP, 260, "vitals.unusual_high"),
        (V.DIASTOLIC_BP, 30, "vitals.unusual_low"),
        (V.SPO2, 75, "vitals.unusual_low"),
        (V.TEMPERATURE, 33.5, "vitals.unusual_low"),
        (V.TEMPERATURE, 41.5, "vitals.unusual_high"),
        (V.PULSE, 30, "vitals.unusual_low"),
        (V.PULSE, 200, "vitals.unusual_high"),
        (V.RESPIRATION_RATE, 4, "vitals.unusual_low"),
        (V.RESPIRATION_RATE, 0, "vitals.unusual_low"),
        (V.RESPIRATION_RATE, 50, "vitals.unusual_high"),
    ],
)
def test_improbable_values_need_confirmation(vital: VitalSign, value: float, key: str) -> None:
    result = check_value(vital, value)
    assert result.accepted
    assert result.needs_confirmation
    assert keys(result) == [key]


@pytest.mark.parametrize(
    ("vital", "value"),
    [
        (V.SYSTOLIC_BP, 120),
        (V.SYSTOLIC_BP, 30 + 40),
        (V.DIASTOLIC_BP, 80),
        (V.SPO2, 100),
        (V.SPO2, 80),
        (V.TEMPERATURE, 36.8),
        (V.TEMPERATURE, 34.0),
        (V.TEMPERATURE, 41.0),
        (V.PULSE, 72),
        (V.RESPIRATION_RATE, 16),
        (V.RESPIRATION_RATE, 40),
    ],
)
def test_ordinary_values_pass(vital: VitalSign, value: float) -> None:
    assert check_value(vital, value) == CheckResult()


@pytest.mark.parametrize("vital", list(VitalSign))
def test_limits_are_inclusive_at_both_edges(vital: VitalSign) -> None:
    spec = SPECS[vital]
    assert check_value(vital, spec.reject_below).accepted
    assert check_value(vital, spec.reject_above).accepted
    assert not check_value(vital, spec.warn_below).needs_confirmation
    assert not check_value(vital, spec.warn_above).needs_confirmation


@pytest.mark.parametrize(
    ("systolic", "diastolic", "accepted", "expected"),
    [
        (120, 80, True, []),
        (120, 120, False, ["vitals.diastolic_not_below_systolic"]),
        (90, 110, False, ["vitals.diastolic_not_below_systolic"]),
        (400, 80, False, ["vitals.impossible_high"]),
        (130, 145, False, ["vitals.unusual_high", "vitals.diastolic_not_below_systolic"]),
    ],
)
def test_blood_pressure_pair(
    systolic: float, diastolic: float, accepted: bool, expected: list[str]
) -> None:
    result = check_blood_pressure(systolic, diastolic)
    assert result.accepted is accepted
    assert keys(result) == expected


def test_check_vitals_checks_every_value_and_the_pair() -> None:
    result = check_vitals(
        {V.PULSE: 72, V.SPO2: 101, V.SYSTOLIC_BP: 100, V.DIASTOLIC_BP: 100, V.TEMPERATURE: 33}
    )
    assert sorted(keys(result)) == [
        "vitals.diastolic_not_below_systolic",
        "vitals.impossible_high",
        "vitals.unusual_low",
    ]
    assert not result.accepted
    assert check_vitals({V.DIASTOLIC_BP: 250}).findings[0].key == "vitals.impossible_high"
    assert check_vitals({}) == CheckResult()


@pytest.mark.parametrize(
    ("vital", "unit", "ok"),
    [
        (V.PULSE, "/min", True),
        (V.PULSE, "beats/min", False),
        (V.SPO2, "%", True),
        (V.SYSTOLIC_BP, "mm[Hg]", True),
        (V.SYSTOLIC_BP, "mmHg", False),
        (V.TEMPERATURE, "Cel", True),
        (V.TEMPERATURE, "[degF]", False),
    ],
)
def test_ucum_units(vital: VitalSign, unit: str, ok: bool) -> None:
    value = {V.PULSE: 70, V.SPO2: 97, V.SYSTOLIC_BP: 120, V.TEMPERATURE: 37.0}[vital]
    result = check_quantity(vital, value, unit)
    assert result.accepted is ok
    if not ok:
        assert keys(result) == ["vitals.wrong_unit"]


def test_loinc_codes_match_the_vital_signs_profile() -> None:
    assert {v: SPECS[v].loinc for v in VitalSign} == {
        V.RESPIRATION_RATE: "9279-1",
        V.SPO2: "2708-6",
        V.SYSTOLIC_BP: "8480-6",
        V.DIASTOLIC_BP: "8462-4",
        V.PULSE: "8867-4",
        V.TEMPERATURE: "8310-5",
    }


def test_every_key_has_both_languages() -> None:
    produced = {
        "vitals.not_a_number",
        "vitals.negative",
        "vitals.not_whole_number",
        "vitals.temperature.fahrenheit",
        "vitals.impossible_low",
        "vitals.impossible_high",
        "vitals.unusual_low",
        "vitals.unusual_high",
        "vitals.diastolic_not_below_systolic",
        "vitals.wrong_unit",
    }
    assert set(MESSAGES) == produced
    assert all(MESSAGES[k]["nb"] and MESSAGES[k]["en"] for k in produced)


@DETERMINISTIC
@given(st.sampled_from(VitalSign), st.floats(allow_nan=True, allow_infinity=True))
def test_any_float_gives_a_known_key(vital: VitalSign, value: float) -> None:
    result = check_value(vital, value)
    assert len(result.findings) <= 1
    assert all(f.key in MESSAGES for f in result.findings)
    spec = SPECS[vital]
    if not (math.isfinite(value) and spec.reject_below <= value <= spec.reject_above):
        assert not result.accepted
