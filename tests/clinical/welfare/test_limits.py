"""The patient's limits: Goal targets (yellow/red), referenceRange preferred, units exact."""

from __future__ import annotations

import pytest

from clinical import codes
from clinical.welfare.limits import (
    ALERT_LEVEL_URL,
    ALERT_LIMITS,
    GOAL_CATEGORY_SYSTEM,
    Level,
    LimitSource,
    goal_limits,
    in_unit,
    judge,
    measurement_limits,
)
from clinical.welfare.measurements import MeasuredValue


def _target(code: str, low: float | None, high: float | None, level: str | None, unit: str):
    target: dict[str, object] = {
        "measure": {"coding": [{"system": codes.LOINC, "code": code}]},
        "detailRange": {
            **({"low": {"value": low, "code": unit}} if low is not None else {}),
            **({"high": {"value": high, "code": unit}} if high is not None else {}),
        },
    }
    if level:
        target["extension"] = [{"url": ALERT_LEVEL_URL, "valueCode": level}]
    return target


def _goal(*targets: dict[str, object], status: str = "active") -> dict[str, object]:
    return {
        "resourceType": "Goal",
        "lifecycleStatus": status,
        "category": [{"coding": [{"system": GOAL_CATEGORY_SYSTEM, "code": ALERT_LIMITS}]}],
        "target": list(targets),
    }


BP_GOAL = _goal(
    _target(codes.LOINC_SYSTOLIC, 100, 150, "yellow", "mm[Hg]"),
    _target(codes.LOINC_SYSTOLIC, 90, 170, "red", "mm[Hg]"),
    _target(codes.LOINC_DIASTOLIC, None, 100, None, "mm[Hg]"),
)


@pytest.mark.parametrize(
    ("code", "value", "level"),
    [
        (codes.LOINC_SYSTOLIC, 120, Level.WITHIN),
        (codes.LOINC_SYSTOLIC, 155, Level.YELLOW),
        (codes.LOINC_SYSTOLIC, 182, Level.RED),
        (codes.LOINC_SYSTOLIC, 95, Level.YELLOW),
        (codes.LOINC_SYSTOLIC, 85, Level.RED),
        (codes.LOINC_DIASTOLIC, 101, Level.RED),  # no level given: an alarm limit
        (codes.LOINC_DIASTOLIC, 40, Level.WITHIN),  # no low side: no limit
    ],
)
def test_goal_levels(code: str, value: float, level: Level) -> None:
    judgement = judge(MeasuredValue(code, value, "mm[Hg]"), goal_limits([BP_GOAL]))
    assert judgement is not None
    assert judgement.level is level


def test_no_limit_no_judgement() -> None:
    assert judge(MeasuredValue(codes.LOINC_HEART_RATE, 140, "/min"), goal_limits([BP_GOAL])) is None


def test_inactive_or_other_goals_set_no_limits() -> None:
    assert (
        goal_limits([_goal(_target(codes.LOINC_SYSTOLIC, 1, 2, None, "x"), status="cancelled")])
        == []
    )
    other = {**BP_GOAL, "category": []}
    assert goal_limits([other]) == []


def test_limits_sent_with_the_measurement_win() -> None:
    observation = {
        "code": {"coding": [{"system": codes.LOINC, "code": codes.LOINC_OXYGEN_SATURATION}]},
        "valueQuantity": {"value": 91, "code": "%"},
        "referenceRange": [{"low": {"value": 90, "code": "%"}}],
    }
    sent = measurement_limits(observation)
    assert [(x.code, x.low, x.source) for x in sent] == [
        (codes.LOINC_OXYGEN_SATURATION_ARTERIAL, 90.0, LimitSource.MEASUREMENT)
    ]
    goal = goal_limits(
        [_goal(_target(codes.LOINC_OXYGEN_SATURATION_ARTERIAL, 94, None, None, "%"))]
    )
    value = MeasuredValue(codes.LOINC_OXYGEN_SATURATION_ARTERIAL, 91, "%")
    assert judge(value, goal).level is Level.RED  # type: ignore[union-attr]
    assert judge(value, [*goal, *sent]).level is Level.WITHIN  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "unit", "wanted", "expected"),
    [
        (49000, "g", "kg", 49.0),
        (49, "kg", "g", 49000.0),
        (120, "mmHg", "mm[Hg]", 120),
        (120, "", "mm[Hg]", 120),
        (7.1, "mmol/L", "mmol/l", 7.1),
        (120, "mm[Hg]", "kPa", None),  # never compared across units without an exact factor
    ],
)
def test_units(value: float, unit: str, wanted: str, expected: float | None) -> None:
    assert in_unit(value, unit, wanted) == expected


def test_a_value_in_another_unit_is_not_judged() -> None:
    limits = goal_limits([_goal(_target("29463-7", 40, 80, None, "kg"))])
    assert judge(MeasuredValue("29463-7", 85000, "g"), limits).level is Level.RED  # type: ignore[union-attr]
    assert judge(MeasuredValue("29463-7", 85, "[lb_av]"), limits) is None
