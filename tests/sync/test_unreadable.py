"""A record the platform sends that cannot be read is kept (encrypted, with the platform's text),
counted in the sync status, retried on every sync, and never passed by the paging position."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from offline.store import Store
from sync import SyncScope
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine
from tests.sync.world import load_ward


class Damaging(httpx.HTTPTransport):
    """The real platform's answers, with one resource damaged in transit while ``on``."""

    def __init__(self, resource_id: str) -> None:
        super().__init__()
        self.resource_id = resource_id
        self.on = True
        self.sent: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if not self.on or "searchset" not in (body := response.read().decode()):
            return response
        bundle = json.loads(body)
        # A search page on its own, or the search pages in a batch's answer.
        pages = [bundle] if bundle.get("type") == "searchset" else []
        if bundle.get("type") == "batch-response":
            pages = [e["resource"] for e in bundle.get("entry", []) if "resource" in e]
        for page in pages:
            for entry in page.get("entry", []):
                resource = entry.get("resource", {})
                if resource.get("id") == self.resource_id:
                    resource["meta"]["lastUpdated"] = "yesterday, around noon"
                    text = json.dumps(resource, ensure_ascii=False, separators=(",", ":"))
                    self.sent.append(text)
        return httpx.Response(200, json=bundle, headers={"Content-Type": "application/fhir+json"})


def allergy_of(ward: Any, patient_id: str) -> dict[str, Any]:
    return next(
        a
        for a in ward.of_type("AllergyIntolerance")
        if a["patient"]["reference"] == f"Patient/{patient_id}"
    )


def test_an_unreadable_allergy_is_kept_shown_and_retried(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=6)
    resident = next(
        p
        for p in ward.residents
        if any(
            a["patient"]["reference"] == f"Patient/{p}" for a in ward.of_type("AllergyIntolerance")
        )
    )
    allergy = allergy_of(ward, resident)
    transport = Damaging(allergy["id"])
    with make_client(platform, transport=transport) as client:
        engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
        first = engine.run()

        assert first.ok, first.error
        assert first.unreadable == 1
        assert first.status.unreadable == 1
        assert any("could not be read" in line for line in first.lines())
        assert store.get("AllergyIntolerance", allergy["id"]) is None
        [kept] = store.unreadable_records()
        assert (kept.resource_type, kept.resource_id, kept.patient_id) == (
            "AllergyIntolerance",
            allergy["id"],
            resident,
        )
        assert kept.text == transport.sent[0]  # the platform's content, as it came
        assert "meta.lastUpdated" in kept.problems
        assert store.unreadable_types(resident) == frozenset({"AllergyIntolerance"})
        assert all(
            store.unreadable_types(p) == frozenset() for p in ward.residents if p != resident
        )
        others = [a for a in ward.of_type("AllergyIntolerance") if a["id"] != allergy["id"]]
        assert all(
            store.get("AllergyIntolerance", a["id"]) is not None
            for a in others
            if a["patient"]["reference"].split("/")[1] in ward.residents
        )

        again = engine.run()  # still damaged: kept, tried again
        assert again.ok
        [still] = store.unreadable_records()
        assert still.attempts >= 2

        transport.on = False
        healed = engine.run()

    assert healed.ok, healed.error
    assert healed.unreadable_recovered == 1
    assert store.unreadable_records() == []
    assert healed.status.unreadable == 0
    assert store.get("AllergyIntolerance", allergy["id"])["id"] == allergy["id"]  # type: ignore[index]
    assert store.unreadable_types(resident) == frozenset()
