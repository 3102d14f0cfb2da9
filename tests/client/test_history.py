"""Type- and system-level history: versions since a time, deletions as entries, paged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest

from tests.client.fakes import BASE, ScriptedServer, make_client, patient


def history_bundle(
    entries: list[dict[str, object]], next_url: str | None = None
) -> dict[str, object]:
    bundle: dict[str, object] = {"resourceType": "Bundle", "type": "history", "entry": entries}
    if next_url:
        bundle["link"] = [{"relation": "next", "url": next_url}]
    return bundle


def write(resource: dict[str, object], method: str = "PUT") -> dict[str, object]:
    return {
        "fullUrl": f"{BASE}/Patient/{resource['id']}",
        "resource": resource,
        "request": {"method": method, "url": f"Patient/{resource['id']}"},
        "response": {"status": "200 OK", "etag": f'W/"{resource["meta"]["versionId"]}"'},  # type: ignore[index]
    }


DELETION = {
    "fullUrl": f"{BASE}/Patient/gone1",
    "request": {"method": "DELETE", "url": "Patient/gone1"},
    "response": {
        "status": "204 No Content",
        "etag": 'W/"3"',
        "lastModified": "2026-03-02T11:30:00.000Z",
    },
}


def test_type_history_reports_writes_and_deletions() -> None:
    page2 = f"{BASE}/Patient/_history?_since=x&_offset=2"
    server = ScriptedServer(
        httpx.Response(200, json=history_bundle([write(patient("a", "2")), DELETION], page2)),
        httpx.Response(200, json=history_bundle([write(patient("b", "1"), "POST")])),
    )
    since = datetime(2026, 3, 2, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    with make_client(server) as client:
        pages = list(client.history_type("Patient", since=since, count=2))
    assert server.requests[0].url.path == "/fhir/R4/Patient/_history"
    assert server.requests[0].url.params["_since"] == "2026-03-02T12:00:00.000Z"
    assert server.requests[0].url.params["_count"] == "2"
    entries = [e for p in pages for e in p.entries]
    assert [(e.method, e.resource_id, e.version_id, e.deleted) for e in entries] == [
        ("PUT", "a", "2", False),
        ("DELETE", "gone1", "3", True),
        ("POST", "b", "1", False),
    ]
    deletion = entries[1]
    assert deletion.resource is None
    assert deletion.resource_type == "Patient"
    assert deletion.last_modified == "2026-03-02T11:30:00.000Z"
    assert entries[0].last_modified == "2026-03-02T11:00:00.000Z"


def test_since_string_is_sent_verbatim() -> None:
    server = ScriptedServer(httpx.Response(200, json=history_bundle([])))
    with make_client(server) as client:
        list(client.history_type("Patient", since="2026-03-02T11:00:00.123+01:00"))
    assert server.requests[0].url.params["_since"] == "2026-03-02T11:00:00.123+01:00"


def test_naive_since_is_refused() -> None:
    server = ScriptedServer(httpx.Response(200, json=history_bundle([])))
    with make_client(server) as client, pytest.raises(ValueError, match="timezone"):
        list(client.history_type("Patient", since=datetime(2026, 3, 2)))
    assert server.requests == []


def test_system_history_uses_the_base_history_endpoint() -> None:
    server = ScriptedServer(httpx.Response(200, json=history_bundle([DELETION])))
    with make_client(server) as client:
        pages = list(client.history_system(since=datetime(2026, 3, 1, tzinfo=UTC)))
    assert server.requests[0].url.path == "/fhir/R4/_history"
    assert pages[0].entries[0].deleted


def test_malformed_history_entries_are_skipped_and_reported() -> None:
    broken = write(patient("bad", "1"))
    broken["resource"] = {"resourceType": "Patient", "id": "no spaces allowed"}
    nameless_delete = {"request": {"method": "DELETE", "url": "urn:uuid:1"}}
    server = ScriptedServer(
        httpx.Response(
            200, json=history_bundle([broken, write(patient("ok", "4")), nameless_delete])
        )
    )
    reports = []
    with make_client(server, on_malformed=reports.append) as client:
        page = next(client.history_type("Patient"))
    assert [e.resource_id for e in page.entries] == ["ok"]
    assert len(page.skipped) == 2
    assert reports == page.skipped


def test_resume_history_starts_at_a_stored_link() -> None:
    link = f"{BASE}/Patient/_history?_since=2026-03-02T11%3A00%3A00Z&_offset=100"
    server = ScriptedServer(httpx.Response(200, json=history_bundle([])))
    with make_client(server) as client:
        list(client.resume_history(link))
    assert str(server.requests[0].url) == link
