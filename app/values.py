"""Plain values the views read from the application: places, patients, record parts, grants.

Reads carry FHIR R4 resources exactly as the store holds them (JSON mappings), grouped in small
frozen dataclasses; the views present them. No Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NewType

from clinical.news2 import News2Result, ResponseBand
from clinical.records.audit import AccessBasis
from config import EffectiveValue, Layer
from sync import Connectivity, SyncStatus, SyncSummary

FhirJson = Mapping[str, Any]
PatientId = NewType("PatientId", str)
PlaceId = NewType("PlaceId", str)

__all__ = [
    "AccessBasis",
    "AccessGrant",
    "Conflict",
    "Connectivity",
    "CoreRecord",
    "DueDoses",
    "EffectiveValue",
    "FhirJson",
    "Layer",
    "MedicationData",
    "MedicationList",
    "OwnAccess",
    "PatientId",
    "PatientListEntry",
    "PinProblem",
    "PinState",
    "PlaceId",
    "PlaceKind",
    "PlaceOfWork",
    "Prescriptions",
    "RecordView",
    "Resolution",
    "SettingInfo",
    "SyncStatus",
    "SyncSummary",
    "VitalsAlert",
]


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
    list's due column asks ``ClinicalSource.due_doses`` once it has shown.
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


@dataclass(frozen=True, slots=True)
class MedicationData:
    """A patient's medication list and prescriptions with the Medications they reference."""

    statements: Sequence[FhirJson] = ()
    requests: Sequence[FhirJson] = ()
    medications: Sequence[FhirJson] = ()


class RecordView(StrEnum):
    """Which part of the record was opened (named in the AuditEvent and the access log)."""

    CORE_RECORD = "core-record"
    MEDICATION_LIST = "medication-list"
    PRESCRIPTIONS = "prescriptions"


@dataclass(frozen=True, slots=True)
class AccessGrant:
    """The basis the user gave for this visit; ``reason`` is required for an emergency."""

    basis: AccessBasis
    reason: str
    granted_at: datetime


@dataclass(frozen=True, slots=True)
class OwnAccess:
    """One of the user's own openings from the local access log (the UI words it).

    ``patient`` is the Patient as this computer holds it now, or None when it is no longer here;
    ``basis``/``view`` are None for a line this version cannot read.
    """

    at: datetime
    patient_id: str
    patient: FhirJson | None
    basis: AccessBasis | None
    view: RecordView | None

    @property
    def emergency(self) -> bool:
        return self.basis is AccessBasis.EMERGENCY


@dataclass(frozen=True, slots=True)
class DueDoses:
    """One patient's doses still to document in this shift's round window.

    ``overdue``: past their time by more than the tolerance; ``due_now``: within it; ``later``:
    later in the shift. ``unclear``: orders whose dosage cannot be scheduled safely (the round
    page says why); ``followups``: as-needed doses whose effect is still to be assessed.
    """

    overdue: int = 0
    due_now: int = 0
    later: int = 0
    unclear: int = 0
    followups: int = 0

    @property
    def nothing_due(self) -> bool:
        """True when there is nothing at all to do or check."""
        return not (self.overdue or self.due_now or self.later or self.unclear or self.followups)

    def sort_key(self) -> tuple[int, ...]:
        """Most urgent first when sorted descending: overdue, unclear, due now, later."""
        return (self.overdue, self.unclear, self.due_now, self.later, self.followups)


class Resolution(StrEnum):
    """How a sync conflict was settled."""

    KEEP_LOCAL = "keep-local"
    KEEP_SERVER = "keep-server"
    MERGE = "merge"


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two versions of one resource: ours (unsent) and the server's.

    Field paths are top-level FHIR element names (``status``, ``dosage``, ``note``), the level
    at which a nurse can judge two versions.
    """

    id: str
    resource_type: str
    title: str
    local: Mapping[str, Any] | None
    server: Mapping[str, Any] | None


class PinProblem(StrEnum):
    """Why the lock screen cannot offer the PIN now (only an online sign-in unlocks)."""

    OFFLINE_TOO_LONG = "offline-too-long"
    """Nobody signed in online here recently enough (``offline_sign_in_hours``)."""
    NO_KEY_HERE = "no-key-here"
    """This person has no PIN on this computer yet."""
    TOO_MANY_WRONG_PINS = "too-many-wrong-pins"
    """The PIN was mistyped too often."""


@dataclass(frozen=True, slots=True)
class ForgotPin:
    """What a person who forgot their PIN can do on this computer (``ui`` words it).

    ``fresh_store_allowed`` only when the store was last closed with nothing unsent (after an
    online sign-in; the old files are kept aside); ``recoverable`` when policy deployed the
    organisation's recovery key, so IT can open the store; ``store_reference`` names the store
    (a hash, no personal data) for IT's recovery command.
    """

    maybe_unsent: bool
    recoverable: bool
    fresh_store_allowed: bool
    store_reference: str


@dataclass(frozen=True, slots=True)
class PinState:
    """Whether the lock screen offers the PIN, and if not, why (``ui.errors`` words it)."""

    allowed: bool
    problem: PinProblem | None = None


@dataclass(frozen=True, slots=True)
class SettingInfo:
    """What a setting means and which values it accepts, in words (for the settings dialog)."""

    description: str
    accepts: str


@dataclass(frozen=True, slots=True)
class VitalsAlert:
    """The NEWS2 result of a patient's newest set of vital signs, and when it was measured.

    RCP NEWS2 Chart 2: a single parameter scoring 3 needs an urgent ward-based response even
    when the set is incomplete, so the patient list warns on the newest set's red parameters
    and on the band it reaches at least, not only on a complete set's total.
    """

    at: datetime
    result: News2Result

    @property
    def urgent(self) -> bool:
        """True when the set needs at least an urgent ward-based response (a red parameter or
        5 points or more), complete or not."""
        return self.result.least_band.rank >= ResponseBand.LOW_MEDIUM.rank

    @property
    def red_count(self) -> int:
        """How many parameters score 3."""
        return len(self.result.red_parameters)

    def sort_key(self) -> tuple[int, int]:
        """Most urgent first when sorted descending: band reached, then red parameters."""
        return (self.result.least_band.rank, self.red_count)
