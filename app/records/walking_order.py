"""The order a nurse walks a patient list: by visit time on a route, by room in a unit."""

from __future__ import annotations

from app.values import FhirJson, PatientListEntry
from clinical.fhir_read import as_list, human_name, parse_datetime, period, text

_NO_ROOM = 1 << 30


def room_name(location: FhirJson | None) -> str:
    """A room Location's name, else its first alias, else ""."""
    if location is None:
        return ""
    aliases = [text(a) for a in as_list(location.get("alias")) if text(a)]
    return text(location.get("name")) or (aliases[0] if aliases else "")


def visit_start(visit: FhirJson | None) -> float | None:
    """When a planned visit (Appointment ``start``, else Encounter ``period.start``) begins."""
    if visit is None:
        return None
    start = parse_datetime(visit.get("start")) or period(visit.get("period"))[0]
    return None if start is None else start.timestamp()


def sort_name(patient: FhirJson) -> str:
    """ "Family, Given" as a list sorts patients; "?" for a patient without a name."""
    full, sort = human_name(patient.get("name"))
    return sort or full or "?"


def walking_order(entry: PatientListEntry) -> tuple[object, ...]:
    """Sort key: visit time (routes), then room number, room name, and name (units)."""
    visit = visit_start(entry.visit)
    room = room_name(entry.location)
    digits = "".join(ch for ch in room if ch.isdigit())
    return (
        float("inf") if visit is None else visit,
        int(digits) if digits else _NO_ROOM,
        room,
        sort_name(entry.patient).casefold(),
    )
