"""The sync engine's side of the store: batches, consolidation, server pages, conflicts, purge."""

from __future__ import annotations

import random

import pytest

from offline.errors import OutboxEntryNotFoundError
from offline.store import Store
from offline.types import Checkpoint, SentResult
from tests.offline.fhir_factory import make_patient
from tests.offline.test_local_writes import obs, server_copy


def test_server_pages_never_create_outbox_rows_and_store_the_checkpoint(store: Store) -> None:
    patient = make_patient(random.Random(1))
    cp = Checkpoint("Patient?_compartment", "2025-03-01T00:00:00.000Z", "https://x/next")
    result = store.apply_server_resources(patient.resources, checkpoint=cp)
    assert result.applied == len(patient.resources)
    assert store.outbox() == []
    assert store.checkpoint(cp.scope) == cp
    again = store.apply_server_resources(patient.resources)
    assert (again.applied, again.skipped) == (len(patient.resources) - 1, 1)  # Patient has meta


def test_a_bad_resource_is_kept_aside_with_the_page_and_its_checkpoint(store: Store) -> None:
    store.apply_server_resources([server_copy(obs(1, "o1"), "1")])
    page = [server_copy(obs(2, "o1"), "2"), "{not json", {"resourceType": "Observation"}]
    result = store.apply_server_resources(page, checkpoint=Checkpoint("s", "w"))
    assert (result.applied, result.unreadable) == (1, 2)
    assert store.get("Observation", "o1") == server_copy(obs(2, "o1"), "2")
    assert store.checkpoint("s") == Checkpoint("s", "w")
    kept = store.unreadable_records()
    assert [k.text for k in kept] == ["{not json", '{"resourceType":"Observation"}']
    assert [k.resource_type for k in kept] == [None, "Observation"]
    # The same damage seen again is the same record, not a second one.
    store.apply_server_resources(["{not json"])
    assert [k.attempts for k in store.unreadable_records()] == [2, 1]


def test_server_data_never_overwrites_a_dirty_row(store: Store) -> None:
    store.apply_server_resources([server_copy(obs(1, "o1"), "1")])
    store.update(obs(5, "o1"))
    result = store.apply_server_resources([server_copy(obs(9, "o1"), "2")])
    assert result.applied == 0
    [candidate] = result.conflicts
    assert candidate.local == obs(5, "o1")
    assert candidate.base == server_copy(obs(1, "o1"), "1")
    assert candidate.remote_version_id == "2"
    assert store.get("Observation", "o1") == obs(5, "o1")


def test_conflict_recorded_then_resolved_remote_drops_local_entry(store: Store) -> None:
    store.apply_server_resources([server_copy(obs(1, "o1"), "1")])
    store.update(obs(5, "o1"))
    [candidate] = store.apply_server_resources([server_copy(obs(9, "o1"), "2")]).conflicts
    cid = store.record_conflict(candidate)
    assert store.claim_batch(limit=10) == []  # held back while the conflict is open
    assert store.outbox_status().open_conflicts == 1
    store.resolve_conflict(cid, resolution="remote")
    assert store.get("Observation", "o1") == server_copy(obs(9, "o1"), "2")
    assert store.outbox() == []
    assert store.open_conflicts() == []


def test_conflict_resolved_merged_queues_update_on_remote_version(store: Store) -> None:
    store.apply_server_resources([server_copy(obs(1, "o1"), "1")])
    store.update(obs(5, "o1"))
    [candidate] = store.apply_server_resources([server_copy(obs(9, "o1"), "2")]).conflicts
    cid = store.record_conflict(candidate)
    store.resolve_conflict(cid, resolution="merged", merged=obs(7, "o1"))
    assert [(e.op, e.base_version_id) for e in store.outbox()] == [("update", "2")]
    assert store.get("Observation", "o1") == obs(7, "o1")


def test_server_delete_tombstones_clean_rows_and_flags_dirty_ones(store: Store) -> None:
    store.apply_server_resources([server_copy(obs(1, "a"), "1"), server_copy(obs(1, "b"), "1")])
    store.update(obs(2, "b"))
    result = store.apply_server_deletes([("Observation", "a"), ("Observation", "b")])
    assert result.applied == 1
    assert [c.remote_deleted for c in result.conflicts] == [True]
    assert store.get("Observation", "a") is None
    assert store.get("Observation", "b") == obs(2, "b")
    stale = store.apply_server_resources([server_copy(obs(1, "a"), "1")])
    assert stale.applied == 1  # no lastUpdated ordering known: the server's copy wins again


def test_consolidate_removes_exactly_the_sent_seqs(store: Store) -> None:
    a = store.create(obs(1, "a"))
    store.create(obs(1, "b"))
    batch = store.claim_batch(limit=1)
    assert [e.resource_id for e in batch] == ["a"]
    store.consolidate([SentResult(seq=batch[0].seq, resource=server_copy(a, "1"))])
    assert [(e.resource_id, e.state) for e in store.outbox()] == [("b", "pending")]
    assert store.get("Observation", "a") == server_copy(a, "1")
    with pytest.raises(OutboxEntryNotFoundError):
        store.consolidate([SentResult(seq=batch[0].seq, resource=server_copy(a, "1"))])


def test_release_quarantine_and_requeue(store: Store) -> None:
    store.create(obs(1, "a"))
    [entry] = store.claim_batch(limit=5)
    store.release([entry.seq], error="timeout")
    [entry] = store.claim_batch(limit=5)
    assert entry.attempts == 2
    store.quarantine(entry.seq, "HTTP 422: invalid code")
    assert store.claim_batch(limit=5) == []
    assert store.outbox_status().quarantined == 1
    store.requeue(entry.seq)
    assert [e.seq for e in store.claim_batch(limit=5)] == [entry.seq]


def test_inflight_entries_return_to_pending_on_reopen(store: Store) -> None:
    store.create(obs(1, "a"))
    store.claim_batch(limit=5)
    reopened = Store.open(store.paths, store._key, user=store._user)
    try:
        assert [e.state for e in reopened.outbox()] == ["pending"]
    finally:
        reopened.close()


def test_purge_patient_keeps_dirty_rows_and_the_patient(store: Store) -> None:
    patient = make_patient(random.Random(2))
    store.apply_server_resources(patient.resources)
    local = store.create({**obs(1), "subject": {"reference": f"Patient/{patient.patient_id}"}})
    result = store.purge_patient(patient.patient_id)
    assert result.kept_dirty == 1
    assert store.get("Observation", local["id"]) == local
    assert store.get("Patient", patient.patient_id) is not None
    record = store.core_record(patient.patient_id)
    assert record is not None
    assert record.allergies == []
    store.consolidate(
        [SentResult(seq=e.seq, resource=server_copy(local, "1")) for e in store.claim_batch()]
    )
    assert store.purge_patient(patient.patient_id).kept_dirty == 0
    assert store.get("Patient", patient.patient_id) is None
