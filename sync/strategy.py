"""What the platform says it can do (``/metadata``), and the strategy the engine uses for it.

The engine reads the CapabilityStatement once per sync run and derives one ``Strategy`` from it;
nothing in the engine tests a vendor by name. ``CAPABILITY_TABLE`` is the documented mapping (one
row per capability: where it is read from, what is done with it, what is done without it);
``pleiepunkt doctor`` prints the result (``Strategy.describe``). To add a strategy for another
capability, add its row here and a field to ``Strategy``; the phase that uses it reads the field.

Capability (read from) -> when present / when absent:

- transactions (``rest.interaction`` transaction) -> uploads in transaction Bundles / batch.
- batch (``rest.interaction`` batch) -> Bundles of entries independent of each other / one
  request per entry.
- client ids (``rest.resource.updateCreate``) -> create by ``PUT [type]/[our UUID]`` / ``POST``
  with ``If-None-Exist`` on the record's own identifier, the platform's id replacing ours.
- conditional create (``rest.resource.conditionalCreate``) -> ``If-None-Exist`` (above) /
  search the identifier, then ``POST``, one request at a time.
- versioned update (``rest.resource.versioning``) -> ``If-Match`` checked, 412/409 is a conflict
  / ``If-Match`` still sent, and doctor warns.
- patient search (``rest.resource.searchParam`` ∩ the Patient ``CompartmentDefinition``) -> the
  type is pulled per patient through those parameters / the type is named as not pullable (sync
  summary, doctor).
- ``_lastUpdated`` (the type's ``searchParam``) -> incremental pulls from the watermark / every
  search read again each run.
- ``_sort`` (``rest.searchParam``) -> keyset paging on ``_lastUpdated``, checked page by page /
  next links followed, the watermark moved only at a search's end.
- ``_summary`` (``rest.searchParam``) -> count probes: an unchanged type costs two requests and
  no patient data / scoped searches each run, deletions by periodic id listing.
- system search (``rest.interaction`` search-system) -> with ``_summary``, one quiet check
  counts every pulled type at once (a sync with nothing to do costs a handful of requests) /
  counts type by type.
- ``_elements`` (``rest.searchParam``) -> id listings carry ids only / whole resources listed.
- history (``rest.interaction``, ``rest.resource.interaction``) -> shown, not used by the pull
  (a history page holds every patient's changes) / deletions from counts and id listings.
- batch of searches (``rest.interaction`` batch) -> a phase's searches (counts, first pages)
  asked for in one ``batch`` Bundle of GET entries, one round trip: a sync with nothing to do
  is the CapabilityStatement and one batch, sent together (the run's opening batch is built
  from the last run's strategy, or a first run's guess, and used only where this statement
  asks the same, ``sync.pull.opening``); a first sync's batches go at once on several
  connections, and the references its pages name are fetched while its pages are stored /
  one request per search (a first run's guessed opening batch, refused, is dropped: it cost
  that request, never a round trip).

``_count`` caps are not declared anywhere: pages are taken as the platform sends them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from client import Capabilities
from sync import patient_compartment

WriteMode = Literal["transaction", "batch", "single"]
CreateMode = Literal["put", "conditional-post", "search-then-post"]


@dataclass(frozen=True, slots=True)
class CapabilityRow:
    """One documented line of the table above."""

    name: str
    read_from: str
    when_present: str
    when_absent: str


CAPABILITY_TABLE: tuple[CapabilityRow, ...] = (
    CapabilityRow("transactions", "rest.interaction transaction", "transaction Bundles", "batch"),
    CapabilityRow("batch", "rest.interaction batch", "independent entries", "single requests"),
    CapabilityRow("client ids", "rest.resource.updateCreate", "PUT create", "POST If-None-Exist"),
    CapabilityRow(
        "conditional create", "rest.resource.conditionalCreate", "If-None-Exist", "search, POST"
    ),
    CapabilityRow("versioned update", "rest.resource.versioning", "If-Match checked", "warned"),
    CapabilityRow("patient search", "searchParam ∩ CompartmentDefinition", "pulled", "named"),
    CapabilityRow("_lastUpdated", "searchParam", "incremental", "full re-read"),
    CapabilityRow("_sort", "rest.searchParam", "keyset paging", "next links"),
    CapabilityRow("_summary", "rest.searchParam", "count probes", "searches each run"),
    CapabilityRow("system search", "rest.interaction", "one quiet check", "type by type"),
    CapabilityRow("_elements", "rest.searchParam", "ids only", "whole resources"),
    CapabilityRow("history", "rest.interaction", "shown only", "not needed"),
    CapabilityRow("batch of searches", "rest.interaction batch", "one round trip", "one each"),
)


@dataclass(frozen=True, slots=True)
class TypePlan:
    """One compartment type the pull fetches, and the parameters that name the patient."""

    resource_type: str
    params: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Strategy:
    """How this run talks to this platform (see the module docstring's table)."""

    compartment: tuple[TypePlan, ...]
    unpullable: tuple[str, ...]
    write: WriteMode
    create: CreateMode
    versioned_update: bool
    incremental: bool
    keyset: bool
    count_probes: bool
    system_search: bool
    id_listing_elements: bool
    history: bool
    batch_search: bool
    searchable: frozenset[str]
    readable: frozenset[str]

    @property
    def pulled_types(self) -> tuple[str, ...]:
        return tuple(plan.resource_type for plan in self.compartment)

    def can_fetch(self, resource_type: str) -> bool:
        """Whether a referenced resource of this type can be fetched (``_id`` search or read)."""
        return resource_type in self.searchable or resource_type in self.readable

    def describe(self) -> list[str]:
        """Plain lines for ``pleiepunkt doctor``: each capability and the strategy taken."""
        yes = {True: "yes", False: "no"}
        out = [
            f"transactions: {yes[self.write == 'transaction']}, batch: "
            f"{yes[self.write in ('transaction', 'batch')]} -> uploads as {self.write}",
            f"client-assigned ids: {yes[self.create == 'put']}, conditional create: "
            f"{yes[self.create != 'search-then-post']} -> creates by {self.create}",
            f"versioned update (If-Match): {yes[self.versioned_update]}",
            f"_lastUpdated: {yes[self.incremental]}, _sort: {yes[self.keyset]}, "
            f"_summary=count: {yes[self.count_probes]}, system search: "
            f"{yes[self.system_search]}, _elements: {yes[self.id_listing_elements]}",
            f"history: {yes[self.history]} (not needed: deletions come from scoped counts)",
            f"batch of searches: {yes[self.batch_search]} -> "
            + ("one round trip per phase" if self.batch_search else "one request per search"),
            f"patient compartment: {len(self.compartment)} types pulled",
        ]
        if self.unpullable:
            out.append(
                "NOT PULLABLE (the platform holds them but cannot search them by patient): "
                + ", ".join(self.unpullable)
            )
        return out


def strategy_for(capabilities: Capabilities, *, only: Iterable[str] | None = None) -> Strategy:
    """The strategy for a platform with ``capabilities``; ``only`` narrows the pulled types."""
    wanted = set(only) if only is not None else None
    searchable = frozenset(t for t, r in capabilities.resources.items() if r.searchable)
    readable = frozenset(t for t, r in capabilities.resources.items() if r.readable)
    plans: list[TypePlan] = []
    unpullable: list[str] = []
    for resource_type, definition in patient_compartment.PARAMS.items():
        if not definition or (wanted is not None and resource_type not in wanted):
            continue
        params = _params(capabilities, resource_type, definition, searchable)
        if params:
            plans.append(TypePlan(resource_type, params))
        elif resource_type in capabilities.resources:
            unpullable.append(resource_type)
    common = capabilities.common_search_params
    held = [capabilities.resource(p.resource_type) for p in plans]
    return Strategy(
        compartment=tuple(plans),
        unpullable=tuple(sorted(unpullable)),
        write="transaction"
        if capabilities.transaction
        else "batch"
        if capabilities.batch
        else "single",
        create=_create_mode(capabilities),
        versioned_update=all(r.versioned_update for r in held) if held else False,
        incremental=all(
            "_lastUpdated" in capabilities.search_params(p.resource_type) for p in plans
        ),
        keyset="_sort" in common,
        count_probes="_summary" in common,
        system_search="search-system" in capabilities.system_interactions,
        id_listing_elements="_elements" in common,
        history=capabilities.history_system or (bool(held) and all(r.history_type for r in held)),
        batch_search=capabilities.batch,
        searchable=searchable,
        readable=readable,
    )


def _params(
    capabilities: Capabilities,
    resource_type: str,
    definition: tuple[str, ...],
    searchable: frozenset[str],
) -> tuple[str, ...]:
    if resource_type not in searchable:
        return ()
    offered = capabilities.search_params(resource_type)
    if resource_type == "Patient":
        # The patient's own record is the compartment's identity: found by _id.
        return ("_id", *[p for p in definition if p in offered]) if "_id" in offered else ()
    return tuple(p for p in definition if p in offered)


def _create_mode(capabilities: Capabilities) -> CreateMode:
    resources = list(capabilities.resources.values())
    if resources and all(r.update_create for r in resources if r.searchable):
        return "put"
    if resources and all(r.conditional_create for r in resources if r.searchable):
        return "conditional-post"
    return "search-then-post"
