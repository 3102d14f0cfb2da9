"""The FHIR R4 REST client: one ``httpx.Client``, shared by the worker threads that use it.

Thread safety: every method may be called from several threads at once; httpx's connection pool
is thread-safe and the cached CapabilityStatement is guarded by a lock. The page iterators
(``search_pages``, ``history_type``...) are plain generators: consume each one on one thread.
They hold no connection between pages, so abandoning one half-way leaks nothing.

Validation at the boundary (see client.validation): everything sent and every single read is
validated fully against the R4B models; search and history pages get the structural check
unless ``validation="full"`` is asked for. A malformed resource on a page is skipped, listed in
``page.skipped`` and passed to ``on_malformed``; a malformed single read raises
MalformedServerResource. Resources are returned as the server's JSON dicts, never re-serialised
models.
"""

from __future__ import annotations

import json
import logging
import random as random_module
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import httpx

from client.bundles import (
    BundleEntryRequest,
    EntryResult,
    FhirResource,
    build_bundle,
    bundle_repeatable,
    entry_result,
    parse_status,
    with_id,
)
from client.capabilities import Capabilities, parse_capabilities
from client.codings import accept_encoding
from client.errors import (
    IncompleteAnswer,
    MalformedResource,
    MalformedServerResource,
    OutgoingResourceInvalid,
    Problem,
    UnexpectedResponse,
)
from client.pages import HistoryPage, SearchPage, parse_history_page, parse_search_page
from client.redaction import install_log_redaction
from client.results import WriteResult
from client.retry import Repeatable, RetryPolicy
from client.sender import Call, QueryPairs, Sender
from client.settings import Timeouts, tls_context
from client.validation import ValidationMode, check_resource, is_fhir_id
from client.versions import if_match, resolve_version

logger = logging.getLogger(__name__)

FHIR_JSON = "application/fhir+json"
SearchParams = Mapping[str, str | Sequence[str]] | Sequence[tuple[str, str]]
_WRITE_HEADERS = {"Content-Type": f"{FHIR_JSON}; charset=utf-8", "Prefer": "return=representation"}


class FhirClient:
    """Talks FHIR R4 REST to one server base URL; close it (or use ``with``) when done."""

    def __init__(
        self,
        base_url: str,
        *,
        auth: httpx.Auth | None = None,
        transport: httpx.BaseTransport | None = None,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        ca_bundle: Path | None = None,
        page_validation: ValidationMode = "structural",
        on_malformed: Callable[[MalformedResource], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        random: Callable[[], float] = random_module.random,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        user_agent: str = "Pleiepunkt",
        max_connections: int = 10,
    ) -> None:
        # A given transport owns its own TLS set-up; otherwise httpx builds one from `verify`.
        self._http = httpx.Client(
            base_url=base_url,
            auth=auth,
            transport=transport,
            timeout=(timeouts or Timeouts()).to_httpx(),
            verify=tls_context(ca_bundle),
            limits=httpx.Limits(max_connections=max_connections),
            headers={
                "Accept": FHIR_JSON,
                "Accept-Encoding": accept_encoding(),
                "User-Agent": user_agent,
            },
            follow_redirects=False,
        )
        install_log_redaction(self._http.base_url.path)
        self._sender = Sender(
            self._http, policy=retry or RetryPolicy(), sleep=sleep, random=random, clock=clock
        )
        self._sleep, self._random, self._clock = sleep, random, clock
        self._owns_http = True
        self._page_validation: ValidationMode = page_validation
        self._on_malformed = on_malformed
        self._capabilities: Capabilities | None = None
        self._capabilities_lock = threading.Lock()

    def without_retries(self) -> FhirClient:
        """This client on the same connections, sending every request exactly once.

        For a caller that owns retries itself (the sync engine: one owner, so attempts are
        bounded and every wait can be cancelled). Closing the returned client closes nothing.
        """
        twin = object.__new__(FhirClient)
        twin.__dict__.update(self.__dict__)
        twin._sender = Sender(
            self._http,
            policy=RetryPolicy(max_attempts=1),
            sleep=self._sleep,
            random=self._random,
            clock=self._clock,
        )
        twin._owns_http = False
        twin._capabilities = None
        twin._capabilities_lock = threading.Lock()
        return twin

    def __enter__(self) -> FhirClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool (a ``without_retries`` twin leaves it to its original)."""
        if self._owns_http:
            self._http.close()

    @property
    def base_url(self) -> str:
        """The server base URL, with a trailing slash."""
        return str(self._http.base_url)

    def capabilities(self, *, refresh: bool = False) -> Capabilities:
        """Return what the server supports (``GET metadata``), fetched once and then cached."""
        with self._capabilities_lock:
            if self._capabilities is None or refresh:
                call = Call("GET", "metadata", Repeatable.SAFE, "CapabilityStatement")
                statement = self._sender.json(call, self._sender.send(call))
                if (
                    not isinstance(statement, dict)
                    or statement.get("resourceType") != "CapabilityStatement"
                ):
                    raise UnexpectedResponse(
                        f"{self._sender.label(call)}: the answer is not a CapabilityStatement. "
                        "Check that the configured address is the FHIR base URL.",
                        status=200,
                        resource_type="CapabilityStatement",
                    )
                self._capabilities = parse_capabilities(statement)
            return self._capabilities

    def read(self, resource_type: str, resource_id: str) -> FhirResource:
        """Return the current version of ``resource_type/resource_id``; NotFound/Gone if none."""
        return self._read_one(
            Call(
                "GET", f"{_type(resource_type)}/{_id(resource_id)}", Repeatable.SAFE, resource_type
            ),
            resource_type,
            resource_id,
        )

    def vread(self, resource_type: str, resource_id: str, version_id: str) -> FhirResource:
        """Return version ``version_id`` of ``resource_type/resource_id``."""
        url = f"{_type(resource_type)}/{_id(resource_id)}/_history/{_id(version_id)}"
        return self._read_one(
            Call("GET", url, Repeatable.SAFE, resource_type), resource_type, resource_id
        )

    def search_pages(
        self,
        resource_type: str,
        params: SearchParams | None = None,
        *,
        count: int | None = None,
        validation: ValidationMode | None = None,
    ) -> Iterator[SearchPage]:
        """Yield the pages of ``GET [type]?params``, following ``next`` links one page at a time."""
        query = _query(params, count=count)
        first = Call("GET", _type(resource_type), Repeatable.SAFE, resource_type, params=query)
        return self._pages(first, validation, parse=parse_search_page)

    def search_system_pages(
        self, params: SearchParams | None = None, *, count: int | None = None
    ) -> Iterator[SearchPage]:
        """Yield the pages of the system-level ``GET [base]?params`` (e.g. with ``_type``)."""
        query = _query(params, count=count)
        first = Call("GET", "", Repeatable.SAFE, None, params=query)
        return self._pages(first, None, parse=parse_search_page)

    def search(
        self,
        resource_type: str,
        params: SearchParams | None = None,
        *,
        count: int | None = None,
        validation: ValidationMode | None = None,
    ) -> Iterator[FhirResource]:
        """Yield every matching resource across all pages (includes and malformed ones left out)."""
        for page in self.search_pages(resource_type, params, count=count, validation=validation):
            yield from page.resources

    def resume_search(
        self, next_url: str, *, validation: ValidationMode | None = None
    ) -> Iterator[SearchPage]:
        """Yield search pages starting at a stored ``next`` link (for resuming after a restart)."""
        return self._pages(self._link_call(next_url, None), validation, parse=parse_search_page)

    def history_type(
        self,
        resource_type: str,
        *,
        since: datetime | str | None = None,
        count: int | None = None,
        validation: ValidationMode | None = None,
    ) -> Iterator[HistoryPage]:
        """Yield pages of ``GET [type]/_history?_since=``; deletions come without resource."""
        query = _query(_since_params(since), count=count)
        first = Call(
            "GET", f"{_type(resource_type)}/_history", Repeatable.SAFE, resource_type, params=query
        )
        return self._pages(first, validation, parse=parse_history_page)

    def history_system(
        self,
        *,
        since: datetime | str | None = None,
        count: int | None = None,
        validation: ValidationMode | None = None,
    ) -> Iterator[HistoryPage]:
        """Yield pages of the system-wide ``GET _history?_since=``."""
        query = _query(_since_params(since), count=count)
        first = Call("GET", "_history", Repeatable.SAFE, None, params=query)
        return self._pages(first, validation, parse=parse_history_page)

    def resume_history(
        self, next_url: str, *, validation: ValidationMode | None = None
    ) -> Iterator[HistoryPage]:
        """Yield history pages starting at a stored ``next`` link."""
        return self._pages(self._link_call(next_url, None), validation, parse=parse_history_page)

    def create(self, resource: Mapping[str, Any], *, only_if_absent: bool = False) -> WriteResult:
        """Create by ``PUT [type]/[id]``; a resource without id gets a new lowercase UUIDv4.

        Safe to retry, hence retried: the id is fresh, so a replay rewrites the same content.
        Use it only for ids nobody else writes; ``update`` is for existing resources.
        ``only_if_absent`` sends ``If-None-Match: *`` (create-only, as ``BundleEntryRequest.create``
        does): an existing resource of that id raises VersionConflict instead of being replaced.
        """
        body = with_id(resource)
        return self._put(
            body,
            version_id=None,
            repeatable=Repeatable.IDEMPOTENT,
            only_if_absent=only_if_absent,
        )

    def update(self, resource: Mapping[str, Any], *, version_id: str | None) -> WriteResult:
        """Replace a resource; with ``version_id`` only if the server still holds that version.

        A stale ``version_id`` raises VersionConflict. ``version_id=None`` overwrites blindly and
        is therefore never retried automatically.
        """
        if not is_fhir_id(resource.get("id")):
            raise ValueError("update needs a resource with a valid id; use create for new ones")
        repeatable = Repeatable.IDEMPOTENT if version_id is not None else Repeatable.UNSAFE
        return self._put(dict(resource), version_id=version_id, repeatable=repeatable)

    def delete(
        self, resource_type: str, resource_id: str, *, version_id: str | None = None
    ) -> WriteResult:
        """Delete a resource; with ``version_id`` only if the server still holds that version."""
        headers = {"If-Match": if_match(version_id)} if version_id is not None else {}
        repeatable = Repeatable.IDEMPOTENT if version_id is not None else Repeatable.UNSAFE
        call = Call(
            "DELETE",
            f"{_type(resource_type)}/{_id(resource_id)}",
            repeatable,
            resource_type,
            headers=headers,
        )
        return self._write_result(call, self._sender.send(call), resource_type, resource_id)

    def conditional_create(self, resource: Mapping[str, Any], *, query: str) -> WriteResult:
        """``POST [type]`` with ``If-None-Exist: query``: creates (201) or returns the match (200).

        Several matches raise MultipleMatches. Retried like an idempotent request: a replay
        finds what the first attempt created.
        """
        body = dict(resource)
        resource_type = _type(str(body.get("resourceType", "")))
        self._check_outgoing(body)
        call = Call(
            "POST",
            resource_type,
            Repeatable.IDEMPOTENT,
            resource_type,
            body=_dump(body),
            headers={**_WRITE_HEADERS, "If-None-Exist": query},
            conditional_create=True,
        )
        return self._write_result(call, self._sender.send(call), resource_type, None)

    def post(self, resource: Mapping[str, Any]) -> WriteResult:
        """Plain ``POST [type]``: the server assigns the id. Never retried (a replay would make a
        duplicate): search for the record's own identifier before sending it again."""
        body = dict(resource)
        resource_type = _type(str(body.get("resourceType", "")))
        self._check_outgoing(body)
        call = Call(
            "POST",
            resource_type,
            Repeatable.UNSAFE,
            resource_type,
            body=_dump(body),
            headers=_WRITE_HEADERS,
        )
        return self._write_result(call, self._sender.send(call), resource_type, None)

    def transaction(self, entries: Sequence[BundleEntryRequest]) -> list[EntryResult]:
        """Send an all-or-nothing transaction; a failed one raises the error for its status."""
        return self._bundle("transaction", list(entries))

    def batch(self, entries: Sequence[BundleEntryRequest]) -> list[EntryResult]:
        """Send a batch: each entry succeeds or fails alone (see ``EntryResult.error()``)."""
        return self._bundle("batch", list(entries))

    def search_batch(
        self, searches: Sequence[tuple[str | None, SearchParams | None]]
    ) -> list[SearchPage | None]:
        """The first page of each search, asked for in one ``batch`` Bundle of GET entries.

        ``(None, params)`` is a system-level search. One round trip instead of one per search
        (FHIR R4 http.html#batch: the entries are independent). An entry the server answered
        with an error, or with something that is not a search Bundle, comes back as None: the
        caller sends that search on its own, where the error is reported as usual. A failed
        batch as a whole raises the error for its status (like any request).
        """
        if not searches:
            return []
        entries = []
        for resource_type, params in searches:
            path = _type(resource_type) if resource_type is not None else ""
            query = urlencode(_query(params) or ())
            entries.append({"request": {"method": "GET", "url": f"{path}?{query}"}})
        bundle = {"resourceType": "Bundle", "type": "batch", "entry": entries}
        call = Call(
            "POST",
            "",
            Repeatable.SAFE,
            "Bundle",
            body=_dump(bundle),
            headers={"Content-Type": f"{FHIR_JSON}; charset=utf-8"},
        )
        response = self._sender.send(call)
        answer = self._sender.json(call, response)
        answers = _answer_entries(answer, "batch", len(entries), self._sender.label(call))
        mode: ValidationMode = self._page_validation

        def check(resource: object, expected_type: str | None) -> MalformedResource | None:
            return check_resource(resource, mode=mode, expected_type=expected_type)

        pages: list[SearchPage | None] = []
        for entry in answers:
            found = entry.get("resource")
            status = parse_status(entry["response"].get("status"))
            if not 200 <= status < 300 or not isinstance(found, dict):
                pages.append(None)
                continue
            if found.get("resourceType") != "Bundle" or found.get("type") != "searchset":
                pages.append(None)
                continue
            page = parse_search_page(found, check=check)
            for report in page.skipped:
                self._report(report)
            pages.append(page)
        return pages

    def _read_one(self, call: Call, resource_type: str, resource_id: str) -> FhirResource:
        resource = self._sender.json(call, self._sender.send(call))
        report = check_resource(resource, mode="full", expected_type=resource_type)
        if report is None and resource.get("id") != resource_id:
            report = MalformedResource(resource_type, None, (Problem("id", "unexpected-id"),))
        if report is not None:
            self._report(report)
            raise MalformedServerResource(
                f"{self._sender.label(call)}: the server sent an invalid resource "
                f"({report.describe()}). Report it to the platform administrator.",
                report=report,
            )
        result: FhirResource = resource
        return result

    def _put(
        self,
        body: FhirResource,
        *,
        version_id: str | None,
        repeatable: Repeatable,
        only_if_absent: bool = False,
    ) -> WriteResult:
        self._check_outgoing(body)
        resource_type, resource_id = str(body["resourceType"]), str(body["id"])
        headers = dict(_WRITE_HEADERS)
        if version_id is not None:
            headers["If-Match"] = if_match(version_id)
        if only_if_absent:
            headers["If-None-Match"] = "*"
        call = Call(
            "PUT",
            f"{_type(resource_type)}/{_id(resource_id)}",
            repeatable,
            resource_type,
            body=_dump(body),
            headers=headers,
        )
        return self._write_result(call, self._sender.send(call), resource_type, resource_id)

    def _check_outgoing(self, body: Mapping[str, Any]) -> None:
        report = check_resource(body, mode="full")
        if report is not None:
            raise OutgoingResourceInvalid(
                f"refusing to send an invalid resource ({report.describe()}); nothing was "
                "sent. This is a defect in the app: report it to IT.",
                report=report,
            )

    def _write_result(
        self,
        call: Call,
        response: httpx.Response,
        resource_type: str,
        resource_id: str | None,
    ) -> WriteResult:
        resource: FhirResource | None = None
        report: MalformedResource | None = None
        if response.content:
            body = self._sender.json(call, response)
            if isinstance(body, dict) and body.get("resourceType") != "OperationOutcome":
                report = check_resource(body, mode="full", expected_type=resource_type)
                if report is None:
                    resource = body
                else:
                    self._report(report)
        location = response.headers.get("location") or response.headers.get("content-location")
        if resource is not None and is_fhir_id(resource.get("id")):
            resource_id = resource["id"]
        elif resource_id is None and location:
            resource_id = _id_from_location(location)
        return WriteResult(
            status=response.status_code,
            resource_type=resource_type,
            resource_id=resource_id,
            version_id=resolve_version(
                etag=response.headers.get("etag"), resource=resource, location=location
            ),
            last_modified=response.headers.get("last-modified"),
            location=location,
            resource=resource,
            malformed=report,
        )

    def _bundle(
        self, kind: Literal["transaction", "batch"], entries: list[BundleEntryRequest]
    ) -> list[EntryResult]:
        if not entries:
            return []
        for entry in entries:
            if entry.resource is not None:
                self._check_outgoing(entry.resource)
        conditional = any(e.if_none_exist for e in entries) and not any(
            e.version_id for e in entries
        )
        call = Call(
            "POST",
            "",
            bundle_repeatable(entries),
            "Bundle",
            body=_dump(build_bundle(kind, entries)),
            headers=_WRITE_HEADERS,
            conditional_create=conditional,
        )
        response = self._sender.send(call)
        try:
            response_bundle = self._sender.json(call, response)
        except UnexpectedResponse:
            response_bundle = None  # no JSON at all: as incomplete as an answer gets
        answers = _answer_entries(response_bundle, kind, len(entries), self._sender.label(call))
        results = []
        for request, answer in zip(entries, answers, strict=True):
            answer_map = answer if isinstance(answer, dict) else {}
            resource = answer_map.get("resource")
            report = None
            if resource is not None:
                report = check_resource(resource, mode=self._page_validation)
                if report is not None:
                    self._report(report)
                    resource = None
            results.append(entry_result(request, answer_map, resource=resource, malformed=report))
        return results

    def _pages(
        self,
        first: Call,
        validation: ValidationMode | None,
        *,
        parse: Callable[..., Any],
    ) -> Iterator[Any]:
        mode: ValidationMode = validation or self._page_validation

        def check(resource: object, expected_type: str | None) -> MalformedResource | None:
            return check_resource(resource, mode=mode, expected_type=expected_type)

        call = first
        while True:
            response = self._sender.send(call)
            bundle = self._sender.json(call, response)
            if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
                raise UnexpectedResponse(
                    f"{self._sender.label(call)}: the answer is not a Bundle.",
                    status=200,
                    resource_type=first.resource_type,
                )
            page = parse(bundle, check=check, body=response.content)
            for report in page.skipped:
                self._report(report)
            yield page
            if page.next_url is None:
                return
            call = self._link_call(page.next_url, call, resource_type=first.resource_type)

    def _link_call(
        self, next_url: str, current: Call | None, *, resource_type: str | None = None
    ) -> Call:
        base = self._http.base_url
        target = base.join(next_url)
        if (target.scheme, target.host, target.port) != (base.scheme, base.host, base.port):
            # Our credentials must never travel to a host the configuration did not name.
            raise UnexpectedResponse(
                "the server sent a paging link to another host; refusing to follow it. Check "
                "the platform's configured public base URL.",
                status=200,
                resource_type=resource_type,
            )
        if current is not None and current.params is None and str(target) == current.url:
            raise UnexpectedResponse(
                "the server sent a paging link that points at the same page; stopping to avoid "
                "an endless loop.",
                status=200,
                resource_type=resource_type,
            )
        return Call("GET", str(target), Repeatable.SAFE, resource_type)

    def _report(self, report: MalformedResource) -> None:
        logger.warning("a malformed resource from the server, set apart: %s", report.describe())
        if self._on_malformed is not None:
            self._on_malformed(report)


def _answer_entries(bundle: object, kind: str, sent: int, label: str) -> list[dict[str, Any]]:
    """The answer's entries, one per request entry, each with a readable ``response.status``.

    Anything less raises IncompleteAnswer: an entry without a status could be a failed write,
    so it must never be taken as done (FHIR R4 http.html#transaction-response: "the response
    SHALL contain ... one entry for each entry in the request, in the same order").
    """
    answers = bundle.get("entry") if isinstance(bundle, dict) else None
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        problem = "is not a Bundle"
    elif bundle.get("type") not in (None, f"{kind}-response"):
        problem = f"is a {str(bundle.get('type'))[:30]!r} Bundle, not a {kind}-response"
    elif not isinstance(answers, list) or len(answers) != sent:
        count = len(answers) if isinstance(answers, list) else 0
        problem = f"has {count} entries for {sent} sent"
    else:
        missing = [
            i
            for i, answer in enumerate(answers)
            if not isinstance(answer, dict)
            or not isinstance(answer.get("response"), dict)
            or parse_status(answer["response"].get("status")) == 0
        ]
        if not missing:
            return answers
        problem = f"has no readable status for entries {', '.join(map(str, missing[:10]))}"
    raise IncompleteAnswer(
        f"{label}: the {kind} response {problem}; nothing is taken as done and the bundle "
        "is sent again. If this repeats, report it to the platform administrator.",
        status=200,
        resource_type="Bundle",
    )


def _type(resource_type: str) -> str:
    if not resource_type.isalpha() or not resource_type[:1].isupper():
        raise ValueError("a resource type is a capitalised word such as 'Patient'")
    return resource_type


def _id(value: str) -> str:
    if not is_fhir_id(value):
        raise ValueError("an id is 1-64 letters, digits, '-' or '.'")
    return value


def _dump(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _query(params: SearchParams | None, *, count: int | None = None) -> QueryPairs | None:
    pairs: list[tuple[str, str]] = []
    if isinstance(params, Mapping):
        for key, value in params.items():
            values = [value] if isinstance(value, str) else list(value)
            pairs.extend((key, v) for v in values)
    elif params is not None:
        pairs.extend(params)
    if count is not None:
        pairs.append(("_count", str(count)))
    return tuple(pairs) or None


def _since_params(since: datetime | str | None) -> list[tuple[str, str]]:
    if since is None:
        return []
    if isinstance(since, datetime):
        if since.tzinfo is None:
            raise ValueError("_since needs a timezone-aware datetime")
        text = since.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return [("_since", text)]
    return [("_since", since)]


def _id_from_location(location: str) -> str | None:
    parts = location.split("?", 1)[0].split("/_history/", 1)[0].rstrip("/").split("/")
    return parts[-1] if parts and is_fhir_id(parts[-1]) else None
