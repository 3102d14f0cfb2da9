"""Concurrent edits on the platform and locally: all detected, disjoint merged, none lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from client import FhirClient
from offline.store import Store
from sync import SyncScope
from tests.platform.launcher import Platform
from tests.sync.helpers import make_engine, platform_resources
from tests.sync.test_pull import delete, put
from tests.sync.world import new_observation, new_patient


def synced_observation(
    store: Store, client: FhirClient, data_dir: Path
) -> tuple[dict[str, Any], Any]:
    """A patient and an observation made here and synced; the platform's copy (under the id
    the platform gave it, where it gives its own) and the engine."""
    pat = store.create(new_patient(7))
    obs = store.create({**new_observation(pat["id"]), "status": "preliminary"})
    assert make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir).run().ok
    patient_id = store.get("Patient", pat["id"])["id"]  # type: ignore[index]
    engine = make_engine(store, client, SyncScope(patients=(patient_id,)), data_dir)
    current = store.get("Observation", obs["id"])
    assert current is not None
    return client.read("Observation", current["id"]), engine


def test_disjoint_edits_are_merged_and_a_copy_is_kept(
    server_profile: str, platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    server, engine = synced_observation(store, client, data_dir)
    put(platform, {**server, "note": [{"text": "from the platform"}]})
    store.update({**store.get("Observation", server["id"]), "status": "final"})  # type: ignore[dict-item]

    summary = engine.run()

    assert summary.ok
    assert summary.conflicts_detected == 1
    assert summary.conflicts_merged == 1
    merged = client.read("Observation", server["id"])
    assert merged["status"] == "final"
    assert merged["note"] == [{"text": "from the platform"}]
    assert store.get("Observation", server["id"])["note"] == merged["note"]  # type: ignore[index]
    assert store.open_conflicts() == []
    assert store.outbox_status().pending == 0


def test_overlapping_edits_wait_for_a_decision(
    server_profile: str, platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    server, engine = synced_observation(store, client, data_dir)
    put(platform, {**server, "status": "amended"})
    store.update({**store.get("Observation", server["id"]), "status": "final"})  # type: ignore[dict-item]

    summary = engine.run()

    assert summary.ok
    assert summary.conflicts_detected == 1
    assert summary.conflicts_merged == 0
    [conflict] = store.open_conflicts()
    assert conflict.local["status"] == "final"  # type: ignore[index]
    assert conflict.remote["status"] == "amended"  # type: ignore[index]
    assert conflict.base["status"] == "preliminary"  # type: ignore[index]
    assert client.read("Observation", server["id"])["status"] == "amended"
    assert store.get("Observation", server["id"])["status"] == "final"  # type: ignore[index]
    assert engine.run().pushed == 0  # held back until the user decides

    store.resolve_conflict(conflict.conflict_id, resolution="local")
    assert engine.run().pushed == 1
    assert client.read("Observation", server["id"])["status"] == "final"


def test_a_platform_delete_of_a_locally_changed_resource_is_a_conflict(
    server_profile: str, platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    server, engine = synced_observation(store, client, data_dir)
    delete(platform, "Observation", server["id"])
    store.update({**store.get("Observation", server["id"]), "status": "final"})  # type: ignore[dict-item]

    summary = engine.run()

    assert summary.ok, summary.error
    [conflict] = store.open_conflicts()
    assert conflict.remote_deleted
    assert conflict.local["status"] == "final"
    assert store.get("Observation", server["id"]) is not None


def test_an_edit_made_during_the_sync_is_merged_on_pull(
    server_profile: str, platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    server, engine = synced_observation(store, client, data_dir)
    put(platform, {**server, "note": [{"text": "from the platform"}]})

    def edit_during_pull(name: str, **payload: Any) -> None:
        if name == "sync_progressed" and payload["phase"] == "scope":
            current = store.get("Observation", server["id"])
            store.update({**current, "status": "final"})  # type: ignore[dict-item]

    engine.add_listener(edit_during_pull)
    summary = engine.run()

    assert summary.ok
    assert summary.conflicts_merged == 1
    merged = client.read("Observation", server["id"])
    assert merged["status"] == "final"
    assert merged["note"] == [{"text": "from the platform"}]


class CrashBeforeConsolidate(Exception):
    """Stands in for a crash between the platform's commit and the local consolidation."""


def test_own_lost_write_followed_by_a_new_edit_is_not_a_conflict(
    server_profile: str, platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    server, engine = synced_observation(store, client, data_dir)
    store.update({**store.get("Observation", server["id"]), "status": "final"})  # type: ignore[dict-item]
    real_consolidate = store.consolidate

    def crash(_results: object) -> None:
        raise CrashBeforeConsolidate

    store.consolidate = crash  # type: ignore[method-assign]
    try:
        engine.run()
    except CrashBeforeConsolidate:
        pass
    finally:
        store.consolidate = real_consolidate  # type: ignore[method-assign]
    assert client.read("Observation", server["id"])["status"] == "final"  # it did land
    store.update({**store.get("Observation", server["id"]), "status": "amended"})  # type: ignore[dict-item]

    summary = engine.run()

    assert summary.ok, summary.error
    assert store.open_conflicts() == []
    assert client.read("Observation", server["id"])["status"] == "amended"
    assert store.outbox_status().pending == 0


def test_own_lost_write_followed_by_a_local_delete_is_not_a_conflict(
    server_profile: str, platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    """The platform holds only our own update whose answer was lost: the delete goes up on it."""
    server, engine = synced_observation(store, client, data_dir)
    store.update({**store.get("Observation", server["id"]), "status": "final"})  # type: ignore[dict-item]
    real_consolidate = store.consolidate

    def crash(_results: object) -> None:
        raise CrashBeforeConsolidate

    store.consolidate = crash  # type: ignore[method-assign]
    try:
        engine.run()
    except CrashBeforeConsolidate:
        pass
    finally:
        store.consolidate = real_consolidate  # type: ignore[method-assign]
    assert client.read("Observation", server["id"])["status"] == "final"  # it did land
    store.delete("Observation", server["id"])

    summary = engine.run()

    assert summary.ok, summary.error
    assert store.open_conflicts() == []
    assert store.outbox_status().pending == 0
    assert store.get("Observation", server["id"]) is None
    assert server["id"] not in {o["id"] for o in platform_resources(platform, "Observation")}


def test_a_colleagues_change_is_kept_when_the_server_carries_our_source_forward(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    """A version is ours by its content, never by ``meta.source`` alone."""
    platform.set_profile("default", carry_source_forward=True)
    server, engine = synced_observation(store, client, data_dir)
    ours = server["meta"]["source"]
    put(platform, {**server, "note": [{"text": "from a colleague"}]})
    assert client.read("Observation", server["id"])["meta"]["source"] == ours
    store.update({**store.get("Observation", server["id"]), "status": "final"})  # type: ignore[dict-item]

    summary = engine.run()

    assert summary.ok, summary.error
    merged = client.read("Observation", server["id"])
    assert merged["note"] == [{"text": "from a colleague"}]
    assert merged["status"] == "final"
    assert store.get("Observation", server["id"])["note"] == merged["note"]  # type: ignore[index]
