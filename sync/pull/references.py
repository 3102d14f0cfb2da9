"""Records that pulled records point at, and that are no patient's own: Practitioner,
Organization, Location, Medication, Device, ... (every type outside the Patient compartment; no
list is kept by hand).

They are fetched by ``_id`` (a read where the platform offers no search), up to three levels
deep (a PractitionerRole's Organization's Location) once a group's pages are stored; while they
are being stored, ``ReferenceChase`` asks for them as the pages name them (a first sync's store
writes take longer than its pages take to arrive), each answer's own references in the next
round, so the levels that remain after the store are few or none. A type the platform can
neither search nor read is counted as not fetchable and named in the summary. Held ones are
refreshed by the same ``_id`` searches, from their own watermark, when a count says something
of that type changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial

from client import Gone, NotFound
from sync.pull.context import PullContext, minus
from sync.pull.paging import Fetched, Pager, Request, Search
from sync.pull.quiet import count_along, note_counts
from sync.pull.searches import patient_groups

LEVELS = 3


def fetch_missing(ctx: PullContext, pager: Pager) -> None:
    """Fetch every wanted reference the store does not hold yet (and what those reference),
    and the wanted searches (``PullContext.wanted_searches``) with the first round."""
    for _level in range(LEVELS):
        missing = {rtype: _unasked(ctx, rtype, ids) for rtype, ids in ctx.wanted_refs.items()}
        ctx.wanted_refs.clear()
        missing = {rtype: ids for rtype, ids in missing.items() if ids}
        searches: list[Search] = _take_searches(ctx)
        if not missing and not searches:
            return
        for rtype, ids in sorted(missing.items()):
            if rtype in ctx.strategy.searchable:
                searches.extend(_by_id(ctx, rtype, ids))
            elif rtype in ctx.strategy.readable:
                _read_each(ctx, rtype, ids)
            else:
                ctx.counts.unfetchable_references.add(rtype)
        types = {s.resource_type for s in searches}
        counts = count_along(ctx, pager, types, held=held_types(ctx))
        pager.preload([*(pager.first_request(s) for s in searches), *counts])
        note_counts(ctx, pager, counts)
        for fetched in pager.ahead(_steps(pager, searches)):
            ctx.apply(fetched.page, refs=fetched.refs)
        remember_types(ctx, {*missing, *types})
        ctx.progress("references", sum(len(ids) for ids in missing.values()), None)


FLIGHTS = 2
"""Batches of references ``ReferenceChase`` has on their way at once."""


@dataclass
class _Flight:
    searches: list[Search]
    counts: list[Request]
    future: Future[None]


class ReferenceChase:
    """Fetches what a group's pages reference while the pages are still being stored.

    A first sync's store writes take longer than its pages take to arrive; asking for the
    references only once every page is stored puts a round trip per level after the store.
    ``poll``, called between two pages, stores the answers that have arrived (their own
    references are then wanted), and asks (in a batch, on the pager's helper threads, at most
    ``FLIGHTS`` at once) for the searchable references wanted and not held: those of the
    stored pages, and those the pager found in pages that have arrived but are not stored yet
    (``Pager.arrived_refs``). An id is asked for once a run (one the platform does not have
    is not asked for again). ``drain`` goes on until nothing searchable is wanted; what is left
    (types read one by one, types not fetchable, a level not reached) is ``fetch_missing``'s,
    as before. Chasing stops for the run where the pager cannot batch.
    """

    def __init__(self, ctx: PullContext, pager: Pager) -> None:
        self._ctx = ctx
        self._pager = pager
        self._flights: list[_Flight] = []
        self._counted: set[str] = set()
        self._off = False

    def poll(self) -> None:
        """Store the answers that have arrived; ask for what is wanted and not asked for yet."""
        while self._flights and self._flights[0].future.done():
            self._land(self._flights.pop(0))
        if not self._off and len(self._flights) < FLIGHTS:
            self._ask()

    def drain(self) -> None:
        """Store every answer on its way, and chase until nothing searchable is wanted."""
        while True:
            self.poll()
            if not self._flights:
                return
            self._land(self._flights.pop(0))

    def _ask(self) -> None:
        ctx = self._ctx
        for rtype, rid in self._pager.arrived_refs():
            ctx.wanted_refs[rtype].add(rid)
        chosen: dict[str, list[str]] = {}
        for rtype in sorted(ctx.wanted_refs):
            if rtype not in ctx.strategy.searchable:
                continue  # read one by one, or not fetchable: fetch_missing's
            wanted = ctx.wanted_refs.pop(rtype)
            missing = _unasked(ctx, rtype, wanted)
            if missing:
                chosen[rtype] = missing
        extra = _take_searches(ctx)
        if not chosen and not extra:
            return
        searches = [*extra, *(s for rtype, ids in chosen.items() for s in _by_id(ctx, rtype, ids))]
        types = {s.resource_type for s in searches} - self._counted
        counts = count_along(ctx, self._pager, types, held=held_types(ctx))
        future = self._pager.preload_behind(
            [*(self._pager.first_request(s) for s in searches), *counts], single=True
        )
        if future is None:  # no batches here: give it back, stop chasing
            self._off = True
            for rtype, ids in chosen.items():
                ctx.wanted_refs[rtype].update(ids)
            ctx.wanted_searches[:0] = extra
            return
        self._counted |= types
        ctx.asked_refs.update((rtype, i) for rtype, ids in chosen.items() for i in ids)
        self._flights.append(_Flight(searches, counts, future))

    def _land(self, flight: _Flight) -> None:
        ctx = self._ctx
        note_counts(ctx, self._pager, flight.counts)
        for fetched in _steps(self._pager, flight.searches):
            ctx.apply(fetched.page, refs=fetched.refs)
        remember_types(ctx, {s.resource_type for s in flight.searches})


def refresh_held(ctx: PullContext, pager: Pager, now: str) -> None:
    """Apply changes to the held records of each reference type since its watermark."""
    for rtype in held_types(ctx):
        name = f"ref:{ctx.key}:{rtype}"
        committed = ctx.checkpoint(name)
        if committed is None or committed.watermark is None or not ctx.strategy.incremental:
            ctx.defer_save(name, now)
            continue
        since = minus(committed.watermark, ctx.config.overlap)
        if (
            ctx.strategy.count_probes and pager.count(rtype, (("_lastUpdated", f"ge{since}"),)) == 0
        ) or rtype not in ctx.strategy.searchable:
            ctx.defer_save(name, now)
            continue
        held = sorted(ctx.store.clean_ids(rtype))
        for search in _by_id(ctx, rtype, held):
            for fetched in pager.pages(search, since=since):
                ctx.apply(fetched.page, refs=fetched.refs)
        ctx.save(name, now)


def held_types(ctx: PullContext) -> list[str]:
    """The reference types this scope has fetched so far."""
    found = ctx.checkpoint(f"reftypes:{ctx.key}")
    return sorted(json.loads(found.cursor_url)) if found and found.cursor_url else []


def remember_types(ctx: PullContext, fetched: Iterable[str]) -> None:
    """Add ``fetched`` (the searchable ones) to the types ``refresh_held`` keeps up to date."""
    types = set(held_types(ctx)) | {t for t in fetched if t in ctx.strategy.searchable}
    ctx.save(f"reftypes:{ctx.key}", None, json.dumps(sorted(types)))


def _by_id(ctx: PullContext, rtype: str, ids: list[str]) -> list[Search]:
    groups = patient_groups(
        ids, max_chars=ctx.config.max_list_chars, max_size=ctx.config.chunk_size
    )
    return [Search(rtype, (("_id", ",".join(group)),)) for group in groups]


def _unasked(ctx: PullContext, rtype: str, ids: Iterable[str]) -> list[str]:
    """``ids`` of ``rtype`` neither asked for this run nor held, sorted."""
    return sorted(
        i for i in ids if (rtype, i) not in ctx.asked_refs and ctx.store.get(rtype, i) is None
    )


def _take_searches(ctx: PullContext) -> list[Search]:
    searches: list[Search] = list(ctx.wanted_searches)
    ctx.wanted_searches.clear()
    return searches


def _steps(pager: Pager, searches: list[Search]) -> Iterator[Fetched]:
    for search in searches:
        yield from pager.steps(search)


def _read_each(ctx: PullContext, rtype: str, ids: list[str]) -> None:
    for rid in ids:
        try:
            resource = ctx.retry(partial(ctx.client.read, rtype, rid), what=f"read of {rtype}")
        except (NotFound, Gone):
            continue
        ctx.settle(ctx.store.apply_server_resources([resource]))
