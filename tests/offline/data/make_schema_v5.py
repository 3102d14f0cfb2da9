"""Writes store_schema_v5.db (+ its raw key, schema_v5.key): a real version-5 store holding
records that name their patient by fødselsnummer only, as VKP and PMD send them, so the v5 -> v6
migration (logical references resolved into the patient's compartment) is tested against a
file, not a fresh schema.

Version 5 (like every version before it) stored such records outside every compartment
(``patient_id`` NULL) and gave a DetectedIssue no date. The file holds: a Patient with a home
blood pressure naming her number; a dispenser alert naming a number no stored Patient carries;
two Patients registered with the same number and a dispenser event naming it; and a nurse's own
Observation with a literal reference. Rows are written with raw SQL, as version 5 wrote them.

Kept for the record; the committed file must not be regenerated casually (it is the evidence).
Run: .venv/bin/python -m tests.offline.data.make_schema_v5
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
HER = "13917499758"
STRANGER = "02825100167"
TWICE = "03835200298"
VKP_ALERT = "http://ehelse.no/fhir/CodeSystem/vkp-alert-code-v090"
VKP_EVENT = "http://ehelse.no/fhir/CodeSystem/vkp-medicationdispense-events-v090"


def _patient(pid: str, number: str, family: str) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": pid,
        "meta": {"versionId": "1", "lastUpdated": "2025-10-01T10:00:00.000Z"},
        "identifier": [{"system": FNR, "value": number}],
        "name": [{"family": family, "given": ["Astrid"]}],
    }


def _logical(number: str) -> dict[str, Any]:
    return {"identifier": {"system": FNR, "value": number}, "display": "Astrid Versjonfem"}


ROWS: tuple[tuple[dict[str, Any], str | None, str | None], ...] = (
    (_patient("p-v5", HER, "Versjonfem"), "p-v5", None),
    (_patient("p-twin-1", TWICE, "Dobbel"), "p-twin-1", None),
    (_patient("p-twin-2", TWICE, "Dobbel"), "p-twin-2", None),
    (
        {
            "resourceType": "Observation",
            "id": "home-bp-v5",
            "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
            "subject": _logical(HER),
            "effectiveDateTime": "2025-10-02T08:00:00+02:00",
            "device": {"display": "Blodtrykksmåler"},
            "component": [
                {
                    "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                    "valueQuantity": {"value": 182, "code": "mm[Hg]"},
                }
            ],
        },
        None,
        "2025-10-02T06:00:00.000Z",
    ),
    (
        {
            "resourceType": "DetectedIssue",
            "id": "alert-stranger-v5",
            "status": "final",
            "code": {"coding": [{"system": VKP_ALERT, "code": "1.1"}]},
            "patient": _logical(STRANGER),
            "identifiedDateTime": "2025-10-02T08:05:00+02:00",
        },
        None,
        None,
    ),
    (
        {
            "resourceType": "MedicationDispense",
            "id": "dispense-twice-v5",
            "status": "completed",
            "category": {"coding": [{"system": VKP_EVENT, "code": "1.1"}]},
            "subject": _logical(TWICE),
            "whenHandedOver": "2025-10-02T08:00:00+02:00",
        },
        None,
        "2025-10-02T06:00:00.000Z",
    ),
    (
        {
            "resourceType": "Observation",
            "id": "nurse-pulse-v5",
            "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
            "subject": {"reference": "Patient/p-v5"},
            "effectiveDateTime": "2025-10-02T09:00:00+02:00",
            "valueQuantity": {"value": 72, "code": "/min"},
        },
        "p-v5",
        "2025-10-02T07:00:00.000Z",
    ),
)


def main() -> None:
    target = HERE / "store_schema_v5.db"
    key = DataKey.generate()
    conn = connect(target, key, create=True)
    migrate(conn, target=5)
    conn.execute("BEGIN IMMEDIATE")
    for resource, patient_id, date in ROWS:
        rid = conn.execute(
            "INSERT INTO resource (type, id, version_id, server_last_updated, json, dirty,"
            " patient_id, date) VALUES (?, ?, '1', '2025-10-02T10:00:00.000Z', ?, 0, ?, ?)",
            (
                resource["resourceType"],
                resource["id"],
                json.dumps(resource, separators=(",", ":")),
                patient_id,
                date,
            ),
        ).lastrowid
        for identifier in resource.get("identifier", []):
            conn.execute(
                "INSERT INTO resource_identifier (rid, system, value) VALUES (?, ?, ?)",
                (rid, identifier["system"], identifier["value"]),
            )
        for coding in resource.get("code", {}).get("coding", []):
            conn.execute(
                "INSERT INTO resource_code (rid, system, code) VALUES (?, ?, ?)",
                (rid, coding["system"], coding["code"]),
            )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    (HERE / "schema_v5.key").write_text(key.raw().hex() + "\n")


if __name__ == "__main__":
    main()
