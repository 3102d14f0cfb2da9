"""The follow-up Task of an alert and the Communication of a contact: valid FHIR, one key."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fhir.resources.R4B.communication import Communication
from fhir.resources.R4B.task import Task

from clinical.records.alert_followup import (
    ACK_SYSTEM,
    AlertRef,
    FollowUpAction,
    followed_up,
    followup_task,
)
from clinical.records.common import Staff
from clinical.records.communication import communication

OSLO = ZoneInfo("Europe/Oslo")
NURSE = Staff("nurse-1", "Kari Sykepleier", hpr="9144889", role="SP")
OTHER = Staff("nurse-2", "Ola Sykepleier", hpr="9144890", role="SP")
AT = datetime(2026, 3, 2, 9, 15, tzinfo=OSLO)


def _key(task: dict[str, object]) -> str:
    return next(i["value"] for i in task["identifier"] if i["system"] == ACK_SYSTEM)  # type: ignore[index, union-attr]


def test_acknowledging_only_leaves_the_alert_in_progress() -> None:
    alert = AlertRef(key="DetectedIssue/di-1", focus="DetectedIssue/di-1", patient_id="p1")
    task = followup_task(alert=alert, by=NURSE, action=FollowUpAction.ACKNOWLEDGED, note="", at=AT)
    Task.model_validate(task)
    assert task["status"] == "in-progress"
    assert task["focus"] == {"reference": "DetectedIssue/di-1"}
    assert task["for"] == {"reference": "Patient/p1"}
    assert task["owner"]["reference"] == "Practitioner/nurse-1"  # type: ignore[index]
    assert "end" not in task["executionPeriod"]  # type: ignore[operator]
    assert _key(task) == "DetectedIssue/di-1"


def test_two_nurses_get_two_tasks_with_one_key() -> None:
    alert = AlertRef(key="Observation/o-1", focus="Observation/o-1", patient_id="p1")
    first = followup_task(alert=alert, by=NURSE, action=FollowUpAction.ACKNOWLEDGED, note="", at=AT)
    second = followup_task(alert=alert, by=OTHER, action=FollowUpAction.GP_INFORMED, note="", at=AT)
    assert first["id"] != second["id"]
    assert _key(first) == _key(second)


def test_acting_closes_it_and_keeps_the_history() -> None:
    alert = AlertRef(key="DetectedIssue/di-1", focus="DetectedIssue/di-1", patient_id="p1")
    task = followup_task(alert=alert, by=NURSE, action=FollowUpAction.ACKNOWLEDGED, note="", at=AT)
    task["meta"] = {"versionId": "1"}
    contact = communication(
        sender=NURSE,
        recipient={"reference": "Patient/p1"},
        text="Ringte, alt vel",
        at=AT,
        patient_id="p1",
        about=["DetectedIssue/di-1"],
        based_on=[f"Task/{task['id']}"],
    )
    Communication.model_validate(contact)
    done = followed_up(
        task,
        by=NURSE,
        action=FollowUpAction.CONTACTED_PATIENT,
        note="Ringte, alt vel",
        at=AT,
        communication_id=contact["id"],
    )
    Task.model_validate(done)
    assert "meta" not in done
    assert done["status"] == "completed"
    assert done["executionPeriod"]["end"] == AT.isoformat(timespec="seconds")  # type: ignore[index]
    assert [n["text"] for n in done["note"]] == ["Kvittert", "Kontaktet pasient: Ringte, alt vel"]  # type: ignore[index, union-attr]
    assert done["output"][0]["valueReference"] == {"reference": f"Communication/{contact['id']}"}  # type: ignore[index]
    assert done["businessStatus"]["coding"][0]["code"] == "contacted-patient"  # type: ignore[index]


def test_a_missed_measurement_names_its_slot_and_an_unmatched_alert_no_patient() -> None:
    slot = AlertRef(
        key="missed/CarePlan/cp1/85354-9/2026-03-02T07:00:00Z",
        focus="CarePlan/cp1",
        patient_id="p1",
        slot=("85354-9", AT),
    )
    task = followup_task(
        alert=slot, by=NURSE, action=FollowUpAction.VISIT_SCHEDULED, note="", at=AT
    )
    Task.model_validate(task)
    assert [i.get("valueDateTime") for i in task["input"]][1] == AT.isoformat(timespec="seconds")  # type: ignore[union-attr]
    stranger = AlertRef(key="DetectedIssue/x", focus="DetectedIssue/x")
    unmatched = followup_task(
        alert=stranger, by=NURSE, action=FollowUpAction.ACKNOWLEDGED, note="", at=AT
    )
    Task.model_validate(unmatched)
    assert "for" not in unmatched
