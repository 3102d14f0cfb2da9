"""What the engine needs from the store, as a Protocol, and the offline value types it uses.

The engine is written against ``SyncStore`` (implemented by ``offline.Store``) so tests can wrap
the real store, e.g. to crash at a chosen step. The offline types are imported here and only
here, so the day ``offline/__init__.py`` exports them only this file changes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol

from offline import reconcile
from offline.types import (
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
)
from offline.views import StoreReader

Resolution = Literal["local", "remote", "merged"]


class SyncStore(Protocol):
    """The store calls the engine makes (see ``offline.sync_api`` for each contract)."""

    def get(self, resource_type: str, resource_id: str) -> Json | None: ...

    def claim_batch(self, *, limit: int = ...) -> list[OutboxEntry]: ...

    def outbox_status(self) -> OutboxStatus: ...

    def consolidate(self, results: Sequence[SentResult]) -> None: ...

    def release(self, seqs: Sequence[Seq], *, error: str | None = ...) -> None: ...

    def quarantine(self, seq: Seq, message: str) -> None: ...

    def apply_server_resources(
        self,
        resources: Iterable[Mapping[str, Any] | str | bytes],
        *,
        checkpoint: Checkpoint | None = ...,
    ) -> ApplyResult: ...

    def apply_server_deletes(
        self, refs: Iterable[tuple[str, str]], *, checkpoint: Checkpoint | None = ...
    ) -> ApplyResult: ...

    def checkpoint(self, scope: str) -> Checkpoint | None: ...

    def save_checkpoint(self, checkpoint: Checkpoint) -> None: ...

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


def clean_ids(
    store: SyncStore, resource_type: str, *, patients: Collection[str] | None = None
) -> set[str]:
    """See ``offline.reconcile.clean_ids``; ``store`` must be the offline Store."""
    if not isinstance(store, StoreReader):
        raise TypeError("id reconciliation reads the offline Store's rows; got another store")
    return reconcile.clean_ids(store, resource_type, patients=patients)


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
    "clean_ids",
]
