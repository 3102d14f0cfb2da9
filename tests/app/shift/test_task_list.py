"""What is due in a shift, from FHIR JSON: the rules of the task list (no store)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.bedside.round_plan import RoundPlan
from app.shift.task_list import PatientInputs, ShiftClock, patient_tasks
from app.shift.values import TaskAction, TaskKind, TaskTiming, ordered_tasks
from app.values import VitalsAlert
from clinical.news2 import Consciousness, News2Inputs, calculate
from clinical.records import Staff
from clinical.records.renewal import renewal_task
from clinical.records.task_writer import (
    SHIFT_TASK,
    NotDoneReason,
    Reason,
    occurrence_id,
    task_done,
    task_not_done,
    task_postponed,
    task_to_do,
)

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=OSLO)  # a Tuesday
SHIFT = (datetime(2026, 11, 24, 7, tzinfo=OSLO), datetime(2026, 11, 24, 15, tzinfo=OSLO))
CLOCK = ShiftClock(
    now=NOW, shift=SHIFT, window=(NOW - timedelta(hours=12), SHIFT[1]), tolerance=timedelta(hours=1)
)
NURSE = Staff("n1", "Kari Nordmann", "9144889", "SP")
PATIENT = {"resourceType": "Patient", "id": "p1", "name": [{"text": "Ingrid Hansen"}]}


def care_plan(*times: str, weekdays: tuple[str, ...] = ()) -> dict:
    repeat: dict = {
        "frequency": len(times),
        "period": 1,
        "periodUnit": "d",
        "timeOfDay": list(times),
    }
    if weekdays:
        repeat["dayOfWeek"] = list(weekdays)
    return {
        "resourceType": "CarePlan",
        "id": "cp1",
        "status": "active",
        "intent": "plan",
        "subject": {"reference": "Patient/p1"},
        "activity": [
            {
                "detail": {
                    "code": {"text": "Snuing"},
                    "status": "in-progress",
                    "scheduledTiming": {"repeat": repeat},
                }
            }
        ],
    }


def tasks_for(**inputs) -> tuple[list, int]:
    return patient_tasks(
        PatientInputs(patient=PATIENT, plan=RoundPlan(), **inputs), clock=CLOCK, requester=NURSE
    )


def test_overdue_then_due_now_then_later() -> None:
    rows, _ = tasks_for(care_plans=[care_plan("06:00:00", "09:00:00", "14:00:00")])
    ordered = ordered_tasks(rows)
    assert [(t.timing, t.due_at.hour if t.due_at else None) for t in ordered] == [
        (TaskTiming.OVERDUE, 6),
        (TaskTiming.DUE_NOW, 9),
        (TaskTiming.LATER, 14),
    ]
    assert all(TaskAction.RECORD in t.actions and t.template is not None for t in ordered)
    assert ordered[0].template["id"] == occurrence_id(ordered[0].key)


def test_an_occurrence_acted_on_leaves_the_list_and_counts_as_done() -> None:
    rows, _ = tasks_for(care_plans=[care_plan("09:00:00")])
    (occurrence,) = rows
    done = task_done(occurrence.template, by=NURSE, at=NOW)
    rows, done_count = tasks_for(care_plans=[care_plan("09:00:00")], tasks=[done])
    assert rows == []
    assert done_count == 1


def test_a_postponed_occurrence_comes_back_at_its_new_time() -> None:
    (occurrence,), _ = tasks_for(care_plans=[care_plan("08:00:00")])
    held = task_postponed(
        occurrence.template,
        by=NURSE,
        at=NOW,
        until=NOW + timedelta(hours=3),
        reason=Reason(NotDoneReason.NO_TIME),
    )
    (row,), _ = tasks_for(care_plans=[care_plan("08:00:00")], tasks=[held])
    assert row.postponed
    assert row.timing is TaskTiming.LATER
    assert row.due_at == NOW + timedelta(hours=3)
    away = task_postponed(
        occurrence.template,
        by=NURSE,
        at=NOW,
        until=SHIFT[1] + timedelta(hours=1),
        reason=Reason(NotDoneReason.NO_TIME),
    )
    assert tasks_for(care_plans=[care_plan("08:00:00")], tasks=[away])[0] == []  # next shift's


def test_weekly_activities_only_on_their_days() -> None:
    assert tasks_for(care_plans=[care_plan("10:00:00", weekdays=("mon",))])[0] == []
    assert len(tasks_for(care_plans=[care_plan("10:00:00", weekdays=("tue",))])[0]) == 1


@pytest.mark.parametrize(
    ("inputs", "hours", "band"),
    [
        (News2Inputs(21, 97, False, 120, 70, Consciousness.ALERT, 37.0), 4, "low"),
        (News2Inputs(16, 97, False, 120, 70, Consciousness.VOICE, 37.0), 1, "low-medium"),
        (News2Inputs(22, 94, True, 120, 95, Consciousness.ALERT, 37.0), 1, "medium"),
    ],
)
def test_news2_is_due_again_by_the_band_of_the_last_score(inputs, hours: int, band: str) -> None:
    measured = NOW - timedelta(minutes=30)
    (row,), _ = tasks_for(vitals=VitalsAlert(at=measured, result=calculate(inputs)))
    assert row.kind is TaskKind.NEWS2
    assert row.band == band
    assert row.due_at == measured + timedelta(hours=hours)
    assert {TaskAction.VITALS, TaskAction.RECORD} <= row.actions


def test_news2_seven_or_more_is_continuous_and_overdue_at_once() -> None:
    result = calculate(News2Inputs(26, 90, True, 88, 135, Consciousness.VOICE, 39.5))
    (row,), _ = tasks_for(vitals=VitalsAlert(at=NOW - timedelta(minutes=5), result=result))
    assert (row.band, row.timing) == ("continuous", TaskTiming.OVERDUE)


def test_a_score_of_zero_is_due_again_in_twelve_hours_so_in_the_next_shift() -> None:
    result = calculate(News2Inputs(16, 97, False, 120, 70, Consciousness.ALERT, 37.0))
    assert result.aggregate == 0
    assert tasks_for(vitals=VitalsAlert(at=NOW - timedelta(minutes=30), result=result))[0] == []


def test_an_old_score_sets_no_rhythm() -> None:
    result = calculate(News2Inputs(16, 97, False, 120, 70, Consciousness.ALERT, 37.0))
    assert tasks_for(vitals=VitalsAlert(at=NOW - timedelta(hours=30), result=result))[0] == []


def test_tasks_colleagues_left_show_and_other_workflows_do_not() -> None:
    left = task_to_do(
        patient_id="p1",
        code=SHIFT_TASK,
        description="Ring datter",
        due=NOW + timedelta(hours=2),
        requester=NURSE,
        authored=NOW,
    )
    uncoded = {
        **left,
        "id": "t2",
        "code": {"text": "Bestill fotterapeut"},
        "description": "Bestill fotterapeut",
    }
    welfare = {
        **left,
        "id": "t3",
        "code": {"coding": [{"system": "urn:welfare", "code": "alarm-ack"}]},
    }
    cancelled = task_not_done(
        {**left, "id": "t4"}, by=NURSE, at=NOW, reason=Reason(NotDoneReason.REFUSED)
    )
    rows, done = tasks_for(tasks=[left, uncoded, welfare, cancelled])
    assert sorted(t.title for t in rows) == ["Bestill fotterapeut", "Ring datter"]
    assert all(t.kind is TaskKind.REQUESTED for t in rows)
    assert done == 1


def test_a_renewal_waits_for_the_physician_until_the_prescription_runs_out() -> None:
    request = {
        "resourceType": "MedicationRequest",
        "id": "mr1",
        "status": "active",
        "subject": {"reference": "Patient/p1"},
        "medicationReference": {"reference": "Medication/m1", "display": "Paracet"},
        "requester": {"reference": "Practitioner/lege"},
        "dispenseRequest": {"validityPeriod": {"end": (NOW - timedelta(days=1)).isoformat()}},
    }
    task = renewal_task(request=request, patient_id="p1", requester=NURSE, note="", at=NOW)
    (row,), _ = tasks_for(tasks=[task], requests=[request])
    assert (row.kind, row.timing, row.title) == (TaskKind.RENEWAL, TaskTiming.OVERDUE, "Paracet")
    assert row.actions == frozenset({TaskAction.PRESCRIPTIONS})


def test_a_task_with_an_open_conflict_says_so() -> None:
    (occurrence,), _ = tasks_for(care_plans=[care_plan("09:00:00")])
    stored = dict(occurrence.template)
    (row,), _ = tasks_for(
        care_plans=[care_plan("09:00:00")], tasks=[stored], conflicts=frozenset({stored["id"]})
    )
    assert row.conflict
