"""The author of a note or handover "with role": a PractitionerRole, stored or contained.

HL7 Norway's guidance: "Når helsepersonen rapporterer i form av sin rolle for en organisasjon er
PractitionerRole riktig ressurs" (HL7Norway/best-practice, Practitioner-PractitionerRole.md).
When the platform holds a PractitionerRole for the signed-in person it is referenced; otherwise
the role travels inside the record as a contained PractitionerRole (R4 ``contained``: content
"that does not have an independent existence apart from the resource that contains it"), with
``practitioner`` → the Practitioner (HPR number as identifier), ``code`` the Volven 9060
health-personnel category, and ``organization`` the unit's Organization when known.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from clinical import codes
from clinical.records.common import Json, Staff, reference

CONTAINED_AUTHOR_ID: Final = "author"
CATEGORY_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "SP": "Sykepleier",
        "HF": "Helsefagarbeider",
        "LE": "Lege",
        "VP": "Vernepleier",
        "FT": "Fysioterapeut",
        "ET": "Ergoterapeut",
        "JO": "Jordmor",
    }
)
"""Displays of the Volven 9060 categories a municipal nursing service documents in."""


@dataclass(frozen=True)
class Author:
    """Who writes, in which role: the staff member, and their stored PractitionerRole if any."""

    staff: Staff
    practitioner_role_id: str | None = None
    organization: Mapping[str, Any] | None = None

    @property
    def role_name(self) -> str:
        """The category's Norwegian name ("Sykepleier"), or "" when unknown."""
        return CATEGORY_NAMES.get(self.staff.role or "", "")

    def display(self) -> str:
        """ "Kari Nordmann (Sykepleier)"."""
        role = self.role_name
        return f"{self.staff.name} ({role})" if role else self.staff.name

    def reference(self) -> Json:
        """The reference to put in ``author`` / ``attester.party``."""
        if self.practitioner_role_id:
            return reference("PractitionerRole", self.practitioner_role_id, self.display())
        return {"reference": f"#{CONTAINED_AUTHOR_ID}", "display": self.display()}

    def contained(self) -> list[Json]:
        """The contained PractitionerRole when none is stored (else nothing to contain)."""
        if self.practitioner_role_id:
            return []
        role: Json = {
            "resourceType": "PractitionerRole",
            "id": CONTAINED_AUTHOR_ID,
            "practitioner": self.staff.reference(),
        }
        if self.staff.role:
            coding: Json = {"system": codes.KATEGORI_HELSEPERSONELL, "code": self.staff.role}
            if self.role_name:
                coding["display"] = self.role_name
            role["code"] = [{"coding": [coding]}]
        if self.organization is not None:
            role["organization"] = dict(self.organization)
        return [role]
