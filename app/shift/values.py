"""Plain values of the shift's work the views read: tasks, notes, handovers (no Qt, no I/O).

Reads carry FHIR resources where a view needs them (a Task to act on) and plain words or times
everywhere else; the views word the kinds (``TaskKind``, ``LineKind``) in the interface
language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from clinical.notes_read import ReadNote
from clinical.records.handover import IsbarPart
from clinical.records.nursing_note import NoteCategory

FhirJson = Mapping[str, Any]


class TaskKind(StrEnum):
    """Where a task comes from; it decides what the nurse can do with it."""

    DOSE = "dose"
    """A scheduled dose (or multidose pouch): documented in the medication round."""
    FOLLOWUP = "followup"
    """The effect of an as-needed dose to assess: documented in the medication round."""
    ORDER_PROBLEM = "order-problem"
    """An order whose dosage cannot be scheduled: checked in the medication round."""
    NEWS2 = "news2"
    """A NEWS2 re-measurement due by the response band of the last score."""
    RENEWAL = "renewal"
    """A renewal request waiting for the physician."""
    CARE_PLAN = "care-plan"
    """An activity (tiltak) of the care plan at its time."""
    CARE_PLAN_PROBLEM = "care-plan-problem"
    """A care-plan activity whose timing cannot be read: the plan needs checking."""
    REQUESTED = "requested"
    """A task a colleague or the previous shift created."""


class TaskTiming(StrEnum):
    """Overdue first, then due now, then later (the list's order)."""

    OVERDUE = "overdue"
    DUE_NOW = "due-now"
    LATER = "later"

    @property
    def rank(self) -> int:
        return list(TaskTiming).index(self)


class TaskAction(StrEnum):
    """What the nurse can do with a row."""

    RECORD = "record"
    """Done / not done / postponed, written as a Task here."""
    ROUND = "round"
    """Open the patient's medication round."""
    VITALS = "vitals"
    """Open the patient's vital signs."""
    PRESCRIPTIONS = "prescriptions"
    """Open the patient's prescriptions."""


@dataclass(frozen=True)
class ShiftTask:
    """One thing due in the shift.

    ``key`` names the row the same on every read (an occurrence key, a Task id, a dose's order
    and time). ``task`` is the existing Task, if one exists; ``template`` the Task to create
    when the nurse acts on an occurrence nobody has acted on yet. ``measures`` names what a
    care-plan activity measures (``"kg"``, ``"mmol/L"``), so the dialog can ask for the value.
    ``conflict``: another computer documented the same task; a person must settle it.
    """

    key: str
    kind: TaskKind
    patient_id: str
    patient_name: str
    title: str
    detail: str
    due_at: datetime | None
    timing: TaskTiming
    actions: frozenset[TaskAction] = frozenset()
    task: FhirJson | None = None
    template: FhirJson | None = None
    care_plan_id: str | None = None
    activity_code: FhirJson | None = None
    measures: str | None = None
    postponed: bool = False
    conflict: bool = False
    band: str | None = None
    room: str = ""
    order: str | None = None
    """A dose's order (``MedicationStatement/<id>`` or ``MedicationRequest/<id>``)."""

    def sort_key(self) -> tuple[Any, ...]:
        """Overdue first (oldest first), then due now, then later; untimed last in a group."""
        due = self.due_at
        return (self.timing.rank, due is None, due.timestamp() if due else 0.0, self.patient_name)


@dataclass(frozen=True)
class TaskList:
    """The tasks of a patient or a place, in the list's order, and how many are done."""

    tasks: tuple[ShiftTask, ...] = ()
    done: int = 0
    shift: tuple[datetime, datetime] | None = None

    def count(self, timing: TaskTiming) -> int:
        """How many tasks are in ``timing``."""
        return sum(1 for task in self.tasks if task.timing is timing)


@dataclass(frozen=True)
class NoteLink:
    """Something a note may concern (an administration, a vitals set, a task), as words."""

    reference: str
    kind: str
    label: str
    at: datetime | None


@dataclass(frozen=True)
class NoteDraft:
    """A note being written: kept encrypted in the user's store as it is typed.

    ``note_id`` is the id the note will get when signed (so a draft that outlived its signing,
    after a crash, is recognised); ``correcting`` the id of the note it will replace.
    """

    patient_id: str
    note_id: str
    category: NoteCategory
    text: str
    observed_at: datetime | None = None
    related: tuple[str, ...] = ()
    correcting: str | None = None
    saved_at: datetime | None = None


@dataclass(frozen=True)
class NoteEntryView:
    """A note with what became of it: ``corrected_by`` the note that replaced it."""

    note: ReadNote
    corrected_by: str | None = None
    own: bool = False


@dataclass(frozen=True)
class NoteList:
    """A patient's notes, newest first, corrected ones kept beside their corrections."""

    notes: tuple[NoteEntryView, ...] = ()


class LineKind(StrEnum):
    """What a prefilled handover line says; the view words it."""

    PATIENT = "patient"
    NURSE = "nurse"
    NEWS2_LATEST = "news2-latest"
    NEWS2_TREND = "news2-trend"
    NEWS2_DUE = "news2-due"
    PRN_GIVEN = "prn-given"
    NOT_GIVEN = "not-given"
    MEDICATION_NEW = "medication-new"
    MEDICATION_STOPPED = "medication-stopped"
    TASK_OPEN = "task-open"
    TASK_OVERDUE = "task-overdue"
    TASK_NOT_DONE = "task-not-done"
    RENEWAL_WAITING = "renewal-waiting"
    NOTE = "note"
    CRITICAL = "critical"


@dataclass(frozen=True)
class PrefillLine:
    """One prefilled line: what it says (``kind`` with its ``values``) and where it came from
    (``sources``: ``Type/id`` references; ``source_at`` when the source was recorded)."""

    part: IsbarPart
    kind: LineKind
    values: Mapping[str, str]
    sources: tuple[str, ...]
    source_at: datetime | None = None


@dataclass(frozen=True)
class PatientHandoverDraft:
    """The prefilled ISBAR of one patient: lines per part, since the last handover."""

    patient_id: str
    patient_name: str
    room: str
    since: datetime
    lines: tuple[PrefillLine, ...] = ()

    def part(self, part: IsbarPart) -> tuple[PrefillLine, ...]:
        return tuple(line for line in self.lines if line.part is part)


@dataclass(frozen=True)
class HandoverDraft:
    """The prefilled handover of one patient, or of every patient of a place."""

    patients: tuple[PatientHandoverDraft, ...]
    shift: tuple[datetime, datetime]
    place_id: str | None = None
    place_name: str = ""


@dataclass(frozen=True)
class Handover:
    """A signed ISBAR handover as the next shift reads it."""

    composition_id: str
    patient_id: str
    patient_name: str
    author: str
    signed_at: datetime | None
    shift: tuple[datetime | None, datetime | None]
    report_id: str
    place_id: str
    sections: Mapping[IsbarPart, str]
    sources: Mapping[IsbarPart, tuple[str, ...]] = field(default_factory=dict)
    acknowledged_by: str = ""
    acknowledged_at: datetime | None = None
    ack_task_id: str | None = None
    own: bool = False

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None or bool(self.acknowledged_by)


@dataclass(frozen=True)
class HandoverReport:
    """Handovers signed together (one patient, or a unit's or route's whole report)."""

    report_id: str
    handovers: tuple[Handover, ...]

    @property
    def author(self) -> str:
        return self.handovers[0].author if self.handovers else ""

    @property
    def signed_at(self) -> datetime | None:
        return self.handovers[0].signed_at if self.handovers else None

    @property
    def composition_ids(self) -> tuple[str, ...]:
        return tuple(h.composition_id for h in self.handovers)


def ordered_tasks(tasks: Sequence[ShiftTask]) -> tuple[ShiftTask, ...]:
    """``tasks`` in the list's order."""
    return tuple(sorted(tasks, key=ShiftTask.sort_key))
