"""Pull: the scope's records from the platform into the store, incrementally, pages streamed.

One run:
1. The server's clock: a ``_count=0`` search; its ``Bundle.meta.lastUpdated`` becomes this run's
   watermark (never the device clock; android-fhir #1148).
2. Members: the scope's patients (unit residents, visit-plan patients, explicit ids).
3. Incremental, per resource type, for members already in the store:
   ``_lastUpdated=ge<watermark - overlap>&_sort=_lastUpdated``. Up to ``chunk_size`` members the
   search names them (``subject=Patient/a,...``); beyond that it is one search per type over
   every change since the watermark, filtered here to the members: the number of requests then
   depends on what changed, not on how many patients the scope holds. Each page is applied in
   one store transaction together with the type's checkpoint; the final watermark is committed
   after the last page.
4. Bootstrap: new members' compartments, ``chunk_size`` patients per search.
5. Referenced Practitioners, Organizations, Locations and Medications not yet held.
6. Deletions from ``_history?_since=`` (system level, else type level), newest event per id wins,
   so a deleted-then-recreated id keeps its new version. A platform without ``_history`` gets
   a reconciliation instead, every ``reconcile_every`` (and on every full sync): per type, the
   ids the platform still holds in scope are listed (``_elements=id``) and compared with the
   store's clean rows (``offline.reconcile``); an id missing from the listing is confirmed
   missing by an ``_id`` search (a listing paged by offset can skip a row that moved) and then
   removed like a deletion from history. Rows with unsent changes are never listed.
7. Records that name their patient by identifier (VKP, PMD) for the members held, and alerts
   that name nobody (``sync.logical``).
8. Members that left the scope are purged (rows with unsent changes stay).

Paging is keyset paging on ``_lastUpdated``: the next page is a new search from the last
``lastUpdated`` seen (replayed ties are skipped by version). Offset-based ``next`` links shift
when rows change during paging and would silently skip a row; they are followed only inside a
run of equal ``lastUpdated`` values longer than a page. A stored cursor survives a crash; an
expired link restarts from the last committed checkpoint.

Pages are fetched one ahead (``sync.prefetch``): while one page is written to the store, the
next one (of the same search, or of the next search in the bootstrap and reference phases) is
fetched, parsed and scanned for references on a helper thread. The store is only ever written
from the calling thread. With ``SyncConfig.prefetch`` off the pages are fetched inline instead.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from client import FhirClient, Gone, HistoryPage, NotFound, SearchPage
from sync.backoff import CancelToken
from sync.config import SyncConfig
from sync.conflicts import ConflictTally, settle
from sync.errors import PlatformUnavailable
from sync.events import EventHub
from sync.logical import LogicalPull
from sync.ports import ApplyResult, Checkpoint, SyncStore, clean_ids
from sync.prefetch import one_ahead
from sync.refscan import page_references, walk_references
from sync.retrying import call_with_retry
from sync.scope import COMPARTMENT_PARAMS, SyncScope, member_queries, patient_of

logger = logging.getLogger(__name__)

T = TypeVar("T")
Resource = dict[str, Any]
Params = list[tuple[str, str]]


@dataclass
class PullCounts:
    """What a pull did, for the summary."""

    members: int = 0
    bootstrapped: int = 0
    applied: int = 0
    skipped: int = 0
    deleted: int = 0
    purged_patients: int = 0
    pages: int = 0
    deletes_supported: bool = True
    reconciled: bool = False


@dataclass(frozen=True)
class _Fetched:
    """One search page, the cursor to resume after it, and the references it makes."""

    page: SearchPage
    after: str | None
    refs: frozenset[tuple[str, str]]


class Puller:
    """Runs one pull of ``scope`` (see the module docstring)."""

    def __init__(
        self,
        store: SyncStore,
        client: FhirClient,
        scope: SyncScope,
        *,
        config: SyncConfig,
        events: EventHub,
        cancel: CancelToken,
        tally: ConflictTally,
        source: str,
        full: bool = False,
    ) -> None:
        self._full = full
        self._store = store
        self._source = source
        self._client = client
        self._scope = scope
        self._config = config
        self._events = events
        self._cancel = cancel
        self._tally = tally
        self._key = scope.key
        self._wanted_refs: dict[str, set[str]] = {t: set() for t in scope.references}
        self._ref_types = frozenset(scope.references)
        self.counts = PullCounts()

    # ---- the run --------------------------------------------------------------------------

    def run(self) -> PullCounts:
        """Pull the scope once; raise SignInRequired/PlatformUnavailable/SyncCancelled."""
        now = self._server_time()
        members = self._members()
        self.counts.members = len(members)
        bootstrapped = self._bootstrapped()
        if not bootstrapped:
            for rtype in (*self._scope.compartment, *self._scope.references):
                if self._store.checkpoint(self._type_scope(rtype)) is None:
                    self._store.save_checkpoint(Checkpoint(self._type_scope(rtype), now))
        known = bootstrapped & members
        if known:
            for done, rtype in enumerate(self._scope.compartment):
                self._incremental(rtype, known, now)
                self._progress("pull", done + 1, len(self._scope.compartment))
        for rtype in self._scope.references:
            self._incremental_references(rtype, now)
        self._bootstrap(sorted(members - bootstrapped), bootstrapped)
        self._references()
        logical = LogicalPull(_LogicalOps(self), now=now, minus=lambda at, by: _minus(at, by) or at)
        logical.run(self._bootstrapped() & members)
        self._references()
        self._reconcile_if_due(members, now, history=self._deletes(now))
        self._purge(bootstrapped & members, bootstrapped - members)
        return self.counts

    def _server_time(self) -> str:
        page = self._first_page(lambda: self._client.search_pages("Patient", [("_count", "0")]))
        if page.last_updated is None:
            # The device clock is never a watermark (android-fhir #1148): refuse instead.
            raise PlatformUnavailable(
                "the platform sends no Bundle.meta.lastUpdated, so there is no server time to "
                "take a watermark from; ask the platform administrator"
            )
        return page.last_updated

    def _members(self) -> set[str]:
        members = set(self._scope.patients)
        for query in member_queries(self._scope):
            for page in self._follow(query.resource_type, list(query.params)):
                for resource in page.resources:
                    pid = patient_of(resource)
                    if pid is not None:
                        members.add(pid)
        self._progress("scope", len(members), None)
        return members

    # ---- incremental ----------------------------------------------------------------------

    def _incremental(self, rtype: str, known: set[str], now: str) -> None:
        name = self._type_scope(rtype)
        committed = self._store.checkpoint(name)
        if committed is None or committed.watermark is None:
            # A type added to the scope after the members were pulled: fetch it for all.
            for chunk in _chunks(sorted(known), self._config.chunk_size):
                self._apply_all(rtype, self._scoped_params(rtype, chunk), checkpoint=None)
            self._store.save_checkpoint(Checkpoint(name, now))
            return
        params: Params = []
        keep: Callable[[Resource], bool] = lambda _r: True  # noqa: E731
        if len(known) <= self._config.chunk_size:
            params = self._scoped_params(rtype, sorted(known))
        else:
            keep = lambda r: patient_of(r) in known  # noqa: E731
        self._pull_since(name, rtype, params, committed, keep=keep)
        self._store.save_checkpoint(Checkpoint(name, now))

    def _incremental_references(self, rtype: str, now: str) -> None:
        name = self._type_scope(rtype)
        committed = self._store.checkpoint(name)
        if committed is None or committed.watermark is None:
            self._store.save_checkpoint(Checkpoint(name, now))
            return

        def held(resource: Resource) -> bool:
            return self._store.get(rtype, str(resource.get("id"))) is not None

        self._pull_since(name, rtype, [], committed, keep=held)
        self._store.save_checkpoint(Checkpoint(name, now))

    def _pull_since(
        self,
        name: str,
        rtype: str,
        params: Params,
        committed: Checkpoint,
        *,
        keep: Callable[[Resource], bool],
    ) -> None:
        start = _minus(committed.watermark, self._config.overlap)
        cursor = committed.cursor_url
        try:
            for fetched in self._keyset(rtype, params, start=start, cursor=cursor):
                self._apply_kept(
                    fetched, keep, Checkpoint(name, committed.watermark, fetched.after)
                )
        except (NotFound, Gone):
            if cursor is None:
                raise
            logger.info(
                "stored paging cursor for %s expired; restarting from the checkpoint", rtype
            )
            for fetched in self._keyset(rtype, params, start=start, cursor=None):
                self._apply_kept(
                    fetched, keep, Checkpoint(name, committed.watermark, fetched.after)
                )

    def _apply_kept(
        self, fetched: _Fetched, keep: Callable[[Resource], bool], checkpoint: Checkpoint
    ) -> None:
        chosen = [r for r in fetched.page.resources if keep(r)]
        refs = fetched.refs
        if len(chosen) != len(fetched.page.resources):
            # Only what is kept may pull its references into the store.
            refs = walk_references(chosen, self._ref_types)
        self._apply(chosen, refs, checkpoint)

    # ---- bootstrap and references ---------------------------------------------------------

    def _bootstrap(self, new: list[str], bootstrapped: set[str]) -> None:
        chunks = _chunks(new, self._config.chunk_size)

        def steps() -> Iterator[tuple[int, _Fetched | None]]:
            # One stream over every search of every chunk, None closing each chunk, so the
            # first page of the next search is fetched while the last of this one is stored.
            for index, chunk in enumerate(chunks):
                for rtype in self._scope.compartment:
                    params = self._scoped_params(rtype, chunk)
                    for fetched in self._keyset_steps(rtype, params, bound=None, link=None):
                        yield index, fetched
                yield index, None

        for index, fetched in self._ahead(steps()):
            if fetched is not None:
                self._apply(fetched.page.resources, fetched.refs, None)
                continue
            self._references()
            bootstrapped.update(chunks[index])
            self._save_members(bootstrapped)
            self.counts.bootstrapped += len(chunks[index])
            self._progress("bootstrap", index + 1, len(chunks))

    def _references(self) -> None:
        for _level in range(3):
            missing = {
                rtype: sorted(i for i in ids if self._store.get(rtype, i) is None)
                for rtype, ids in self._wanted_refs.items()
            }
            for ids in self._wanted_refs.values():
                ids.clear()
            if not any(missing.values()):
                return
            searches = [
                (rtype, [("_id", ",".join(chunk))])
                for rtype, wanted in missing.items()
                for chunk in _chunks(wanted, self._config.chunk_size)
            ]
            steps = (
                fetched
                for rtype, params in searches
                for fetched in self._keyset_steps(rtype, params, bound=None, link=None)
            )
            for fetched in self._ahead(steps):
                self._apply(fetched.page.resources, fetched.refs, None)
            self._progress("references", sum(len(v) for v in missing.values()), None)

    def _apply_all(self, rtype: str, params: Params, *, checkpoint: Checkpoint | None) -> None:
        for fetched in self._keyset(rtype, params, start=None, cursor=None):
            self._apply(fetched.page.resources, fetched.refs, checkpoint)

    # ---- deletions and scope exit ---------------------------------------------------------

    def _deletes(self, now: str) -> bool | None:
        """Apply the deletions history reports; False when the platform offers no history.

        None on the first run, which only starts the history window (and asks nothing).
        """
        name = f"deletes:{self._key}"
        committed = self._store.checkpoint(name)
        if committed is None or committed.watermark is None:
            self._store.save_checkpoint(Checkpoint(name, now))
            return None
        since = _minus(committed.watermark, self._config.overlap)
        caps = self._client.capabilities()
        types = set(self._scope.compartment) | set(self._scope.references)
        if caps.history_system:
            sources: list[Callable[[], Iterator[HistoryPage]]] = [
                lambda: self._client.history_system(since=since, count=self._config.page_size)
            ]
        elif all(caps.resource(t).history_type for t in types):
            sources = [
                partial(self._client.history_type, t, since=since, count=self._config.page_size)
                for t in sorted(types)
            ]
        else:
            self._store.save_checkpoint(Checkpoint(name, now))
            return False
        latest_seen: set[tuple[str, str]] = set()
        for source in sources:
            for page in self._follow_history(source):
                doomed = []
                for entry in page.entries:  # newest first: the first event per id is its latest
                    key = (entry.resource_type, entry.resource_id)
                    if key in latest_seen or entry.resource_type not in types:
                        continue
                    latest_seen.add(key)
                    if entry.deleted and not self._newer_locally(key, entry.last_modified):
                        doomed.append(key)
                if doomed:
                    result = self._store.apply_server_deletes(doomed)
                    self.counts.deleted += result.applied
                    self._conflicts(result)
        self._store.save_checkpoint(Checkpoint(name, now))
        self._progress("deletes", self.counts.deleted, None)
        return True

    def _reconcile_if_due(self, members: set[str], now: str, *, history: bool | None) -> None:
        """Compare the ids in scope with the platform's when due (see the module docstring).

        ``history`` is what ``_deletes`` found: True (deletions come from history), False (no
        history: reconcile every ``reconcile_every``) or None (a first run).
        """
        name = f"reconcile:{self._key}"
        last = self._store.checkpoint(name)
        if not self._full:
            if last is None or last.watermark is None:
                # The store was just filled from the platform: the period starts now.
                self._store.save_checkpoint(Checkpoint(name, now))
                return
            elapsed = _parse(now) - _parse(last.watermark)
            if history is not False or elapsed < self._config.reconcile_every:
                return
        before = self.counts.deleted
        for rtype in self._scope.compartment:
            for chunk in _chunks(sorted(members), self._config.chunk_size):
                local = clean_ids(self._store, rtype, patients=chunk)
                if local:
                    listed = self._server_ids(rtype, self._scoped_params(rtype, chunk))
                    self._remove_missing(rtype, local - listed)
        for rtype in self._scope.references:
            held = sorted(clean_ids(self._store, rtype))
            for chunk in _chunks(held, self._config.chunk_size):
                self._remove_missing(rtype, set(chunk))
        self.counts.reconciled = True
        self._store.save_checkpoint(Checkpoint(name, now))
        self._progress("reconcile", self.counts.deleted - before, None)

    def _remove_missing(self, rtype: str, candidates: set[str]) -> None:
        """Remove the rows among ``candidates`` that an ``_id`` search confirms are gone."""
        for chunk in _chunks(sorted(candidates), self._config.chunk_size):
            present = self._server_ids(rtype, [("_id", ",".join(chunk))])
            gone = [(rtype, rid) for rid in chunk if rid not in present]
            if gone:
                result = self._store.apply_server_deletes(gone)
                self.counts.deleted += result.applied
                self._conflicts(result)

    def _server_ids(self, rtype: str, params: Params) -> set[str]:
        ids: set[str] = set()
        query = [*params, ("_elements", "id")]
        for fetched in self._keyset(rtype, query, start=None, cursor=None):
            self.counts.pages += 1
            ids.update(str(r["id"]) for r in fetched.page.resources if "id" in r)
        return ids

    def _newer_locally(self, key: tuple[str, str], deleted_at: str | None) -> bool:
        local = self._store.get(*key)
        if local is None or deleted_at is None:
            return False
        meta = local.get("meta")
        updated = meta.get("lastUpdated") if isinstance(meta, dict) else None
        return isinstance(updated, str) and _after(updated, deleted_at)

    def _purge(self, staying: set[str], leaving: set[str]) -> None:
        if not leaving:
            return
        for pid in sorted(leaving):
            self._store.purge_patient(pid)
            self.counts.purged_patients += 1
        self._save_members((self._bootstrapped() | staying) - leaving)
        self._progress("purge", len(leaving), len(leaving))

    # ---- paging ---------------------------------------------------------------------------

    def _keyset(
        self, rtype: str, params: Params, *, start: str | None, cursor: str | None
    ) -> Iterator[_Fetched]:
        """Yield the pages of one search by keyset paging, each fetched while the last is used."""
        bound = start
        link: str | None = None
        if cursor is not None and cursor.startswith("keyset:"):
            bound = cursor.removeprefix("keyset:")
        elif cursor is not None and cursor.startswith("link:"):
            link = cursor.removeprefix("link:")
        return self._ahead(self._keyset_steps(rtype, params, bound=bound, link=link))

    def _ahead(self, source: Iterator[T]) -> Iterator[T]:
        """``source`` fetched one ahead on the prefetch thread, or inline when that is off."""
        return one_ahead(source) if self._config.prefetch else source

    def _keyset_steps(
        self, rtype: str, params: Params, *, bound: str | None, link: str | None
    ) -> Iterator[_Fetched]:
        """Fetch the pages of one search in order, each with the cursor that resumes after it.

        Runs on the prefetch thread (inline without prefetch): it touches the client, never the
        store.
        """
        while True:
            page = self._fetch(rtype, params, bound, link)
            refs = self._scan_references(page)
            if page.next_url is None:
                yield _Fetched(page, None, refs)
                return
            stamps = [_last_updated(r) for r in page.resources]
            first, last = (stamps[0], stamps[-1]) if stamps else (None, None)
            if last is None or first == last:
                link = page.next_url  # a run of equal stamps longer than a page
                after = f"link:{link}"
            else:
                bound, link = last, None
                after = f"keyset:{last}"
            yield _Fetched(page, after, refs)

    def _scan_references(self, page: SearchPage) -> frozenset[tuple[str, str]]:
        return page_references(page.body, page.resources, self._ref_types)

    def _fetch(self, rtype: str, params: Params, bound: str | None, link: str | None) -> SearchPage:
        self._cancel.check()
        if link is not None:
            return self._first_page(partial(self._client.resume_search, link))
        query = [*params, ("_sort", "_lastUpdated")]
        if bound is not None:
            query.append(("_lastUpdated", f"ge{bound}"))
        return self._first_page(
            partial(self._client.search_pages, rtype, query, count=self._config.page_size)
        )

    def _follow(self, rtype: str, params: Params) -> Iterator[SearchPage]:
        for fetched in self._keyset(rtype, params, start=None, cursor=None):
            self.counts.pages += 1
            yield fetched.page

    def _follow_history(self, source: Callable[[], Iterator[HistoryPage]]) -> Iterator[HistoryPage]:
        pages = source()
        while True:
            self._cancel.check()
            page = call_with_retry(
                lambda: next(pages, None),
                backoff=self._config.backoff,
                cancel=self._cancel,
                random=self._config.random,
                what="history page",
            )
            if page is None:
                return
            self.counts.pages += 1
            yield page

    def _first_page(self, start: Callable[[], Iterator[T]]) -> T:
        return call_with_retry(
            lambda: next(start()),
            backoff=self._config.backoff,
            cancel=self._cancel,
            random=self._config.random,
            what="search page",
        )

    # ---- store ----------------------------------------------------------------------------

    def _apply(
        self,
        resources: list[Resource],
        refs: frozenset[tuple[str, str]],
        checkpoint: Checkpoint | None,
    ) -> None:
        self.counts.pages += 1
        for rtype, rid in refs:
            self._wanted_refs[rtype].add(rid)
        result = self._store.apply_server_resources(resources, checkpoint=checkpoint)
        self.counts.applied += result.applied
        self.counts.skipped += result.skipped
        self._conflicts(result)

    def _conflicts(self, result: ApplyResult) -> None:
        for candidate in result.conflicts:
            decision = settle(
                self._store,
                candidate,
                self._config.policies,
                self._tally,
                own_source=self._source,
            )
            self._events.emit(
                "conflict_was_detected",
                resource_type=candidate.resource_type,
                merged=type(decision).__name__ != "Deferred",
            )

    def _bootstrapped(self) -> set[str]:
        found = self._store.checkpoint(f"members:{self._key}")
        if found is None or not found.cursor_url:
            return set()
        return set(json.loads(found.cursor_url))

    def _save_members(self, members: Iterable[str]) -> None:
        # The member list is sync state, so it lives in the store beside the data it describes.
        text = json.dumps(sorted(members), separators=(",", ":"))
        self._store.save_checkpoint(Checkpoint(f"members:{self._key}", None, text))

    def _type_scope(self, rtype: str) -> str:
        return f"pull:{self._key}:{rtype}"

    def _scoped_params(self, rtype: str, patients: list[str]) -> Params:
        param = COMPARTMENT_PARAMS.get(rtype, "_id")
        if param == "_id":
            return [("_id", ",".join(patients))]
        return [(param, ",".join(f"Patient/{p}" for p in patients))]

    def _progress(self, phase: str, done: int, total: int | None) -> None:
        self._events.emit("sync_progressed", phase=phase, done=done, total=total)


class _LogicalOps:
    """What ``sync.logical`` uses of a ``Puller`` (its ``PullOps``)."""

    def __init__(self, puller: Puller) -> None:
        self._puller = puller
        self.store = puller._store
        self.client = puller._client
        self.key = puller._key
        self.chunk_size = puller._config.chunk_size

    def pull_since(
        self,
        name: str,
        rtype: str,
        params: Params,
        committed: Checkpoint,
        *,
        keep: Callable[[Resource], bool],
    ) -> None:
        self._puller._pull_since(name, rtype, params, committed, keep=keep)

    def apply_all(self, rtype: str, params: Params, *, keep: Callable[[Resource], bool]) -> None:
        puller = self._puller
        for fetched in puller._keyset(rtype, params, start=None, cursor=None):
            chosen = [r for r in fetched.page.resources if keep(r)]
            refs = fetched.refs
            if len(chosen) != len(fetched.page.resources):
                refs = walk_references(chosen, puller._ref_types)
            puller._apply(chosen, refs, None)

    def progress(self, phase: str, done: int, total: int | None) -> None:
        self._puller._progress(phase, done, total)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _last_updated(resource: Resource) -> str | None:
    meta = resource.get("meta")
    value = meta.get("lastUpdated") if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def _parse(instant: str) -> datetime:
    return datetime.fromisoformat(instant.replace("Z", "+00:00"))


def _after(a: str, b: str) -> bool:
    return _parse(a) > _parse(b)


def _minus(instant: str | None, overlap: timedelta) -> str | None:
    if instant is None:
        return None
    moment = _parse(instant) - overlap
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
