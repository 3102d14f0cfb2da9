"""Synthea R4 bundles survive the store: every resource comes back semantically identical."""

from __future__ import annotations

import json

from offline.store import Store
from tests.shared_data import SYNTHEA_DIR

SYNTHEA = SYNTHEA_DIR
BUNDLES = sorted(SYNTHEA.glob("*.json")) if SYNTHEA.exists() else []


def test_every_synthea_resource_round_trips(store: Store) -> None:
    total = 0
    for bundle_path in BUNDLES:
        raw = bundle_path.read_text(encoding="utf-8")
        entries = [e["resource"] for e in json.loads(raw)["entry"]]
        store.apply_server_resources(entries)
        for original in entries:
            assert store.get(original["resourceType"], original["id"]) == original
        total += len(entries)
    assert total > 600  # 6 bundles, 673 resources of 15 types when written


def test_text_input_is_kept_verbatim_including_decimal_precision(store: Store) -> None:
    text = (
        '{"resourceType":"Observation","id":"d1","status":"final","valueQuantity":{"value":1.50}}'
    )
    store.apply_server_resources([text])
    stored = store._conn.execute("SELECT json FROM resource WHERE id = 'd1'").fetchone()[0]
    assert stored == text


def test_the_synthea_samples_are_present() -> None:
    """The round trip above must never pass by having nothing to carry."""
    assert BUNDLES, f"no Synthea bundles in {SYNTHEA}"
