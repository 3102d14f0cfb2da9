"""Schema migrations run against a real file of the previous version (tests/offline/data)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from offline.datakey import DataKey
from offline.errors import InvalidResourceError
from offline.paths import StorePaths
from offline.schema import SCHEMA_VERSION
from offline.store import Store
from offline.types import SentResult
from tests.offline.conftest import USER

DATA = Path(__file__).parent / "data"
GTIN = "https://www.gs1.org/gtin"
FNR = "urn:oid:2.16.578.1.12.4.1.4.1"


def old_store(paths: StorePaths, version: int) -> DataKey:
    """Put the committed schema-``version`` file in place; returns its key."""
    paths.directory.mkdir(parents=True)
    shutil.copy(DATA / f"store_schema_v{version}.db", paths.database)
    return DataKey.from_hex((DATA / f"schema_v{version}.key").read_text().strip())


def test_v1_file_migrates_to_current_keeping_every_row(paths: StorePaths) -> None:
    key = old_store(paths, 1)
    with Store.open(paths, key, user=USER, integrity="full") as store:
        assert store.schema_version == SCHEMA_VERSION
        patient = store.get("Patient", "p-v1")
        assert patient is not None
        assert patient["meta"]["versionId"] == "3"
        # v2 backfilled the code and reference side tables from the stored JSON:
        assert [o["id"] for o in store.vital_signs("p-v1", codes=["8867-4"])] == ["o-v1"]
        conn = store._conn
        assert conn.execute("SELECT target FROM resource_ref").fetchall() == [
            ("Practitioner/pr-v1",)
        ]
        [entry] = store.outbox()
        assert (entry.op, entry.resource_id, entry.references) == (
            "create",
            "o-v1",
            ("Patient/p-v1",),
        )
        assert store.checkpoint("Patient") is not None
        assert [r.action for r in store.audit_log()] == ["create"]
        [sent] = store.claim_batch()
        store.consolidate(
            [
                SentResult(
                    seq=sent.seq, resource={**(sent.resource or {}), "meta": {"versionId": "1"}}
                )
            ]
        )
        assert store.outbox() == []
        # v3: the user's marks table exists and works.
        assert store.mark("medication-list-seen", "p-v1") is None
        store.set_mark("medication-list-seen", "p-v1", "2025-01-01T00:00:00+00:00")
    with Store.open(paths, key, user=USER) as reopened:
        assert reopened.schema_version == SCHEMA_VERSION
        assert reopened.mark("medication-list-seen", "p-v1") == "2025-01-01T00:00:00+00:00"


def test_v2_file_migrates_to_current_keeping_every_row(paths: StorePaths) -> None:
    key = old_store(paths, 2)
    with Store.open(paths, key, user=USER, integrity="full") as store:
        assert store.schema_version == SCHEMA_VERSION
        conn = store._conn
        assert conn.execute("SELECT count(*) FROM resource").fetchone() == (5,)
        [patient] = store.find_by_identifier(FNR, "12813840098")
        assert patient["meta"]["versionId"] == "2"
        [medication] = store.with_code(GTIN, "07046260123458", resource_type="Medication")
        assert medication["id"] == "m-v2"
        rx = store.prescriptions("p-v2")
        assert [r["id"] for r in rx.requests] == ["mr-v2"]
        assert list(rx.medications) == ["Medication/m-v2"]
        window = store.compartment(
            "p-v2",
            ["MedicationAdministration"],
            since=datetime(2025, 5, 2, tzinfo=UTC),
            until=datetime(2025, 5, 3, tzinfo=UTC),
        )
        assert [a["id"] for a in window] == ["ma-v2"]
        # v3 re-indexed the stored Task into its patient's compartment (Task.for) ...
        assert [t["id"] for t in store.compartment("p-v2", ["Task"])] == ["t-v2"]
        assert conn.execute(
            "SELECT f.target FROM resource_ref f JOIN resource r ON r.rid = f.rid"
            " WHERE r.type = 'Task'"
        ).fetchall() == [("MedicationRequest/mr-v2",)]
        # ... so it is found once by patient, and still by focus.
        for target in ("Patient/p-v2", "MedicationRequest/mr-v2"):
            assert [t["id"] for t in store.referencing(target, resource_type="Task")] == ["t-v2"]
        [entry] = store.outbox()
        assert (entry.op, entry.resource_id, set(entry.references)) == (
            "create",
            "ma-v2",
            {"Patient/p-v2", "Medication/m-v2", "MedicationRequest/mr-v2"},
        )
        assert store.checkpoint("Patient") is not None
        assert store.open_conflicts() == []
        assert conn.execute("SELECT resolution FROM conflict").fetchall() == [("remote",)]
        assert [r.action for r in store.audit_log()] == ["open-record", "create"]
        store.set_mark("medication-list-seen", "p-v2", "2025-05-02T10:00:00+02:00")
        # The Task now leaves with its patient's clean rows; the unsent administration stays.
        purged = store.purge_patient("p-v2")
        assert purged.kept_dirty == 1
        assert store.get("Task", "t-v2") is None
        assert store.get("MedicationAdministration", "ma-v2") is not None
    with Store.open(paths, key, user=USER, integrity="full") as reopened:
        assert reopened.schema_version == SCHEMA_VERSION
        assert reopened.mark("medication-list-seen", "p-v2") == "2025-05-02T10:00:00+02:00"


def test_v3_file_migrates_record_openings_into_typed_columns(paths: StorePaths) -> None:
    key = old_store(paths, 3)
    with Store.open(paths, key, user=USER, integrity="full") as store:
        assert store.schema_version == SCHEMA_VERSION
        lines = [
            (r.action, r.access_basis, r.record_view, r.detail) for r in reversed(store.audit_log())
        ]
        assert lines == [
            ("open-record", "AKUTT", "core-record", None),
            ("open-record", "SAMTYKKE", "medication-list", None),
            ("open-record", "UNNTAK", "prescriptions", None),
            ("open-record", "AKUTT", None, None),
            # A basis this version does not know stays as version 3 wrote it.
            ("open-record", None, None, "GAMMEL:core-record"),
            ("create", None, None, None),
        ]
        [entry] = store.outbox()
        assert (entry.resource_type, entry.resource_id) == ("AuditEvent", "ae-v3")
        assert store.mark("medication-list-seen", "p-v3") == "2025-09-02T08:01:00+02:00"
        store.record_access("p-v3", basis="SAMTYKKE", view="core-record")
        with pytest.raises(InvalidResourceError):
            store.record_access("p-v3", basis="AKUTT:core-record")
    with Store.open(paths, key, user=USER, integrity="full") as reopened:
        newest = reopened.audit_log(limit=1)[0]
        assert (newest.access_basis, newest.record_view) == ("SAMTYKKE", "core-record")


def test_v4_file_migrates_to_current_keeping_every_row(paths: StorePaths) -> None:
    key = old_store(paths, 4)
    with Store.open(paths, key, user=USER, integrity="full") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get("Patient", "p-v4")["meta"]["versionId"] == "4"  # type: ignore[index]
        assert store.mark("medication-list-seen", "p-v4") == "2025-11-01T10:07:00+01:00"
        opening = [r for r in store.audit_log() if r.action == "open-record"]
        assert [(r.access_basis, r.record_view) for r in opening] == [("SAMTYKKE", "core-record")]
        [entry] = store.outbox()
        assert (entry.op, entry.resource_id, entry.base_version_id, entry.attempts) == (
            "update",
            "o-v4",
            "1",
            1,
        )
        # v5: what is sent is remembered from the next claim on, with the entry.
        [claimed] = store.claim_batch()
        assert claimed.resource is not None
        remote = {**claimed.resource, "meta": {"versionId": "2"}, "status": "final"}
        [candidate] = store.apply_server_resources([remote]).conflicts
        assert [s["status"] for s in candidate.sent] == ["final"]
        conn = store._conn
        assert conn.execute("SELECT count(*) FROM unreadable").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM id_alias").fetchone() == (0,)
    with Store.open(paths, key, user=USER, integrity="full") as reopened:
        assert reopened.schema_version == SCHEMA_VERSION
        [pending] = reopened.outbox()
        assert pending.state == "pending"
