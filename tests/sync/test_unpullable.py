"""A patient record type the platform holds but cannot search by patient is named, never silent."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from offline.store import Store
from sync import SyncScope
from tests.platform.launcher import Platform
from tests.shared_data import SYNTHEA_DIR
from tests.sync.helpers import make_client, make_engine


class NoGoalSearch(httpx.HTTPTransport):
    """The platform's answers, but its CapabilityStatement offers no patient search on Goal."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if not request.url.path.endswith("/metadata"):
            return response
        statement = json.loads(response.read())
        for item in statement["rest"][0]["resource"]:
            if item["type"] == "Goal":
                item["searchParam"] = [p for p in item["searchParam"] if p["name"] != "patient"]
        return httpx.Response(
            200, json=statement, headers={"Content-Type": "application/fhir+json"}
        )


def test_goals_the_platform_cannot_search_are_named_in_the_summary(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    path = next(p for p in sorted(SYNTHEA_DIR.glob("*.json")) if '"Goal"' in p.read_text())
    bundle = json.loads(path.read_text(encoding="utf-8"))
    platform.load_bundle(bundle)
    patient_id = httpx.get(f"{platform.fhir_base}/Patient", params={"_elements": "id"}).json()[
        "entry"
    ][0]["resource"]["id"]
    with make_client(platform, transport=NoGoalSearch()) as client:
        engine = make_engine(store, client, SyncScope(patients=(patient_id,)), data_dir)
        summary = engine.run()
    assert summary.ok, summary.error
    assert summary.unpullable == ("Goal",)
    [warning] = [line for line in summary.lines() if "NOT on this computer" in line]
    assert "Goal" in warning
    assert engine.strategy is not None
    assert any("NOT PULLABLE" in line and "Goal" in line for line in engine.strategy.describe())
