"""A patient's dispenser records, read for the medication round (pure, no store, no Qt).

Shared by the round page, the unit's round and the patient list's due counts, so all three
build the same round (``app.bedside.round_plan``) from the same events.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.followup.values import DispenserRecords, FhirJson
from clinical.welfare.dispenser import DispenserEvent, dispenser_events, is_dispenser
from clinical.welfare.vkp import alert_code, dispense_event

DISPENSER_EVENT_TYPES = ("MedicationDispense", "DetectedIssue")


def dispenser_of(records: DispenserRecords) -> list[DispenserEvent] | None:
    """The dispenser events to build a round with, or None for a patient without a dispenser
    (no dispenser Device and no dispenser event)."""
    events = dispenser_events(records.events)
    if not records.devices and not events:
        return None
    return events


def _is_dispenser_event(resource: FhirJson) -> bool:
    if resource.get("resourceType") == "MedicationDispense":
        return dispense_event(resource) is not None
    found = alert_code(resource)
    return found is not None and found[0].startswith("1")


def dispenser_records(devices: Sequence[FhirJson], events: Sequence[FhirJson]) -> DispenserRecords:
    """The dispenser Devices and VKP dispenser events among a patient's records."""
    return DispenserRecords(
        devices=[d for d in devices if is_dispenser(d)],
        events=[e for e in events if _is_dispenser_event(e)],
    )
