"""Each documented server variation on its own: the pull and push still carry every record.

The matrix tests (kill, faults, conflicts) run whole vendor profiles; these take one switch at a
time, with data large enough to need it (more than a capped page, links that expire mid-search).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from client import FhirClient
from offline.store import Store
from sync import SyncScope
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine, platform_resources, strip
from tests.sync.world import new_observation, new_patient


def many_observations(platform: Platform, count: int) -> tuple[str, list[dict[str, Any]]]:
    """A patient with ``count`` observations on the platform (loaded, so with server ids)."""
    patient = new_patient(41)
    observations = [new_observation(patient["id"], value=float(i)) for i in range(count)]
    platform.load_ndjson(json.dumps(r) for r in [patient, *observations])
    return patient["id"], observations


@pytest.mark.parametrize(
    "switches",
    [
        {"max_count": 100},
        {"sort": "ignored"},
        {"sort": "unsupported"},
        {"paging": "token", "sort": "ignored", "page_token_ttl_ms": 60000},
        {"paging": "token", "max_count": 100},
    ],
    ids=["count-capped", "sort-ignored", "sort-unsupported", "tokens-unsorted", "tokens-capped"],
)
def test_every_record_arrives_however_the_platform_pages(
    switches: dict[str, Any], platform: Platform, store: Store, data_dir: Path
) -> None:
    platform.set_profile("default", **switches)
    pid, observations = many_observations(platform, 450)
    with make_client(platform) as client:
        engine = make_engine(store, client, SyncScope(patients=(pid,)), data_dir, page_size=200)
        summary = engine.run()
        assert summary.ok, summary.error
        assert all(store.get("Observation", o["id"]) is not None for o in observations)
        time.sleep(1.2)  # past the test overlap: the next run asks only for what changed
        changed = observations[::50]
        for obs in changed:
            put_resource(platform, {**obs, "status": "amended"})
        again = engine.run()
    assert again.ok, again.error
    assert all(store.get("Observation", o["id"])["status"] == "amended" for o in changed)  # type: ignore[index]


def test_an_expiring_link_mid_search_restarts_the_search(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    """Links that expire before the search is read through: restarted, nothing skipped."""
    platform.set_profile("default", paging="token", sort="ignored", page_token_ttl_ms=60000)
    pid, observations = many_observations(platform, 300)

    class Expiring(httpx.HTTPTransport):
        """Lets the first page-token link through stale: the platform answers 410 to it."""

        def __init__(self) -> None:
            super().__init__()
            self.expired = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if "_page_token" in request.url.query.decode() and not self.expired:
                self.expired += 1
                request = httpx.Request(
                    request.method,
                    request.url.copy_set_param("_page_token", "gone"),
                    headers=request.headers,
                )
            return super().handle_request(request)

    transport = Expiring()
    with make_client(platform, transport=transport) as client:
        summary = make_engine(
            store, client, SyncScope(patients=(pid,)), data_dir, page_size=100
        ).run()
    assert summary.ok, summary.error
    assert transport.expired == 1
    assert all(store.get("Observation", o["id"]) is not None for o in observations)


@pytest.mark.parametrize("offset_minutes", [5, -5])
def test_a_platform_clock_off_the_laptops_loses_no_change(
    offset_minutes: int, platform: Platform, store: Store, data_dir: Path
) -> None:
    platform.set_profile("default", clock_offset_ms=offset_minutes * 60_000)
    pid, observations = many_observations(platform, 5)
    with make_client(platform) as client:
        engine = make_engine(store, client, SyncScope(patients=(pid,)), data_dir)
        assert engine.run().ok
        time.sleep(1.2)
        put_resource(platform, {**observations[0], "status": "amended"})
        local = store.create(new_observation(pid, value=99.0))
        summary = engine.run()
    assert summary.ok, summary.error
    assert store.get("Observation", observations[0]["id"])["status"] == "amended"  # type: ignore[index]
    assert strip(store.get("Observation", local["id"])) == strip(
        next(o for o in platform_resources(platform, "Observation") if o["id"] == local["id"])
    )


@pytest.mark.parametrize(
    "switches",
    [
        {"client_ids": False},
        {"client_ids": False, "bundles": "none"},
        {"client_ids": False, "bundles": "batch"},
        {"bundles": "none", "etag": False, "return_body": False, "location": "always"},
        {"version_conflict_status": 409, "version_ids": "counter"},
    ],
    ids=["post-transaction", "post-single", "post-batch", "location-versions", "409-counter"],
)
def test_creates_updates_and_deletes_reach_the_platform_once(
    switches: dict[str, Any], platform: Platform, store: Store, data_dir: Path
) -> None:
    platform.set_profile("default", **switches)
    pat = store.create(new_patient(51))
    first = store.create(new_observation(pat["id"], value=1.0))
    with make_client(platform) as client:
        engine = make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir)
        summary = engine.run()
        assert summary.ok, summary.error
        patient = store.get("Patient", pat["id"])
        assert patient is not None
        engine = make_engine(store, client, SyncScope(patients=(patient["id"],)), data_dir)
        second = store.create(new_observation(patient["id"], value=2.0))
        held = store.get("Observation", first["id"])
        assert held is not None
        store.update({**held, "status": "amended"})
        assert engine.run().ok
        store.delete("Observation", second["id"])
        done = engine.run()
    assert done.ok, done.error
    on_platform = platform_resources(platform, "Observation")
    assert [o["status"] for o in on_platform] == ["amended"]
    assert strip(on_platform[0]) == strip(store.get("Observation", first["id"]))
    assert on_platform[0]["subject"]["reference"] == f"Patient/{patient['id']}"
    assert store.outbox() == []
    assert len(platform_resources(platform, "Patient")) == 1
    if not switches.get("client_ids", True):
        assert patient["id"] != pat["id"]  # the platform's id replaced ours, references too
        assert on_platform[0]["id"] != first["id"]


def test_a_colleagues_concurrent_edit_is_a_conflict_with_409_too(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    platform.set_profile("hapi")
    pat = store.create(new_patient(61))
    obs = store.create({**new_observation(pat["id"]), "status": "preliminary"})
    engine = make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir)
    assert engine.run().ok
    server = client.read("Observation", obs["id"])
    put_resource(platform, {**server, "status": "amended"})
    store.update({**store.get("Observation", obs["id"]), "status": "final"})  # type: ignore[dict-item]
    assert engine.run(push_only=True).ok
    [conflict] = store.open_conflicts()
    assert conflict.remote["status"] == "amended"  # type: ignore[index]
    assert conflict.local["status"] == "final"  # type: ignore[index]


def put_resource(platform: Platform, resource: dict[str, Any]) -> None:
    response = httpx.put(
        f"{platform.fhir_base}/{resource['resourceType']}/{resource['id']}",
        json={k: v for k, v in resource.items() if k != "meta"},
        headers={"Content-Type": "application/fhir+json"},
    )
    assert response.status_code in (200, 201), response.text


def test_the_profile_switches_show_in_the_capability_statement(platform: Platform) -> None:
    platform.set_profile("azure")
    statement = httpx.get(f"{platform.fhir_base}/metadata").json()
    rest = statement["rest"][0]
    codes = {i["code"] for i in rest["interaction"]}
    assert "transaction" not in codes
    assert "batch" in codes
    assert "history-system" not in codes
    platform.set_profile("medplum")
    rest = httpx.get(f"{platform.fhir_base}/metadata").json()["rest"][0]
    assert not rest["resource"][0]["updateCreate"]
    assert "_sort" not in {p["name"] for p in rest["searchParam"]}
