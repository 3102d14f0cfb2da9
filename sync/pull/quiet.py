"""The quiet check: has anything the scope pulls changed on the platform since the last run?

Two counts over every pulled type at once (a system search with ``_type`` and
``_summary=count``; no resource is sent, so no patient's data): what changed since the oldest
watermark, and how many there are in all. Nothing changed and the total is what it was means
nothing was created, updated or deleted, for anyone: the run needs no per-type request at all.
This keeps a sync with nothing to do at a handful of requests, however many patients the scope
holds. A platform without system search or counts is asked type by type instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence

from sync.pull.context import PullContext, minus
from sync.pull.paging import Pager, Request


def quiet_since_last(
    ctx: PullContext, pager: Pager, types: Sequence[str], watermarks: Sequence[str]
) -> tuple[bool, int | None]:
    """(whether nothing changed in ``types`` since the oldest of ``watermarks``, the total now).

    Without ``watermarks`` (nothing held yet) only the total is taken, for the next run. A
    change within ``overlap`` before the last run is counted again once (the overlap is what
    catches a platform committing late), so the run after a change is not yet quiet.
    """
    if not (ctx.strategy.system_search and ctx.strategy.count_probes and ctx.strategy.incremental):
        return False, None
    if not types:
        return False, None
    names = ",".join(sorted(types))
    total = pager.count_system((("_type", names),))
    if not watermarks:
        return False, total
    previous = ctx.checkpoint(_name(ctx))
    if (
        previous is None
        or previous.cursor_url != _digest(types)
        or str(total) != previous.watermark
    ):
        return False, total
    since = min(minus(w, ctx.config.overlap) for w in watermarks)
    changed = pager.count_system((("_type", names), ("_lastUpdated", f"ge{since}")))
    return changed == 0, total


def quiet_requests(
    ctx: PullContext, pager: Pager, types: Sequence[str], watermarks: Sequence[str]
) -> list[Request]:
    """The requests ``quiet_since_last`` will send for the same arguments (for ``preload``)."""
    if not (ctx.strategy.system_search and ctx.strategy.count_probes and ctx.strategy.incremental):
        return []
    if not types:
        return []
    names = ",".join(sorted(types))
    requests = [pager.count_request(None, (("_type", names),))]
    if watermarks:
        since = min(minus(w, ctx.config.overlap) for w in watermarks)
        requests.append(
            pager.count_request(None, (("_type", names), ("_lastUpdated", f"ge{since}")))
        )
    return requests


def count_along(
    ctx: PullContext, pager: Pager, types: Iterable[str], *, held: Collection[str]
) -> list[Request]:
    """Counts of the reference ``types`` not held before this run, to send in the batch that
    first fetches them (``note_counts`` reads them): the run's total for the next quiet check
    then needs no request of its own at the end. ``held``: the reference types held before.
    None where batches are not answered (a count would be a round trip of its own) or the quiet
    check is not made."""
    if not (pager.batching and _checks(ctx)):
        return []
    fresh = sorted({t for t in types if t not in held and t not in ctx.new_type_totals})
    return [pager.count_request(t) for t in fresh]


def note_counts(ctx: PullContext, pager: Pager, requests: Sequence[Request]) -> None:
    """Read the counts ``count_along`` asked for (answered with the batch they rode in)."""
    for resource_type, _params in requests:
        if resource_type is not None:
            ctx.new_type_totals[resource_type] = pager.count(resource_type)


def remember_total(
    ctx: PullContext,
    pager: Pager,
    *,
    counted: Sequence[str],
    total: int | None,
    types: Sequence[str],
) -> None:
    """Keep the total of ``types`` for the next run's quiet check: the one taken at the start
    when the run pulled no new type; the list grew (new reference types): that total plus the
    counts taken as the new types were first fetched (``count_along``: a system count over
    several ``_type`` values is the sum of each type's count, FHIR R4 search.html#summary and
    http.html#search), else a new count."""
    if total is None:
        return
    if sorted(counted) != sorted(types):
        grown = set(types) - set(counted)
        parts = [ctx.new_type_totals.get(t) for t in sorted(grown)]
        if set(counted) <= set(types) and all(n is not None for n in parts):
            total += sum(n for n in parts if n is not None)
        else:
            total = pager.count_system((("_type", ",".join(sorted(types))),))
        if total is None:
            return
    ctx.defer_save(_name(ctx), str(total), _digest(types))


def _checks(ctx: PullContext) -> bool:
    """Whether the quiet check is made on this platform (system search of counts, by date)."""
    strategy = ctx.strategy
    return strategy.system_search and strategy.count_probes and strategy.incremental


def _digest(types: Sequence[str]) -> str:
    return hashlib.sha256(",".join(sorted(types)).encode()).hexdigest()[:16]


def _name(ctx: PullContext) -> str:
    return f"total:{ctx.key}:*"
