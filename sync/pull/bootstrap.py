"""Bootstrap: new members' compartments, a group of patients at a time.

Every search of every group streams through one prefetch pipeline, a marker closing each group
(the first pages of a group's searches come in one batch where the platform answers batches):
the first page of the next search is fetched while the last of this one is stored. When a
group is done, the records its pages reference are fetched and the group is recorded as
bootstrapped, so a killed sync resumes with the next group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from sync.pull.context import PullContext
from sync.pull.paging import Fetched, Pager, Search
from sync.pull.references import fetch_missing
from sync.pull.searches import compartment_searches, patient_groups, primary_param
from sync.strategy import TypePlan

BATCHES_PER_GROUP = 3
"""A group's searches go in this many batches: while one batch's pages are stored, the next
is fetched (``Pager.preload_behind``), so the platform's work and the link's transfer overlap
the store writes, at the cost of a round trip or two that the overlap hides. The second batch
is asked for together with the first (on the helper thread): on a slow link the first answer
then waits for no other round trip."""


def bootstrap(
    ctx: PullContext,
    pager: Pager,
    new: list[str],
    bootstrapped: set[str],
    *,
    totals: Mapping[str, int | None],
    before_last_references: Callable[[set[str]], None] | None = None,
) -> None:
    """Pull the compartments of ``new`` members (types the platform has none of are skipped).

    ``totals`` are the platform's counts per type (empty: not counted); they weigh the
    searches when a group's searches are split into batches. ``before_last_references`` is
    called when the last group's pages are stored, before its references are fetched, with
    the members that will then be bootstrapped (the next phase may start its requests).
    """
    plans = [p for p in ctx.strategy.compartment if totals.get(p.resource_type, 1) != 0]
    groups = patient_groups(
        new, max_chars=ctx.config.max_list_chars, max_size=ctx.config.chunk_size
    )

    def steps() -> Iterator[tuple[int, Fetched | None]]:
        for index, group in enumerate(groups):
            searches = [(p, s) for p in plans for s in compartment_searches(p, group)]
            batches = _split(searches, totals)
            if len(batches) > 1:  # the second batch's round trip overlaps the first's
                pager.preload_behind([pager.first_request(s) for _p, s in batches[1]])
            pager.preload([pager.first_request(s) for _p, s in batches[0]])
            for number, batch in enumerate(batches):
                if number + 1 < len(batches):
                    pager.preload_behind([pager.first_request(s) for _p, s in batches[number + 1]])
                for _plan, search in batch:
                    for fetched in pager.steps(search):
                        yield index, fetched
            yield index, None

    for index, fetched in pager.ahead(steps()):
        if fetched is not None:
            ctx.apply(fetched.page, refs=fetched.refs, scope_patients=fetched.search.patients)
            continue
        if before_last_references is not None and index + 1 == len(groups):
            before_last_references(bootstrapped | set(groups[index]))
        fetch_missing(ctx, pager)
        bootstrapped.update(groups[index])
        ctx.save_bootstrapped(bootstrapped)
        ctx.counts.bootstrapped += len(groups[index])
        ctx.progress("bootstrap", index + 1, len(groups))


def _split(
    searches: list[tuple[TypePlan, Search]], totals: Mapping[str, int | None]
) -> list[list[tuple[TypePlan, Search]]]:
    """``searches`` in up to ``BATCHES_PER_GROUP`` runs of about equal weight, in order.

    A search through the parameter naming the record's patient weighs its type's total on the
    platform (the group's share of it is unknown, but in proportion); the others (a patient as
    performer, author...) rarely match and weigh one.
    """
    weights = [
        max(1, totals.get(plan.resource_type) or 1)
        if search.params[0][0] == primary_param(plan)
        else 1
        for plan, search in searches
    ]
    share = sum(weights) / BATCHES_PER_GROUP
    batches: list[list[tuple[TypePlan, Search]]] = [[]]
    held = 0.0
    for item, weight in zip(searches, weights, strict=True):
        if batches[-1] and held + weight / 2 > share and len(batches) < BATCHES_PER_GROUP:
            batches.append([])
            held = 0.0
        batches[-1].append(item)
        held += weight
    return batches
