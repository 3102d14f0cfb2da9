"""Synthea data survives platform -> sync -> store -> platform without loss, every bundle, every
type: what is pulled is the Patient compartment and what it references, never a hand-kept list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from client import FhirClient
from offline.store import Store
from sync import SyncScope
from tests.platform.launcher import Platform
from tests.shared_data import SYNTHEA_DIR
from tests.sync.helpers import make_engine, platform_resources, strip

SYNTHEA = SYNTHEA_DIR
BUNDLES = sorted(SYNTHEA.glob("*.json")) if SYNTHEA.is_dir() else []


def snapshot(platform: Platform, types: set[str]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (r["resourceType"], r["id"]): r
        for t in sorted(types)
        for r in platform_resources(platform, t)
    }


def held_types(store: Store) -> set[str]:
    rows = store._conn.execute("SELECT DISTINCT type FROM resource WHERE tombstone = 0")
    return {row[0] for row in rows}


@pytest.mark.parametrize("bundle_path", BUNDLES, ids=lambda p: p.name[:20])
def test_synthea_patient_round_trips(
    bundle_path: Path, platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    types = {e["resource"]["resourceType"] for e in bundle["entry"]}
    platform.load_bundle(bundle)
    before = snapshot(platform, types)
    [patient_id] = [rid for (rtype, rid) in before if rtype == "Patient"]
    engine = make_engine(store, client, SyncScope(patients=(patient_id,)), data_dir)

    summary = engine.run()
    assert summary.ok, summary.error
    assert held_types(store) == types, "the types pulled are not the types the bundle holds"
    assert summary.unpullable == ()
    for (rtype, rid), resource in before.items():
        assert strip(store.get(rtype, rid)) == strip(resource), f"{rtype} changed on the way in"

    condition = next(r for (t, _i), r in before.items() if t == "Condition")
    store.update(
        {**store.get("Condition", condition["id"]), "note": [{"text": "sett av sykepleier"}]}
    )  # type: ignore[dict-item]
    assert engine.run().pushed == 1

    after = snapshot(platform, types)
    assert after.keys() == before.keys()
    for key, resource in after.items():
        assert strip(resource) == strip(store.get(*key))
        if key != ("Condition", condition["id"]):
            assert strip(resource) == strip(before[key]), f"{key[0]} changed on the way out"
    assert after[("Condition", condition["id"])]["note"] == [{"text": "sett av sykepleier"}]


def test_the_synthea_samples_are_present() -> None:
    """The round trip above must never pass by having nothing to carry."""
    assert len(BUNDLES) >= 6, f"Synthea bundles missing in {SYNTHEA}"
    goals = [p for p in BUNDLES if '"resourceType": "Goal"' in p.read_text(encoding="utf-8")]
    assert goals, "no bundle holds a Goal: the compartment test would prove less"
