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
    ``server_id``: the platform assigned its own id to our create; the store re-keys the row
    (and every reference to it) to that id.
    """

    seq: Seq
    version_id: str | None = None
    last_updated: str | None = None
    resource: Json | None = None
    server_id: str | None = None  # the platform's id for a create it gave its own id


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Where an incremental pull of one scope stands; stored with the data it describes."""

    scope: str
    watermark: str | None
    cursor_url: str | None = None


@dataclass(frozen=True, slots=True)
class ConflictCandidate:
    """A server version that was not applied because the local row has unsent changes.

    ``sent`` holds what this store sent for the resource and has not seen acknowledged (the
    newest last): a ``remote`` with one of these contents is our own write whose answer was lost.
    """

    resource_type: ResourceType
    resource_id: ResourceId
    local: Json | None
    base: Json | None
    base_version_id: str | None
    remote: Json | None
    remote_version_id: str | None
    remote_deleted: bool = False
    sent: tuple[Json, ...] = ()


@dataclass(frozen=True, slots=True)
class UnreadableRecord:
    """A record the platform sent that could not be read, kept with the platform's own text.

    ``resource_type``/``resource_id`` when the text names them validly; ``scope_patients`` are
    the patients whose search returned it (it may belong to any of them when the text names no
    patient). ``problems`` is value-free; ``text`` is patient data (kept encrypted, never
    logged). ``seq``, ``patient_id``, ``attempts`` and ``first_seen`` are the store's.
    """

    resource_type: str | None
    resource_id: str | None
    text: str = field(repr=False)
    problems: str = ""
    scope_patients: tuple[str, ...] = ()
    seq: int | None = None
    patient_id: str | None = None
    attempts: int = 0
    first_seen: str | None = None


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """What a page of server data did: rows written, stale rows skipped, conflict candidates."""

    applied: int
    skipped: int
    conflicts: tuple[ConflictCandidate, ...] = ()
    unreadable: int = 0


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
    unreadable: int = 0  # records from the platform that could not be read


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
