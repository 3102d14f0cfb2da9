"""Writes store_schema_v2.db (+ its raw key, schema_v2.key): a real version-2 store with rows
in every table, so the v2 -> v3 migration is tested against a file, not a fresh schema.

The rows are written with raw SQL and the index values version 2 derived (hard-coded here, not
computed by today's ``offline.extract``), so the file stays what a v2 app wrote: in particular a
Task kept out of its patient's compartment (``patient_id`` NULL, ``Patient/…`` in
``resource_ref``), which v3 re-indexes.

Kept for the record; the committed file must not be regenerated casually (it is the evidence).
Run: .venv/bin/python -m tests.offline.data.make_schema_v2
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from offline.connection import connect
from offline.datakey import DataKey
from offline.schema import migrate

HERE = Path(__file__).parent
FNR = "urn:oid:2.16.578.1.12.4.1.4.1"
GTIN = "https://www.gs1.org/gtin"
PATIENT = {
    "resourceType": "Patient",
    "id": "p-v2",
    "meta": {"versionId": "2", "lastUpdated": "2025-05-01T10:00:00.000Z"},
    "identifier": [{"system": FNR, "value": "12813840098"}],
    "name": [{"family": "Versjonto", "given": ["Andre"]}],
}
MEDICATION = {
    "resourceType": "Medication",
    "id": "m-v2",
    "meta": {"versionId": "1", "lastUpdated": "2025-05-01T10:00:00.000Z"},
    "code": {
        "coding": [{"system": GTIN, "code": "07046260123458"}],
        "text": "Paracetamol 500 mg tablett",
    },
}
REQUEST = {
    "resourceType": "MedicationRequest",
    "id": "mr-v2",
    "meta": {"versionId": "1", "lastUpdated": "2025-05-01T10:00:00.000Z"},
    "status": "active",
    "intent": "order",
    "medicationReference": {"reference": "Medication/m-v2"},
    "subject": {"reference": "Patient/p-v2"},
    "authoredOn": "2025-04-30",
}
TASK = {
    "resourceType": "Task",
    "id": "t-v2",
    "meta": {"versionId": "1", "lastUpdated": "2025-05-02T09:00:00.000Z"},
    "status": "requested",
    "intent": "order",
    "focus": {"reference": "MedicationRequest/mr-v2"},
    "for": {"reference": "Patient/p-v2"},
    "authoredOn": "2025-05-02T11:00:00+02:00",
}
ADMINISTRATION = {
    "resourceType": "MedicationAdministration",
    "id": "ma-v2",
    "status": "completed",
    "medicationReference": {"reference": "Medication/m-v2"},
    "subject": {"reference": "Patient/p-v2"},
    "request": {"reference": "MedicationRequest/mr-v2"},
    "effectiveDateTime": "2025-05-02T08:00:00Z",
}


def _insert(
    conn: Any,
    resource: dict[str, Any],
    *,
    version: str | None,
    dirty: bool,
    patient: str | None,
    date: str | None,
    codes: tuple[tuple[str, str], ...] = (),
    refs: tuple[str, ...] = (),
) -> None:
    text = json.dumps(resource, separators=(",", ":"))
    cur = conn.execute(
        "INSERT INTO resource (type, id, version_id, server_last_updated, json, dirty,"
        " local_modified_at, patient_id, date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            resource["resourceType"],
            resource["id"],
            version,
            resource.get("meta", {}).get("lastUpdated"),
            text,
            int(dirty),
            "2025-05-02T08:00:01.000Z" if dirty else None,
            patient,
            date,
            resource.get("status"),
        ),
    )
    rid = cur.lastrowid
    for ident in resource.get("identifier", []):
        conn.execute(
            "INSERT INTO resource_identifier (rid, system, value) VALUES (?, ?, ?)",
            (rid, ident["system"], ident["value"]),
        )
    conn.executemany(
        "INSERT INTO resource_code (rid, system, code) VALUES (?, ?, ?)",
        [(rid, system, code) for system, code in codes],
    )
    conn.executemany(
        "INSERT INTO resource_ref (rid, target) VALUES (?, ?)", [(rid, t) for t in refs]
    )


def main() -> None:
    target = HERE / "store_schema_v2.db"
    key = DataKey.generate()
    conn = connect(target, key, create=True)
    migrate(conn, target=2)
    conn.execute("BEGIN IMMEDIATE")
    _insert(conn, PATIENT, version="2", dirty=False, patient="p-v2", date=None)
    _insert(
        conn,
        MEDICATION,
        version="1",
        dirty=False,
        patient=None,
        date=None,
        codes=((GTIN, "07046260123458"),),
    )
    _insert(
        conn,
        REQUEST,
        version="1",
        dirty=False,
        patient="p-v2",
        date="2025-04-30",
        refs=("Medication/m-v2",),
    )
    # Version 2 did not read Task.for: no compartment, the patient only in resource_ref.
    _insert(
        conn,
        TASK,
        version="1",
        dirty=False,
        patient=None,
        date="2025-05-02T09:00:00.000Z",
        refs=("MedicationRequest/mr-v2", "Patient/p-v2"),
    )
    _insert(
        conn,
        ADMINISTRATION,
        version=None,
        dirty=True,
        patient="p-v2",
        date="2025-05-02T08:00:00.000Z",
        refs=("Medication/m-v2", "MedicationRequest/mr-v2"),
    )
    seq = conn.execute(
        "INSERT INTO outbox (type, id, op, created_at) VALUES ('MedicationAdministration',"
        " 'ma-v2', 'create', '2025-05-02T08:00:01.000Z')"
    ).lastrowid
    conn.executemany(
        "INSERT INTO outbox_ref (seq, target) VALUES (?, ?)",
        [(seq, t) for t in ("Patient/p-v2", "Medication/m-v2", "MedicationRequest/mr-v2")],
    )
    conn.execute(
        "INSERT INTO sync_checkpoint VALUES ('Patient', '2025-05-02T09:00:00.000Z', NULL,"
        " '2025-05-02T09:00:01.000Z')"
    )
    conn.execute(
        "INSERT INTO conflict (type, id, local_json, remote_json, base_json, remote_version_id,"
        " remote_deleted, detected_at, resolved_at, resolution) VALUES ('MedicationRequest',"
        " 'mr-v2', ?, ?, NULL, '1', 0, '2025-05-01T10:00:01.000Z', '2025-05-01T10:05:00.000Z',"
        " 'remote')",
        (json.dumps({**REQUEST, "status": "on-hold"}), json.dumps(REQUEST)),
    )
    conn.execute(
        "INSERT INTO audit_log (at, user_id, action, type, id, patient_id, detail) VALUES"
        " ('2025-05-02T08:00:01.000Z', 'hpr:1', 'create', 'MedicationAdministration', 'ma-v2',"
        " 'p-v2', NULL), ('2025-05-02T08:01:00.000Z', 'hpr:1', 'open-record', 'Patient', 'p-v2',"
        " 'p-v2', 'SAMTYKKE:medication-list')"
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    (HERE / "schema_v2.key").write_text(key.raw().hex() + "\n")


if __name__ == "__main__":
    main()
