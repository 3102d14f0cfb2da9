"""Plain values of remote follow-up the views read and hand over (no Qt, no I/O).

A ``FollowUpItem`` is one thing on the follow-up list: a home measurement outside the
patient's limits, a measurement the monitoring plan expected and did not get, a dispenser alert,
an alarm, or an alert naming a person nobody here is. Its ``key`` names it for every nurse
(``clinical.records.alert_followup.ACK_SYSTEM``); its ``acknowledgements`` are the follow-up
Tasks recorded for it, by anyone; two from different Tasks are a conflict the list shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from clinical.records.alert_followup import FollowUpAction
from clinical.welfare.limits import Level, Limit
from clinical.welfare.measurements import MeasuredValue
from clinical.welfare.vkp import Severity

FhirJson = Mapping[str, Any]

__all__ = [
    "Acknowledgement",
    "AlertKind",
    "DispenserRecords",
    "FollowUpAction",
    "FollowUpEntry",
    "FollowUpItem",
    "FollowUpList",
    "FollowUpState",
    "Level",
    "Limit",
    "MeasuredValue",
    "Severity",
    "TrendRecords",
]


class AlertKind(StrEnum):
    """What a follow-up item is about."""

    OUT_OF_RANGE = "out-of-range"
    MISSED_MEASUREMENT = "missed-measurement"
    DISPENSER = "dispenser"
    ALARM = "alarm"
    UNMATCHED = "unmatched"


class FollowUpState(StrEnum):
    """Where an item stands: nobody has seen to it, seen but open, done, or seen to twice."""

    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    HANDLED = "handled"
    CONFLICT = "conflict"

    @property
    def open(self) -> bool:
        return self is not FollowUpState.HANDLED


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """One nurse's follow-up of an item: who, when, the last action and note, its Task."""

    task_id: str
    by: str
    practitioner_id: str
    at: datetime
    action: FollowUpAction
    note: str
    mine: bool
    covers_earlier: bool = False
    """Recorded for a later out-of-range value of the same measure, which covers this one."""


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    """One line of the follow-up list (the view words it from these fields).

    ``title``: the sender's alert text, or the measure's name (Norwegian, as data). For an
    out-of-range value ``measured`` holds its numbers and units, ``level`` how far out and
    ``limit`` the limit crossed. ``patient_id`` is None for an UNMATCHED item, whose ``person``
    is the identifier it named (``system|value``), ``patient_name`` the name the sender gave,
    and ``count`` how many records named it.
    """

    key: str
    kind: AlertKind
    severity: Severity
    at: datetime
    focus: str
    title: str
    patient_id: str | None
    patient_name: str
    person: str = ""
    measured: tuple[MeasuredValue, ...] = ()
    limit: Limit | None = None
    level: Level = Level.WITHIN
    slot: tuple[str, datetime] | None = None
    count: int = 1
    acknowledgements: tuple[Acknowledgement, ...] = ()

    @property
    def state(self) -> FollowUpState:
        tasks = {a.task_id for a in self.acknowledgements if not a.covers_earlier}
        if len(tasks) > 1:
            return FollowUpState.CONFLICT
        if not self.acknowledgements:
            return FollowUpState.NEW
        newest = max(self.acknowledgements, key=lambda a: a.at)
        return FollowUpState.HANDLED if newest.action.closes else FollowUpState.ACKNOWLEDGED

    def sort_key(self) -> tuple[int, int, float]:
        """Open before handled, then most severe, then newest (sort ascending)."""
        return (0 if self.state.open else 1, -int(self.severity), -self.at.timestamp())


@dataclass(frozen=True, slots=True)
class FollowUpList:
    """The follow-up list of a place (or one patient), ordered, and when it was read."""

    items: Sequence[FollowUpItem]
    read_at: datetime
    patients: int = 0

    @property
    def open_items(self) -> list[FollowUpItem]:
        return [i for i in self.items if i.state.open]


@dataclass(frozen=True, slots=True)
class FollowUpEntry:
    """What the acknowledge dialog hands over: which item, what was done, the nurse's note."""

    key: str
    focus: str
    patient_id: str | None
    action: FollowUpAction
    note: str
    at: datetime
    slot: tuple[str, datetime] | None = None


@dataclass(frozen=True, slots=True)
class TrendRecords:
    """A period of a patient's measurements (staff's and home), and their limit Goals."""

    observations: Sequence[FhirJson] = ()
    goals: Sequence[FhirJson] = ()
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class DispenserRecords:
    """A patient's dispenser Devices and the dispenser's VKP events (MedicationDispense,
    DetectedIssue) in a period; no device and no event: not a dispenser patient."""

    devices: Sequence[FhirJson] = ()
    events: Sequence[FhirJson] = ()
