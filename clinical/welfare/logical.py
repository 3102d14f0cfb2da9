"""The logical patient reference of a resource: ``subject.identifier`` instead of ``Patient/<id>``.

VKP and PMD "always reference a Patient Resource using a norwegian national id number
(Fødselsnummer or DNR) in a logical identifier in the subject.identifier element. The Name of
the patient should be given in the subject.display element" (HL7Norway/VkpObservation,
``profiles/VkpObservation.fsh``). The identifier systems they allow are FNR, DNR and FHN
(``codesystems/VkpSubjectIdentifiersCodeSystem.fsh``, binding required).

Such a resource belongs to the Patient whose ``identifier`` holds exactly the same system and
value, and to nobody else: never a match on the name in ``display``, never a guess between two
patients carrying the same number. Only surrounding whitespace is ignored in the value (one
public VKP example has a leading space); the UI says so. A resource with a literal reference to
a Patient is not logical: the literal reference decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from clinical import codes

PERSON_ID_SYSTEMS: Final = (codes.FODSELSNUMMER, codes.D_NUMMER, codes.FELLES_HJELPENUMMER)
"""The systems VKP allows in ``subject.identifier`` (FNR, DNR, FHN)."""

# The element that names the patient in each resource type VKP and PMD send, then the others
# the Patient compartment uses (same order as offline.extract looks for a literal reference).
PATIENT_FIELDS: Final = ("subject", "patient", "for", "beneficiary")


@dataclass(frozen=True, slots=True)
class LogicalId:
    """A patient named by identifier: ``system`` and ``value`` exactly as sent, value trimmed."""

    system: str
    value: str
    display: str = ""

    @property
    def token(self) -> str:
        """``system|value``, as a FHIR token search takes it."""
        return f"{self.system}|{self.value}"


def logical_patient(resource: Mapping[str, Any]) -> LogicalId | None:
    """The logical patient reference of ``resource``, or None (a literal reference, none, or
    an identifier without a value)."""
    for name in PATIENT_FIELDS:
        ref = resource.get(name)
        if not isinstance(ref, Mapping):
            continue
        if isinstance(ref.get("reference"), str) and ref["reference"]:
            return None
        identifier = ref.get("identifier")
        if not isinstance(identifier, Mapping):
            continue
        value = identifier.get("value")
        system = identifier.get("system")
        if isinstance(value, str) and value.strip():
            display = ref.get("display")
            return LogicalId(
                system=system if isinstance(system, str) else "",
                value=value.strip(),
                display=display if isinstance(display, str) else "",
            )
    return None


def patient_identifiers(patient: Mapping[str, Any]) -> set[tuple[str, str]]:
    """Every ``(system, value)`` a Patient carries."""
    found: set[tuple[str, str]] = set()
    for identifier in patient.get("identifier") or ():
        if isinstance(identifier, Mapping) and isinstance(identifier.get("value"), str):
            system = identifier.get("system")
            found.add((system if isinstance(system, str) else "", identifier["value"]))
    return found
