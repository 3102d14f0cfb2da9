"""A bundle the server rejects (400/422) is bisected down to the entry at fault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from client import FhirClient
from offline.store import Store
from sync import SyncScope
from tests.sync.helpers import capability_statement, make_engine, no_sleep
from tests.sync.world import new_observation, new_patient

POISON = "poisoned"


def platform_rejecting_poison(seen: list[int]) -> httpx.MockTransport:
    """A server stand-in that answers 422 to any transaction holding a poisoned entry."""

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, json=capability_statement())
        if request.method == "GET" and request.url.path.endswith("/Patient"):
            return httpx.Response(
                200,
                json={
                    "resourceType": "Bundle",
                    "type": "searchset",
                    "meta": {"lastUpdated": "2026-01-15T10:00:00.000Z"},
                },
            )
        if request.method == "GET":
            return httpx.Response(200, json={"resourceType": "Bundle", "type": "searchset"})
        bundle = json.loads(request.content)
        seen.append(len(bundle["entry"]))
        if any(e["resource"].get("status") == POISON for e in bundle["entry"]):
            return httpx.Response(
                422,
                json={
                    "resourceType": "OperationOutcome",
                    "issue": [
                        {
                            "severity": "error",
                            "code": "invalid",
                            "diagnostics": "status is not valid",
                        }
                    ],
                },
            )
        entries: list[dict[str, Any]] = [
            {
                "response": {"status": "201 Created", "etag": 'W/"1"'},
                "resource": {
                    **e["resource"],
                    "meta": {"versionId": "1", "lastUpdated": "2026-01-15T10:00:00.000Z"},
                },
            }
            for e in bundle["entry"]
        ]
        return httpx.Response(
            200, json={"resourceType": "Bundle", "type": "transaction-response", "entry": entries}
        )

    return httpx.MockTransport(handle)


def test_bisection_isolates_the_poison_entry(store: Store, data_dir: Path) -> None:
    pat = store.create(new_patient(5))
    for value in range(15):
        store.create(new_observation(pat["id"], value=value))
    poison = store.create({**new_observation(pat["id"]), "status": POISON})
    seen: list[int] = []
    transport = platform_rejecting_poison(seen)
    with FhirClient("http://platform.test/fhir/", transport=transport, sleep=no_sleep) as client:
        engine = make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir)
        summary = engine.run()
    assert summary.pushed == 16
    assert summary.quarantined == 1
    [quarantined] = [e for e in store.outbox() if e.state == "quarantined"]
    assert quarantined.resource_id == poison["id"]
    assert quarantined.last_error == "status is not valid"
    assert seen[0] == 17
    assert len(seen) <= 2 * 5 + 1
