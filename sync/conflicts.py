"""What happens to a server version that arrives for a resource with unsent local changes.

A ``ConflictPolicy`` decides per resource type; the default is the three-way merge against the
stored base. Every candidate is first recorded as a conflict (so the local version is copied
into the conflict row before anything changes), then settled:

- ``Merged(resource)``: the merged version replaces the local one and is queued for upload on
  top of the server version (``resolve_conflict(..., "merged")``).
- ``SameAsRemote()``: the server already holds exactly our content (our own write whose answer
  was lost); the server copy is taken and nothing is re-sent.
- ``KeepLocal()``: the server holds nothing but our own write whose answer was lost, and we
  changed or deleted the resource since: our version (or its delete) goes up on top of it.
- ``Deferred(reason)``: overlapping edits, or a delete on one side; the conflict stays open,
  the resource's upload waits, and the user decides with both versions in front of them.

Nothing is ever resolved by silently taking one side.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sync.merge import same_content, three_way_merge
from sync.ports import ConflictCandidate, SyncStore


@dataclass(frozen=True, slots=True)
class Merged:
    """Disjoint edits: upload this merged resource on top of the server version."""

    resource: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SameAsRemote:
    """The server version already equals the local one: take it, send nothing."""


@dataclass(frozen=True, slots=True)
class KeepLocal:
    """The server version is our own earlier write: upload the local version (or delete) on it."""


@dataclass(frozen=True, slots=True)
class Deferred:
    """Leave the conflict open for the user; ``reason`` is log-safe (paths, never values)."""

    reason: str


Decision = Merged | SameAsRemote | KeepLocal | Deferred
ConflictPolicy = Callable[[ConflictCandidate], Decision]


def three_way_policy(candidate: ConflictCandidate) -> Decision:
    """The default: equal → take remote; disjoint edits → merge; anything else → defer."""
    local, remote = candidate.local, candidate.remote
    if candidate.remote_deleted or remote is None:
        return Deferred("deleted on the platform, changed here")
    if local is None:
        return Deferred("deleted here, changed on the platform")
    if same_content(local, remote):
        return SameAsRemote()
    result = three_way_merge(candidate.base, local, remote)
    if result.merged is None:
        return Deferred("overlapping edits at " + ", ".join(result.conflicts[:5]))
    return Merged(result.merged)


@dataclass(frozen=True)
class ConflictPolicies:
    """The policy per resource type, with a default for the rest."""

    default: ConflictPolicy = three_way_policy
    per_type: Mapping[str, ConflictPolicy] = field(default_factory=dict)

    def decide(self, candidate: ConflictCandidate) -> Decision:
        policy = self.per_type.get(candidate.resource_type, self.default)
        return policy(candidate)


@dataclass
class ConflictTally:
    """Counts for the summary."""

    detected: int = 0
    merged: int = 0
    open: int = 0


def settle(
    store: SyncStore,
    candidate: ConflictCandidate,
    policies: ConflictPolicies,
    tally: ConflictTally,
) -> Decision:
    """Record ``candidate`` (keeping the local copy) and apply the policy's decision.

    A candidate already recorded as an open conflict with the same remote version (seen again
    on pull after the push found it) is left as it is. A remote version whose content equals
    something this store sent for the resource (``candidate.sent``) is our own write whose
    answer was lost, and the user edited on since: it is the true base of the local version, so
    the merge uses it as the base. Only content decides this, never ``meta.source``: a server
    may carry a writer's ``source`` forward into a colleague's later version, and taking that
    version for our own would undo the colleague's change.
    """
    remote = candidate.remote
    own_write = remote is not None and any(same_content(remote, sent) for sent in candidate.sent)
    if own_write:
        candidate = replace(candidate, base=remote, base_version_id=candidate.remote_version_id)
    for known in store.open_conflicts():
        if (
            (known.resource_type, known.resource_id)
            == (candidate.resource_type, candidate.resource_id)
            and known.remote_version_id == candidate.remote_version_id
            and known.remote_deleted == candidate.remote_deleted
        ):
            return Deferred("already waiting for a decision")
    decision = _on_own_write(candidate) if own_write else policies.decide(candidate)
    conflict_id = store.record_conflict(candidate)
    tally.detected += 1
    if isinstance(decision, Merged):
        store.resolve_conflict(conflict_id, resolution="merged", merged=decision.resource)
        tally.merged += 1
    elif isinstance(decision, SameAsRemote):
        store.resolve_conflict(conflict_id, resolution="remote")
        tally.merged += 1
    elif isinstance(decision, KeepLocal):
        store.resolve_conflict(conflict_id, resolution="local")
        tally.merged += 1
    else:
        tally.open += 1
    return decision


def _on_own_write(candidate: ConflictCandidate) -> Decision:
    """No one else changed the resource: the server version is what we sent, so whatever we did
    since (an edit or a delete) simply goes on top of it. No policy has anything to weigh."""
    local, remote = candidate.local, candidate.remote
    if local is not None and remote is not None and same_content(local, remote):
        return SameAsRemote()
    return KeepLocal()
