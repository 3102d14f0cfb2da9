"""Writes store_schema_v3.db (+ its raw key, schema_v3.key): a real version-3 store whose local
audit log holds record openings as version 3 wrote them, so the v3 -> v4 migration (access basis
and record view as typed columns) is tested against a file, not a fresh schema.

Version 3 packed the access basis and the part of the record opened into one ``detail`` string
(``"AKUTT:core-record"``); the file holds such lines for each basis, one line this code cannot
read (an unknown basis: it must survive untouched), other actions, a user mark and an unsent
AuditEvent. Rows are written with raw SQL, as version 3 wrote them.

Kept for the record; the committed file must not be regenerated casually (it is the evidence).
Run: .venv/bin/python -m tests.offline.data.make_schema_v3
"""

from __future__ import annotations

import json
from pathlib import Path

from offline.connection import connect
from offline.datakey import DataKey
from offline.schema import migrate

HERE = Path(__file__).parent
FNR = "urn:oid:2.16.578.1.12.4.1.4.1"
PATIENT = {
    "resourceType": "Patient",
    "id": "p-v3",
    "meta": {"versionId": "1", "lastUpdated": "2025-09-01T10:00:00.000Z"},
    "identifier": [{"system": FNR, "value": "13917499758"}],
    "name": [{"family": "Versjontre", "given": ["Astrid"]}],
}
AUDIT_EVENT = {
    "resourceType": "AuditEvent",
    "id": "ae-v3",
    "recorded": "2025-09-02T08:01:00+02:00",
    "entity": [{"what": {"reference": "Patient/p-v3"}}],
}
AUDIT_LINES = (
    ("2025-09-02T06:00:00.000Z", "open-record", "AKUTT:core-record"),
    ("2025-09-02T06:01:00.000Z", "open-record", "SAMTYKKE:medication-list"),
    ("2025-09-02T06:02:00.000Z", "open-record", "UNNTAK:prescriptions"),
    ("2025-09-02T06:03:00.000Z", "open-record", "AKUTT"),
    ("2025-09-02T06:04:00.000Z", "open-record", "GAMMEL:core-record"),
    ("2025-09-02T06:05:00.000Z", "create", None),
)


def main() -> None:
    target = HERE / "store_schema_v3.db"
    key = DataKey.generate()
    conn = connect(target, key, create=True)
    migrate(conn, target=3)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO resource (type, id, version_id, server_last_updated, json, dirty,"
        " patient_id) VALUES ('Patient', 'p-v3', '1', '2025-09-01T10:00:00.000Z', ?, 0, 'p-v3')",
        (json.dumps(PATIENT, separators=(",", ":")),),
    )
    rid = conn.execute(
        "INSERT INTO resource (type, id, json, dirty, local_modified_at, patient_id, date)"
        " VALUES ('AuditEvent', 'ae-v3', ?, 1, '2025-09-02T06:00:00.000Z', 'p-v3',"
        " '2025-09-02T06:01:00.000Z')",
        (json.dumps(AUDIT_EVENT, separators=(",", ":")),),
    ).lastrowid
    conn.execute("INSERT INTO resource_ref (rid, target) VALUES (?, 'Patient/p-v3')", (rid,))
    seq = conn.execute(
        "INSERT INTO outbox (type, id, op, created_at) VALUES ('AuditEvent', 'ae-v3', 'create',"
        " '2025-09-02T06:00:00.000Z')"
    ).lastrowid
    conn.execute("INSERT INTO outbox_ref (seq, target) VALUES (?, 'Patient/p-v3')", (seq,))
    conn.executemany(
        "INSERT INTO audit_log (at, user_id, action, type, id, patient_id, detail)"
        " VALUES (?, 'hpr:1', ?, 'Patient', 'p-v3', 'p-v3', ?)",
        AUDIT_LINES,
    )
    conn.execute(
        "INSERT INTO user_mark (name, key, value, updated_at) VALUES ('medication-list-seen',"
        " 'p-v3', '2025-09-02T08:01:00+02:00', '2025-09-02T06:01:00.000Z')"
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    (HERE / "schema_v3.key").write_text(key.raw().hex() + "\n")


if __name__ == "__main__":
    main()
