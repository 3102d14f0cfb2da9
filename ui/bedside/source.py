"""What bedside documentation reads and writes: the ``BedsideSource`` protocol.

Views never talk to the encrypted store directly. ``main.py`` adapts the store (``offline``)
to this protocol; tests use an in-memory fake. Every method may block (disk, PIN hashing), so
views call them only through ``ui.tasks.TaskRunner``.

Reads return FHIR R4 resources as JSON dicts. ``record`` writes every resource it is given to
the store and the outbox in ONE transaction: all of a round's pouch items, an administration
and its follow-up Task, a set of vital signs and its NEWS2 score are saved together or not at
all. The resources arrive complete (ids, identifiers, references) from ``clinical.records``.

Errors: a source raises ``BedsideSourceError`` (its message is safe to show: no patient data)
for anything the user should hear about; ``ColleagueNotVerified`` when a double-signature
colleague gave an unknown user name/HPR number or a wrong PIN. Anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from clinical.records import Staff

FhirJson = Mapping[str, Any]


class BedsideSourceError(Exception):
    """The store could not answer or write; the message is safe to show."""


class ColleagueNotVerified(BedsideSourceError):
    """Unknown colleague or wrong PIN (deliberately not saying which)."""


@dataclass(frozen=True, slots=True)
class MedicationData:
    """A patient's medication list and prescriptions with the Medications they reference."""

    statements: Sequence[FhirJson] = ()
    requests: Sequence[FhirJson] = ()
    medications: Sequence[FhirJson] = ()


class BedsideSource(Protocol):
    """The local store as bedside documentation needs it. Every call may block."""

    def current_user(self) -> Staff:
        """The signed-in user: Practitioner id, name, HPR number, role (Volven 9060)."""
        ...

    def round_patients(self) -> Sequence[FhirJson]:
        """Patient resources of the current unit or home-care route, in list order."""
        ...

    def patient(self, patient_id: str) -> FhirJson:
        """One Patient resource; raises ``BedsideSourceError`` when it is not in the store."""
        ...

    def medication_data(self, patient_id: str) -> MedicationData:
        """Active and stopped MedicationStatements, MedicationRequests and their Medications."""
        ...

    def allergies(self, patient_id: str) -> Sequence[FhirJson]:
        """The patient's AllergyIntolerance resources (all statuses; the check filters)."""
        ...

    def administrations(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> Sequence[FhirJson]:
        """MedicationAdministrations whose effective time lies in ``[since, until)``."""
        ...

    def open_followups(self, patient_id: str) -> Sequence[FhirJson]:
        """PRN effect follow-up Tasks of the patient that are not completed or cancelled."""
        ...

    def medication_for_gtin(self, gtin: str) -> FhirJson | None:
        """The Medication whose code has this 14-digit GTIN (drug catalogue), or None."""
        ...

    def search_medications(self, text: str, *, limit: int = 50) -> Sequence[FhirJson]:
        """Catalogue Medications whose name contains ``text`` (for picking a pack by hand)."""
        ...

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        """The colleague confirming a double signature; raises ``ColleagueNotVerified``."""
        ...

    def spo2_scale_2_decision(self, patient_id: str) -> FhirJson | None:
        """The active Flag or Condition documenting that SpO2 scale 2 applies, or None."""
        ...

    def vital_signs(self, patient_id: str, *, since: datetime) -> Sequence[FhirJson]:
        """Vital-sign and NEWS2 Observations effective at or after ``since``."""
        ...

    def record(self, resources: Sequence[FhirJson]) -> None:
        """Write all ``resources`` to the store and the outbox in one transaction."""
        ...
