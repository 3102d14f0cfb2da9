"""Bootstrap: new members' compartments, a group of patients at a time.

Every search of every group streams through one prefetch pipeline, a marker closing each group:
the first page of the next search is fetched while the last of this one is stored. When a
group is done, the records its pages reference are fetched and the group is recorded as
bootstrapped, so a killed sync resumes with the next group.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from sync.pull.context import PullContext
from sync.pull.paging import Fetched, Pager
from sync.pull.references import fetch_missing
from sync.pull.searches import compartment_searches, patient_groups


def bootstrap(
    ctx: PullContext,
    pager: Pager,
    new: list[str],
    bootstrapped: set[str],
    *,
    present: Collection[str] | None,
) -> None:
    """Pull the compartments of ``new`` members (types the platform has none of are skipped)."""
    plans = [p for p in ctx.strategy.compartment if present is None or p.resource_type in present]
    groups = patient_groups(
        new, max_chars=ctx.config.max_list_chars, max_size=ctx.config.chunk_size
    )

    def steps() -> Iterator[tuple[int, Fetched | None]]:
        for index, group in enumerate(groups):
            for plan in plans:
                for search in compartment_searches(plan, group):
                    for fetched in pager.steps(search):
                        yield index, fetched
            yield index, None

    for index, fetched in pager.ahead(steps()):
        if fetched is not None:
            ctx.apply(fetched.page, refs=fetched.refs, scope_patients=fetched.search.patients)
            continue
        fetch_missing(ctx, pager)
        bootstrapped.update(groups[index])
        ctx.save_bootstrapped(bootstrapped)
        ctx.counts.bootstrapped += len(groups[index])
        ctx.progress("bootstrap", index + 1, len(groups))
