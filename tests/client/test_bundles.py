"""Transaction and batch Bundles: what we send and the per-entry results we read back."""

from __future__ import annotations

import httpx
import pytest

from client import (
    BundleEntryRequest,
    InvalidInput,
    MalformedResource,
    OutgoingResourceInvalid,
    Repeatable,
    UnexpectedResponse,
    VersionConflict,
)
from tests.client.fakes import BASE, ScriptedServer, make_client, outcome, patient

QUERY = "identifier=urn:oid:2.16.578.1.12.4.1.4.1|13838498765"


def response_bundle(
    *entries: dict[str, object], kind: str = "transaction-response"
) -> dict[str, object]:
    return {"resourceType": "Bundle", "type": kind, "entry": list(entries)}


def test_transaction_bundle_shape() -> None:
    entries = [
        BundleEntryRequest.create({"resourceType": "Patient", "active": True}),
        BundleEntryRequest.update(patient("p2", "5"), version_id="5"),
        BundleEntryRequest.delete("Flag", "f1", version_id="2"),
        BundleEntryRequest.conditional_create({"resourceType": "Organization"}, query=QUERY),
        BundleEntryRequest.read("Patient", "p3"),
    ]
    answers = [{"response": {"status": "200 OK"}}] * 5
    server = ScriptedServer(httpx.Response(200, json=response_bundle(*answers)))
    with make_client(server) as client:
        client.transaction(entries)
    request = server.requests[0]
    assert request.method == "POST"
    assert str(request.url) == f"{BASE}/"
    assert request.headers["Prefer"] == "return=representation"
    sent = server.body()
    assert sent["type"] == "transaction"
    created_id = sent["entry"][0]["resource"]["id"]
    assert "fullUrl" not in sent["entry"][0]  # a urn:uuid fullUrl would rewrite identifiers
    assert [e["request"] for e in sent["entry"]] == [
        {"method": "PUT", "url": f"Patient/{created_id}"},
        {"method": "PUT", "url": "Patient/p2", "ifMatch": 'W/"5"'},
        {"method": "DELETE", "url": "Flag/f1", "ifMatch": 'W/"2"'},
        {"method": "POST", "url": "Organization", "ifNoneExist": QUERY},
        {"method": "GET", "url": "Patient/p3"},
    ]


def test_per_entry_results() -> None:
    entries = [
        BundleEntryRequest.create(patient("p1")),
        BundleEntryRequest.delete("Flag", "f1", version_id="2"),
        BundleEntryRequest.conditional_create(patient("p9"), query=QUERY),
    ]
    answers = (
        {
            "resource": patient("p1", "m1"),
            "response": {
                "status": "201 Created",
                "location": "Patient/p1/_history/l1",
                "etag": 'W/"e1"',
                "lastModified": "2026-03-02T12:00:00.000Z",
            },
        },
        {"response": {"status": "204", "etag": 'W/"3"'}},
        {
            "resource": patient("p7", "4"),
            "response": {"status": "200 OK", "location": "Patient/p7"},
        },
    )
    server = ScriptedServer(httpx.Response(200, json=response_bundle(*answers)))
    with make_client(server) as client:
        created, deleted, found = client.transaction(entries)
    assert (created.status, created.version_id, created.location) == (
        201,
        "e1",
        "Patient/p1/_history/l1",
    )
    assert created.last_modified == "2026-03-02T12:00:00.000Z"
    assert created.resource == patient("p1", "m1")
    assert created.ok
    assert created.error() is None
    assert (deleted.status, deleted.version_id, deleted.resource, deleted.resource_id) == (
        204,
        "3",
        None,
        "f1",
    )
    assert (found.status, found.version_id, found.resource_id) == (200, "4", "p7")


def test_version_falls_back_to_meta_then_location() -> None:
    entries = [BundleEntryRequest.create(patient("a")), BundleEntryRequest.create(patient("b"))]
    answers = (
        {"resource": patient("a", "m2"), "response": {"status": "201 Created"}},
        {"response": {"status": "201 Created", "location": f"{BASE}/Patient/b/_history/l3"}},
    )
    server = ScriptedServer(httpx.Response(200, json=response_bundle(*answers)))
    with make_client(server) as client:
        first, second = client.transaction(entries)
    assert first.version_id == "m2"
    assert second.version_id == "l3"
    assert second.resource_id == "b"


def test_batch_entries_fail_alone_with_mapped_errors() -> None:
    entries = [
        BundleEntryRequest.update(patient("p1"), version_id="1"),
        BundleEntryRequest.update(patient("p2"), version_id="1"),
        BundleEntryRequest.create(patient("p3")),
    ]
    answers = (
        {"response": {"status": "200 OK", "etag": 'W/"2"'}},
        {"response": {"status": "412 Precondition Failed", "outcome": outcome("conflict")}},
        {"response": {"status": "400 Bad Request", "outcome": outcome("invalid", "bad value X")}},
    )
    server = ScriptedServer(
        httpx.Response(200, json=response_bundle(*answers, kind="batch-response"))
    )
    with make_client(server) as client:
        ok, stale, invalid = client.batch(entries)
    assert server.body()["type"] == "batch"
    assert ok.error() is None
    assert isinstance(stale.error(), VersionConflict)
    error = invalid.error()
    assert isinstance(error, InvalidInput)
    assert error.diagnostics == "bad value X"
    assert "bad value X" not in str(error)


def test_failed_transaction_raises_for_its_status() -> None:
    server = ScriptedServer(httpx.Response(400, json=outcome("invalid", "entry 2 invalid")))
    with make_client(server) as client, pytest.raises(InvalidInput):
        client.transaction([BundleEntryRequest.create(patient("a"))])


def test_response_with_the_wrong_number_of_entries_is_unexpected() -> None:
    server = ScriptedServer(
        httpx.Response(200, json=response_bundle({"response": {"status": "200"}}))
    )
    entries = [BundleEntryRequest.create(patient("a")), BundleEntryRequest.create(patient("b"))]
    with make_client(server) as client, pytest.raises(UnexpectedResponse):
        client.transaction(entries)


def test_invalid_entry_resource_stops_the_bundle_before_sending() -> None:
    server = ScriptedServer(httpx.Response(200, json=response_bundle()))
    bad = {"resourceType": "Patient", "birthDate": "yesterday"}
    with make_client(server) as client, pytest.raises(OutgoingResourceInvalid):
        client.transaction(
            [BundleEntryRequest.create(patient("a")), BundleEntryRequest.create(bad)]
        )
    assert server.requests == []


def test_malformed_entry_resource_is_reported_and_dropped() -> None:
    reports: list[MalformedResource] = []
    answers = (
        {"resource": {"resourceType": "Patient", "id": "bad id"}, "response": {"status": "201"}},
    )
    server = ScriptedServer(httpx.Response(200, json=response_bundle(*answers)))
    with make_client(server, on_malformed=reports.append) as client:
        (result,) = client.transaction([BundleEntryRequest.create(patient("a"))])
    assert result.resource is None
    assert result.malformed == reports[0]
    assert result.resource_id == "a"


def test_empty_bundle_sends_nothing() -> None:
    server = ScriptedServer(httpx.Response(500))
    with make_client(server) as client:
        assert client.transaction([]) == []
    assert server.requests == []


@pytest.mark.parametrize(
    ("entry", "repeatable"),
    [
        (BundleEntryRequest.read("Patient", "p1"), Repeatable.SAFE),
        (BundleEntryRequest.create(patient("p1")), Repeatable.IDEMPOTENT),
        (BundleEntryRequest.update(patient("p1"), version_id="1"), Repeatable.IDEMPOTENT),
        (BundleEntryRequest.update(patient("p1"), version_id=None), Repeatable.UNSAFE),
        (BundleEntryRequest.delete("Patient", "p1", version_id="1"), Repeatable.IDEMPOTENT),
        (BundleEntryRequest.delete("Patient", "p1", version_id=None), Repeatable.UNSAFE),
        (BundleEntryRequest.conditional_create(patient("p1"), query=QUERY), Repeatable.IDEMPOTENT),
        (BundleEntryRequest.post(patient("p1")), Repeatable.UNSAFE),
    ],
)
def test_entry_repeatability(entry: BundleEntryRequest, repeatable: Repeatable) -> None:
    assert entry.repeatable is repeatable
