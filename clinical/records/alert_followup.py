"""The FHIR R4 record of a nurse acknowledging and acting on a remote follow-up alert (pure).

An alert is a received ``DetectedIssue`` (VKP alarm, dispenser alert), a home ``Observation``
outside the patient's limits, or a measurement a monitoring ``CarePlan`` expected and did not
get. The received resource is never changed (it must round-trip unchanged, and belongs to VKP);
the follow-up is Pleiepunkt's own ``Task`` about it, in the pattern of Danish national
telemedicine's "UnexpectedMeasurementResolving"/"MissingMeasurementResolving" Tasks
(ehealth-dk.atlassian.net/wiki/spaces/EDTW/pages/267190273):

- ``focus`` the alert, ``for`` the patient (when the alert was matched to one), ``owner`` and
  ``requester`` the nurse, ``intent`` order, ``code`` ``ALERT_FOLLOWUP``;
- ``status`` in-progress once acknowledged, completed once acted on; ``businessStatus`` the
  last action (``FollowUpAction``, Pleiepunkt's CodeSystem ``ACTION_SYSTEM``: no national one
  exists); each action is also a ``note`` (who, when, what) so the history is kept;
- a missed measurement names its slot in ``input`` (the LOINC code and the due time);
- ``identifier``: the Task's own ``urn:uuid`` and the alert's key under ``ACK_SYSTEM``, the same
  for every nurse who acknowledges the same alert: two acknowledgements with one key and two ids
  are two nurses acting on one alert (a conflict the worklist shows, never a silent merge).

Contacting the patient or informing the GP is also a ``Communication`` (``clinical.records.
communication``), named in the Task's ``output``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Final

from clinical.records.common import (
    PLEIEPUNKT,
    TASK_CODE_SYSTEM,
    Json,
    RecordBuildError,
    Staff,
    fhir_datetime,
    identifier,
    new_id,
    reference,
)

ACK_SYSTEM: Final = f"{PLEIEPUNKT}/NamingSystem/alert-acknowledgement"
ACTION_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/alert-followup-action"
ALERT_FOLLOWUP: Final = "alert-followup"
_FOLLOWUP_DISPLAY: Final = "Oppfølging av varsel"
SLOT_INPUT: Final = "missed-measurement"
LOINC: Final = "http://loinc.org"


class FollowUpAction(StrEnum):
    """What the nurse did about an alert (display: the Bokmål words stored in the record)."""

    ACKNOWLEDGED = "acknowledged"
    CONTACTED_PATIENT = "contacted-patient"
    VISIT_SCHEDULED = "visit-scheduled"
    GP_INFORMED = "gp-informed"
    NO_ACTION_NEEDED = "no-action-needed"

    @property
    def display(self) -> str:
        return _DISPLAYS[self]

    @property
    def closes(self) -> bool:
        """An action closes the alert; acknowledging alone leaves it open (in progress)."""
        return self is not FollowUpAction.ACKNOWLEDGED

    @property
    def communicates(self) -> bool:
        """The action is a contact with someone, recorded as a Communication too."""
        return self in (FollowUpAction.CONTACTED_PATIENT, FollowUpAction.GP_INFORMED)


_DISPLAYS: Final = {
    FollowUpAction.ACKNOWLEDGED: "Kvittert",
    FollowUpAction.CONTACTED_PATIENT: "Kontaktet pasient",
    FollowUpAction.VISIT_SCHEDULED: "Besøk planlagt",
    FollowUpAction.GP_INFORMED: "Fastlege informert",
    FollowUpAction.NO_ACTION_NEEDED: "Ingen tiltak nødvendig",
}


@dataclass(frozen=True, slots=True)
class AlertRef:
    """Which alert is followed up: ``key`` identifies it for every nurse (``ACK_SYSTEM``),
    ``focus`` is the resource it is about (``Type/id``), ``patient_id`` the matched patient
    (None for an alert whose identifier matched nobody), ``slot`` a missed measurement's
    (LOINC code, due time)."""

    key: str
    focus: str
    patient_id: str | None = None
    slot: tuple[str, datetime] | None = None


def action_coding(action: FollowUpAction) -> Json:
    """The action as a Coding in ``ACTION_SYSTEM``."""
    return {"system": ACTION_SYSTEM, "code": action.value, "display": action.display}


def _note(by: Staff, when: str, action: FollowUpAction, note: str) -> Json:
    text = action.display if not note.strip() else f"{action.display}: {note.strip()}"
    return {"authorReference": by.reference(), "time": when, "text": text}


def followup_task(
    *,
    alert: AlertRef,
    by: Staff,
    action: FollowUpAction,
    note: str,
    at: datetime,
    communication_id: str | None = None,
    resource_id: str | None = None,
) -> Json:
    """The Task of a first acknowledgement of ``alert`` (with or without an action)."""
    if "/" not in alert.focus:
        raise RecordBuildError("followup.focus_not_a_reference")
    rid = resource_id or new_id()
    when = fhir_datetime(at)
    focus_type, focus_id = alert.focus.split("/", 1)
    task: Json = {
        "resourceType": "Task",
        "id": rid,
        "identifier": [identifier(rid), {"system": ACK_SYSTEM, "value": alert.key}],
        "status": "completed" if action.closes else "in-progress",
        "businessStatus": {"coding": [action_coding(action)], "text": action.display},
        "intent": "order",
        "code": {
            "coding": [
                {"system": TASK_CODE_SYSTEM, "code": ALERT_FOLLOWUP, "display": _FOLLOWUP_DISPLAY}
            ],
            "text": _FOLLOWUP_DISPLAY,
        },
        "focus": reference(focus_type, focus_id),
        "authoredOn": when,
        "lastModified": when,
        "requester": by.reference(),
        "owner": by.reference(),
        "executionPeriod": {"start": when, **({"end": when} if action.closes else {})},
        "note": [_note(by, when, action, note)],
    }
    if alert.patient_id:
        task["for"] = reference("Patient", alert.patient_id)
    if alert.slot is not None:
        code, due = alert.slot
        task["input"] = [
            {
                "type": {"coding": [{"system": ACTION_SYSTEM, "code": SLOT_INPUT}]},
                "valueCodeableConcept": {"coding": [{"system": LOINC, "code": code}]},
            },
            {
                "type": {"coding": [{"system": ACTION_SYSTEM, "code": SLOT_INPUT}]},
                "valueDateTime": fhir_datetime(due),
            },
        ]
    if communication_id is not None:
        task["output"] = [_output(action, communication_id)]
    return task


def _output(action: FollowUpAction, communication_id: str) -> Json:
    return {
        "type": {"coding": [action_coding(action)]},
        "valueReference": reference("Communication", communication_id),
    }


def followed_up(
    task: Mapping[str, Any],
    *,
    by: Staff,
    action: FollowUpAction,
    note: str,
    at: datetime,
    communication_id: str | None = None,
) -> Json:
    """``task`` (an earlier acknowledgement) with one more action: its status, business
    status and end follow the new action; the note and output lists keep every earlier one."""
    when = fhir_datetime(at)
    updated: Json = {k: v for k, v in task.items() if k != "meta"}
    updated["status"] = "completed" if action.closes else task.get("status", "in-progress")
    updated["businessStatus"] = {"coding": [action_coding(action)], "text": action.display}
    updated["lastModified"] = when
    period = dict(task.get("executionPeriod") or {})
    if action.closes:
        period["end"] = when
    updated["executionPeriod"] = period
    updated["note"] = [*(task.get("note") or []), _note(by, when, action, note)]
    if communication_id is not None:
        updated["output"] = [*(task.get("output") or []), _output(action, communication_id)]
    return updated
