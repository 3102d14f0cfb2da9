"""What every phase of a pull shares: the store, the client, the strategy, counts, and applying a
page (resources, unreadable records and the checkpoint together, in one store transaction)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from client import FhirClient, SearchPage, Unreadable
from clinical.fhir_time import parse_instant
from sync import patient_compartment
from sync.backoff import CancelToken
from sync.config import SyncConfig
from sync.conflicts import ConflictTally, Deferred, settle
from sync.events import EventHub
from sync.ports import ApplyResult, Checkpoint, SyncStore, UnreadableRecord
from sync.retrying import call_with_retry
from sync.scope import SyncScope
from sync.strategy import Strategy

if TYPE_CHECKING:
    from sync.pull.paging import Search

T = TypeVar("T")
Resource = dict[str, Any]

# Records are fetched by reference only when they are no patient's own (the compartment brings
# those, for members only): Practitioner, Organization, Location, Medication, Device, ...
NOT_STORABLE = frozenset({"Bundle", "OperationOutcome", "Parameters"})


def reference_types(known_types: Iterable[str]) -> frozenset[str]:
    """The types a pulled record's reference may bring in: outside the Patient compartment."""
    return frozenset(
        t
        for t in known_types
        if not patient_compartment.PARAMS.get(t) and t != "Patient" and t not in NOT_STORABLE
    )


@dataclass
class PullCounts:
    """What a pull did, for the summary."""

    members: int = 0
    bootstrapped: int = 0
    applied: int = 0
    skipped: int = 0
    deleted: int = 0
    purged_patients: int = 0
    pages: int = 0
    unreadable: int = 0
    unreadable_recovered: int = 0
    reconciled: bool = False
    deletes_supported: bool = True
    unpullable: tuple[str, ...] = ()
    unfetchable_references: set[str] = field(default_factory=set)


class PullContext:
    """One pull's shared state; every phase module gets it."""

    def __init__(
        self,
        store: SyncStore,
        client: FhirClient,
        scope: SyncScope,
        *,
        config: SyncConfig,
        strategy: Strategy,
        events: EventHub,
        cancel: CancelToken,
        tally: ConflictTally,
        ref_types: frozenset[str],
        full: bool,
    ) -> None:
        self.store = store
        self.client = client
        self.scope = scope
        self.config = config
        self.strategy = strategy
        self.events = events
        self.cancel = cancel
        self.tally = tally
        self.ref_types = ref_types
        self.full = full
        self.key = scope.key
        self.counts = PullCounts(unpullable=strategy.unpullable)
        self.wanted_refs: dict[str, set[str]] = defaultdict(set)
        # Searches for referenced records not named by id (devices named by identifier),
        # sent with the next round of references (``references``).
        self.wanted_searches: list[Search] = []
        # References asked for by id ahead of ``fetch_missing`` (``ReferenceChase``): asked
        # once a run, so one the platform does not have is not asked for again.
        self.asked_refs: set[tuple[str, str]] = set()
        # Platform totals of reference types first fetched in this run (``quiet.count_along``).
        self.new_type_totals: dict[str, int | None] = {}
        self._deferred: dict[str, Checkpoint] = {}

    # ---- store ---------------------------------------------------------------------------

    def apply(
        self,
        page: SearchPage,
        *,
        refs: frozenset[tuple[str, str]] = frozenset(),
        checkpoint: Checkpoint | None = None,
        scope_patients: Sequence[str] = (),
        resources: list[Resource] | None = None,
    ) -> None:
        """Store a page: its resources, its unreadable entries and ``checkpoint``, together.

        ``resources`` replaces the page's own (a caller that keeps only some). A page with
        nothing to store and no checkpoint costs no store transaction.
        """
        self.counts.pages += 1
        chosen = page.resources if resources is None else resources
        for rtype, rid in refs:
            self.wanted_refs[rtype].add(rid)
        unreadable = [unreadable_record(u, scope_patients) for u in page.unreadable]
        if not chosen and not unreadable and checkpoint is None:
            return
        result = self.store.apply_server_resources(
            chosen, checkpoint=checkpoint, unreadable=unreadable
        )
        self.counts.applied += result.applied
        self.counts.skipped += result.skipped
        self.counts.unreadable += result.unreadable
        self.settle(result)

    def settle(self, result: ApplyResult) -> None:
        """Record and decide the conflicts a store call reported."""
        for candidate in result.conflicts:
            decision = settle(self.store, candidate, self.config.policies, self.tally)
            self.events.emit(
                "conflict_was_detected",
                resource_type=candidate.resource_type,
                merged=not isinstance(decision, Deferred),
            )

    def checkpoint(self, name: str) -> Checkpoint | None:
        return self.store.checkpoint(name)

    def save(self, name: str, watermark: str | None, cursor: str | None = None) -> None:
        self._deferred.pop(name, None)
        self.store.save_checkpoint(Checkpoint(name, watermark, cursor))

    def defer_save(self, name: str, watermark: str | None, cursor: str | None = None) -> None:
        """Save with the next ``flush`` (one store transaction for many quiet types): losing it
        to a crash only means asking again next time."""
        self._deferred[name] = Checkpoint(name, watermark, cursor)

    def flush(self) -> None:
        """Save every deferred checkpoint, in one store transaction."""
        if self._deferred:
            self.store.save_checkpoints(list(self._deferred.values()))
            self._deferred.clear()

    def bootstrapped(self) -> set[str]:
        """The members whose compartments have been pulled in this scope."""
        found = self.checkpoint(f"members:{self.key}")
        if found is None or not found.cursor_url:
            return set()
        return set(json.loads(found.cursor_url))

    def save_bootstrapped(self, members: Iterable[str]) -> None:
        # The member list is sync state, so it lives in the store beside the data it describes.
        self.save(f"members:{self.key}", None, json.dumps(sorted(members), separators=(",", ":")))

    # ---- platform ------------------------------------------------------------------------

    def retry(self, call: Callable[[], T], *, what: str) -> T:
        """``call()`` under the engine's retry loop (the only one: the client does not retry)."""
        return call_with_retry(
            call,
            backoff=self.config.backoff,
            cancel=self.cancel,
            random=self.config.random,
            what=what,
        )

    # ---- progress ------------------------------------------------------------------------

    def progress(self, phase: str, done: int, total: int | None) -> None:
        self.events.emit("sync_progressed", phase=phase, done=done, total=total)


def unreadable_record(entry: Unreadable, scope_patients: Sequence[str]) -> UnreadableRecord:
    """A client's unreadable entry as the store keeps it."""
    report = entry.report
    return UnreadableRecord(
        resource_type=report.resource_type,
        resource_id=report.resource_id,
        text=entry.text,
        problems=report.describe(),
        scope_patients=tuple(scope_patients),
    )


def minus(instant: str, overlap: timedelta) -> str:
    """``instant`` moved back by ``overlap``, as FHIR instant text in UTC."""
    return (parse_instant(instant) - overlap).isoformat()


def chunks(items: Sequence[str], size: int) -> list[list[str]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
