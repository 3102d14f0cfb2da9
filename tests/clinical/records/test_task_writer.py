"""Task to do, done, not done, postponed: R4-valid, coded, and the same id for one occurrence
on every computer."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from clinical.records import RecordBuildError
from clinical.records.task_writer import (
    NOT_DONE_REASON_SYSTEM,
    OCCURRENCE_SYSTEM,
    SHIFT_TASK,
    SNOMED,
    TASK_OUTCOME_SYSTEM,
    NotDoneReason,
    Reason,
    occurrence_id,
    task_done,
    task_not_done,
    task_postponed,
    task_to_do,
)
from tests.clinical.records.conftest import AT, COLLEAGUE, NURSE, PATIENT, validate

KEY = "CarePlan/cp-1/activity/0/2025-03-12T07:00:00Z"


def planned() -> dict:
    return task_to_do(
        patient_id=PATIENT,
        code=SHIFT_TASK,
        description="Sårstell venstre legg",
        due=AT,
        requester=NURSE,
        authored=AT - timedelta(hours=1),
        key=KEY,
    )


def test_an_occurrence_has_the_same_name_based_id_everywhere() -> None:
    task = planned()
    assert task["id"] == occurrence_id(KEY) == planned()["id"]
    assert uuid.UUID(task["id"]).version == 5
    assert {"system": OCCURRENCE_SYSTEM, "value": KEY} in task["identifier"]
    assert task["status"] == "requested"
    assert task["restriction"]["period"]["start"] == "2025-03-12T08:14:00+01:00"
    validate(task)


def test_a_task_without_a_key_gets_a_random_id() -> None:
    task = task_to_do(
        patient_id=PATIENT,
        code=SHIFT_TASK,
        description="Ring datter",
        due=AT,
        requester=NURSE,
        authored=AT,
    )
    assert uuid.UUID(task["id"]).version == 4


@pytest.mark.parametrize(
    ("build", "status", "outcome"),
    [
        (lambda t: task_done(t, by=COLLEAGUE, at=AT), "completed", "utfort"),
        (
            lambda t: task_not_done(
                t, by=COLLEAGUE, at=AT, reason=Reason(NotDoneReason.REFUSED, "Vil ikke nå")
            ),
            "cancelled",
            "ikke-utfort",
        ),
        (
            lambda t: task_postponed(
                t,
                by=COLLEAGUE,
                at=AT,
                until=AT + timedelta(hours=2),
                reason=Reason(NotDoneReason.ASLEEP),
            ),
            "on-hold",
            "utsatt",
        ),
    ],
)
def test_each_outcome_sets_status_and_business_status(build, status: str, outcome: str) -> None:
    original = planned()
    changed = build(original)
    assert changed["status"] == status
    assert changed["businessStatus"]["coding"][0] == {
        "system": TASK_OUTCOME_SYSTEM,
        "code": outcome,
        "display": {"utfort": "Utført", "ikke-utfort": "Ikke utført", "utsatt": "Utsatt"}[outcome],
    }
    assert changed["id"] == original["id"]
    assert original["status"] == "requested"  # the input is never changed
    validate(changed)


def test_not_done_codes_the_reason_in_snomed_where_r4_has_one_and_keeps_the_words() -> None:
    refused = task_not_done(
        planned(), by=NURSE, at=AT, reason=Reason(NotDoneReason.REFUSED, "Ønsket å vente")
    )
    assert refused["statusReason"] == {
        "coding": [{"system": SNOMED, "code": "183944003", "display": "Procedure refused"}],
        "text": "Ønsket å vente",
    }
    away = task_not_done(planned(), by=NURSE, at=AT, reason=Reason(NotDoneReason.NOT_AT_HOME))
    assert away["statusReason"]["coding"][0]["system"] == NOT_DONE_REASON_SYSTEM
    assert away["statusReason"]["text"] == "Pasienten var ikke hjemme / ikke til stede"


def test_done_points_at_what_it_produced_and_who_did_it() -> None:
    done = task_done(
        planned(),
        by=COLLEAGUE,
        at=AT,
        outputs=[("Vekt", {"reference": "Observation/obs-1"})],
        note="Gikk fint",
    )
    assert done["owner"]["reference"] == f"Practitioner/{COLLEAGUE.practitioner_id}"
    assert done["output"][0]["valueReference"] == {"reference": "Observation/obs-1"}
    assert done["executionPeriod"]["end"] == "2025-03-12T08:14:00+01:00"
    assert done["note"][-1]["text"] == "Gikk fint"


def test_postponing_moves_the_due_time() -> None:
    later = AT + timedelta(hours=3)
    held = task_postponed(
        planned(), by=NURSE, at=AT, until=later, reason=Reason(NotDoneReason.NO_TIME)
    )
    assert held["restriction"]["period"] == {"start": "2025-03-12T11:14:00+01:00"}


@pytest.mark.parametrize(
    ("build", "key"),
    [
        (lambda: Reason(NotDoneReason.OTHER, "  "), "task.reason_text_required"),
        (lambda: Reason(NotDoneReason.REFUSED, "x" * 1001), "task.text_too_long"),
        (
            lambda: task_postponed(
                planned(), by=NURSE, at=AT, until=AT, reason=Reason(NotDoneReason.ASLEEP)
            ),
            "task.postpone_not_later",
        ),
        (
            lambda: task_done({"resourceType": "Observation", "id": "x"}, by=NURSE, at=AT),
            "records.not_a_task",
        ),
        (
            lambda: task_to_do(
                patient_id=PATIENT,
                code=SHIFT_TASK,
                description=" ",
                due=AT,
                requester=NURSE,
                authored=AT,
            ),
            "task.description_missing",
        ),
    ],
)
def test_contradictions_are_refused_with_their_key(build, key: str) -> None:
    with pytest.raises(RecordBuildError) as refused:
        build()
    assert refused.value.key == key
