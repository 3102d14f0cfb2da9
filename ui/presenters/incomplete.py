"""Which parts of a patient's record may be incomplete: the platform sent records of them that
could not be read (they are kept and retried by the sync; see ``offline.unreadable``).

Only the parts a wrong decision at the bedside hangs on are named in the header: allergies,
critical information (warnings, critical conditions, treatment limitations) and medication. A
record whose type could not be read at all may be any of them, so it counts too.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum


class MissingPart(StrEnum):
    """A part of the record the header warns about."""

    ALLERGIES = "allergies"
    CRITICAL = "critical"
    MEDICATION = "medication"
    UNKNOWN = "unknown"


_PART_OF = {
    "AllergyIntolerance": MissingPart.ALLERGIES,
    "Flag": MissingPart.CRITICAL,
    "Condition": MissingPart.CRITICAL,
    "Consent": MissingPart.CRITICAL,
    "MedicationStatement": MissingPart.MEDICATION,
    "MedicationRequest": MissingPart.MEDICATION,
    "MedicationAdministration": MissingPart.MEDICATION,
    "MedicationDispense": MissingPart.MEDICATION,
    "Medication": MissingPart.MEDICATION,
    "": MissingPart.UNKNOWN,
}


def missing_parts(unreadable_types: Collection[str]) -> tuple[MissingPart, ...]:
    """The parts to warn about for a patient with unreadable records of these types, in order."""
    found = {_PART_OF[t] for t in unreadable_types if t in _PART_OF}
    return tuple(part for part in MissingPart if part in found)
