"""Transaction and batch Bundles: the entries we send and the per-entry results we get back."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from client.errors import MalformedResource, ResponseError, UnexpectedResponse
from client.outcomes import OutcomeSummary, error_for_status, summarize_outcome
from client.redaction import scrub_url
from client.retry import Repeatable
from client.validation import is_fhir_id
from client.versions import if_match, resolve_version

FhirResource = dict[str, Any]
EntryMethod = Literal["GET", "POST", "PUT", "DELETE"]


def new_id() -> str:
    """Return a fresh client-side logical id: a lowercase UUIDv4."""
    return str(uuid.uuid4())


def with_id(resource: Mapping[str, Any]) -> FhirResource:
    """Return a deep copy of ``resource`` that has an id (a new UUID when it had none)."""
    copied = copy.deepcopy(dict(resource))
    if not copied.get("id"):
        copied["id"] = new_id()
    return copied


@dataclass(frozen=True)
class BundleEntryRequest:
    """One entry of a transaction or batch; build it with the class methods."""

    method: EntryMethod
    url: str
    resource: FhirResource | None = None
    version_id: str | None = None
    if_none_exist: str | None = None
    full_url: str | None = None
    client_id: bool = False
    if_none_match: str | None = None

    @classmethod
    def create(
        cls, resource: Mapping[str, Any], *, only_if_absent: bool = False
    ) -> BundleEntryRequest:
        """PUT-create with a client id (a new lowercase UUIDv4 when ``resource`` has no id).

        No ``urn:uuid`` fullUrl: the id is final, and Medplum rewrites every occurrence of an
        entry's urn:uuid fullUrl in the Bundle, which would corrupt the resource's own
        ``urn:uuid:<id>`` business identifier into ``Type/id``.

        ``only_if_absent`` adds ``ifNoneMatch: *``: the server creates the resource only when
        no current version exists and answers 412 otherwise (HTTP, RFC 9110 §13.1.2: "to prevent
        an unsafe request method (e.g., PUT) from inadvertently modifying an existing
        representation"; FHIR R5 http.html gives update the same meaning). For an id that two
        clients may derive alike, so the second create is a conflict, not an overwrite.
        """
        body = with_id(resource)
        return cls(
            "PUT",
            f"{body['resourceType']}/{body['id']}",
            body,
            client_id=True,
            if_none_match="*" if only_if_absent else None,
        )

    @classmethod
    def update(cls, resource: Mapping[str, Any], *, version_id: str | None) -> BundleEntryRequest:
        """PUT ``resource``; with ``version_id`` the server applies it only to that version."""
        body = copy.deepcopy(dict(resource))
        return cls("PUT", f"{body['resourceType']}/{body['id']}", body, version_id=version_id)

    @classmethod
    def delete(
        cls, resource_type: str, resource_id: str, *, version_id: str | None
    ) -> BundleEntryRequest:
        """DELETE a resource; with ``version_id`` only if the server still holds that version."""
        return cls("DELETE", f"{resource_type}/{resource_id}", version_id=version_id)

    @classmethod
    def conditional_create(cls, resource: Mapping[str, Any], *, query: str) -> BundleEntryRequest:
        """POST ``resource`` unless one matching ``query`` (e.g. ``identifier=s|v``) exists."""
        body = copy.deepcopy(dict(resource))
        return cls(
            "POST",
            str(body["resourceType"]),
            body,
            if_none_exist=query,
            full_url=f"urn:uuid:{new_id()}",
        )

    @classmethod
    def post(
        cls, resource: Mapping[str, Any], *, full_url: str | None = None
    ) -> BundleEntryRequest:
        """Plain POST (server assigns the id); makes the whole Bundle unsafe to retry."""
        body = copy.deepcopy(dict(resource))
        return cls("POST", str(body["resourceType"]), body, full_url=full_url)

    @classmethod
    def read(cls, resource_type: str, resource_id: str) -> BundleEntryRequest:
        """GET one resource inside the Bundle."""
        return cls("GET", f"{resource_type}/{resource_id}")

    @property
    def repeatable(self) -> Repeatable:
        """How safe this entry is to replay (see client.retry)."""
        if self.method == "GET":
            return Repeatable.SAFE
        if self.version_id is not None or (self.method == "PUT" and self.client_id):
            return Repeatable.IDEMPOTENT
        if self.method == "POST" and self.if_none_exist:
            return Repeatable.IDEMPOTENT
        return Repeatable.UNSAFE

    @property
    def resource_type(self) -> str:
        """The resource type the entry's URL addresses."""
        return self.url.split("?", 1)[0].split("/", 1)[0]

    def to_entry(self) -> dict[str, Any]:
        """Return the Bundle.entry JSON for this request."""
        request: dict[str, Any] = {"method": self.method, "url": self.url}
        if self.version_id is not None:
            request["ifMatch"] = if_match(self.version_id)
        if self.if_none_exist is not None:
            request["ifNoneExist"] = self.if_none_exist
        if self.if_none_match is not None:
            request["ifNoneMatch"] = self.if_none_match
        entry: dict[str, Any] = {}
        if self.full_url is not None:
            entry["fullUrl"] = self.full_url
        if self.resource is not None:
            entry["resource"] = self.resource
        entry["request"] = request
        return entry


def build_bundle(
    kind: Literal["transaction", "batch"], entries: list[BundleEntryRequest]
) -> FhirResource:
    """Return a transaction or batch Bundle holding ``entries`` in order."""
    return {"resourceType": "Bundle", "type": kind, "entry": [e.to_entry() for e in entries]}


def bundle_repeatable(entries: list[BundleEntryRequest]) -> Repeatable:
    """Return IDEMPOTENT when every entry may be replayed, else UNSAFE."""
    if all(e.repeatable is not Repeatable.UNSAFE for e in entries):
        return Repeatable.IDEMPOTENT
    return Repeatable.UNSAFE


@dataclass(frozen=True)
class EntryResult:
    """The server's answer to one Bundle entry, aligned with the request at the same index."""

    request: BundleEntryRequest
    status: int
    location: str | None
    version_id: str | None
    last_modified: str | None
    resource: FhirResource | None
    outcome: FhirResource | None
    malformed: MalformedResource | None = None

    @property
    def ok(self) -> bool:
        """True for a 2xx entry status."""
        return 200 <= self.status <= 299

    @property
    def resource_id(self) -> str | None:
        """The logical id the entry touched (from the resource, the location or the request)."""
        if self.resource is not None and is_fhir_id(self.resource.get("id")):
            return str(self.resource["id"])
        for url in (self.location, self.request.url if self.request.method != "POST" else None):
            if url:
                parts = url.split("?", 1)[0].split("/_history/", 1)[0].rstrip("/").split("/")
                if len(parts) >= 2 and is_fhir_id(parts[-1]):
                    return parts[-1]
        return None

    def error(self) -> ResponseError | None:
        """Return the exception this entry's status maps to (not raised), or None when ok."""
        if self.ok:
            return None
        operation = f"{self.request.method} {scrub_url(self.request.url)} (bundle entry)"
        if self.status == 0:
            return UnexpectedResponse(
                f"{operation}: the entry has no readable status.",
                status=0,
                resource_type=self.request.resource_type,
            )
        return error_for_status(
            self.status,
            operation=operation,
            resource_type=self.request.resource_type,
            outcome=summarize_outcome(self.outcome) if self.outcome else OutcomeSummary(),
            headers={},
            conditional_create=self.request.if_none_exist is not None
            and self.request.version_id is None,
            now=datetime.now(UTC),
        )


def parse_status(value: object) -> int:
    """Return the code of a Bundle ``response.status`` like ``"201 Created"`` (0 if unreadable)."""
    if not isinstance(value, str):
        return 0
    head = value.strip().split(" ", 1)[0]
    return int(head) if head.isdigit() and len(head) == 3 else 0


def entry_result(
    request: BundleEntryRequest,
    entry: Mapping[str, Any],
    *,
    resource: FhirResource | None,
    malformed: MalformedResource | None,
) -> EntryResult:
    """Return the result of one response entry; ``resource`` is the validated entry resource."""
    response = entry.get("response")
    response = response if isinstance(response, Mapping) else {}
    location = response.get("location") if isinstance(response.get("location"), str) else None
    etag = response.get("etag") if isinstance(response.get("etag"), str) else None
    modified = response.get("lastModified")
    outcome = response.get("outcome")
    if resource is not None and resource.get("resourceType") == "OperationOutcome":
        outcome, resource = resource, None
    return EntryResult(
        request=request,
        status=parse_status(response.get("status")),
        location=location,
        version_id=resolve_version(etag=etag, resource=resource, location=location),
        last_modified=modified if isinstance(modified, str) else None,
        resource=resource,
        outcome=outcome if isinstance(outcome, dict) else None,
        malformed=malformed,
    )
