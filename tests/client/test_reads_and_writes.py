"""Single reads are fully validated; writes are validated, versioned and return what happened."""

from __future__ import annotations

import gzip
import json
import re
import uuid
from collections.abc import Callable

import httpx
import pytest

from client import (
    Gone,
    MalformedResource,
    MalformedServerResource,
    OutgoingResourceInvalid,
    VersionConflict,
)
from tests.client.fakes import BASE, ScriptedServer, make_client, patient

UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z")


def echo(status: int = 201, version: str = "1") -> Callable[[httpx.Request], httpx.Response]:
    def reply(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        body["meta"] = {"versionId": version, "lastUpdated": "2026-03-02T12:00:00.000Z"}
        return httpx.Response(status, json=body)

    return reply


def test_read_returns_the_resource_and_sends_fhir_accept_headers() -> None:
    server = ScriptedServer(httpx.Response(200, json=patient("p1")))
    with make_client(server) as client:
        assert client.read("Patient", "p1") == patient("p1")
    request = server.requests[0]
    assert str(request.url) == f"{BASE}/Patient/p1"
    assert request.headers["Accept"] == "application/fhir+json"
    assert "gzip" in request.headers["Accept-Encoding"]


def test_gzip_responses_are_decoded() -> None:
    payload = gzip.compress(json.dumps(patient("p1")).encode())
    server = ScriptedServer(
        httpx.Response(200, content=payload, headers={"Content-Encoding": "gzip"})
    )
    with make_client(server) as client:
        assert client.read("Patient", "p1")["id"] == "p1"


def test_vread_addresses_the_version() -> None:
    server = ScriptedServer(httpx.Response(200, json=patient("p1", "3")))
    with make_client(server) as client:
        assert client.vread("Patient", "p1", "3")["meta"]["versionId"] == "3"
    assert str(server.requests[0].url) == f"{BASE}/Patient/p1/_history/3"


def test_read_of_a_deleted_resource_raises_gone() -> None:
    server = ScriptedServer(httpx.Response(410))
    with make_client(server) as client, pytest.raises(Gone):
        client.read("Patient", "p1")


@pytest.mark.parametrize(
    "served",
    [
        patient("p1", birthDate="not a date"),
        patient("other"),
        {"resourceType": "Observation", "id": "p1"},
    ],
)
def test_malformed_read_is_reported_and_raised_without_values(served: dict[str, object]) -> None:
    reports: list[MalformedResource] = []
    server = ScriptedServer(httpx.Response(200, json=served))
    client = make_client(server, on_malformed=reports.append)
    with client, pytest.raises(MalformedServerResource) as caught:
        client.read("Patient", "p1")
    assert caught.value.report == reports[0]
    assert "not a date" not in str(caught.value)


@pytest.mark.parametrize("bad", ["../Patient", "a b", "", "x" * 65])
def test_bad_ids_are_refused_before_sending(bad: str) -> None:
    server = ScriptedServer(httpx.Response(200, json=patient()))
    with make_client(server) as client, pytest.raises(ValueError):
        client.read("Patient", bad)
    assert server.requests == []


def test_create_puts_to_a_new_lowercase_uuid4() -> None:
    server = ScriptedServer(echo(201))
    resource = {"resourceType": "Patient", "active": True}
    with make_client(server) as client:
        result = client.create(resource)
    request = server.requests[0]
    new_id = request.url.path.rsplit("/", 1)[1]
    assert request.method == "PUT"
    assert UUID4.match(new_id)
    assert uuid.UUID(new_id).version == 4
    assert server.body()["id"] == new_id
    assert "id" not in resource
    assert request.headers["Prefer"] == "return=representation"
    assert request.headers["Content-Type"].startswith("application/fhir+json")
    assert "If-Match" not in request.headers
    assert result.created
    assert result.resource_id == new_id
    assert result.version_id == "1"


def test_create_keeps_an_existing_id() -> None:
    server = ScriptedServer(echo(201))
    with make_client(server) as client:
        result = client.create(patient("given-id"))
    assert server.requests[0].url.path.endswith("/Patient/given-id")
    assert result.resource_id == "given-id"


def test_update_sends_a_weak_if_match() -> None:
    server = ScriptedServer(echo(200, "8"))
    with make_client(server) as client:
        result = client.update(patient("p1", "7"), version_id="7")
    assert server.requests[0].headers["If-Match"] == 'W/"7"'
    assert not result.created
    assert result.version_id == "8"


def test_stale_update_raises_version_conflict() -> None:
    server = ScriptedServer(httpx.Response(412))
    with make_client(server) as client, pytest.raises(VersionConflict):
        client.update(patient("p1", "7"), version_id="6")


def test_update_needs_an_id() -> None:
    server = ScriptedServer(echo())
    with make_client(server) as client, pytest.raises(ValueError):
        client.update({"resourceType": "Patient"}, version_id="1")


def test_invalid_outgoing_resource_is_never_sent() -> None:
    server = ScriptedServer(echo())
    bad = {"resourceType": "Patient", "birthDate": "31.12.1940", "name": [{"family": "Hansen"}]}
    with make_client(server) as client, pytest.raises(OutgoingResourceInvalid) as caught:
        client.create(bad)
    assert server.requests == []
    assert [p.path for p in caught.value.report.problems] == ["birthDate"]
    assert "31.12.1940" not in str(caught.value)
    assert "Hansen" not in str(caught.value)


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        ({"ETag": 'W/"e1"'}, patient("p1", "m1"), "e1"),
        ({}, patient("p1", "m1"), "m1"),
        ({"Location": f"{BASE}/Patient/p1/_history/l1"}, None, "l1"),
        ({"ETag": '"strong"'}, None, "strong"),
        ({}, None, None),
    ],
)
def test_version_comes_from_etag_then_meta_then_location(
    headers: dict[str, str], body: dict[str, object] | None, expected: str | None
) -> None:
    response = (
        httpx.Response(200, json=body, headers=headers)
        if body
        else httpx.Response(200, headers=headers)
    )
    server = ScriptedServer(response)
    with make_client(server) as client:
        assert client.update(patient("p1"), version_id="1").version_id == expected


def test_malformed_representation_after_a_write_is_reported_not_raised() -> None:
    reports: list[MalformedResource] = []
    served = patient("p1", "2", birthDate="garbage")
    server = ScriptedServer(httpx.Response(200, json=served, headers={"ETag": 'W/"2"'}))
    with make_client(server, on_malformed=reports.append) as client:
        result = client.update(patient("p1"), version_id="1")
    assert result.resource is None
    assert result.version_id == "2"
    assert result.malformed == reports[0]


def test_delete_with_and_without_if_match() -> None:
    server = ScriptedServer(
        httpx.Response(204),
        httpx.Response(200, json={"resourceType": "OperationOutcome", "issue": []}),
    )
    with make_client(server) as client:
        first = client.delete("Patient", "p1", version_id="4")
        second = client.delete("Patient", "p2")
    assert server.requests[0].method == "DELETE"
    assert server.requests[0].headers["If-Match"] == 'W/"4"'
    assert "If-Match" not in server.requests[1].headers
    assert first.resource is None
    assert second.resource is None
    assert first.resource_id == "p1"


def test_conditional_create_sends_if_none_exist_and_reports_created_or_found() -> None:
    query = "identifier=urn:oid:2.16.578.1.12.4.1.4.1|13838498765"
    server = ScriptedServer(
        httpx.Response(
            201, json=patient("new1"), headers={"Location": f"{BASE}/Patient/new1/_history/1"}
        ),
        httpx.Response(200, json=patient("new1")),
    )
    with make_client(server) as client:
        created = client.conditional_create({"resourceType": "Patient"}, query=query)
        found = client.conditional_create({"resourceType": "Patient"}, query=query)
    request = server.requests[0]
    assert request.method == "POST"
    assert str(request.url) == f"{BASE}/Patient"
    assert request.headers["If-None-Exist"] == query
    assert created.created
    assert created.resource_id == "new1"
    assert not found.created
    assert found.resource_id == "new1"
