"""A monitoring plan's expected measurements, and which of them were missed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from clinical import codes
from clinical.welfare.monitoring import (
    CAREPLAN_CATEGORY_SYSTEM,
    REMOTE_MONITORING,
    expected_measurements,
    missed_measurements,
)

OSLO = ZoneInfo("Europe/Oslo")


def _plan(**changes: object) -> dict[str, object]:
    plan: dict[str, object] = {
        "resourceType": "CarePlan",
        "id": "plan-1",
        "status": "active",
        "intent": "plan",
        "category": [{"coding": [{"system": CAREPLAN_CATEGORY_SYSTEM, "code": REMOTE_MONITORING}]}],
        "period": {"start": "2026-03-01T00:00:00+01:00"},
        "activity": [
            {
                "detail": {
                    "status": "in-progress",
                    "code": {
                        "coding": [
                            {"system": codes.LOINC, "code": codes.LOINC_BLOOD_PRESSURE_PANEL}
                        ],
                        "text": "Blodtrykk",
                    },
                    "scheduledTiming": {
                        "repeat": {
                            "frequency": 2,
                            "period": 1,
                            "periodUnit": "d",
                            "timeOfDay": ["08:00:00", "20:00:00"],
                        }
                    },
                }
            }
        ],
    }
    plan.update(changes)
    return plan


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=OSLO)


def test_expected_twice_a_day_within_the_window_and_the_plan() -> None:
    found = expected_measurements(
        [_plan()], start=_at(1, 0) - timedelta(days=2), end=_at(3, 12), zone=OSLO
    )
    assert [e.due_at for e in found] == [_at(1, 8), _at(1, 20), _at(2, 8), _at(2, 20), _at(3, 8)]
    assert {e.name for e in found} == {"Blodtrykk"}
    assert found[0].plan_id == "plan-1"


def test_only_active_monitoring_plans_count() -> None:
    window = {"start": _at(1, 0), "end": _at(3, 0), "zone": OSLO}
    assert expected_measurements([_plan(status="completed")], **window) == []  # type: ignore[arg-type]
    assert expected_measurements([_plan(category=[])], **window) == []  # type: ignore[arg-type]


def test_missed_only_after_the_grace_and_only_without_a_measurement() -> None:
    expected = expected_measurements([_plan()], start=_at(2, 0), end=_at(3, 0), zone=OSLO)
    measured = {codes.LOINC_BLOOD_PRESSURE_PANEL: [_at(2, 7, 15)]}  # the morning, a bit early
    # 22:59: the evening slot is still open (grace 3 h after 20:00).
    assert missed_measurements(expected, measured, now=_at(2, 22, 59)) == []
    missed = missed_measurements(expected, measured, now=_at(3, 0))
    assert [m.due_at for m in missed] == [_at(2, 20)]
    late = {codes.LOINC_BLOOD_PRESSURE_PANEL: [_at(2, 7, 15), _at(2, 22, 30)]}
    assert missed_measurements(expected, late, now=_at(3, 0)) == []
