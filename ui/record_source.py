"""What the bedside views read from and write to: the ``RecordSource`` protocol.

The views never talk to the encrypted store or the network directly. ``main.py`` adapts the real
store (``offline``) to this protocol; tests use an in-memory fake. Every method may block on disk,
so views call them only through ``ui.tasks.TaskRunner``, never on the GUI thread.

Reads return FHIR R4 resources exactly as the server holds them (JSON dicts), grouped in small
dataclasses. Writes go to the store and its outbox in one transaction; building the FHIR resource
(AuditEvent, Task) with the signed-in user's identity is the adapter's job, because only it knows
who is signed in.

Errors: a source raises ``RecordSourceError`` (or a subclass) for anything the user should hear
about; ``PatientNotFound`` when the patient is not in the local store. Other exceptions are bugs and
are reported as such by ``ui.errors``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NewType, Protocol

FhirJson = Mapping[str, Any]
PatientId = NewType("PatientId", str)
PlaceId = NewType("PlaceId", str)


class RecordSourceError(Exception):
    """The local store could not answer; the message is safe to show (no patient data)."""


class PatientNotFound(RecordSourceError):
    """The patient is not (or no longer) in the local store."""


class PlaceKind(StrEnum):
    """A nursing-home unit lists residents by room; a home-care route lists visits by time."""

    UNIT = "unit"
    ROUTE = "route"


@dataclass(frozen=True, slots=True)
class PlaceOfWork:
    """A nursing-home unit, or one home-care route on one day."""

    id: PlaceId
    kind: PlaceKind
    name: str
    day: date | None = None


@dataclass(frozen=True, slots=True)
class PatientListEntry:
    """One line of the patient list, as FHIR resources.

    ``location`` is the room (Location) in a unit; ``visit`` the planned Appointment (or Encounter)
    on a route. ``critical`` holds the patient's AllergyIntolerance, Flag, Consent and Condition
    resources that the header banner and the list indicator judge. Doses due are not here: the
    list's due column asks a ``DueDoseSource`` (``ui.presenters.due_doses``) once it has shown.
    """

    patient: FhirJson
    location: FhirJson | None = None
    visit: FhirJson | None = None
    critical: Sequence[FhirJson] = ()


@dataclass(frozen=True, slots=True)
class CoreRecord:
    """Everything the core record view and the patient header show."""

    patient: FhirJson
    allergies: Sequence[FhirJson] = ()
    conditions: Sequence[FhirJson] = ()
    flags: Sequence[FhirJson] = ()
    consents: Sequence[FhirJson] = ()
    immunizations: Sequence[FhirJson] = ()
    encounters: Sequence[FhirJson] = ()
    related_persons: Sequence[FhirJson] = ()
    general_practitioner: FhirJson | None = None
    location: FhirJson | None = None


@dataclass(frozen=True, slots=True)
class MedicationList:
    """The patient's MedicationStatements with their Medications, and when this user last looked.

    ``last_seen_at`` is per signed-in user and patient; None means never.
    """

    statements: Sequence[FhirJson] = ()
    medications: Sequence[FhirJson] = ()
    last_seen_at: datetime | None = None
    allergies: Sequence[FhirJson] = ()
    """The patient's AllergyIntolerances, to flag the medicines they match."""


@dataclass(frozen=True, slots=True)
class Prescriptions:
    """MedicationRequests (whole renewal chains), their dispenses, and open renewal Tasks."""

    requests: Sequence[FhirJson] = ()
    dispenses: Sequence[FhirJson] = ()
    medications: Sequence[FhirJson] = ()
    tasks: Sequence[FhirJson] = field(default_factory=tuple)
    allergies: Sequence[FhirJson] = ()
    """The patient's AllergyIntolerances, to flag the medicines they match."""


class AccessBasis(StrEnum):
    """The legal basis for opening a record; values are the national (Kjernejournal) codes."""

    CONSENT = "SAMTYKKE"
    EMERGENCY = "AKUTT"
    EXCEPTION = "UNNTAK"


class RecordView(StrEnum):
    """Which part of the record was opened (for the AuditEvent)."""

    CORE_RECORD = "core-record"
    MEDICATION_LIST = "medication-list"
    PRESCRIPTIONS = "prescriptions"


@dataclass(frozen=True, slots=True)
class AccessGrant:
    """The basis the user gave for this visit; ``reason`` is required for an emergency."""

    basis: AccessBasis
    reason: str
    granted_at: datetime


class RecordSource(Protocol):
    """The local store as the bedside views need it. Every call may block: run it on a worker."""

    def places_of_work(self) -> Sequence[PlaceOfWork]:
        """Units and today's routes the signed-in user may choose from."""
        ...

    def patients_at(self, place: PlaceOfWork) -> Sequence[PatientListEntry]:
        """Residents of a unit, or the visits of a route on its day."""
        ...

    def core_record(self, patient_id: PatientId) -> CoreRecord:
        """The patient's summary record; raises ``PatientNotFound``."""
        ...

    def medication_list(self, patient_id: PatientId) -> MedicationList:
        """The patient's medication list, stopped items included."""
        ...

    def prescriptions(self, patient_id: PatientId) -> Prescriptions:
        """The patient's prescriptions with dispenses and renewal requests."""
        ...

    def last_synced_at(self, patient_id: PatientId) -> datetime | None:
        """When this patient's data last came from the platform; None if never."""
        ...

    def unreadable_types(self, patient_id: PatientId) -> frozenset[str]:
        """Types of this patient's records the platform sent that could not be read ("" for a
        record whose type is unknown); the sync keeps and retries them."""
        ...

    def record_access(
        self, patient_id: PatientId, *, view: RecordView, grant: AccessGrant, at: datetime
    ) -> None:
        """Write an AuditEvent for opening ``view`` (store + outbox, one transaction)."""
        ...

    def mark_medication_list_seen(self, patient_id: PatientId, *, at: datetime) -> None:
        """Remember that the signed-in user has now seen the medication list."""
        ...

    def request_renewal(
        self, patient_id: PatientId, *, prescription_id: str, note: str, at: datetime
    ) -> None:
        """Write a renewal-request Task to the prescriber (store + outbox, one transaction)."""
        ...
