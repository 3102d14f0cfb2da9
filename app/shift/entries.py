"""What the shift's dialogs return: plain values of what the nurse chose and typed.

The services turn them into FHIR through ``clinical.records`` and save them with their outbox
entries in one transaction; nothing here builds a resource.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from app.shift.values import ShiftTask
from clinical.records.handover import IsbarPart
from clinical.records.nursing_note import NoteCategory
from clinical.records.task_writer import NotDoneReason, TaskOutcome


@dataclass(frozen=True)
class TaskOutcomeEntry:
    """Done, not done (``reason``, ``reason_text``) or postponed (``until``) for ``task``.

    ``finding`` is what the nurse found doing it (words); ``measured`` the value of an
    activity that measures, in the task's ``measures`` unit.
    """

    task: ShiftTask
    outcome: TaskOutcome
    at: datetime
    reason: NotDoneReason | None = None
    reason_text: str = ""
    until: datetime | None = None
    finding: str = ""
    measured: Decimal | None = None


@dataclass(frozen=True)
class NewTaskEntry:
    """A task for a patient, for this or a later shift, as a colleague would leave it."""

    patient_id: str
    description: str
    due: datetime
    note: str = ""


@dataclass(frozen=True)
class NoteEntry:
    """A note to sign: the draft's id, what it is about, when it happened, what it concerns.

    ``correcting``: the note it replaces (a correction keeps the original visible).
    """

    patient_id: str
    note_id: str
    category: NoteCategory
    text: str
    observed_at: datetime
    related: tuple[str, ...] = ()
    correcting: str | None = None


@dataclass(frozen=True)
class HandoverPart:
    """One ISBAR part as signed: the text and the ``Type/id`` references of its lines."""

    part: IsbarPart
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class PatientHandoverEntry:
    """The signed ISBAR of one patient."""

    patient_id: str
    parts: tuple[HandoverPart, ...]


@dataclass(frozen=True)
class HandoverEntry:
    """A handover to sign: one patient, or every patient of a place signed as one report."""

    patients: tuple[PatientHandoverEntry, ...]
    shift: tuple[datetime, datetime]
    place_id: str | None = None
    place_kind: str = field(default="unit")
