"""``StoreConflictResolver``: the store's sync conflicts, as the conflict dialog needs them.

The sync engine records a conflict (both versions and their merge base) when a server version
differs from the base of a resource with unsent local changes; the resource then waits for a
person. This adapter lists those rows and settles them through ``Store.resolve_conflict``, which
keeps the losing local version in the conflict row as a backup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from app.errors import NotSaved, StoreReadFailed
from app.service_context import store_errors
from app.values import Conflict, Resolution
from offline import Conflict as StoredConflict
from offline import ConflictId

_STORE_RESOLUTION = {
    Resolution.KEEP_LOCAL: "local",
    Resolution.KEEP_SERVER: "remote",
    Resolution.MERGE: "merged",
}


class ConflictStore(Protocol):
    """The part of ``offline.store.Store`` that holds conflicts."""

    def open_conflicts(self) -> list[StoredConflict]: ...

    def resolve_conflict(
        self,
        conflict_id: ConflictId,
        *,
        resolution: Any,
        merged: Mapping[str, Any] | None = None,
    ) -> None: ...


class StoreConflictResolver:
    """Lists and settles the open conflicts of one user's store (calls block: use a worker).

    ``store`` returns the open store (``Session.store``, which raises ``SessionLocked`` while
    the screen is locked)."""

    def __init__(self, store: Callable[[], ConflictStore]) -> None:
        self._store = store

    def open_conflicts(self) -> Sequence[Conflict]:
        """Conflicts waiting for a person; ``StoreReadFailed`` if the store cannot say."""
        with store_errors(StoreReadFailed):
            found = self._store().open_conflicts()
        return [
            Conflict(
                id=str(stored.conflict_id),
                resource_type=str(stored.resource_type),
                title=str(stored.resource_type),
                local=stored.local,
                server=None if stored.remote_deleted else stored.remote,
            )
            for stored in found
        ]

    def resolve(
        self,
        conflict_id: str,
        *,
        resolution: Resolution,
        merged: Mapping[str, Any] | None = None,
    ) -> None:
        """Settle one conflict; ``NotSaved`` if the store could not."""
        if resolution is Resolution.MERGE and merged is None:
            raise ValueError("a merge needs the merged resource")
        with store_errors(NotSaved):
            self._store().resolve_conflict(
                ConflictId(int(conflict_id)),
                resolution=_STORE_RESOLUTION[resolution],
                merged=merged if resolution is Resolution.MERGE else None,
            )
