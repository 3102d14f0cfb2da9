"""Multi-resource writes: ``write_all`` and ``record_access`` commit everything or nothing."""

from __future__ import annotations

from typing import Any

import pytest

from offline.errors import InvalidResourceError, ResourceDeletedError, ResourceExistsError
from offline.store import Store
from tests.offline.test_local_writes import obs, ops, server_copy


def audit_event(rid: str | None = "ae1") -> dict[str, Any]:
    event: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "type": {"code": "rest"},
        "recorded": "2025-03-01T08:00:00Z",
        "agent": [{"requestor": True}],
        "source": {"observer": {"display": "ws"}},
        "entity": [{"what": {"reference": "Patient/p1"}}],
    }
    if rid:
        event["id"] = rid
    return event


def test_write_all_creates_and_updates_in_one_go(store: Store) -> None:
    store.apply_server_resources([server_copy(obs(1, "o-server"), "4")])
    written = store.write_all([obs(2, "o-new"), obs(3, "o-server"), obs(5)])
    assert [w["valueQuantity"]["value"] for w in written] == [2, 3, 5]
    assert written[2]["identifier"][0]["value"] == f"urn:uuid:{written[2]['id']}"
    assert [(e.op, e.resource_id, e.base_version_id) for e in store.outbox()] == [
        ("create", "o-new", None),
        ("update", "o-server", "4"),
        ("create", written[2]["id"], None),
    ]
    for resource in written:
        assert store.get("Observation", resource["id"]) == resource


def test_write_all_squashes_like_single_writes(store: Store) -> None:
    store.create(obs(1, "o1"))
    store.apply_server_resources([server_copy(obs(1, "o2"), "2")])
    store.update(obs(2, "o2"))
    store.write_all([obs(3, "o1"), obs(4, "o2"), obs(5, "o3"), obs(6, "o3")])
    assert [(e.op, e.resource_id) for e in store.outbox()] == [
        ("create", "o1"),
        ("update", "o2"),
        ("create", "o3"),
    ]
    assert ops(store) == [("create", None), ("update", "2"), ("create", None)]
    assert store.get("Observation", "o3") == obs(6, "o3")


def test_a_failing_resource_rolls_back_the_whole_batch(store: Store) -> None:
    store.apply_server_resources(
        [server_copy(obs(1, "gone"), "1"), server_copy(obs(1, "kept"), "1")]
    )
    store.delete("Observation", "gone")
    before_outbox, before_audit = store.outbox(), store.audit_log()
    # The failure comes from the stored state, i.e. inside the transaction, after two writes.
    with pytest.raises(ResourceDeletedError):
        store.write_all([obs(2, "fresh"), obs(2, "kept"), obs(2, "gone")])
    assert store.get("Observation", "fresh") is None
    assert store.get("Observation", "kept") == server_copy(obs(1, "kept"), "1")
    assert store.outbox() == before_outbox
    assert store.audit_log() == before_audit
    # Bad input is refused before anything is written.
    with pytest.raises(InvalidResourceError):
        store.write_all([obs(2, "fresh"), {"resourceType": "Observation", "id": "bad id!"}])
    assert store.get("Observation", "fresh") is None
    assert store.write_all([]) == []


def test_a_server_deleted_resource_is_created_again(store: Store) -> None:
    store.apply_server_resources([server_copy(obs(1, "o1"), "3")])
    store.apply_server_deletes([("Observation", "o1")])
    store.write_all([obs(7, "o1")])
    assert ops(store) == [("create", None)]


def test_record_access_queues_the_audit_event_with_the_audit_line(store: Store) -> None:
    stored = store.record_access(
        "p1", basis="SAMTYKKE", view="core-record", audit_event=audit_event()
    )
    assert stored is not None
    assert stored["id"] == "ae1"
    [entry] = store.outbox()
    assert (entry.op, entry.resource_type, entry.resource) == ("create", "AuditEvent", stored)
    lines = [
        (r.action, r.resource_type, r.resource_id, r.access_basis, r.record_view)
        for r in store.audit_log()
    ]
    assert lines == [
        ("open-record", "Patient", "p1", "SAMTYKKE", "core-record"),
        ("create", "AuditEvent", "ae1", None, None),
    ]
    assert store.record_access("p1", basis="AKUTT") is None
    assert len(store.outbox()) == 1


def test_record_access_writes_nothing_when_the_event_is_refused(store: Store) -> None:
    for bad in (obs(1, "o1"), audit_event("bad id!")):
        with pytest.raises(InvalidResourceError):
            store.record_access("p1", basis="SAMTYKKE", audit_event=bad)
    with pytest.raises(InvalidResourceError):
        store.record_access("p1", basis="SAMTYKKE:core-record", audit_event=audit_event())
    store.record_access("p1", basis="UNNTAK", audit_event=audit_event())
    with pytest.raises(ResourceExistsError):
        store.record_access("p1", basis="AKUTT", audit_event=audit_event())
    openings = [r.access_basis for r in store.audit_log() if r.action == "open-record"]
    assert openings == ["UNNTAK"]
    assert len(store.outbox()) == 1
    generated = store.record_access("p1", basis="SAMTYKKE", audit_event=audit_event(None))
    assert generated is not None
    assert generated["id"] != "ae1"
