"""FHIR R4 Task writer: a task to do, and its outcome done / not done / postponed (pure).

Generic on purpose: the shift's task list (care-plan activities, NEWS2 re-measurements, tasks a
colleague created), the handover acknowledgement and other workflows that track work with Task
write through these builders, so every Task the product writes reads the same way.

- A task to do is ``status`` ``requested``, ``intent`` ``order``, ``for`` → Patient,
  ``restriction.period.start`` = when it is due (R4: "When fulfillment sought").
- Done: ``status`` ``completed``, ``businessStatus`` ``utfort``, ``owner`` = who did it,
  ``executionPeriod.end`` = when, and ``output`` → the Procedure or Observation the work
  produced, when it produced a finding.
- Not done: ``status`` ``cancelled``, ``businessStatus`` ``ikke-utfort``, ``statusReason``
  coded from ``NotDoneReason`` with the nurse's words as its ``text``.
- Postponed: ``status`` ``on-hold`` (R4: "work has been paused"), ``businessStatus``
  ``utsatt``, the new due time in ``restriction.period.start``, the reason in ``statusReason``.

R4 Task status (https://hl7.org/fhir/R4/codesystem-task-status.html) carries the workflow
state; ``businessStatus`` and ``statusReason`` are unbound CodeableConcepts, so the outcome words
are a product CodeSystem (``TASK_OUTCOME_SYSTEM``). Not-done reasons use the SNOMED CT concepts
of R4's "Procedure Not Performed Reason" value set
(https://hl7.org/fhir/R4/valueset-procedure-not-performed-reason.html: refused, contraindicated,
not done, not indicated) and product codes for what a municipal service meets that SNOMED CT
lacks (patient not at home, admitted to hospital, no time). No Norwegian list was found
(research note issue18-design §3.1).

Deterministic ids: an occurrence that any nurse may act on offline (the 08:00 wound care of one
care plan on one day) gets a name-based UUID (RFC 9562 version 5) from its key, so two
computers that act on it create the same ``Task/<id>``; the sync then creates it only where it
does not yet exist, and the second completion becomes a sync conflict shown to a person, never
a silent second completion.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, Literal

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

Language = Literal["nb", "en"]

TASK_OUTCOME_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/task-outcome"
NOT_DONE_REASON_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/task-not-done-reason"
OCCURRENCE_SYSTEM: Final = f"{PLEIEPUNKT}/NamingSystem/task-occurrence"
SNOMED: Final = "http://snomed.info/sct"
MAX_TEXT_LENGTH: Final = 1000
_NAMESPACE: Final = uuid.UUID("3d6f0f8e-2b5d-5a41-9c1e-8f0d2a7b4c61")


def occurrence_id(key: str) -> str:
    """The Task id every computer derives for the occurrence ``key`` (a UUID version 5)."""
    if not key:
        raise RecordBuildError("records.task_key_missing")
    return str(uuid.uuid5(_NAMESPACE, key))


class TaskOutcome(StrEnum):
    """What became of a task (``businessStatus``); the value is the stable code."""

    DONE = "utfort"
    NOT_DONE = "ikke-utfort"
    POSTPONED = "utsatt"

    def label(self, language: Language) -> str:
        """The word shown for the outcome."""
        return _OUTCOME_LABELS[self][language]

    @property
    def status(self) -> str:
        """The R4 Task status the outcome sets."""
        return {"utfort": "completed", "ikke-utfort": "cancelled", "utsatt": "on-hold"}[self.value]


_OUTCOME_LABELS: Final = MappingProxyType(
    {
        TaskOutcome.DONE: {"nb": "Utført", "en": "Done"},
        TaskOutcome.NOT_DONE: {"nb": "Ikke utført", "en": "Not done"},
        TaskOutcome.POSTPONED: {"nb": "Utsatt", "en": "Postponed"},
    }
)


class NotDoneReason(StrEnum):
    """Why a task was not done or was postponed; the value is the stable code."""

    REFUSED = "refused"
    CONTRAINDICATED = "contraindicated"
    NOT_INDICATED = "not-indicated"
    NOT_AT_HOME = "not-at-home"
    ADMITTED = "admitted"
    ASLEEP = "asleep"
    NO_TIME = "no-time"
    EQUIPMENT = "equipment-missing"
    OTHER = "other"

    def label(self, language: Language) -> str:
        """The label in the reason list."""
        return _REASON_LABELS[self][language]

    @property
    def requires_text(self) -> bool:
        """True when the nurse must say more in free text."""
        return self is NotDoneReason.OTHER

    def coding(self) -> Json:
        """The SNOMED CT concept where R4's value set has one, else the product's code."""
        snomed = _REASON_SNOMED.get(self)
        if snomed is not None:
            return {"system": SNOMED, "code": snomed[0], "display": snomed[1]}
        return {"system": NOT_DONE_REASON_SYSTEM, "code": self.value, "display": self.label("nb")}


_REASON_LABELS: Final = MappingProxyType(
    {
        NotDoneReason.REFUSED: {"nb": "Pasienten ønsket ikke", "en": "Patient declined"},
        NotDoneReason.CONTRAINDICATED: {
            "nb": "Ikke forsvarlig nå (kontraindisert)",
            "en": "Not safe now (contraindicated)",
        },
        NotDoneReason.NOT_INDICATED: {"nb": "Ikke lenger aktuelt", "en": "No longer indicated"},
        NotDoneReason.NOT_AT_HOME: {
            "nb": "Pasienten var ikke hjemme / ikke til stede",
            "en": "Patient not at home / not present",
        },
        NotDoneReason.ADMITTED: {"nb": "Pasienten er innlagt", "en": "Patient admitted"},
        NotDoneReason.ASLEEP: {"nb": "Pasienten sov", "en": "Patient asleep"},
        NotDoneReason.NO_TIME: {"nb": "Ikke tid denne vakten", "en": "No time this shift"},
        NotDoneReason.EQUIPMENT: {"nb": "Mangler utstyr", "en": "Equipment missing"},
        NotDoneReason.OTHER: {"nb": "Annet (beskriv)", "en": "Other (describe)"},
    }
)
# R4 ValueSet procedure-not-performed-reason: descendants of these SNOMED CT situations.
_REASON_SNOMED: Final = MappingProxyType(
    {
        NotDoneReason.REFUSED: ("183944003", "Procedure refused"),
        NotDoneReason.CONTRAINDICATED: ("183932001", "Procedure contraindicated"),
        NotDoneReason.NOT_INDICATED: ("428119001", "Procedure not indicated"),
        NotDoneReason.OTHER: ("416237000", "Procedure not done"),
    }
)


@dataclass(frozen=True)
class Reason:
    """A reason from the list with the nurse's words (required for ``OTHER``)."""

    code: NotDoneReason
    text: str = ""

    def __post_init__(self) -> None:
        words = self.text.strip()
        if self.code.requires_text and not words:
            raise RecordBuildError("task.reason_text_required")
        if len(words) > MAX_TEXT_LENGTH:
            raise RecordBuildError("task.text_too_long")
        object.__setattr__(self, "text", words)

    def concept(self) -> Json:
        """``statusReason``: the coded reason, with the nurse's words (or the label) as text."""
        return {"coding": [self.code.coding()], "text": self.text or self.code.label("nb")}


@dataclass(frozen=True)
class TaskCode:
    """What kind of task this is: a product code with its Norwegian display."""

    code: str
    display: str

    def concept(self) -> Json:
        return {
            "coding": [{"system": TASK_CODE_SYSTEM, "code": self.code, "display": self.display}],
            "text": self.display,
        }


CARE_PLAN_ACTIVITY: Final = TaskCode("tiltak", "Tiltak i tiltaksplanen")
NEWS2_REMEASURE: Final = TaskCode("news2-remeasure", "Ny NEWS2-måling")
SHIFT_TASK: Final = TaskCode("oppgave", "Oppgave")


def task_to_do(
    *,
    patient_id: str,
    code: TaskCode,
    description: str,
    due: datetime,
    requester: Staff,
    authored: datetime,
    key: str | None = None,
    based_on: Sequence[Json] = (),
    focus: Json | None = None,
    owner: Json | None = None,
    note: str = "",
    resource_id: str | None = None,
) -> Json:
    """A requested Task; with ``key`` an occurrence with its deterministic id and identifier."""
    if not description.strip():
        raise RecordBuildError("task.description_missing")
    if len(description) > MAX_TEXT_LENGTH or len(note) > MAX_TEXT_LENGTH:
        raise RecordBuildError("task.text_too_long")
    rid = resource_id or (occurrence_id(key) if key else new_id())
    idents = [identifier(rid)]
    if key:
        idents.append({"system": OCCURRENCE_SYSTEM, "value": key})
    when = fhir_datetime(authored)
    task: Json = {
        "resourceType": "Task",
        "id": rid,
        "identifier": idents,
        "status": "requested",
        "intent": "order",
        "priority": "routine",
        "code": code.concept(),
        "description": description.strip(),
        "for": reference("Patient", patient_id),
        "authoredOn": when,
        "lastModified": when,
        "requester": requester.reference(),
        "restriction": {"period": {"start": fhir_datetime(due)}},
    }
    if based_on:
        task["basedOn"] = [dict(ref) for ref in based_on]
    if focus is not None:
        task["focus"] = dict(focus)
    if owner is not None:
        task["owner"] = dict(owner)
    if note.strip():
        task["note"] = [{"authorReference": requester.reference(), "time": when, "text": note}]
    return task


def _outcome(task: Mapping[str, Any], outcome: TaskOutcome, *, at: datetime) -> Json:
    if task.get("resourceType") != "Task" or not task.get("id"):
        raise RecordBuildError("records.not_a_task")
    updated: Json = copy.deepcopy(dict(task))
    updated["status"] = outcome.status
    updated["businessStatus"] = {
        "coding": [
            {"system": TASK_OUTCOME_SYSTEM, "code": outcome.value, "display": outcome.label("nb")}
        ],
        "text": outcome.label("nb"),
    }
    updated["lastModified"] = fhir_datetime(at)
    updated.pop("statusReason", None)
    return updated


def _with_note(task: Json, *, by: Staff, at: datetime, text: str) -> None:
    words = text.strip()
    if not words:
        return
    if len(words) > MAX_TEXT_LENGTH:
        raise RecordBuildError("task.text_too_long")
    notes = list(task.get("note") or [])
    notes.append({"authorReference": by.reference(), "time": fhir_datetime(at), "text": words})
    task["note"] = notes


def task_done(
    task: Mapping[str, Any],
    *,
    by: Staff,
    at: datetime,
    outputs: Sequence[tuple[str, Json]] = (),
    note: str = "",
) -> Json:
    """``task`` done by ``by`` at ``at``; ``outputs`` are (what, reference) it produced."""
    done = _outcome(task, TaskOutcome.DONE, at=at)
    done["owner"] = by.reference()
    started = (task.get("executionPeriod") or {}).get("start") or fhir_datetime(at)
    done["executionPeriod"] = {"start": started, "end": fhir_datetime(at)}
    if outputs:
        done["output"] = [
            {"type": {"text": what}, "valueReference": dict(ref)} for what, ref in outputs
        ]
    _with_note(done, by=by, at=at, text=note)
    return done


def task_not_done(task: Mapping[str, Any], *, by: Staff, at: datetime, reason: Reason) -> Json:
    """``task`` not done, for ``reason`` (coded, with the nurse's words)."""
    cancelled = _outcome(task, TaskOutcome.NOT_DONE, at=at)
    cancelled["owner"] = by.reference()
    cancelled["statusReason"] = reason.concept()
    return cancelled


def task_postponed(
    task: Mapping[str, Any], *, by: Staff, at: datetime, until: datetime, reason: Reason
) -> Json:
    """``task`` postponed to ``until`` (the new due time), for ``reason``."""
    if until <= at:
        raise RecordBuildError("task.postpone_not_later")
    held = _outcome(task, TaskOutcome.POSTPONED, at=at)
    held["statusReason"] = reason.concept()
    restriction = dict(held.get("restriction") or {})
    restriction["period"] = {"start": fhir_datetime(until)}
    held["restriction"] = restriction
    held["owner"] = by.reference()
    return held
