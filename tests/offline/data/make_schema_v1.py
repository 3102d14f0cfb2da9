"""Writes store_schema_v1.db (+ its raw key, schema_v1.key): a real version-1 store with rows
in every table, so the v1 -> v2 migration is tested against a file, not a fresh schema.

Kept for the record; the committed file must not be regenerated casually (it is the evidence).
Run: .venv/bin/python -m tests.offline.data.make_schema_v1
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
    "id": "p-v1",
    "meta": {"versionId": "3", "lastUpdated": "2024-06-01T10:00:00.000Z"},
    "identifier": [{"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "01817043271"}],
    "name": [{"family": "Versjonen", "given": ["Eldre"]}],
}
OBSERVATION = {
    "resourceType": "Observation",
    "id": "o-v1",
    "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
    "subject": {"reference": "Patient/p-v1"},
    "performer": [{"reference": "Practitioner/pr-v1"}],
    "effectiveDateTime": "2024-06-02T08:00:00Z",
    "valueQuantity": {"value": 72, "unit": "/min"},
}


def main() -> None:
    target = HERE / "store_schema_v1.db"
    key = DataKey.generate()
    conn = connect(target, key, create=True)
    migrate(conn, target=1)
    conn.execute("BEGIN IMMEDIATE")
    for res, version, dirty, patient, date in (
        (PATIENT, "3", 0, "p-v1", None),
        (OBSERVATION, None, 1, "p-v1", "2024-06-02T08:00:00.000Z"),
    ):
        text = json.dumps(res, separators=(",", ":"))
        cur = conn.execute(
            "INSERT INTO resource (type, id, version_id, json, base_json, dirty, patient_id,"
            " date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                res["resourceType"],
                res["id"],
                version,
                text,
                None if dirty else text,
                dirty,
                patient,
                date,
                res.get("status"),
            ),
        )
        for ident in res.get("identifier", []):
            conn.execute(
                "INSERT INTO resource_identifier (rid, system, value) VALUES (?, ?, ?)",
                (cur.lastrowid, ident["system"], ident["value"]),
            )
    seq = conn.execute(
        "INSERT INTO outbox (type, id, op, created_at) VALUES ('Observation', 'o-v1', 'create',"
        " '2024-06-02T08:00:01.000Z')"
    ).lastrowid
    conn.execute("INSERT INTO outbox_ref (seq, target) VALUES (?, 'Patient/p-v1')", (seq,))
    conn.execute(
        "INSERT INTO sync_checkpoint VALUES ('Patient', '2024-06-01T10:00:00.000Z', NULL,"
        " '2024-06-01T10:00:01.000Z')"
    )
    conn.execute(
        "INSERT INTO audit_log (at, user_id, action, type, id, patient_id) VALUES"
        " ('2024-06-02T08:00:01.000Z', 'hpr:1', 'create', 'Observation', 'o-v1', 'p-v1')"
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    (HERE / "schema_v1.key").write_text(key.raw().hex() + "\n")


if __name__ == "__main__":
    main()
