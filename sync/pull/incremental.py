"""Incremental pull: what changed since the watermark, for the members already held.

Per compartment type: a count of everything changed since ``watermark - overlap``
(``_summary=count``, no resource sent) decides whether to look at all; if something changed,
each group of members is searched with ``_lastUpdated=ge…``. A change somewhere else in the
municipality costs those scoped searches, and no other patient's record ever arrives. Each page
is applied in one store transaction together with the type's cursor (which search, and where
in it); the type's new watermark (the server time taken at the start of the run) is committed
after its last search. The first pages of the types that changed are asked for together in
``batch`` Bundles (``Pager.preload``), in waves of at most ``PRELOAD_BUDGET`` resources.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from sync.ports import Checkpoint
from sync.pull.context import PullContext, minus
from sync.pull.paging import Pager, Params, Request, Search
from sync.pull.searches import compartment_searches, patient_groups
from sync.strategy import TypePlan

PRELOAD_BUDGET: Final = 3_000
"""About how many resources the first pages batched in one go may hold, where the scope has
more than one group of patients. They wait in memory until the types before them are stored:
with every changed type's first pages in one batch, a re-pull of 40,000 records (300 patients,
everything inside the overlap) peaked the sync process at 524 MB, 228 MB over the sync before
it. The counts are over the whole type, other patients' changes too, so they only cap the
estimate. A ward's or a route's scope is one group: its batch is bounded by the scope itself and
goes whole, one round trip whatever changed (``bench_mobile_link``)."""


def pull_changes(
    ctx: PullContext,
    pager: Pager,
    known: Collection[str],
    now: str,
    *,
    present: Collection[str] | None,
) -> set[str]:
    """Apply what changed for ``known`` members; returns the types in which something changed."""
    groups = patient_groups(
        sorted(known), max_chars=ctx.config.max_list_chars, max_size=ctx.config.chunk_size
    )
    held: list[tuple[TypePlan, str, Checkpoint, str | None]] = []
    for plan in ctx.strategy.compartment:
        rtype = plan.resource_type
        name = type_checkpoint(ctx, rtype)
        committed = ctx.checkpoint(name)
        absent = present is not None and rtype not in present
        if committed is None or committed.watermark is None:
            # A type new to this scope (the platform began to offer it): all of it, once.
            if not absent:
                _search_all(ctx, pager, plan, groups, since=None, name=None)
            ctx.defer_save(name, now)
        elif absent:
            ctx.defer_save(name, now)
        else:
            since = (
                minus(committed.watermark, ctx.config.overlap) if ctx.strategy.incremental else None
            )
            held.append((plan, name, committed, since))
    probe = ctx.strategy.count_probes
    pager.preload(
        [
            pager.count_request(*_changed_since(p, since))
            for p, _n, _c, since in held
            if since and probe
        ]
    )
    todo: list[_Changed] = []
    for plan, name, committed, since in held:
        changes = pager.count(*_changed_since(plan, since)) if probe and since else None
        if changes == 0:
            ctx.defer_save(name, now)
        else:
            first = _first_requests(pager, plan, groups, since=since, committed=committed)
            todo.append(_Changed(plan, name, committed, since, first, changes))
    changed: set[str] = set()
    done = 0
    # One group (a ward, a route: at most ``chunk_size`` patients) bounds the batch itself.
    waves = [todo] if len(groups) <= 1 else _waves(todo, page_size=ctx.config.page_size)
    for wave in waves:
        pager.preload([request for item in wave for request in item.first])
        for item in wave:
            changed.add(item.plan.resource_type)
            _search_all(
                ctx, pager, item.plan, groups, since=item.since, name=item.name,
                committed=item.committed,
            )  # fmt: skip
            ctx.save(item.name, now)
            done += 1
            ctx.progress("pull", done, len(todo))
    return changed


@dataclass(frozen=True)
class _Changed:
    """A type in which something changed: where its searches start, and how many changed
    (``_summary=count`` over the whole type, so at least what the scope's searches find;
    None where the platform does not count)."""

    plan: TypePlan
    name: str
    committed: Checkpoint
    since: str | None
    first: list[Request]
    changes: int | None


def _waves(todo: list[_Changed], *, page_size: int) -> list[list[_Changed]]:
    """``todo`` in order, cut where the first pages batched so far would hold more than
    ``PRELOAD_BUDGET`` resources (a page holds at most ``page_size``; a type at most what its
    count says). A wave's first pages are asked for in one batch and wait in memory until read."""
    waves: list[list[_Changed]] = [[]]
    expected = 0
    for item in todo:
        size = page_size * len(item.first)
        if item.changes is not None:
            size = min(size, item.changes)
        if waves[-1] and expected + size > PRELOAD_BUDGET:
            waves.append([])
            expected = 0
        waves[-1].append(item)
        expected += size
    return [wave for wave in waves if wave]


def _changed_since(plan: TypePlan, since: str) -> tuple[str, Params]:
    """The count that says whether anything of ``plan``'s type changed since ``since``."""
    return plan.resource_type, (("_lastUpdated", f"ge{since}"),)


def _first_requests(
    pager: Pager,
    plan: TypePlan,
    groups: list[list[str]],
    *,
    since: str | None,
    committed: Checkpoint,
) -> list[Request]:
    """The first requests ``_search_all`` will send, for ``preload`` (a resumed search's own
    first request goes from its cursor and is left out)."""
    searches = [s for group in groups for s in compartment_searches(plan, group)]
    start, at = _resume(committed.cursor_url, _digest(searches))
    first = start if at is None else start + 1
    return [pager.first_request(s, since=since) for s in searches[first:]]


def type_checkpoint(ctx: PullContext, resource_type: str) -> str:
    return f"pull:{ctx.key}:{resource_type}"


def _search_all(
    ctx: PullContext,
    pager: Pager,
    plan: TypePlan,
    groups: list[list[str]],
    *,
    since: str | None,
    name: str | None,
    committed: Checkpoint | None = None,
) -> None:
    searches = [s for group in groups for s in compartment_searches(plan, group)]
    digest = _digest(searches)
    start, at = _resume(committed.cursor_url if committed else None, digest)
    for index in range(start, len(searches)):
        search = searches[index]
        for fetched in pager.pages(search, since=since, cursor=at if index == start else None):
            checkpoint = None
            if name is not None and committed is not None:
                where = {"plan": digest, "search": index, "at": fetched.after}
                if fetched.after is None:
                    where = {"plan": digest, "search": index + 1, "at": None}
                checkpoint = Checkpoint(name, committed.watermark, json.dumps(where))
            ctx.apply(
                fetched.page,
                refs=fetched.refs,
                checkpoint=checkpoint,
                scope_patients=search.patients,
            )


def _digest(searches: list[Search]) -> str:
    """Names the list of searches, so a cursor is only used with the list it was made for."""
    text = "|".join(f"{s.resource_type}?{s.params}" for s in searches)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _resume(cursor: str | None, digest: str) -> tuple[int, str | None]:
    if not cursor:
        return 0, None
    try:
        where = json.loads(cursor)
    except ValueError:
        return 0, None
    if not isinstance(where, dict) or where.get("plan") != digest:
        return 0, None
    index, at = where.get("search"), where.get("at")
    return (index if isinstance(index, int) else 0), (at if isinstance(at, str) else None)
