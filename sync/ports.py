"""What the engine needs from the store, as a Protocol, and the offline value types it uses.

The engine is written against ``SyncStore`` (implemented by ``offline.Store``) so tests can wrap
the real store, e.g. to crash at a chosen step. Everything comes from ``offline``'s public
``__init__`` (the layer rule, enforced by import-linter): the value types are re-exported here
so the engine's modules import them from one place.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol

from offline import (
    ApplyResult,
    Checkpoint,
    Conflict,
    ConflictCandidate,
    ConflictId,
    Json,
    OutboxEntry,
    OutboxStatus,
    PurgeResult,
    SentResult,
    Seq,
    UnreadableRecord,
)

Resolution = Literal["local", "remote", "merged"]


class SyncStore(Protocol):
    """The store calls the engine makes (see ``offline.sync_api`` for each contract)."""

    def get(self, resource_type: str, resource_id: str) -> Json | None: ...

    def find_by_identifier(self, system: str, value: str) -> list[Json]: ...

    def claim_batch(self, *, limit: int = ...) -> list[OutboxEntry]: ...

    def outbox_status(self) -> OutboxStatus: ...

    def consolidate(self, results: Sequence[SentResult]) -> None: ...

    def adopt_platform_id(self, resource_type: str, resource_id: str, server_id: str) -> None: ...

    def id_aliases(self) -> dict[tuple[str, str], str]: ...

    def release(self, seqs: Sequence[Seq], *, error: str | None = ...) -> None: ...

    def quarantine(self, seq: Seq, message: str) -> None: ...

    def apply_server_resources(
        self,
        resources: Iterable[Mapping[str, Any] | str | bytes],
        *,
        checkpoint: Checkpoint | None = ...,
        unreadable: Iterable[UnreadableRecord] = ...,
    ) -> ApplyResult: ...

    def apply_server_deletes(
        self, refs: Iterable[tuple[str, str]], *, checkpoint: Checkpoint | None = ...
    ) -> ApplyResult: ...

    def keep_unreadable(self, records: Sequence[UnreadableRecord]) -> None: ...

    def unreadable_records(self) -> list[UnreadableRecord]: ...

    def forget_unreadable(self, seqs: Sequence[int]) -> None: ...

    def checkpoint(self, scope: str) -> Checkpoint | None: ...

    def save_checkpoint(self, checkpoint: Checkpoint) -> None: ...

    def save_checkpoints(self, checkpoints: Sequence[Checkpoint]) -> None: ...

    def record_conflict(self, candidate: ConflictCandidate) -> ConflictId: ...

    def open_conflicts(self) -> list[Conflict]: ...

    def resolve_conflict(
        self,
        conflict_id: ConflictId,
        *,
        resolution: Resolution,
        merged: Mapping[str, Any] | None = ...,
    ) -> None: ...

    def purge_patient(self, patient_id: str) -> PurgeResult: ...

    def purge_patients(
        self, patient_ids: Sequence[str], *, keep_referencing: Collection[str] = ...
    ) -> list[PurgeResult]: ...

    def held_patients(self) -> set[str]: ...

    def clean_ids(
        self, resource_type: str, *, patients: Collection[str] | None = ...
    ) -> set[str]: ...

    def known_count(self, resource_type: str, *, patients: Collection[str]) -> int: ...

    def prune_audit_log(self, *, before: str) -> int: ...


__all__ = [
    "ApplyResult",
    "Checkpoint",
    "Conflict",
    "ConflictCandidate",
    "ConflictId",
    "Json",
    "OutboxEntry",
    "OutboxStatus",
    "PurgeResult",
    "Resolution",
    "SentResult",
    "Seq",
    "SyncStore",
    "UnreadableRecord",
]
