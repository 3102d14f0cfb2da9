"""What goes on the wire for an outbox entry, on this platform (``sync.strategy``).

Creates are ``PUT [type]/[our UUID]`` where the platform accepts client-assigned ids (a replay
rewrites the same content, never a duplicate). Where it does not, the record's own identifier
(``urn:ietf:rfc:3986`` / ``urn:uuid:<our id>``, stamped at creation) makes the create
idempotent instead: ``POST`` with ``If-None-Exist`` on it (a replay finds what the first attempt
made), or, without conditional create, a search for it before a plain ``POST``. The platform's
id then replaces ours locally (``offline`` re-keys the row and every reference to it), and
``aliases`` map our id to the platform's for entries already claimed. Updates and deletes carry
``If-Match`` with their base version. ``meta.source`` names this store as the writer, for
people reading the platform's records; the sync never decides by it.

A ``PUT`` create of an id two computers may derive alike (``derived_id``: a care-plan
activity's 08:00 occurrence) is create-only (``If-None-Match: *``, in a Bundle or alone), so the
second computer's create fails its precondition and goes the way of every failed precondition
(``sync.push``): our own lost answer when the platform's copy equals ours, else a conflict for a
person, never an overwrite.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from typing import Any

from client import BundleEntryRequest, EntryResult, FhirClient
from sync.ports import OutboxEntry
from sync.strategy import Strategy

# RFC 3986 URIs as identifiers (the FHIR identifier-system for a bare URI): our creates carry
# urn:uuid:<id> under it from the moment they are made (offline's parse_new).
OWN_ID_SYSTEM = "urn:ietf:rfc:3986"


def own_identifier_query(resource_id: str) -> str:
    """The search that finds a record we created by its own identifier."""
    return f"identifier={OWN_ID_SYSTEM}|urn:uuid:{resource_id}"


def derived_id(resource_id: str) -> bool:
    """Whether ``resource_id`` is a name-based UUID (RFC 9562 version 5): an id every computer
    derives alike for one thing, so two of them may create it; a random id (version 4) never
    collides."""
    try:
        return uuid.UUID(resource_id).version == 5
    except ValueError:
        return False


class Outgoing:
    """Builds the requests of one push; learns the platform's ids as creates are answered."""

    def __init__(
        self, *, strategy: Strategy, source: str, aliases: Mapping[tuple[str, str], str]
    ) -> None:
        self._strategy = strategy
        self._source = source
        self._aliases = dict(aliases)

    def learn(self, resource_type: str, local_id: str, server_id: str) -> None:
        """Our ``local_id`` is ``server_id`` on the platform from now on."""
        self._aliases[(resource_type, local_id)] = server_id

    def server_id(self, resource_type: str, resource_id: str) -> str:
        return self._aliases.get((resource_type, resource_id), resource_id)

    def request(self, entry: OutboxEntry) -> BundleEntryRequest:
        """The request that sends ``entry`` (ValueError for an entry without content)."""
        rtype = entry.resource_type
        rid = self.server_id(rtype, entry.resource_id)
        if entry.op == "delete":
            return BundleEntryRequest.delete(rtype, rid, version_id=entry.base_version_id)
        if entry.resource is None:
            raise ValueError(f"outbox entry {entry.seq} has no resource to send")
        body = self._rewritten({k: v for k, v in entry.resource.items() if k != "meta"})
        body["id"] = rid
        body["meta"] = {"source": self._source}
        if entry.op == "update" and entry.base_version_id is not None:
            return BundleEntryRequest.update(body, version_id=entry.base_version_id)
        if self._strategy.create == "put":
            return BundleEntryRequest.create(body, only_if_absent=derived_id(entry.resource_id))
        with_identifier = _with_own_identifier(body, entry.resource_id)
        del with_identifier["id"]
        return BundleEntryRequest.conditional_create(
            with_identifier, query=own_identifier_query(entry.resource_id)
        )

    def _rewritten(self, body: dict[str, Any]) -> dict[str, Any]:
        """``body`` with references to records the platform re-keyed pointing at its ids."""
        if not self._aliases:
            return body
        rewritten: dict[str, Any] = _replace_references(copy.deepcopy(body), self._aliases)
        return rewritten


def write_one(
    client: FhirClient, request: BundleEntryRequest, *, strategy: Strategy
) -> EntryResult:
    """Send one request on its own (a platform without Bundles), answered like a Bundle entry."""
    if request.method == "DELETE":
        rtype, rid = request.url.split("/", 1)
        written = client.delete(rtype, rid, version_id=request.version_id)
    elif request.method == "PUT" and request.client_id:
        written = client.create(request.resource or {}, only_if_absent=request.if_none_match == "*")
    elif request.method == "PUT":
        written = client.update(request.resource or {}, version_id=request.version_id)
    elif strategy.create == "conditional-post" and request.if_none_exist:
        written = client.conditional_create(request.resource or {}, query=request.if_none_exist)
    else:
        found = list(client.search(request.resource_type, _query(request.if_none_exist), count=2))
        if found:
            return EntryResult(request, 200, None, None, None, found[0], None)
        written = client.post(request.resource or {})
    return EntryResult(
        request=request,
        status=written.status,
        location=written.location,
        version_id=written.version_id,
        last_modified=written.last_modified,
        resource=written.resource,
        outcome=None,
    )


def _query(text: str | None) -> list[tuple[str, str]]:
    if not text:
        return []
    name, _, value = text.partition("=")
    return [(name, value)]


def _with_own_identifier(body: dict[str, Any], local_id: str) -> dict[str, Any]:
    value = f"urn:uuid:{local_id}"
    identifiers = body.get("identifier")
    present = isinstance(identifiers, list) and any(
        isinstance(i, dict) and i.get("system") == OWN_ID_SYSTEM and i.get("value") == value
        for i in identifiers
    )
    if present:
        return dict(body)
    own = {"system": OWN_ID_SYSTEM, "value": value}
    return {**body, "identifier": [*(identifiers if isinstance(identifiers, list) else []), own]}


def _replace_references(node: Any, aliases: Mapping[tuple[str, str], str]) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                node[key] = _aliased(value, aliases)
            else:
                _replace_references(value, aliases)
    elif isinstance(node, list):
        for item in node:
            _replace_references(item, aliases)
    return node


def _aliased(reference: str, aliases: Mapping[tuple[str, str], str]) -> str:
    parts = reference.split("/")
    if len(parts) >= 2:
        server = aliases.get((parts[-2], parts[-1]))
        if server is not None:
            return "/".join([*parts[:-1], server])
    return reference
