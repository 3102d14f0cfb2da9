"""Where a resident stays (the current nursing-home stay's room) and what the banner judges."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from app.values import FhirJson
from clinical.fhir_read import reference_target
from offline import WARD_ENCOUNTER_STATUSES


class StoredCoreRecord(Protocol):
    """The parts of a store core record (``offline.CoreRecord``) the banner judges."""

    @property
    def allergies(self) -> Sequence[FhirJson]: ...

    @property
    def flags(self) -> Sequence[FhirJson]: ...

    @property
    def consents(self) -> Sequence[FhirJson]: ...

    @property
    def conditions(self) -> Sequence[FhirJson]: ...


def critical_resources(record: StoredCoreRecord) -> list[FhirJson]:
    """The resources the critical-information banner judges, from a store core record."""
    return [*record.allergies, *record.flags, *record.consents, *record.conditions]


def stay_location_ids(encounters: Sequence[FhirJson], *, unit_id: str | None = None) -> list[str]:
    """Location ids of a current nursing-home stay (at ``unit_id``, which is left out)."""
    for encounter in encounters:
        if encounter.get("status") not in WARD_ENCOUNTER_STATUSES:
            continue
        targets = [
            reference_target(entry.get("location"))
            for entry in encounter.get("location") or ()
            if isinstance(entry, Mapping) and entry.get("status", "active") == "active"
        ]
        locations = [t.removeprefix("Location/") for t in targets if t.startswith("Location/")]
        if unit_id is not None and unit_id not in locations:
            continue
        if rooms := [lid for lid in locations if lid != unit_id]:
            return rooms
    return []
