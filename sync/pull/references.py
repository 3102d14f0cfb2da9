"""Records that pulled records point at, and that are no patient's own: Practitioner,
Organization, Location, Medication, Device, ... (every type outside the Patient compartment; no
list is kept by hand).

They are fetched by ``_id`` (a read where the platform offers no search), up to three levels
deep (a PractitionerRole's Organization's Location). A type the platform can neither search nor
read is counted as not fetchable and named in the summary. Held ones are refreshed by the same
``_id`` searches, from their own watermark, when a count says something of that type changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import partial

from client import Gone, NotFound
from sync.pull.context import PullContext, minus
from sync.pull.paging import Fetched, Pager, Search
from sync.pull.quiet import count_along, note_counts
from sync.pull.searches import patient_groups

LEVELS = 3


def fetch_missing(ctx: PullContext, pager: Pager) -> None:
    """Fetch every wanted reference the store does not hold yet (and what those reference)."""
    for _level in range(LEVELS):
        missing = {
            rtype: sorted(i for i in ids if ctx.store.get(rtype, i) is None)
            for rtype, ids in ctx.wanted_refs.items()
        }
        ctx.wanted_refs.clear()
        missing = {rtype: ids for rtype, ids in missing.items() if ids}
        if not missing:
            return
        searches: list[Search] = []
        for rtype, ids in sorted(missing.items()):
            if rtype in ctx.strategy.searchable:
                searches.extend(_by_id(ctx, rtype, ids))
            elif rtype in ctx.strategy.readable:
                _read_each(ctx, rtype, ids)
            else:
                ctx.counts.unfetchable_references.add(rtype)
        counts = count_along(ctx, pager, {s.resource_type for s in searches}, held=held_types(ctx))
        pager.preload([*(pager.first_request(s) for s in searches), *counts])
        note_counts(ctx, pager, counts)
        for fetched in pager.ahead(_steps(pager, searches)):
            ctx.apply(fetched.page, refs=fetched.refs)
        remember_types(ctx, missing)
        ctx.progress("references", sum(len(ids) for ids in missing.values()), None)


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
