"""Deletions on a platform without ``_history``: periodic id reconciliation of the scope.

The platform's ``/metadata`` is rewritten in transit (a transport around the real one) so it
advertises no history at all, which is what such a server sends; everything else is the real
platform answering.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import httpx

from client import FhirClient
from offline.store import Store
from sync import SyncScope
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine
from tests.sync.test_pull import delete
from tests.sync.world import load_ward, new_observation

HISTORY = {"history-system", "history-type", "history-instance"}


class WithoutHistory(httpx.HTTPTransport):
    """Answers as the platform does, except that ``/metadata`` offers no ``_history``."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.paths.append(request.url.path + "?" + request.url.query.decode())
        if not request.url.path.endswith("/metadata"):
            return response
        statement = json.loads(response.read())
        rest = statement["rest"][0]
        rest["interaction"] = [i for i in rest["interaction"] if i["code"] not in HISTORY]
        for item in rest["resource"]:
            item["interaction"] = [i for i in item["interaction"] if i["code"] not in HISTORY]
        return httpx.Response(
            200, json=statement, headers={"Content-Type": "application/fhir+json"}
        )


def reconcile_requests(transport: WithoutHistory) -> list[str]:
    return [p for p in transport.paths if "_elements=id" in p]


def test_server_deletions_reach_the_store_by_reconciliation(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=3)
    transport = WithoutHistory()
    scope = SyncScope(units=(ward.unit,))
    with make_client(platform, transport=transport) as client:
        engine = make_engine(store, client, scope, data_dir, reconcile_every=dt.timedelta(0))
        first = engine.run()
        assert first.ok, first.error
        assert first.deletes_supported
        resident = ward.residents[0]
        observations = [
            o
            for o in ward.of_type("Observation")
            if o["subject"]["reference"] == f"Patient/{resident}"
        ]
        gone, kept = observations[0], observations[1]
        practitioner = next(
            p["id"] for p in ward.of_type("Practitioner") if store.get("Practitioner", p["id"])
        )
        delete(platform, "Observation", gone["id"])
        delete(platform, "Practitioner", practitioner)
        time.sleep(1.2)

        summary = engine.run()

    assert summary.ok, summary.error
    assert summary.reconciled
    assert summary.deleted == 2
    assert store.get("Observation", gone["id"]) is None
    assert store.get("Practitioner", practitioner) is None
    assert store.get("Observation", kept["id"]) is not None
    assert not any("_history" in p for p in transport.paths)


def test_reconciliation_runs_when_due_and_on_a_full_sync(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=2)
    transport = WithoutHistory()
    with make_client(platform, transport=transport) as client:
        engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
        first = engine.run()  # the store was just filled: the daily period starts now
        assert first.ok
        assert not first.reconciled
        quiet = engine.run()
        assert quiet.ok
        assert not quiet.reconciled
        assert reconcile_requests(transport) == []

        full = engine.run(full=True)
        assert full.ok
        assert full.reconciled
        assert reconcile_requests(transport)


def test_a_platform_with_history_is_reconciled_only_on_a_full_sync(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=2)
    engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
    assert not engine.run().reconciled
    assert not engine.run().reconciled
    assert engine.run(full=True).reconciled
    assert engine.run(trigger="full").reconciled  # what the scheduler's request("full") runs


def test_rows_with_unsent_changes_are_never_listed_for_reconciliation(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=1)
    resident = ward.residents[0]
    assert make_engine(store, client, SyncScope(patients=(resident,)), data_dir).run().ok
    held = store.clean_ids("Observation", patients=[resident])
    edited_id = sorted(held)[0]
    edited = store.get("Observation", edited_id)
    assert edited is not None
    store.update({**edited, "status": "amended"})
    created = store.create(new_observation(resident))

    after = store.clean_ids("Observation", patients=[resident])

    assert after == held - {edited_id}
    assert created["id"] not in after
    assert store.clean_ids("Observation", patients=["someone-else"]) == set()
    assert store.clean_ids("Observation") == after
