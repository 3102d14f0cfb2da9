"""Search pages stream one at a time, follow next links verbatim and skip malformed resources."""

from __future__ import annotations

import json

import httpx
import pytest

from client import MalformedResource, UnexpectedResponse
from tests.client.fakes import BASE, ScriptedServer, make_client, patient, searchset

PAGE2 = f"{BASE}/Patient?_count=2&_offset=2&_token=opaque%2Fvalue"
PAGE3 = f"{BASE}/Patient?_count=2&_offset=4&_token=opaque%2Fvalue"


def three_pages() -> ScriptedServer:
    return ScriptedServer(
        httpx.Response(200, json=searchset([patient("a"), patient("b")], next_url=PAGE2, total=5)),
        httpx.Response(200, json=searchset([patient("c"), patient("d")], next_url=PAGE3)),
        httpx.Response(200, json=searchset([patient("e")])),
    )


def test_search_follows_next_links_to_the_end() -> None:
    server = three_pages()
    with make_client(server) as client:
        ids = [r["id"] for r in client.search("Patient", {"active": "true"}, count=2)]
    assert ids == ["a", "b", "c", "d", "e"]
    assert [str(r.url) for r in server.requests[1:]] == [PAGE2, PAGE3]
    assert server.requests[0].url.params.multi_items() == [("active", "true"), ("_count", "2")]


def test_pages_are_fetched_lazily_one_at_a_time() -> None:
    server = three_pages()
    with make_client(server) as client:
        pages = client.search_pages("Patient", count=2)
        assert server.requests == []
        first = next(pages)
        assert len(server.requests) == 1
        assert first.total == 5
        assert first.next_url == PAGE2
        second = next(pages)
        assert len(server.requests) == 2
        assert [r["id"] for r in second.resources] == ["c", "d"]


def test_resume_search_starts_at_a_stored_next_link() -> None:
    server = ScriptedServer(httpx.Response(200, json=searchset([patient("e")])))
    with make_client(server) as client:
        pages = list(client.resume_search(PAGE3))
    assert str(server.requests[0].url) == PAGE3
    assert [r["id"] for r in pages[0].resources] == ["e"]


def test_relative_next_link_resolves_against_the_base() -> None:
    server = ScriptedServer(
        httpx.Response(200, json=searchset([patient("a")], next_url="Patient?page=2")),
        httpx.Response(200, json=searchset([patient("b")])),
    )
    with make_client(server) as client:
        assert [r["id"] for r in client.search("Patient")] == ["a", "b"]
    assert str(server.requests[1].url) == f"{BASE}/Patient?page=2"


def test_next_link_to_another_host_is_refused() -> None:
    evil = "https://attacker.example/fhir/R4/Patient?page=2"
    server = ScriptedServer(httpx.Response(200, json=searchset([patient("a")], next_url=evil)))
    with make_client(server) as client:
        pages = client.search_pages("Patient")
        next(pages)
        with pytest.raises(UnexpectedResponse):
            next(pages)
    assert len(server.requests) == 1


def test_next_link_pointing_at_itself_stops() -> None:
    server = ScriptedServer(httpx.Response(200, json=searchset([patient("a")], next_url=PAGE2)))
    with make_client(server) as client, pytest.raises(UnexpectedResponse):
        list(client.search("Patient"))
    assert len(server.requests) == 2


def test_include_entries_are_separate_and_outcomes_ignored() -> None:
    bundle = searchset([patient("a")])
    bundle["entry"].append(
        {"resource": {"resourceType": "Organization", "id": "o1"}, "search": {"mode": "include"}}
    )
    bundle["entry"].append(
        {
            "resource": {"resourceType": "OperationOutcome", "issue": []},
            "search": {"mode": "outcome"},
        }
    )
    server = ScriptedServer(httpx.Response(200, json=bundle))
    with make_client(server) as client:
        page = next(client.search_pages("Patient", {"_include": "Patient:organization"}))
    assert [r["id"] for r in page.resources] == ["a"]
    assert [r["id"] for r in page.included] == ["o1"]
    assert page.skipped == []


def test_resources_are_returned_as_the_servers_json_untouched() -> None:
    odd_but_valid = patient("a", extension=[{"url": "urn:x", "valueDecimal": 1.50}])
    server = ScriptedServer(httpx.Response(200, json=searchset([odd_but_valid])))
    with make_client(server) as client:
        assert list(client.search("Patient")) == [odd_but_valid]


def test_non_bundle_answer_is_an_unexpected_response() -> None:
    server = ScriptedServer(httpx.Response(200, json=patient()))
    with make_client(server) as client, pytest.raises(UnexpectedResponse):
        list(client.search("Patient"))


BROKEN = [
    ({"resourceType": "Patient", "id": "has space"}, "id", "invalid-id"),
    ({"resourceType": "NotAType", "id": "x1"}, "resourceType", "unknown-type"),
    ({"id": "x2"}, "resourceType", "unknown-type"),
    ({"resourceType": ["Patient"], "id": "x6"}, "resourceType", "unknown-type"),
    ({"resourceType": "Patient", "id": None}, "id", "invalid-id"),
    (patient("x7") | {"meta": {"versionId": None}}, "meta.versionId", "invalid-id"),
    (patient("x8") | {"meta": {"lastUpdated": 20260302}}, "meta.lastUpdated", "invalid-instant"),
    ("just a string", "", "not-an-object"),
    (patient("x3") | {"meta": {"versionId": "v 1"}}, "meta.versionId", "invalid-id"),
    (patient("x4") | {"meta": {"lastUpdated": "yesterday"}}, "meta.lastUpdated", "invalid-instant"),
    (patient("x5") | {"meta": ["not", "an", "object"]}, "meta", "not-an-object"),
]


@pytest.mark.parametrize(("broken", "path", "kind"), BROKEN)
def test_structurally_malformed_resources_are_skipped_and_reported(
    broken: object, path: str, kind: str
) -> None:
    reports: list[MalformedResource] = []
    server = ScriptedServer(
        httpx.Response(200, json=searchset([patient("a"), broken, patient("b")]))
    )
    with make_client(server, on_malformed=reports.append) as client:
        page = next(client.search_pages("Patient"))
    assert [r["id"] for r in page.resources] == ["a", "b"]
    assert page.skipped == reports
    assert [(p.path, p.kind) for p in reports[0].problems] == [(path, kind)]


def test_full_validation_catches_what_the_structural_check_lets_through() -> None:
    deep = patient("x9", birthDate="1980-13-45", name="Kari Nordmann")
    server = ScriptedServer(httpx.Response(200, json=searchset([patient("a"), deep])))
    reports: list[MalformedResource] = []
    with make_client(server, on_malformed=reports.append) as client:
        structural = next(client.search_pages("Patient"))
        full = next(client.search_pages("Patient", validation="full"))
    assert [r["id"] for r in structural.resources] == ["a", "x9"]
    assert [r["id"] for r in full.resources] == ["a"]
    report = full.skipped[0]
    assert (report.resource_type, report.resource_id) == ("Patient", "x9")
    paths = {p.path for p in report.problems}
    assert "birthDate" in paths
    assert any(path.startswith("name") for path in paths)
    assert "1980-13-45" not in report.describe()
    assert "Nordmann" not in report.describe()


def test_full_page_validation_can_be_the_client_default() -> None:
    deep = patient("x9", birthDate="1980-13-45")
    server = ScriptedServer(httpx.Response(200, json=searchset([deep])))
    with make_client(server, page_validation="full") as client:
        assert list(client.search("Patient")) == []


def test_callback_is_optional_and_skipping_never_raises() -> None:
    entries = {"resourceType": "Bundle", "type": "searchset", "entry": ["junk", {"no": "resource"}]}
    server = ScriptedServer(httpx.Response(200, json=entries))
    with make_client(server) as client:
        page = next(client.search_pages("Patient"))
    assert page.resources == []
    assert len(page.skipped) == 2


def test_a_page_keeps_the_json_text_it_was_parsed_from() -> None:
    server = ScriptedServer(httpx.Response(200, json=searchset([patient("a")])))
    with make_client(server) as client:
        page = next(client.search_pages("Patient"))
    assert json.loads(page.body)["entry"][0]["resource"] == page.resources[0]
