"""Bootstrap: new members' compartments, a group of patients at a time.

Every search of every group streams through one prefetch pipeline, a marker closing each group
(where the platform answers batches, the first pages of a group's searches come in a few
batches asked for at once, stored in the order they arrive): the next page is fetched while
this one is stored. When a
group is done, the records its pages reference are fetched and the group is recorded as
bootstrapped, so a killed sync resumes with the next group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import TypeVar

from sync.pull.context import PullContext
from sync.pull.paging import Fetched, Pager, Search
from sync.pull.references import ReferenceChase, fetch_missing
from sync.pull.searches import compartment_searches, patient_groups, primary_param
from sync.strategy import TypePlan

T = TypeVar("T")

BATCHES_PER_GROUP = 3
"""A group's searches go in this many batches, all asked for at once, each on its own
connection (the pager's helper threads, ``Pager.preload_behind``): on a slow link the group
then costs one round trip, not one per batch (measured on a route at 150 ms: the third batch,
asked for once the first was stored, came a round trip and a store's wait after the others),
and the pages of the batch that arrives first are stored while the others still arrive. At
most this many batches' answers are held in memory at once."""


def bootstrap(
    ctx: PullContext,
    pager: Pager,
    new: list[str],
    bootstrapped: set[str],
    *,
    totals: Mapping[str, int | None],
    on_last_patients: Callable[[set[str]], Future[None] | None] | None = None,
    on_last_group: Callable[[set[str]], None] | None = None,
) -> None:
    """Pull the compartments of ``new`` members (types the platform has none of are skipped).

    ``totals`` are the platform's counts per type (empty: not counted); they weigh the
    searches when a group's searches are split into batches. With the members that will be
    bootstrapped when the last group is done: ``on_last_patients`` is called once the last
    group's Patient records are stored (the next phase may start its requests: they need the
    patients' identifiers; it returns their future, if any), ``on_last_group`` once those
    requests are answered, or else once all the group's pages are stored, before the
    references still wanted are fetched (the next phase may store its records: their
    references are then fetched in the same rounds).
    """
    plans = [p for p in ctx.strategy.compartment if totals.get(p.resource_type, 1) != 0]
    # The Patient records first: the identifier phase's requests need them (``on_last_patients``).
    plans.sort(key=lambda p: p.resource_type != "Patient")
    groups = patient_groups(
        new, max_chars=ctx.config.max_list_chars, max_size=ctx.config.chunk_size
    )
    patient_plans = [p for p in plans if p.resource_type == "Patient"]
    last_group = groups[-1] if groups else []
    patients_left = sum(len(compartment_searches(p, last_group)) for p in patient_plans)

    def steps() -> Iterator[tuple[int, Fetched | None]]:
        for index, group in enumerate(groups):
            searches = [(p, s) for p in plans for s in compartment_searches(p, group)]
            batches = _split(searches, totals)
            asked = [
                (
                    batch,
                    pager.preload_behind(
                        [pager.first_request(s) for _p, s in batch], refs_ahead=True
                    ),
                )
                for batch in batches
            ]
            for batch in in_arrival_order(asked):
                for _plan, search in batch:
                    for fetched in pager.steps(search):
                        yield index, fetched
            yield index, None

    chase = ReferenceChase(ctx, pager)
    next_phase = _NextPhase(on_last_patients, on_last_group)
    for index, fetched in pager.ahead(steps()):
        last = index + 1 == len(groups)
        members = bootstrapped | set(groups[index])
        if fetched is not None:
            ctx.apply(fetched.page, refs=fetched.refs, scope_patients=fetched.search.patients)
            if last and fetched.search.resource_type == "Patient" and fetched.after is None:
                patients_left -= 1
                if patients_left == 0:
                    next_phase.ask(members)
            chase.poll()  # references go out before the next phase's records are stored
            if last and next_phase.run_if_answered(members):
                chase.poll()  # and those records' references and devices right after
            continue
        if last:
            next_phase.ask(members)
            next_phase.run(members)
        chase.drain()
        fetch_missing(ctx, pager)
        bootstrapped.update(groups[index])
        ctx.save_bootstrapped(bootstrapped)
        ctx.counts.bootstrapped += len(groups[index])
        ctx.progress("bootstrap", index + 1, len(groups))


class _NextPhase:
    """The phase after the last group (``bootstrap``'s ``on_last_patients``/``on_last_group``):
    its requests asked for once, it runs once."""

    def __init__(
        self,
        ask: Callable[[set[str]], Future[None] | None] | None,
        run: Callable[[set[str]], None] | None,
    ) -> None:
        self._ask, self._run = ask, run
        self._asked = False
        self._flight: Future[None] | None = None

    def ask(self, members: set[str]) -> None:
        if not self._asked and self._ask is not None:
            self._asked = True
            self._flight = self._ask(members)

    def run_if_answered(self, members: set[str]) -> bool:
        """Run the phase if its requests are answered; whether it ran now."""
        if self._flight is not None and self._flight.done():
            self.run(members)
            return True
        return False

    def run(self, members: set[str]) -> None:
        self._flight = None
        if self._run is not None:
            run, self._run = self._run, None
            run(members)


def in_arrival_order(asked: list[tuple[T, Future[None] | None]]) -> Iterator[T]:
    """Each item once its batch has arrived, the first to arrive first (an item asked for
    nothing comes at once): the store starts on whichever answer the link brought first."""
    waiting = list(asked)
    while waiting:
        pending = {f for _item, f in waiting if f is not None and not f.done()}
        if len(pending) == len(waiting):
            wait(pending, return_when=FIRST_COMPLETED)
        ready = next(i for i, (_item, f) in enumerate(waiting) if f is None or f.done())
        yield waiting.pop(ready)[0]


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
