"""Local writes: resource and outbox change together, and outbox entries squash per resource."""

from __future__ import annotations

from typing import Any

import pytest

from offline.datakey import DataKey
from offline.errors import (
    InvalidResourceError,
    ResourceDeletedError,
    ResourceExistsError,
    ResourceNotFoundError,
)
from offline.paths import StorePaths
from offline.store import Store
from offline.types import SentResult
from tests.offline.conftest import USER


def obs(value: int, rid: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
        "subject": {"reference": "Patient/p1"},
        "valueQuantity": {"value": value},
    }
    if rid:
        body["id"] = rid
    return body


def ops(store: Store) -> list[tuple[str, str | None]]:
    return [(e.op, e.base_version_id) for e in store.outbox()]


def server_copy(resource: dict[str, Any], version: str) -> dict[str, Any]:
    return {**resource, "meta": {"versionId": version, "lastUpdated": f"2025-01-0{version}T00:00Z"}}


def test_create_writes_resource_and_outbox_entry(store: Store) -> None:
    created = store.create(obs(1))
    assert store.get("Observation", created["id"]) == created
    [entry] = store.outbox()
    assert (entry.op, entry.resource_id, entry.resource) == ("create", created["id"], created)
    assert entry.references == ("Patient/p1",)
    assert created["identifier"][0]["value"] == f"urn:uuid:{created['id']}"


def test_create_then_updates_squash_into_one_create(store: Store) -> None:
    created = store.create(obs(1))
    store.update({**created, "valueQuantity": {"value": 2}})
    store.update({**created, "valueQuantity": {"value": 3}})
    [entry] = store.outbox()
    assert entry.op == "create"
    assert entry.resource is not None
    assert entry.resource["valueQuantity"] == {"value": 3}


def test_create_then_delete_leaves_nothing(store: Store) -> None:
    created = store.create(obs(1))
    store.update({**created, "valueQuantity": {"value": 2}})
    store.delete("Observation", created["id"])
    assert store.outbox() == []
    assert store.get("Observation", created["id"]) is None


def test_delete_of_a_create_that_may_have_been_sent_is_sent(store: Store) -> None:
    # Claimed, then back to pending without an answer (a kill after the platform's commit): the
    # platform may hold it, so the delete must reach the platform instead of squashing away.
    created = store.create(obs(1))
    [sent] = store.claim_batch(limit=10)
    store.release([sent.seq], error="no answer")
    store.delete("Observation", created["id"])
    assert ops(store) == [("delete", None)]
    assert store.get("Observation", created["id"]) is None


def test_create_claimed_when_the_writer_died_is_deleted_on_the_platform(
    paths: StorePaths, key: DataKey
) -> None:
    with Store.open(paths, key, user=USER, create=True) as store:
        created = store.create(obs(1))
        store.claim_batch(limit=10)  # sent; the process dies before the answer is consolidated
    with Store.open(paths, key, user=USER) as store:
        assert [e.state for e in store.outbox()] == ["pending"]
        store.delete("Observation", created["id"])
        assert ops(store) == [("delete", None)]


def test_update_of_server_row_then_delete_is_one_delete_with_base(store: Store) -> None:
    store.apply_server_resources([server_copy(obs(1, "o1"), "7")])
    store.update(obs(2, "o1"))
    store.update(obs(3, "o1"))
    assert ops(store) == [("update", "7")]
    store.delete("Observation", "o1")
    assert ops(store) == [("delete", "7")]
    assert store.get("Observation", "o1") is None


def test_writes_after_delete_are_refused(store: Store) -> None:
    store.apply_server_resources([server_copy(obs(1, "o1"), "1")])
    store.delete("Observation", "o1")
    with pytest.raises(ResourceDeletedError):
        store.update(obs(2, "o1"))
    with pytest.raises(ResourceDeletedError):
        store.delete("Observation", "o1")
    with pytest.raises(ResourceDeletedError):
        store.create(obs(2, "o1"))
    assert ops(store) == [("delete", "1")]


def test_edit_while_inflight_is_a_new_entry_and_survives_consolidation(store: Store) -> None:
    created = store.create(obs(1, "o1"))
    [sent] = store.claim_batch(limit=10)
    store.update(obs(2, "o1"))
    assert [(e.op, e.state) for e in store.outbox()] == [
        ("create", "inflight"),
        ("create", "pending"),
    ]
    store.consolidate([SentResult(seq=sent.seq, resource=server_copy(created, "1"))])
    [left] = store.outbox()
    assert (left.op, left.base_version_id, left.state) == ("update", "1", "pending")
    assert store.get("Observation", "o1") == obs(2, "o1")


def test_failed_writes_change_nothing(store: Store) -> None:
    created = store.create(obs(1))
    with pytest.raises(ResourceExistsError):
        store.create(created)
    with pytest.raises(ResourceNotFoundError):
        store.update(obs(1, "missing"))
    with pytest.raises(InvalidResourceError):
        store.update({**created, "resourceType": "NotAType"})
    with pytest.raises(InvalidResourceError):
        store.create({"resourceType": "Observation", "id": "bad id!"})
    assert len(store.outbox()) == 1
    assert store.get("Observation", created["id"]) == created


def test_every_local_write_is_audited_with_ids_only(store: Store) -> None:
    created = store.create(obs(1))
    store.update({**created, "status": "amended"})
    store.record_access("p1", basis="SAMTYKKE")
    actions = [(r.action, r.resource_id) for r in store.audit_log()]
    assert actions == [("open-record", "p1"), ("update", created["id"]), ("create", created["id"])]
