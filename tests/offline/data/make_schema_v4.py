"""Writes store_schema_v4.db (+ its raw key, schema_v4.key): a real version-4 store, so the
v4 -> v5 migration (the outbox's sent contents, unreadable records, id aliases) is tested
against a file, not a fresh schema.

The rows are written with raw SQL as a v4 app left them: a clean Patient, a dirty Observation
with a pending update that was claimed once (attempts 1) and never consolidated, a checkpoint,
the user's mark and audit lines (a record opening with its access basis among them).

Kept for the record; the committed file must not be regenerated casually (it is the evidence).
Run: .venv/bin/python -m tests.offline.data.make_schema_v4
"""

from __future__ import annotations

import json
from pathlib import Path

from offline.connection import connect
from offline.datakey import DataKey
from offline.schema import migrate

HERE = Path(__file__).parent
PATIENT = {
    "resourceType": "Patient",
    "id": "p-v4",
    "meta": {"versionId": "4", "lastUpdated": "2025-11-01T10:00:00.000Z"},
    "name": [{"family": "Versjonfire", "given": ["Fjerde"]}],
}
BASE = {
    "resourceType": "Observation",
    "id": "o-v4",
    "meta": {"versionId": "1", "lastUpdated": "2025-11-01T10:05:00.000Z"},
    "status": "preliminary",
    "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
    "subject": {"reference": "Patient/p-v4"},
    "effectiveDateTime": "2025-11-01T10:04:00+01:00",
}
LOCAL = {**BASE, "status": "final"}


def main() -> None:
    target = HERE / "store_schema_v4.db"
    key = DataKey.generate()
    conn = connect(target, key, create=True)
    migrate(conn, target=4)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO resource (type, id, version_id, server_last_updated, json, dirty,"
        " patient_id) VALUES ('Patient', 'p-v4', '4', '2025-11-01T10:00:00.000Z', ?, 0, 'p-v4')",
        (json.dumps(PATIENT, separators=(",", ":")),),
    )
    rid = conn.execute(
        "INSERT INTO resource (type, id, version_id, server_last_updated, json, base_json,"
        " dirty, local_modified_at, patient_id, date, status) VALUES ('Observation', 'o-v4',"
        " '1', '2025-11-01T10:05:00.000Z', ?, ?, 1, '2025-11-01T10:06:00.000Z', 'p-v4',"
        " '2025-11-01T09:04:00.000Z', 'final')",
        (json.dumps(LOCAL, separators=(",", ":")), json.dumps(BASE, separators=(",", ":"))),
    ).lastrowid
    conn.execute(
        "INSERT INTO resource_code (rid, system, code) VALUES (?, 'http://loinc.org', '8867-4')",
        (rid,),
    )
    seq = conn.execute(
        "INSERT INTO outbox (type, id, op, base_version_id, state, created_at, attempts)"
        " VALUES ('Observation', 'o-v4', 'update', '1', 'pending', '2025-11-01T10:06:00.000Z', 1)"
    ).lastrowid
    conn.execute("INSERT INTO outbox_ref (seq, target) VALUES (?, 'Patient/p-v4')", (seq,))
    conn.execute(
        "INSERT INTO sync_checkpoint VALUES ('pull:k:Observation', '2025-11-01T10:05:30.000Z',"
        " NULL, '2025-11-01T10:05:31.000Z')"
    )
    conn.execute(
        "INSERT INTO user_mark VALUES ('medication-list-seen', 'p-v4',"
        " '2025-11-01T10:07:00+01:00', '2025-11-01T09:07:00.000Z')"
    )
    conn.execute(
        "INSERT INTO audit_log (at, user_id, action, type, id, patient_id, access_basis,"
        " record_view) VALUES ('2025-11-01T10:05:45.000Z', 'hpr:1', 'open-record', 'Patient',"
        " 'p-v4', 'p-v4', 'SAMTYKKE', 'core-record')"
    )
    conn.execute(
        "INSERT INTO audit_log (at, user_id, action, type, id, patient_id, detail) VALUES"
        " ('2025-11-01T10:06:00.000Z', 'hpr:1', 'update', 'Observation', 'o-v4', 'p-v4', NULL)"
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    (HERE / "schema_v4.key").write_text(key.raw().hex() + "\n")


if __name__ == "__main__":
    main()
