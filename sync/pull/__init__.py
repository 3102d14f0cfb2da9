"""Pull: the scope's records from the platform into the store, incrementally, pages streamed.

One run, phase by phase (each in its own module):
1. The server's clock (``paging.Pager.server_time``): the run's watermark, never the device's.
2. ``unreadable``: records kept because they could not be read are tried again.
3. ``members``: the scope's patients (unit residents, visit-plan patients, explicit ids).
4. ``quiet``: two counts over every pulled type at once; when nothing changed anywhere the rest
   of the run asks nothing per type. Otherwise (or when members are new) one count per
   compartment type (``_summary=count``, no resource sent): types the platform holds none of
   are skipped below, and the totals feed ``deletes``.
5. ``incremental``: what changed for members already held, group by group.
6. ``references``: held Practitioners, Organizations, Medications... refreshed by ``_id``.
7. ``bootstrap``: new members' Patient compartments, with what they reference.
8. ``deletes``: what the platform deleted, found by counts and id listings.
Purging patients that left the scope (``purge``) runs when the engine says so, after its last
upload. Paging (``paging``) never skips a row and never moves the stored position past a record
that was not stored. What is pulled is the Patient compartment as FHIR R4 defines it, for the
types the platform can search (``sync.strategy``); no search names a patient outside the scope.
"""

from __future__ import annotations

from client import FhirClient
from clinical.fhir_types import KNOWN_TYPES
from sync.backoff import CancelToken
from sync.config import SyncConfig
from sync.conflicts import ConflictTally
from sync.events import EventHub
from sync.ports import SyncStore
from sync.pull.bootstrap import bootstrap
from sync.pull.context import PullContext, PullCounts, reference_types
from sync.pull.deletes import find_deletions
from sync.pull.incremental import pull_changes, type_checkpoint
from sync.pull.members import scope_members
from sync.pull.paging import Pager
from sync.pull.purge import purge_out_of_scope
from sync.pull.quiet import quiet_since_last, remember_total
from sync.pull.references import fetch_missing, held_types, refresh_held
from sync.pull.unreadable import retry_unreadable
from sync.scope import SyncScope
from sync.strategy import Strategy


class Puller:
    """Runs one pull of ``scope`` (see the module docstring)."""

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
        full: bool = False,
    ) -> None:
        self._ctx = PullContext(
            store,
            client,
            scope,
            config=config,
            strategy=strategy,
            events=events,
            cancel=cancel,
            tally=tally,
            ref_types=reference_types(KNOWN_TYPES),
            full=full,
        )
        self._members: set[str] | None = None

    @property
    def counts(self) -> PullCounts:
        return self._ctx.counts

    def run(self) -> PullCounts:
        """Pull the scope once; raise SignInRequired/PlatformUnavailable/SyncCancelled."""
        ctx = self._ctx
        pager = Pager(ctx)
        now = pager.server_time()
        retry_unreadable(ctx, pager)
        members = scope_members(ctx, pager)
        ctx.counts.members = len(members)
        bootstrapped = ctx.bootstrapped()
        known = bootstrapped & members
        new = sorted(members - bootstrapped)
        checkpoints = {
            p.resource_type: type_checkpoint(ctx, p.resource_type) for p in ctx.strategy.compartment
        }
        counted = [*ctx.strategy.pulled_types, *held_types(ctx)]
        quiet, total = self._quiet(pager, known, list(checkpoints.values()), counted)
        totals: dict[str, int | None] = {}
        present: set[str] | None = None
        if ctx.strategy.count_probes and (new or not quiet):
            totals = {t: pager.count(t) for t in checkpoints}
            present = {t for t, n in totals.items() if n is None or n > 0}
        changed: set[str] = set()
        if known and not quiet:
            changed = pull_changes(ctx, pager, known, now, present=present)
            refresh_held(ctx, pager, now)
        else:
            # Nothing changed (or nothing is held yet): every watermark moves to now.
            for name in checkpoints.values():
                if quiet or ctx.checkpoint(name) is None:
                    ctx.defer_save(name, now)
            if quiet:
                for rtype in held_types(ctx):
                    ctx.defer_save(f"ref:{ctx.key}:{rtype}", now)
        ctx.flush()
        bootstrap(ctx, pager, new, bootstrapped, present=present)
        fetch_missing(ctx, pager)
        if not quiet or ctx.full:
            find_deletions(ctx, pager, known, changed=changed, totals=totals, now=now)
        remember_total(
            ctx,
            pager,
            counted=counted,
            total=total,
            types=[*ctx.strategy.pulled_types, *held_types(ctx)],
        )
        ctx.flush()
        self._members = members
        return ctx.counts

    def _quiet(
        self, pager: Pager, known: set[str], checkpoints: list[str], types: list[str]
    ) -> tuple[bool, int | None]:
        ctx = self._ctx
        marks = [c.watermark for name in checkpoints if (c := ctx.checkpoint(name)) and c.watermark]
        if not known or ctx.full or len(marks) < len(checkpoints):
            marks = []  # not comparable: only the total is taken, for the next run
        return quiet_since_last(ctx, pager, types, marks)

    def purge(self) -> None:
        """Purge the patients not in scope (after ``run``; a no-op when it did not finish)."""
        if self._members is not None:
            purge_out_of_scope(self._ctx, self._members)


__all__ = ["PullCounts", "Puller"]
