"""Fault test: with each platform fault switch the sync converges, no duplicates, none lost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from client import FhirClient
from offline.store import Store
from sync import SyncScope
from tests.platform.launcher import Platform
from tests.sync.helpers import make_engine, platform_resources, strip
from tests.sync.world import load_ward

FAULTS: dict[str, dict[str, Any]] = {
    "drop-after-commit": {"drop_after_commit": {"count": 3, "method": "POST"}},
    "http-500": {"error": {"status": 500, "count": 3}},
    "http-503": {"error": {"status": 503, "count": 3}},
    "429-retry-after": {"throttle": {"count": 3, "retry_after": 1}},
    "latency": {"latency_ms": 50},
    "connection-reset": {"reset_connection": 3},
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_sync_converges_under_fault(
    fault: str,
    server_profile: str,
    platform: Platform,
    store: Store,
    client: FhirClient,
    data_dir: Path,
) -> None:
    ward = load_ward(platform, patients=2)
    engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir, bundle_size=5)
    assert engine.run().ok
    resident = ward.residents[0]
    created = [
        store.create(
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
                "subject": {"reference": f"Patient/{resident}"},
                "valueQuantity": {"value": 60 + i, "unit": "/min"},
            }
        )
        for i in range(12)
    ]
    edited = store.get("Patient", resident)
    store.update({**edited, "gender": "other"})  # type: ignore[dict-item]
    platform.set_faults(**FAULTS[fault])

    for _attempt in range(5):
        summary = engine.run()
        if summary.ok and store.outbox_status().pending == 0:
            break
    platform.clear_faults()

    assert summary.ok, summary.error
    status = store.outbox_status()
    assert (status.pending, status.quarantined, status.open_conflicts) == (0, 0, 0)
    observations = platform_resources(platform, "Observation", subject=f"Patient/{resident}")
    by_id = {o["id"]: o for o in observations}
    for resource in created:
        held = store.get("Observation", resource["id"])  # found under the platform's id too
        assert held is not None
        assert strip(by_id[held["id"]]) == strip(held)
    values = Counter(i["value"] for o in observations for i in o.get("identifier", []))
    assert all(n == 1 for n in values.values()), "duplicates on the platform"
    assert client.read("Patient", resident)["gender"] == "other"
