"""What an electronic medicine dispenser did for each scheduled pouch, from its VKP events.

A dispenser hands over multidose pouches at the times of the plan and reports each success as
a ``vkp-MedicationDispense`` (event 1, 1.1, 1.2: "medisin utlevert") and each failure as a
``vkp-DetectedIssue`` (1.1-1.4 "Medisin ikke utlevert", 1.5-1.9 "Utmating stanset"). The
profiles link an event to no prescription (the medicine is usually "Ukjent medisin"): an event
belongs to a pouch by patient and time only, to the scheduled time nearest it within
``MATCH_WINDOW``.

For each pouch:
- a dispense event: DISPENSED, at its ``whenHandedOver``. It is the dispenser's record, never an
  administration by staff, and makes nothing due;
- else a not-dispensed alert: NOT_DISPENSED, at its ``identifiedDateTime``, with its words;
- else a "dispensing stopped" alert in the day before the pouch, with no successful dispense
  after it: STOPPED (the dispenser cannot be counted on);
- else AWAITING until the round's tolerance after the due time, then NO_REPORT: nothing came,
  which a nurse must check as much as a reported miss.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Final

from clinical.fhir_read import codings, parse_datetime
from clinical.welfare.vkp import (
    DispenserAlert,
    alert_code,
    dispense_event,
    dispenser_alert,
    is_scheduled_dispense,
)

PLEIEPUNKT: Final = "http://pleiepunkt.no/fhir"
DEVICE_TYPE_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/device-type"
MEDICINE_DISPENSER: Final = "medicine-dispenser"
"""``Device.type`` of a patient's dispenser: no national code for it was found (VKP names the
dispenser only in ``MedicationDispense.performer.actor.identifier``), so it is Pleiepunkt's."""
MATCH_WINDOW: Final = timedelta(hours=2)
STOP_LOOKBACK: Final = timedelta(hours=24)


class DispenserState(StrEnum):
    """Where a dispenser pouch stands."""

    DISPENSED = "dispensed"
    NOT_DISPENSED = "not-dispensed"
    STOPPED = "stopped"
    AWAITING = "awaiting"
    NO_REPORT = "no-report"

    @property
    def needs_staff(self) -> bool:
        """The pouch may not have reached the patient: the next visit must see to it."""
        return self in (
            DispenserState.NOT_DISPENSED,
            DispenserState.STOPPED,
            DispenserState.NO_REPORT,
        )


@dataclass(frozen=True, slots=True)
class DispenserEvent:
    """One VKP event of a patient's dispenser: a dispense, or an alert with its code."""

    at: datetime
    resource_type: str
    resource_id: str
    code: str
    text: str
    dispensed: bool = False
    alert: DispenserAlert | None = None


@dataclass(frozen=True, slots=True)
class PouchReport:
    """A scheduled pouch and what the dispenser reported for it."""

    due_at: datetime
    state: DispenserState
    event: DispenserEvent | None = None


def dispenser_events(resources: Iterable[Mapping[str, Any]]) -> list[DispenserEvent]:
    """The dispenser events among ``resources`` (other resources are ignored), oldest first."""
    found: list[DispenserEvent] = []
    for resource in resources:
        rtype = resource.get("resourceType")
        rid = str(resource.get("id", ""))
        if rtype == "MedicationDispense" and resource.get("status") in (None, "completed"):
            event = dispense_event(resource)
            at = parse_datetime(resource.get("whenHandedOver"))
            if event is not None and at is not None and is_scheduled_dispense(event[0]):
                found.append(DispenserEvent(at, rtype, rid, *event, dispensed=True))
        elif rtype == "DetectedIssue" and resource.get("status") != "entered-in-error":
            code = alert_code(resource)
            at = parse_datetime(resource.get("identifiedDateTime"))
            kind = None if code is None else dispenser_alert(code[0])
            if code is not None and at is not None and kind is not None:
                sent = resource["code"].get("text")
                text = sent.strip() if isinstance(sent, str) and sent.strip() else code[1]
                found.append(DispenserEvent(at, rtype, rid, code[0], text, alert=kind))
    found.sort(key=lambda e: e.at)
    return found


def is_dispenser(device: Mapping[str, Any]) -> bool:
    """A Device that is an active medicine dispenser."""
    if device.get("status") not in (None, "active"):
        return False
    return any(
        system == DEVICE_TYPE_SYSTEM and code == MEDICINE_DISPENSER
        for system, code, _d in codings(device.get("type"))
    )


def pouch_reports(
    due_times: Sequence[datetime],
    events: Sequence[DispenserEvent],
    *,
    now: datetime,
    tolerance: timedelta,
) -> list[PouchReport]:
    """What the dispenser did for each pouch due at ``due_times`` (see the module docstring)."""
    nearest: dict[int, list[DispenserEvent]] = {i: [] for i in range(len(due_times))}
    for event in events:
        if not event.dispensed and event.alert is not DispenserAlert.NOT_DISPENSED:
            continue
        distances = [(abs(event.at - due), i) for i, due in enumerate(due_times)]
        if distances:
            distance, index = min(distances)
            if distance <= MATCH_WINDOW:
                nearest[index].append(event)
    reports = []
    for index, due in enumerate(due_times):
        mine = nearest[index]
        dispensed = [e for e in mine if e.dispensed]
        missed = [e for e in mine if e.alert is DispenserAlert.NOT_DISPENSED]
        if dispensed:
            reports.append(PouchReport(due, DispenserState.DISPENSED, dispensed[-1]))
        elif missed:
            reports.append(PouchReport(due, DispenserState.NOT_DISPENSED, missed[-1]))
        elif (stop := _stopped_before(due, events)) is not None:
            reports.append(PouchReport(due, DispenserState.STOPPED, stop))
        elif now <= due + tolerance:
            reports.append(PouchReport(due, DispenserState.AWAITING))
        else:
            reports.append(PouchReport(due, DispenserState.NO_REPORT))
    return reports


def _stopped_before(due: datetime, events: Sequence[DispenserEvent]) -> DispenserEvent | None:
    """The newest "dispensing stopped" alert in the day before ``due``, unless the dispenser
    handed something over after it (it works again)."""
    stop = None
    for event in events:
        if event.at > due:
            break
        if event.alert is DispenserAlert.STOPPED and event.at >= due - STOP_LOOKBACK:
            stop = event
        elif event.dispensed and stop is not None:
            stop = None
    return stop
