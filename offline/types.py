"""Plain value types shared by the store's public API: ids, outbox entries, conflicts, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NewType

UserId = NewType("UserId", str)
"""The signed-in user's stable identity (IdP subject or HPR number); names the store file."""

ResourceType = NewType("ResourceType", str)
ResourceId = NewType("ResourceId", str)
PatientId = NewType("PatientId", str)
Seq = NewType("Seq", int)
"""Outbox sequence number: the only order in which local changes are sent."""
ConflictId = NewType("ConflictId", int)

Json = dict[str, Any]
"""A FHIR resource as parsed JSON, exactly as it was stored."""

Operation = Literal["create", "update", "delete"]
OutboxState = Literal["pending", "inflight", "quarantined"]


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One change to send: the payload is the resource's current local JSON (None for a delete)."""

    seq: Seq
    op: Operation
    resource_type: ResourceType
    resource_id: ResourceId
    base_version_id: str | None
    resource: Json | None
    references: tuple[str, ...]
    state: OutboxState
    attempts: int
    last_error: str | None


@dataclass(frozen=True, slots=True)
class SentResult:
    """The server's answer to one sent outbox entry, to consolidate.

    For create/update, ``resource`` is the server's copy (``Prefer: return=representation``)
    and ``version_id``/``last_updated`` its new version; for a delete all three may be None.
    """

    seq: Seq
    version_id: str | None = None
    last_updated: str | None = None
    resource: Json | None = None


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Where an incremental pull of one scope stands; stored with the data it describes."""

    scope: str
    watermark: str | None
    cursor_url: str | None = None


@dataclass(frozen=True, slots=True)
class ConflictCandidate:
    """A server version that was not applied because the local row has unsent changes."""

    resource_type: ResourceType
    resource_id: ResourceId
    local: Json | None
    base: Json | None
    base_version_id: str | None
    remote: Json | None
    remote_version_id: str | None
    remote_deleted: bool = False


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """What a page of server data did: rows written, stale rows skipped, conflict candidates."""

    applied: int
    skipped: int
    conflicts: tuple[ConflictCandidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    """A recorded conflict: both sides and the merge base are kept until it is resolved."""

    conflict_id: ConflictId
    resource_type: ResourceType
    resource_id: ResourceId
    local: Json | None
    remote: Json | None
    base: Json | None
    remote_version_id: str | None
    remote_deleted: bool
    detected_at: str
    resolved_at: str | None = None
    resolution: str | None = None


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """A patient left scope: rows removed, and dirty rows (plus what they need) kept."""

    removed: int
    kept_dirty: int


@dataclass(frozen=True, slots=True)
class OutboxStatus:
    """Counts the UI shows so unsynced work is always visible."""

    pending: int
    inflight: int
    quarantined: int
    open_conflicts: int


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One line of the local audit log (ids only, never resource content)."""

    seq: int
    at: str
    user_id: str
    action: str
    resource_type: str | None
    resource_id: str | None
    patient_id: str | None
    detail: str | None = None
    access_basis: str | None = None
    """For a record opening: the national access-basis code (SAMTYKKE, AKUTT, UNNTAK)."""
    record_view: str | None = None
    """For a record opening: which part of the record was opened (e.g. ``core-record``)."""


@dataclass(frozen=True, slots=True)
class CoreRecord:
    """A patient's core record (kjernejournal-style summary), plain JSON dicts inside."""

    patient: Json
    allergies: list[Json] = field(default_factory=list)
    conditions: list[Json] = field(default_factory=list)
    flags: list[Json] = field(default_factory=list)
    consents: list[Json] = field(default_factory=list)
    immunizations: list[Json] = field(default_factory=list)
    encounters: list[Json] = field(default_factory=list)
    related_persons: list[Json] = field(default_factory=list)
    general_practitioners: list[Json] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MedicationList:
    """Medication statements in use and the Medication resources they reference (by "Type/id")."""

    statements: list[Json]
    medications: dict[str, Json]


@dataclass(frozen=True, slots=True)
class Prescriptions:
    """Prescriptions (MedicationRequest), their dispenses and referenced Medications."""

    requests: list[Json]
    dispenses: list[Json]
    medications: dict[str, Json]
