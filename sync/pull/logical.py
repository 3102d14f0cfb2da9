"""Records that name their patient by identifier (VKP, PMD), for the members held.

VKP and PMD name the patient by logical identifier (``subject.identifier`` = the fødselsnummer),
never ``Patient/<id>``, so the compartment searches (``subject=Patient/<id>``) never find them.
This phase asks for them by the members' own identifiers (each held Patient's fødselsnummer,
D-nummer or FHN, the systems VKP allows: ``clinical.welfare.logical``), with the ``:identifier``
modifier (FHIR R4 search.html#modifiers) on the same compartment parameter the CapabilityStatement
offers for the type (``sync.strategy``; ``LOGICAL_PARAMS`` picks the one VKP fills). The store
then puts each record in exactly the compartment of the one Patient carrying that identifier
(``offline.logical_refs``), and keeps the JSON as it came, so it round-trips unchanged.

Per type, members in groups (``patient_groups``: ``chunk_size`` and ``max_list_chars``, one OR
list of ``system|value`` tokens per search):
- a member new to this phase gets their recent history, ``BOOTSTRAP_DAYS`` back;
- the members already pulled get what changed since the type's watermark, and nothing when the
  run's quiet check found no change anywhere. The number of requests follows the number of
  groups and of changes, never the length of the history.
A platform that refuses ``:identifier`` (HAPI FHIR answers HAPI-2498; Azure's FHIR service does
not support it) offers no search for a patient's records named by identifier. Searching the type
by date instead would read every patient's home measurements and alerts on the platform, the
over-fetching the sync never does (only the patients in scope, ``sync.pull.scope``); so those
records are not pulled, and the run names them (``PullCounts.unpullable``), never silently.
Nor does the run move the type's watermark or count those members as pulled: on the first sync
after the platform starts offering the modifier, their records are asked for from the start.

The first pages of a route-sized scope's searches are asked for in one ``batch`` where the
platform answers batches (``Pager.preload``, ``MAX_BATCHED``): the phase costs one round trip
plus the pages beyond the first. After a
first sync's compartments, that batch is already on its way while the references are fetched
(``prefetch_logical``).

A record whose identifier names no patient held (two patients sharing a number, a number not yet
synced) stays unresolved in the store: the follow-up list shows it as unmatched, never guessed.
Records naming people outside the scope are never searched for.

Dispensers and home devices: VKP names them by identifier too (``performer.actor.identifier``,
``Observation.device.identifier``); a Device not held is fetched by that identifier and then
refreshed like every other referenced type (``sync.pull.references``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final

from client import InvalidInput
from clinical.welfare.logical import PERSON_ID_SYSTEMS, logical_patient
from sync.pull.context import PullContext, minus
from sync.pull.paging import Pager, Request, Search
from sync.pull.searches import patient_groups
from sync.refscan import walk_references

Resource = dict[str, Any]

LOGICAL_PARAMS: Final[Mapping[str, str]] = {
    "Observation": "subject",
    "MedicationDispense": "subject",
    "DetectedIssue": "patient",
}
"""Each type VKP and PMD send, and its compartment parameter that VKP fills by identifier."""
DATE_PARAMS: Final[Mapping[str, str]] = {
    "Observation": "date",
    "MedicationDispense": "whenhandedover",
    "DetectedIssue": "identified",
}
BOOTSTRAP_DAYS: Final[Mapping[str, int]] = {
    "Observation": 400,  # the trend's longest period is a year
    "MedicationDispense": 14,  # the round looks back a day; the list three
    "DetectedIssue": 30,
}
Keep = Callable[[Resource], bool]
MAX_BATCHED: Final = 3
"""At most this many of the phase's searches have their first pages asked for in one batch
(one per type for a route-sized scope: the phase is then one round trip). Each answer waits in
memory until the phase reads it, and a first sync's pages here are full (a year of home
measurements), so a large scope's searches beyond these go one by one, streamed (measured: a
2,000-patient sync's peak RSS rose by ~100 MB with all 75 of its first pages batched)."""


def identifier_tokens(patient: Mapping[str, Any] | None) -> list[str]:
    """``system|value`` of each person identifier a Patient carries (FNR, DNR, FHN)."""
    tokens = []
    for identifier in (patient or {}).get("identifier") or ():
        if not isinstance(identifier, Mapping):
            continue
        system, value = identifier.get("system"), identifier.get("value")
        if system in PERSON_ID_SYSTEMS and isinstance(value, str) and value:
            tokens.append(f"{system}|{value}")
    return tokens


def _token(resource: Mapping[str, Any]) -> str | None:
    logical = logical_patient(resource)
    return None if logical is None else logical.token


def logical_types(ctx: PullContext) -> list[str]:
    """The types this phase pulls: where the CapabilityStatement offers, for the type, the
    compartment parameter VKP fills (``sync.strategy``)."""
    offered = {p.resource_type: p.params for p in ctx.strategy.compartment}
    return [t for t, param in LOGICAL_PARAMS.items() if param in offered.get(t, ())]


def logical_checkpoints(ctx: PullContext) -> list[str]:
    """The names of this phase's watermarks, for the run's quiet check."""
    return [f"logical:{ctx.key}:{t}" for t in logical_types(ctx)]


def pull_logical(
    ctx: PullContext, pager: Pager, members: Collection[str], now: str, *, quiet: bool
) -> None:
    """Run the phase for ``members`` (patient ids held in the store; see the module docstring)."""
    LogicalPull(ctx, pager, now=now).run(members, quiet=quiet)


def prefetch_logical(
    ctx: PullContext, pager: Pager, members: Collection[str], now: str, *, quiet: bool
) -> Future[None] | None:
    """Start fetching the first pages ``pull_logical`` will ask for with these arguments, on
    the pager's helper thread (``Pager.preload_behind``): the phase's round trip then runs
    while the caller stores pages and fetches references. The store must hold what
    ``pull_logical`` will find (the members' Patients, the phase's checkpoints), or the answers
    go unused. The batch's future (None: nothing was asked for ahead)."""
    requests = LogicalPull(ctx, pager, now=now).first_requests(members, quiet=quiet)
    return pager.preload_behind(requests)


@dataclass(frozen=True, slots=True)
class _Plan:
    """Who the phase asks about: each member's tokens, the members pulled before, the tokens
    of those (``known``: their changes) and of the others (``new``: their history)."""

    types: list[str]
    tokens: dict[str, list[str]]
    pulled: set[str]
    known: list[str]
    new: list[str]


class LogicalPull:
    """One run of the phase."""

    def __init__(self, ctx: PullContext, pager: Pager, *, now: str) -> None:
        self._ctx = ctx
        self._pager = pager
        self._now = now
        self._modifier = True
        self._devices: set[str] = set()

    def run(self, members: Collection[str], *, quiet: bool) -> None:
        ctx = self._ctx
        plan = self._plan(members)
        wanted = {t for found in plan.tokens.values() for t in found}
        self._pager.preload(self._requests(plan, quiet=quiet))
        for done, rtype in enumerate(plan.types):
            self._changes(rtype, plan.known, wanted, quiet=quiet)
            self._history(rtype, plan.new)
            ctx.progress("logical", done + 1, len(plan.types))
        # Refused, nobody new was pulled: they stay new, for a platform that offers it later.
        members_now = set(plan.tokens)
        self._save_pulled(members_now if self._modifier else plan.pulled & members_now)
        self._fetch_devices()
        ctx.flush()

    def first_requests(self, members: Collection[str], *, quiet: bool) -> list[Request]:
        """The first page of every search ``run`` will make for these arguments."""
        return self._requests(self._plan(members), quiet=quiet)

    def _plan(self, members: Collection[str]) -> _Plan:
        ctx = self._ctx
        plans = {
            p.resource_type: p
            for p in ctx.strategy.compartment
            if p.resource_type in LOGICAL_PARAMS
        }
        types = [t for t in LOGICAL_PARAMS if t in plans and LOGICAL_PARAMS[t] in plans[t].params]
        tokens: dict[str, list[str]] = {}
        for pid in sorted(members):
            found = identifier_tokens(ctx.store.get("Patient", pid))
            if found:
                tokens[pid] = found
        pulled = self._pulled()
        known = [t for pid in sorted(tokens) if pid in pulled for t in tokens[pid]]
        new = [t for pid in sorted(tokens) if pid not in pulled for t in tokens[pid]]
        return _Plan(types, tokens, pulled, known, new)

    def _requests(self, plan: _Plan, *, quiet: bool) -> list[Request]:
        """The first page of the first ``MAX_BATCHED`` searches ``_changes`` and ``_history``
        will make."""
        requests = []
        for rtype in plan.types:
            if (since := self._since(rtype, plan.known, quiet=quiet)) is not None:
                requests += [
                    self._pager.first_request(s, since=since)
                    for s in self._searches(rtype, plan.known, bound=None)
                ]
            if plan.new:
                requests += [
                    self._pager.first_request(s)
                    for s in self._searches(rtype, plan.new, bound=self._history_bound(rtype))
                ]
        return requests[:MAX_BATCHED]

    # ---- the members' records --------------------------------------------------------------

    def _since(self, rtype: str, known: Sequence[str], *, quiet: bool) -> str | None:
        """Where ``_changes`` searches ``rtype`` from; None when it searches nothing."""
        committed = self._ctx.checkpoint(f"logical:{self._ctx.key}:{rtype}")
        if quiet or not known or committed is None or committed.watermark is None:
            return None
        return minus(committed.watermark, self._ctx.config.overlap)

    def _changes(self, rtype: str, known: Sequence[str], wanted: set[str], *, quiet: bool) -> None:
        ctx = self._ctx
        name = f"logical:{ctx.key}:{rtype}"
        since = self._since(rtype, known, quiet=quiet)
        if since is None:
            ctx.defer_save(name, self._now)
            return
        if self._search(rtype, known, since=since, bound=None, keep=lambda r: _token(r) in wanted):
            ctx.save(name, self._now)  # refused: the watermark stays where the records are

    def _history_bound(self, rtype: str) -> tuple[str, str]:
        start = minus(self._now, timedelta(days=BOOTSTRAP_DAYS[rtype]))
        return (DATE_PARAMS[rtype], f"ge{start}")

    def _history(self, rtype: str, new: Sequence[str]) -> None:
        if not new:
            return
        chosen = set(new)
        bound = self._history_bound(rtype)
        self._search(rtype, new, since=None, bound=bound, keep=lambda r: _token(r) in chosen)

    def _searches(
        self, rtype: str, tokens: Sequence[str], *, bound: tuple[str, str] | None
    ) -> list[Search]:
        """``rtype`` records naming one of ``tokens``, by ``:identifier``, a group a search."""
        extra = (bound,) if bound is not None else ()
        param = f"{LOGICAL_PARAMS[rtype]}:identifier"
        groups = patient_groups(
            tokens,
            max_chars=self._ctx.config.max_list_chars,
            max_size=self._ctx.config.chunk_size,
        )
        return [Search(rtype, ((param, ",".join(group)), *extra)) for group in groups]

    def _search(
        self,
        rtype: str,
        tokens: Sequence[str],
        *,
        since: str | None,
        bound: tuple[str, str] | None,
        keep: Keep,
    ) -> bool:
        """Apply ``rtype`` records naming ``tokens``; False when the platform refuses the
        modifier (the records are then named as not pullable; see the module docstring)."""
        if not self._modifier:
            self._not_pullable(rtype)
            return False
        try:
            for search in self._searches(rtype, tokens, bound=bound):
                self._apply(search, since, keep)
        except InvalidInput:
            self._modifier = False  # learnt once a run
            self._not_pullable(rtype)
            return False
        return True

    def _not_pullable(self, rtype: str) -> None:
        counts = self._ctx.counts
        named = f"{rtype} (named by national identity number)"
        counts.unpullable = tuple(sorted({*counts.unpullable, named}))

    def _apply(self, search: Search, since: str | None, keep: Keep) -> None:
        ctx = self._ctx
        for fetched in self._pager.pages(search, since=since):
            page = fetched.page
            chosen = [r for r in page.resources if keep(r)]
            refs = fetched.refs
            if len(chosen) != len(page.resources):
                refs = walk_references(chosen, ctx.ref_types)
            self._devices.update(t for r in chosen for t in _device_tokens(r))
            ctx.apply(page, refs=refs, resources=chosen)

    def _pulled(self) -> set[str]:
        found = self._ctx.checkpoint(f"logical-members:{self._ctx.key}")
        if found is None or not found.cursor_url:
            return set()
        return set(json.loads(found.cursor_url))

    def _save_pulled(self, members: set[str]) -> None:
        text = json.dumps(sorted(members), separators=(",", ":"))
        self._ctx.save(f"logical-members:{self._ctx.key}", None, text)

    # ---- devices named by identifier ---------------------------------------------------------

    def _fetch_devices(self) -> None:
        ctx = self._ctx
        if "Device" not in ctx.strategy.searchable or not self._devices:
            return
        missing = sorted(t for t in self._devices if not _held_device(ctx, t))
        if not missing:
            return
        searches = [
            Search("Device", (("identifier", ",".join(group)),))
            for group in patient_groups(
                missing, max_chars=ctx.config.max_list_chars, max_size=ctx.config.chunk_size
            )
        ]
        ctx.wanted_searches.extend(searches)  # fetched with the next round of references


def _held_device(ctx: PullContext, token: str) -> bool:
    system, _, value = token.partition("|")
    found = ctx.store.find_by_identifier(system, value)
    return any(r.get("resourceType") == "Device" for r in found)


def _device_tokens(resource: Mapping[str, Any]) -> Iterator[str]:
    """``system|value`` of the devices a VKP record names by identifier."""
    actors = [p.get("actor") for p in resource.get("performer") or () if isinstance(p, Mapping)]
    for named in (*actors, resource.get("device")):
        identifier = named.get("identifier") if isinstance(named, Mapping) else None
        if isinstance(identifier, Mapping):
            system, value = identifier.get("system"), identifier.get("value")
            if isinstance(system, str) and isinstance(value, str) and value:
                yield f"{system}|{value}"
