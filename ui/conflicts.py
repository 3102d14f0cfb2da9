"""What the conflict dialog needs from the sync engine: a small protocol and plain values.

The sync engine (``sync``) owns conflicts; ``main.py`` adapts it to ``ConflictResolver``. Field
paths are top-level FHIR element names (``status``, ``dosage``, ``note``), which is the level at
which a nurse can judge two versions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol


class Resolution(StrEnum):
    """How a conflict was settled."""

    KEEP_LOCAL = "keep-local"
    KEEP_SERVER = "keep-server"
    MERGE = "merge"


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two versions of one resource: ours (unsent) and the server's."""

    id: str
    resource_type: str
    title: str
    local: Mapping[str, Any] | None
    server: Mapping[str, Any] | None


class ConflictResolver(Protocol):
    """Lists open conflicts and settles them. Both calls may block: run them on a worker."""

    def open_conflicts(self) -> Sequence[Conflict]:
        """Conflicts waiting for a person."""
        ...

    def resolve(
        self,
        conflict_id: str,
        *,
        resolution: Resolution,
        merged: Mapping[str, Any] | None = None,
    ) -> None:
        """Settle one conflict; ``merged`` is the resource to keep when merging."""
        ...
