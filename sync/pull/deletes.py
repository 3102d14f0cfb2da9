"""Deletions: what the platform no longer has, found without any other patient's data.

A deletion never shows in a search. For each compartment type, the platform's total (a count,
no resource sent) is compared with the last one, and with whether anything changed: when the
type was quiet, nothing can have been deleted. Otherwise each group of members is counted
through the parameter naming the record's patient and compared with what the store holds
(``known_count``); only a group whose counts differ has its ids listed (``_elements=id``), and
an id missing there is confirmed missing by an ``_id`` search (a listing paged by offset can
skip a row that moved) before the row is removed like a deletion. Rows with unsent changes are
never listed: the platform answers their upload.

Every ``reconcile_every`` (and on every full sync, or when the platform offers no counts) all
groups are listed, held reference records included: the safety net for anything a count cannot
see (a record in a patient's compartment only as an actor's).

The platform's ``_history`` is not used: a history page carries every patient's changes.
"""

from __future__ import annotations

from collections.abc import Collection

from clinical.fhir_time import parse_instant
from sync.pull.context import PullContext, chunks
from sync.pull.paging import Pager
from sync.pull.references import held_types
from sync.pull.searches import compartment_searches, patient_groups, primary_param, search_by

_CONFIRM = 100  # ids per confirming _id search


def find_deletions(
    ctx: PullContext,
    pager: Pager,
    members: Collection[str],
    *,
    changed: set[str],
    totals: dict[str, int | None],
    now: str,
) -> None:
    """Remove the held records of ``members`` that the platform deleted."""
    due = ctx.full or _reconcile_due(ctx, now)
    if not ctx.strategy.count_probes and not due:
        _save_totals(ctx, totals)
        return
    groups = patient_groups(
        sorted(members), max_chars=ctx.config.max_list_chars, max_size=ctx.config.chunk_size
    )
    before = ctx.counts.deleted
    for plan in ctx.strategy.compartment:
        rtype = plan.resource_type
        previous = ctx.checkpoint(_total_name(ctx, rtype))
        last = _number(previous.watermark) if previous is not None else None
        total = totals.get(rtype)
        quiet = total is not None and last is not None and total == last and rtype not in changed
        if not due and (quiet or (total == 0 and last == 0)):
            continue
        primary = primary_param(plan)
        for group in groups:
            held = ctx.store.clean_ids(rtype, patients=group)
            if not held:
                continue
            if not due:
                counted = pager.count(rtype, search_by(rtype, primary, group).params)
                if counted == ctx.store.known_count(rtype, patients=group):
                    continue
            listed: set[str] = set()
            for search in compartment_searches(plan, group):
                listed |= pager.ids(rtype, search.params)
            _remove_missing(ctx, pager, rtype, held - listed)
    if due:
        for rtype in held_types(ctx):
            if rtype in ctx.strategy.searchable:
                _remove_missing(ctx, pager, rtype, ctx.store.clean_ids(rtype))
        ctx.counts.reconciled = True
        ctx.save(f"reconcile:{ctx.key}", now)
    _save_totals(ctx, totals)
    ctx.progress("deletes", ctx.counts.deleted - before, None)


def _remove_missing(ctx: PullContext, pager: Pager, rtype: str, candidates: set[str]) -> None:
    """Remove the rows among ``candidates`` that an ``_id`` search confirms are gone."""
    for group in chunks(sorted(candidates), _CONFIRM):
        present = pager.ids(rtype, (("_id", ",".join(group)),))
        gone = [(rtype, rid) for rid in group if rid not in present]
        if gone:
            result = ctx.store.apply_server_deletes(gone)
            ctx.counts.deleted += result.applied
            ctx.settle(result)


def _reconcile_due(ctx: PullContext, now: str) -> bool:
    name = f"reconcile:{ctx.key}"
    last = ctx.checkpoint(name)
    if last is None or last.watermark is None:
        # The store was just filled from the platform: the period starts now.
        ctx.save(name, now)
        return False
    elapsed = parse_instant(now).since(parse_instant(last.watermark))
    return elapsed >= ctx.config.reconcile_every


def _save_totals(ctx: PullContext, totals: dict[str, int | None]) -> None:
    for rtype, total in totals.items():
        previous = ctx.checkpoint(_total_name(ctx, rtype))
        if total is not None and (previous is None or previous.watermark != str(total)):
            ctx.defer_save(_total_name(ctx, rtype), str(total))


def _total_name(ctx: PullContext, rtype: str) -> str:
    return f"total:{ctx.key}:{rtype}"


def _number(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None
