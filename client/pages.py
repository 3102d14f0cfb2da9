"""One page of search or history results, parsed from a Bundle, with malformed entries set apart.

A malformed entry is never silently dropped: it is reported (``skipped``, value-free) and kept
with its content (``unreadable``) so the caller can store it and say so.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from client.errors import MalformedResource, Problem
from client.validation import is_fhir_id
from client.versions import resolve_version

FhirResource = dict[str, Any]
Check = Callable[[object, str | None], MalformedResource | None]


@dataclass(frozen=True)
class Unreadable:
    """An entry that failed the check: the value-free report, and the server's content as JSON
    text (re-encoded from the parsed Bundle, so numbers may be written differently). The text
    is patient data: keep it encrypted, never log it."""

    report: MalformedResource
    text: str = field(repr=False)


@dataclass(frozen=True)
class SearchPage:
    """Matches and includes of one searchset page; ``skipped`` lists what failed validation,
    ``unreadable`` the same entries with their content.

    ``body`` is the Bundle's JSON text as received (decompressed), for callers that scan it
    faster than they could walk the parsed resources; empty when the page was built otherwise.
    """

    resources: list[FhirResource]
    included: list[FhirResource]
    skipped: list[MalformedResource]
    total: int | None
    next_url: str | None
    self_url: str | None
    last_updated: str | None
    body: bytes = b""
    unreadable: list[Unreadable] = field(default_factory=list)


@dataclass(frozen=True)
class HistoryEntry:
    """One version in a history: a write (with its resource) or a deletion (resource None)."""

    method: str
    resource_type: str
    resource_id: str
    version_id: str | None
    last_modified: str | None
    resource: FhirResource | None

    @property
    def deleted(self) -> bool:
        """True for a deletion (a tombstone)."""
        return self.method == "DELETE"


@dataclass(frozen=True)
class HistoryPage:
    """The entries of one history page, in the order the server sent them."""

    entries: list[HistoryEntry]
    skipped: list[MalformedResource]
    total: int | None
    next_url: str | None
    self_url: str | None
    last_updated: str | None


def bundle_link(bundle: Mapping[str, Any], relation: str) -> str | None:
    """Return the URL of ``Bundle.link[relation]``, verbatim, or None."""
    links = bundle.get("link")
    for link in links if isinstance(links, list) else []:
        if isinstance(link, Mapping) and link.get("relation") == relation:
            url = link.get("url")
            return url if isinstance(url, str) and url else None
    return None


def _bundle_facts(bundle: Mapping[str, Any]) -> tuple[int | None, str | None]:
    total = bundle.get("total")
    meta = bundle.get("meta")
    last_updated = meta.get("lastUpdated") if isinstance(meta, Mapping) else None
    return (
        total if isinstance(total, int) and not isinstance(total, bool) else None,
        last_updated if isinstance(last_updated, str) else None,
    )


def _entries(bundle: Mapping[str, Any]) -> list[Any]:
    entries = bundle.get("entry")
    return entries if isinstance(entries, list) else []


def parse_search_page(bundle: Mapping[str, Any], *, check: Check, body: bytes = b"") -> SearchPage:
    """Return the page a searchset Bundle holds; each resource is passed through ``check``.

    ``body``, the text ``bundle`` was parsed from, is kept on the page as it is.
    """
    resources: list[FhirResource] = []
    included: list[FhirResource] = []
    skipped: list[MalformedResource] = []
    unreadable: list[Unreadable] = []
    for entry in _entries(bundle):
        if not isinstance(entry, Mapping):
            not_object = MalformedResource(None, None, (Problem("entry", "not-an-object"),))
            skipped.append(not_object)
            unreadable.append(Unreadable(not_object, _text(entry)))
            continue
        search = entry.get("search")
        mode = search.get("mode") if isinstance(search, Mapping) else None
        if mode == "outcome":
            continue
        resource = entry.get("resource")
        report = check(resource, None)
        if report is not None:
            skipped.append(report)
            unreadable.append(Unreadable(report, _text(resource)))
        elif mode == "include":
            included.append(cast(FhirResource, resource))
        else:
            resources.append(cast(FhirResource, resource))
    total, last_updated = _bundle_facts(bundle)
    return SearchPage(
        resources=resources,
        included=included,
        skipped=skipped,
        total=total,
        next_url=bundle_link(bundle, "next"),
        self_url=bundle_link(bundle, "self"),
        last_updated=last_updated,
        body=body,
        unreadable=unreadable,
    )


def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def parse_history_page(
    bundle: Mapping[str, Any], *, check: Check, body: bytes = b""
) -> HistoryPage:
    """Return the page a history Bundle holds; deletions become entries without a resource.

    ``body`` is accepted for symmetry with ``parse_search_page`` and not kept.
    """
    entries: list[HistoryEntry] = []
    skipped: list[MalformedResource] = []
    for raw in _entries(bundle):
        entry, report = _history_entry(raw, check=check)
        if entry is not None:
            entries.append(entry)
        if report is not None:
            skipped.append(report)
    total, last_updated = _bundle_facts(bundle)
    return HistoryPage(
        entries=entries,
        skipped=skipped,
        total=total,
        next_url=bundle_link(bundle, "next"),
        self_url=bundle_link(bundle, "self"),
        last_updated=last_updated,
    )


def _history_entry(
    raw: object, *, check: Check
) -> tuple[HistoryEntry | None, MalformedResource | None]:
    if not isinstance(raw, Mapping):
        return None, MalformedResource(None, None, (Problem("entry", "not-an-object"),))
    request: Mapping[str, Any] = raw["request"] if isinstance(raw.get("request"), Mapping) else {}
    response: Mapping[str, Any] = (
        raw["response"] if isinstance(raw.get("response"), Mapping) else {}
    )
    resource = raw.get("resource")
    method = request.get("method")
    if not isinstance(method, str):
        method = "PUT" if resource is not None else ""
    etag = response.get("etag") if isinstance(response.get("etag"), str) else None
    location = response.get("location") if isinstance(response.get("location"), str) else None
    modified = response.get("lastModified")
    last_modified = modified if isinstance(modified, str) else None
    if method == "DELETE" or resource is None:
        resource_type, resource_id = _address(request.get("url"), raw.get("fullUrl"))
        if method != "DELETE" or resource_type is None or resource_id is None:
            problem = Problem("request", "no-resource-or-address")
            return None, MalformedResource(resource_type, resource_id, (problem,))
        version = resolve_version(etag=etag, resource=None, location=location)
        return HistoryEntry(method, resource_type, resource_id, version, last_modified, None), None
    report = check(resource, None)
    if report is not None:
        return None, report
    if not is_fhir_id(resource.get("id")):
        return None, MalformedResource(resource["resourceType"], None, (Problem("id", "missing"),))
    meta = resource.get("meta")
    if last_modified is None and isinstance(meta, Mapping):
        last_modified = meta.get("lastUpdated")
    return (
        HistoryEntry(
            method,
            resource["resourceType"],
            resource["id"],
            resolve_version(etag=etag, resource=resource, location=location),
            last_modified,
            resource,
        ),
        None,
    )


def _address(*urls: object) -> tuple[str | None, str | None]:
    """Return (type, id) from the first ``[base/]Type/id[/_history/v]`` URL among ``urls``."""
    for url in urls:
        if not isinstance(url, str) or url.startswith("urn:"):
            continue
        path = url.split("?", 1)[0].split("/_history/", 1)[0].rstrip("/")
        parts = path.split("/")
        if len(parts) >= 2 and parts[-2][:1].isupper() and is_fhir_id(parts[-1]):
            return parts[-2], parts[-1]
    return None, None
