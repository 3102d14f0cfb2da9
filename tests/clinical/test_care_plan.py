"""Care-plan activities fall due at their times, on their weekdays, within the plan's period;
closed activities and plans do not; a timing that cannot be read is reported, never dropped."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from clinical.care_plan import occurrences, planned_activities

OSLO = ZoneInfo("Europe/Oslo")
WINDOW = (
    datetime(2026, 11, 24, 7, tzinfo=OSLO),
    datetime(2026, 11, 24, 15, tzinfo=OSLO),
)  # Tuesday


def plan(*activities: dict, status: str = "active", period: dict | None = None) -> dict:
    found = {
        "resourceType": "CarePlan",
        "id": "cp-1",
        "status": status,
        "intent": "plan",
        "subject": {"reference": "Patient/p1"},
        "activity": [{"detail": detail} for detail in activities],
    }
    if period:
        found["period"] = period
    return found


def activity(title: str, repeat: dict | None = None, status: str = "in-progress", **more) -> dict:
    detail = {"code": {"text": title}, "status": status, **more}
    if repeat is not None:
        detail["scheduledTiming"] = {"repeat": repeat}
    return detail


def due(care_plan: dict) -> list[tuple[str, str | None]]:
    found, problems = occurrences(planned_activities(care_plan), window=WINDOW, shift_key="s")
    assert problems == []
    return [
        (o.activity.title, o.due_at.astimezone(OSLO).strftime("%H:%M") if o.due_at else None)
        for o in found
    ]


def test_clock_times_and_weekdays() -> None:
    care_plan = plan(
        activity(
            "Snuing",
            {
                "frequency": 3,
                "period": 1,
                "periodUnit": "d",
                "timeOfDay": ["06:00:00", "09:00:00", "12:00:00"],
            },
        ),
        activity(
            "Sårstell",
            {
                "frequency": 1,
                "period": 1,
                "periodUnit": "d",
                "timeOfDay": ["10:00:00"],
                "dayOfWeek": ["tue", "fri"],
            },
        ),
        activity(
            "Veiing",
            {
                "frequency": 1,
                "period": 1,
                "periodUnit": "d",
                "timeOfDay": ["07:00:00"],
                "dayOfWeek": ["mon"],
            },
        ),
    )
    assert due(care_plan) == [("Snuing", "09:00"), ("Snuing", "12:00"), ("Sårstell", "10:00")]


def test_an_untimed_activity_is_due_once_a_shift_and_a_period_once() -> None:
    at = (WINDOW[0] + timedelta(hours=2)).isoformat()
    care_plan = plan(activity("Tilsyn"), activity("Besøk", scheduledPeriod={"start": at}))
    assert due(care_plan) == [("Tilsyn", None), ("Besøk", "09:00")]


def test_the_occurrence_key_is_the_plan_the_activity_and_the_instant() -> None:
    found, _ = occurrences(
        planned_activities(
            plan(
                activity(
                    "Snuing",
                    {"frequency": 1, "period": 1, "periodUnit": "d", "timeOfDay": ["12:00:00"]},
                )
            )
        ),
        window=WINDOW,
        shift_key="2026-11-24T06:00:00Z",
    )
    assert [o.key for o in found] == ["CarePlan/cp-1/activity/0/2026-11-24T11:00:00Z"]


def test_closed_activities_and_plans_are_not_due() -> None:
    assert (
        due(
            plan(
                activity(
                    "Snuing", {"frequency": 1, "period": 1, "periodUnit": "d"}, status="completed"
                )
            )
        )
        == []
    )
    assert (
        due(
            plan(
                activity("Snuing", {"frequency": 1, "period": 1, "periodUnit": "d"}),
                status="revoked",
            )
        )
        == []
    )
    ended = plan(
        activity(
            "Snuing", {"frequency": 1, "period": 1, "periodUnit": "d", "timeOfDay": ["12:00:00"]}
        ),
        period={"start": "2026-01-01", "end": "2026-11-23"},
    )
    assert due(ended) == []


def test_a_timing_that_cannot_be_read_is_reported() -> None:
    bad = plan(
        activity(
            "Snuing", {"frequency": 2, "period": 1, "periodUnit": "d", "timeOfDay": ["08:00:00"]}
        )
    )
    found, problems = occurrences(planned_activities(bad), window=WINDOW, shift_key="s")
    assert found == []
    assert [(p.activity.title, p.key) for p in problems] == [("Snuing", "doses.conflicting_timing")]
