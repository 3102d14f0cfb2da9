"""Paging through one search without skipping a row, on any platform.

Keyset paging when the platform sorts by ``_lastUpdated``: the next page is a new search from
the last ``lastUpdated`` seen (replayed ties are skipped by version). Offset-based ``next``
links shift when rows change during paging and would silently skip a row; they are followed
only inside a run of equal ``lastUpdated`` values longer than a page. Every page is checked to
be in order: a platform that ignores ``_sort`` (or does not offer it) is paged by its ``next``
links instead, and then the caller moves its watermark only at the search's end.

A ``next`` link that expired (404/410) mid-search restarts the search from its start (at most
``MAX_RESTARTS`` times): pages are applied idempotently, so a replay costs time, not data. A
cursor stored by an earlier run resumes where it stopped; an expired one restarts likewise.

Pages are fetched one ahead (``sync.prefetch``) when the config asks for it: the generators
here touch the client, never the store, so they may run on the prefetch thread.

On a platform that answers ``batch`` Bundles, a phase that knows its next requests asks for
their first pages in one round trip (``preload``): each answer waits here until the phase asks
for exactly that request, which is then served without another round trip. Anything the batch
did not answer (an entry's error, a later page) is asked for on its own, as without batches.
A platform that refuses a batch of reads is asked request by request for the rest of the run.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from client import Gone, NotFound, ResponseError, SearchPage
from clinical.fhir_time import parse_instant
from sync.errors import PlatformUnavailable
from sync.prefetch import one_ahead
from sync.pull.context import PullContext
from sync.refscan import page_references

if TYPE_CHECKING:
    from sync.pull.opening import Opening

logger = logging.getLogger(__name__)

MAX_RESTARTS = 3
MAX_BATCH = 100
"""Searches per batch Bundle: the answer to one batch is what a dropped link costs again."""
BEHIND = 4
"""Batches fetched behind at once (``Pager.preload_behind``), each on its own connection: a
first sync's group of batches travels in one round trip, and one more batch (references, the
identifier phase) need not wait for them (HTTP/1.1 carries one request at a time on a
connection, RFC 9112 §9.3; the local platform offers no HTTP/2)."""
Params = tuple[tuple[str, str], ...]
Request = tuple[str | None, Params]
"""A first-page request: the type (None: system level) and every query parameter, in order."""
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Search:
    """One search: a type, its parameters, and the scope patients it is about."""

    resource_type: str
    params: Params
    patients: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Fetched:
    """One page of a search, the cursor that resumes after it, and the references it makes."""

    search: Search
    page: SearchPage
    after: str | None
    refs: frozenset[tuple[str, str]]


class _SortIgnored(Exception):
    """A page came back out of ``_lastUpdated`` order: the platform does not keyset-sort."""


class Pager:
    """Runs searches for one pull (see the module docstring)."""

    def __init__(self, ctx: PullContext, *, opening: Opening | None = None) -> None:
        self._ctx = ctx
        self.keyset = ctx.strategy.keyset
        self._link = threading.local()  # whether this thread's last page came by a next link
        self.batching = ctx.strategy.batch_search
        self._preloaded: dict[Request, SearchPage] = {}
        self._behind: dict[Request, Future[None]] = {}
        self._worker: ThreadPoolExecutor | None = None
        self._opening = opening
        # What the pages of batches asked for with ``refs_ahead`` reference, found as they
        # arrive (``arrived_refs``), and kept for their walk (``_walk``: not scanned twice).
        self._refs: dict[int, frozenset[tuple[str, str]]] = {}
        self._arrived: list[tuple[str, str]] = []
        self._refs_lock = threading.Lock()

    def _adopt_opening(self) -> None:
        """Take the opening's answers (``sync.pull.opening``) as preloaded, once: waits for its
        batch, sent before this pager was made."""
        if self._opening is not None:
            opening, self._opening = self._opening, None
            self._preloaded.update(opening.pages())

    def close(self) -> None:
        """Wait for a batch still being fetched behind (``preload_behind``), if any."""
        if self._opening is not None:
            self._opening.close()
            self._opening = None
        if self._worker is not None:
            self._worker.shutdown(wait=True)
            self._worker = None
        self._behind.clear()

    def preload_behind(
        self, requests: list[Request], *, single: bool = False, refs_ahead: bool = False
    ) -> Future[None] | None:
        """``preload`` on a helper thread: the batch is fetched while the caller stores what
        it already has; a request in it, when asked for, waits for the batch (its error, if
        any, is raised there). ``single``: a batch of one request too (fetched behind, it
        still saves the caller a round trip). ``refs_ahead``: what its pages reference is
        offered by ``arrived_refs`` as soon as they arrive. The batch's future; None when
        nothing was asked for."""
        wanted = self._unasked(requests)
        if not self.batching or len(wanted) < (1 if single else 2):
            return None
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=BEHIND, thread_name_prefix="sync-batch")
        future = self._worker.submit(self._load, wanted, refs_ahead=refs_ahead)
        for request in wanted:
            self._behind[request] = future
        return future

    # ---- many first pages in one round trip ---------------------------------------------

    def preload(self, requests: Iterator[Request] | list[Request]) -> None:
        """Ask for the first page of each of ``requests`` in batch Bundles, kept for later.

        A no-op without batches, or for a single request (it costs one round trip either way).
        Requests already answered, or being fetched behind, are not asked for again.
        """
        wanted = self._unasked(requests)
        if not self.batching or len(wanted) < 2:
            return
        self._load(wanted)

    def _unasked(self, requests: Iterator[Request] | list[Request]) -> list[Request]:
        self._adopt_opening()
        return list(
            dict.fromkeys(r for r in requests if r not in self._preloaded and r not in self._behind)
        )

    def arrived_refs(self) -> list[tuple[str, str]]:
        """The references found in ``refs_ahead`` pages that arrived since the last call."""
        with self._refs_lock:
            found, self._arrived = self._arrived, []
        return found

    def _load(self, wanted: list[Request], *, refs_ahead: bool = False) -> None:
        for start in range(0, len(wanted), MAX_BATCH):
            chunk = wanted[start : start + MAX_BATCH]
            try:
                pages = self._ctx.retry(
                    partial(self._ctx.client.search_batch, chunk), what="batch of searches"
                )
            except ResponseError as exc:
                self.batching = False
                logger.warning(
                    "the platform refused a batch of searches (%s); searches go one by one",
                    type(exc).__name__,
                )
                return
            for request, page in zip(chunk, pages, strict=True):
                if page is not None:
                    if refs_ahead:
                        refs = self._page_refs(page)
                        with self._refs_lock:
                            self._refs[id(page)] = refs
                            self._arrived.extend(refs)
                    self._preloaded[request] = page

    def first_request(self, search: Search, *, since: str | None = None) -> Request:
        """The request for the first page of ``search`` from ``since``, as ``pages`` sends it."""
        return (search.resource_type, self._query(search.params, bound=since, keyset=self.keyset))

    def count_request(self, resource_type: str | None, params: Params = ()) -> Request:
        """The request ``count`` (``count_system`` for None) sends."""
        return (resource_type, (*params, ("_summary", "count")))

    def server_time_request(self) -> Request:
        return ("Patient", (("_count", "0"),))

    def pages(
        self, search: Search, *, since: str | None = None, cursor: str | None = None
    ) -> Iterator[Fetched]:
        """The pages of ``search`` from ``since`` (``_lastUpdated``), fetched one ahead."""
        return self.ahead(self.steps(search, since=since, cursor=cursor))

    def ahead(self, source: Iterator[T]) -> Iterator[T]:
        """``source`` fetched one ahead on the prefetch thread, or inline when that is off."""
        return one_ahead(source) if self._ctx.config.prefetch else source

    def steps(
        self, search: Search, *, since: str | None = None, cursor: str | None = None
    ) -> Iterator[Fetched]:
        """The pages of ``search`` in order, each with the cursor that resumes after it."""
        restarts = 0
        while True:
            try:
                yield from self._walk(search, since, cursor)
                return
            except _SortIgnored:
                self.keyset = False
                logger.warning(
                    "%s: the platform ignores _sort=_lastUpdated; its next links are followed",
                    search.resource_type,
                )
            except (NotFound, Gone):
                if not getattr(self._link, "on", False):
                    raise
                restarts += 1
                if restarts > MAX_RESTARTS:
                    raise PlatformUnavailable(
                        f"{search.resource_type}: the platform's paging links kept expiring "
                        "before the search was read through"
                    ) from None
                logger.info(
                    "%s: a paging link expired; the search starts again", search.resource_type
                )
            cursor = None

    def count(self, resource_type: str, params: Params = ()) -> int | None:
        """How many resources a search matches (``_summary=count``: no resource is sent)."""
        page = self._get(self.count_request(resource_type, params))
        self._ctx.counts.pages += 1
        return page.total

    def count_system(self, params: Params) -> int | None:
        """How many resources a system-level search matches (``_summary=count``)."""
        page = self._get(self.count_request(None, params))
        self._ctx.counts.pages += 1
        return page.total

    def ids(self, resource_type: str, params: Params) -> set[str]:
        """The ids a search matches (``_elements=id`` where the platform offers it)."""
        query = (*params, ("_elements", "id")) if self._ctx.strategy.id_listing_elements else params
        found: set[str] = set()
        for fetched in self.pages(Search(resource_type, query)):
            self._ctx.counts.pages += 1
            found.update(
                str(r["id"]) for r in fetched.page.resources if isinstance(r.get("id"), str)
            )
        return found

    def server_time(self) -> str:
        """The platform's clock now: ``Bundle.meta.lastUpdated`` of an empty search."""
        page = self._get(self.server_time_request())
        if page.last_updated is None:
            # The device clock is never a watermark (android-fhir #1148): refuse instead.
            raise PlatformUnavailable(
                "the platform sends no Bundle.meta.lastUpdated, so there is no server time to "
                "take a watermark from; ask the platform administrator"
            )
        return page.last_updated

    # ---- one walk through a search -------------------------------------------------------

    def _walk(self, search: Search, since: str | None, cursor: str | None) -> Iterator[Fetched]:
        keyset = self.keyset
        bound, link = since, None
        if cursor is not None and cursor.startswith("keyset:") and keyset:
            bound = cursor.removeprefix("keyset:")
        elif cursor is not None and cursor.startswith("link:"):
            link = cursor.removeprefix("link:")
        while True:
            page = self._fetch(search, bound=bound, link=link, keyset=keyset)
            stamps = [_last_updated(r) for r in page.resources]
            if keyset and not _in_order(stamps, bound):
                raise _SortIgnored
            with self._refs_lock:
                found = self._refs.pop(id(page), None)
            refs = found if found is not None else self._page_refs(page)
            if page.next_url is None:
                yield Fetched(search, page, None, refs)
                return
            first, last = (stamps[0], stamps[-1]) if stamps else (None, None)
            if keyset and first is not None and last is not None and not _same(first, last):
                bound, link = last, None
                after = f"keyset:{last}"
            else:
                link = page.next_url  # no keyset, or a run of equal stamps longer than a page
                after = f"link:{link}"
            yield Fetched(search, page, after, refs)

    def _page_refs(self, page: SearchPage) -> frozenset[tuple[str, str]]:
        return page_references(page.body, page.resources, self._ctx.ref_types)

    def _fetch(
        self, search: Search, *, bound: str | None, link: str | None, keyset: bool
    ) -> SearchPage:
        self._ctx.cancel.check()
        client = self._ctx.client
        self._link.on = link is not None
        if link is not None:
            return self._first(partial(client.resume_search, link))
        return self._get((search.resource_type, self._query(search.params, bound, keyset)))

    def _query(self, params: Params, bound: str | None, keyset: bool) -> Params:
        query = list(params)
        if keyset:
            query.append(("_sort", "_lastUpdated"))
        if bound is not None:
            query.append(("_lastUpdated", f"ge{bound}"))
        query.append(("_count", str(self._ctx.config.page_size)))
        return tuple(query)

    def _get(self, request: Request) -> SearchPage:
        """The first page of ``request``: preloaded (once), else asked for now."""
        self._adopt_opening()
        behind = self._behind.pop(request, None)
        if behind is not None:
            behind.result()
        page = self._preloaded.pop(request, None)
        if page is not None:
            return page
        resource_type, query = request
        client = self._ctx.client
        if resource_type is None:
            return self._first(partial(client.search_system_pages, query))
        return self._first(partial(client.search_pages, resource_type, query))

    def _first(self, start: partial[Iterator[SearchPage]]) -> SearchPage:
        return self._ctx.retry(lambda: next(start()), what="search page")


def _last_updated(resource: dict[str, object]) -> str | None:
    meta = resource.get("meta")
    value = meta.get("lastUpdated") if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def _in_order(stamps: list[str | None], bound: str | None) -> bool:
    """True when ``stamps`` never go back in time and none is before ``bound``.

    Stamps of one length, all in UTC (``…Z``), compare by their text exactly as by their moments
    (fixed-width fields, most significant first); anything else is parsed.
    """
    present = [s for s in stamps if s is not None]
    if bound is not None:
        present.insert(0, bound)
    if len(present) < 2:
        return True
    width = len(present[0])
    if all(len(s) == width and s.endswith("Z") for s in present):
        return all(a <= b for a, b in itertools.pairwise(present))
    try:
        moments = [parse_instant(s) for s in present]
    except ValueError:
        return False
    return all(a <= b for a, b in itertools.pairwise(moments))


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return parse_instant(a) == parse_instant(b)
    except ValueError:
        return False
