"""Pull: the scope's records from the platform into the store, incrementally, pages streamed.

One run, phase by phase (each in its own module):
1. The server's clock (``paging.Pager.server_time``): the run's watermark, never the device's.
2. ``unreadable``: records kept because they could not be read are tried again.
3. ``members``: the scope's patients (unit residents, visit-plan patients, explicit ids).
   Where the platform answers batches, steps 1, 3 and 4 (and the counts of a first sync) are
   asked for in one round trip at the start (``_prelude_requests``; sent beside ``/metadata``
   where the engine could, ``opening``), so a sync with nothing to do costs
   the CapabilityStatement and that one batch.
4. ``quiet``: two counts over every pulled type at once; when nothing changed anywhere the rest
   of the run asks nothing per type. Otherwise (or when members are new) one count per
   compartment type (``_summary=count``, no resource sent): types the platform holds none of
   are skipped below, and the totals feed ``deletes``.
5. ``incremental``: what changed for members already held, group by group.
6. ``references``: held Practitioners, Organizations, Medications... refreshed by ``_id``.
7. ``bootstrap``: new members' Patient compartments, with what they reference.
8. ``logical``: records that name their patient by identifier (VKP, PMD) for the members held,
   the alerts that name nobody, and the devices they name (with new members, its first batch
   is asked for once the last group's Patients are stored, and it runs once that batch is
   answered, between that group's pages: its records' references and devices join the
   group's reference rounds).
9. ``deletes``: what the platform deleted, found by counts and id listings.
Purging patients that left the scope (``purge``) runs when the engine says so, after its last
upload. Paging (``paging``) never skips a row and never moves the stored position past a record
that was not stored. What is pulled is the Patient compartment as FHIR R4 defines it, for the
types the platform can search (``sync.strategy``); no search names a patient outside the scope.
"""

from __future__ import annotations

from concurrent.futures import Future

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
from sync.pull.logical import logical_checkpoints, prefetch_logical, pull_logical
from sync.pull.members import scope_members
from sync.pull.opening import Opening
from sync.pull.paging import Pager, Request, Search
from sync.pull.purge import purge_out_of_scope
from sync.pull.quiet import quiet_requests, quiet_since_last, remember_total
from sync.pull.references import fetch_missing, held_types, refresh_held
from sync.pull.unreadable import retry_unreadable
from sync.scope import SyncScope, member_queries
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
        opening: Opening | None = None,
    ) -> None:
        self._opening = opening
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
        pager = Pager(self._ctx, opening=self._opening)
        try:
            return self._run(pager)
        finally:
            pager.close()

    def opening_requests(self) -> list[Request]:
        """The requests ``run`` opens with (``_prelude_requests``), without sending any (for
        the engine's ``Opening``)."""
        bootstrapped, _checkpoints, marks, counted = self._state()
        return self._prelude_requests(Pager(self._ctx), bootstrapped, marks, counted)

    def _state(self) -> tuple[set[str], dict[str, str], list[str], list[str]]:
        """(members bootstrapped, each type's checkpoint name, every watermark the quiet check
        compares with, the types it counts), as the store holds them at the run's start."""
        ctx = self._ctx
        bootstrapped = ctx.bootstrapped()
        checkpoints = {
            p.resource_type: type_checkpoint(ctx, p.resource_type) for p in ctx.strategy.compartment
        }
        counted = [*ctx.strategy.pulled_types, *held_types(ctx)]
        # The identifier phase's watermarks count too: quiet since the oldest of them all.
        marks = [*checkpoints.values(), *logical_checkpoints(ctx)]
        return bootstrapped, checkpoints, marks, counted

    def _run(self, pager: Pager) -> PullCounts:
        ctx = self._ctx
        bootstrapped, checkpoints, marks, counted = self._state()
        pager.preload(self._prelude_requests(pager, bootstrapped, marks, counted))
        now = pager.server_time()
        retry_unreadable(ctx, pager)
        members = scope_members(ctx, pager)
        ctx.counts.members = len(members)
        known = bootstrapped & members
        new = sorted(members - bootstrapped)
        quiet, total = self._quiet(pager, known, marks, counted)
        totals: dict[str, int | None] = {}
        present: set[str] | None = None
        if ctx.strategy.count_probes and (new or not quiet):
            pager.preload([pager.count_request(t) for t in checkpoints])
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

        logical_done = False

        def prefetch(held: set[str]) -> Future[None] | None:
            # The identifier phase's batch travels while the last group's pages are stored.
            return prefetch_logical(ctx, pager, held & members, now, quiet=quiet)

        def logical(held: set[str]) -> None:
            # Its records' references and devices join the last group's reference rounds.
            nonlocal logical_done
            pull_logical(ctx, pager, held & members, now, quiet=quiet)
            logical_done = True

        bootstrap(
            ctx,
            pager,
            new,
            bootstrapped,
            totals=totals,
            on_last_patients=prefetch,
            on_last_group=logical,
        )
        fetch_missing(ctx, pager)
        if not logical_done:
            pull_logical(ctx, pager, ctx.bootstrapped() & members, now, quiet=quiet)
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

    def _prelude_requests(
        self, pager: Pager, bootstrapped: set[str], checkpoints: list[str], types: list[str]
    ) -> list[Request]:
        """The run's opening requests, asked for in one round trip (where batches are answered,
        and sent with ``/metadata`` where the engine could, ``opening``): the server's clock,
        the first page of each member search, the quiet check's counts (as if the members were
        those held), and, when nothing is held yet, the count of each compartment type the
        first sync needs."""
        ctx = self._ctx
        requests = [pager.server_time_request()]
        requests += [
            pager.first_request(Search(q.resource_type, q.params))
            for q in member_queries(ctx.scope)
        ]
        requests += quiet_requests(ctx, pager, types, self._marks(bootstrapped, checkpoints))
        if not bootstrapped and ctx.strategy.count_probes:
            requests += [pager.count_request(p.resource_type) for p in ctx.strategy.compartment]
        return requests

    def _quiet(
        self, pager: Pager, known: set[str], checkpoints: list[str], types: list[str]
    ) -> tuple[bool, int | None]:
        return quiet_since_last(self._ctx, pager, types, self._marks(known, checkpoints))

    def _marks(self, known: set[str], checkpoints: list[str]) -> list[str]:
        """The watermarks the quiet check compares with; none when they are not comparable
        (nothing held, a full sync, a type never pulled): only the total is taken then."""
        ctx = self._ctx
        marks = [c.watermark for name in checkpoints if (c := ctx.checkpoint(name)) and c.watermark]
        if not known or ctx.full or len(marks) < len(checkpoints):
            return []
        return marks

    def purge(self) -> None:
        """Purge the patients not in scope (after ``run``; a no-op when it did not finish)."""
        if self._members is not None:
            purge_out_of_scope(self._ctx, self._members)


__all__ = ["Opening", "PullCounts", "Puller"]
