"""Incremental pull: what changed since the watermark, for the members already held.

Per compartment type: a count of everything changed since ``watermark - overlap``
(``_summary=count``, no resource sent) decides whether to look at all; if something changed,
each group of members is searched with ``_lastUpdated=ge…``. A change somewhere else in the
municipality costs those scoped searches, and no other patient's record ever arrives. Each page
is applied in one store transaction together with the type's cursor (which search, and where
in it); the type's new watermark (the server time taken at the start of the run) is committed
after its last search.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection

from sync.ports import Checkpoint
from sync.pull.context import PullContext, minus
from sync.pull.paging import Pager, Params, Request, Search
from sync.pull.searches import compartment_searches, patient_groups
from sync.strategy import TypePlan


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
    todo = []
    for plan, name, committed, since in held:
        if probe and since is not None and pager.count(*_changed_since(plan, since)) == 0:
            ctx.defer_save(name, now)
        else:
            todo.append((plan, name, committed, since))
    pager.preload(
        [
            request
            for plan, _name, committed, since in todo
            for request in _first_requests(pager, plan, groups, since=since, committed=committed)
        ]
    )
    changed: set[str] = set()
    for done, (plan, name, committed, since) in enumerate(todo):
        changed.add(plan.resource_type)
        _search_all(ctx, pager, plan, groups, since=since, name=name, committed=committed)
        ctx.save(name, now)
        ctx.progress("pull", done + 1, len(todo))
    return changed


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
