"""The pull never fetches another patient's record: every response is read and checked.

A municipality of 40 synthetic patients, one ward in scope. Everything the platform answers,
on the first sync and on an incremental one after changes to patients in and out of scope, is
parsed; no resource in it may belong to a patient outside the scope (a Patient, or any record
in a Patient compartment through its subject/patient/beneficiary/for/participant).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx

from offline.store import Store
from sync import SyncScope
from sync.scope import patient_of
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine
from tests.sync.test_server_variations import put_resource
from tests.sync.world import load_ward


class Reading(httpx.HTTPTransport):
    """The real platform's answers, each resource in them kept for inspection."""

    def __init__(self) -> None:
        super().__init__()
        self.resources: list[dict[str, Any]] = []
        self.requests = 0
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.requests += 1
        self.paths.append(request.url.path)
        body = response.read()
        if body:
            found = json.loads(body)
            self.resources.extend(_resources(found))
        return response


def _resources(node: Any) -> list[dict[str, Any]]:
    if not isinstance(node, dict):
        return []
    if node.get("resourceType") == "Bundle":
        return [r for e in node.get("entry", []) for r in _resources(e.get("resource"))]
    return [node] if node.get("resourceType") not in ("OperationOutcome", None) else []


def outsiders(resources: list[dict[str, Any]], members: set[str]) -> list[str]:
    """``Type/id`` of every resource of a patient who is not a member."""
    bad = []
    for resource in resources:
        owner = patient_of(resource)
        if owner is not None and owner not in members:
            bad.append(f"{resource['resourceType']}/{resource.get('id')}")
    return bad


def test_no_other_patients_record_ever_reaches_this_computer(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=40)
    members = set(ward.residents)
    everyone = {p["id"] for p in ward.of_type("Patient")}
    assert len(everyone - members) >= 20, "too few patients outside the scope to prove anything"
    transport = Reading()
    with make_client(platform, transport=transport) as client:
        engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
        first = engine.run()
        assert first.ok, first.error
        assert sum(p.endswith("/metadata") for p in transport.paths) == 1, "one /metadata a run"
        assert first.members == len(members)
        assert outsiders(transport.resources, members) == []
        assert {r["id"] for r in transport.resources if r["resourceType"] == "Patient"} <= members

        time.sleep(1.2)  # past the test overlap
        outsider = next(iter(sorted(everyone - members)))
        for resource in ward.resources:
            if (
                patient_of(resource) in (outsider, ward.residents[0])
                and resource["resourceType"] == "Observation"
            ):
                put_resource(platform, {**resource, "status": "amended"})
        transport.resources.clear()
        second = engine.run()
        time.sleep(1.2)  # past the overlap again: nothing left to re-read
        assert engine.run().ok
        transport.paths.clear()
        quiet = engine.run()
    assert quiet.ok, quiet.error
    assert quiet.pulled == 0
    # A run with nothing to do: /metadata once, then one batch (the platform answers batches)
    # holding the probe, the ward's membership (one Encounter search) and the quiet check's two
    # system counts (sync.strategy); tests/sync/test_mobile_link.py has the platform without
    # batches (5 requests, one each).
    assert sum(p.endswith("/metadata") for p in transport.paths) == 1
    assert len(transport.paths) == 2, transport.paths
    assert second.ok, second.error
    assert second.pulled > 0
    assert outsiders(transport.resources, members) == []
    assert store.get("Patient", outsider) is None
