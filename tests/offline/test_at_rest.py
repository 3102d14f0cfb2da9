"""At rest: no patient name, fødselsnummer or medication name in any byte the store wrote."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from offline.datakey import DataKey
from offline.paths import StorePaths
from offline.schema import migrate
from offline.store import Store
from offline.sync_api import apply_server_resources
from tests.offline.conftest import USER
from tests.offline.fhir_factory import SyntheticPatient, municipality


def secrets_of(patients: list[SyntheticPatient]) -> set[bytes]:
    found: set[bytes] = set()
    for p in patients:
        for text in (*p.names, p.fnr, *p.drugs):
            found.add(text.encode("utf-8"))
    found |= {b"Hjertesvikt", b"Penicillin", "Pårørende".encode()}
    return found


def leaks(directory: Path, secrets: set[bytes]) -> dict[str, list[bytes]]:
    hits: dict[str, list[bytes]] = {}
    for path in directory.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found = [s for s in secrets if s in data]
            if found:
                hits[path.name] = found
    return hits


def load(store: Store, patients: list[SyntheticPatient]) -> None:
    for p in patients:
        store.apply_server_resources(p.resources)
    for p in patients[:5]:
        store.create(
            {
                "resourceType": "Observation",
                "status": "final",
                "subject": {"reference": f"Patient/{p.patient_id}"},
                "code": {"text": f"Notat om {p.names[0]} ({p.fnr}) og {p.drugs[0]}"},
            }
        )
        store.update(
            {
                **next(r for r in p.resources if r["resourceType"] == "Patient"),
                "telecom": [{"system": "phone", "value": "99999999"}],
            }
        )


def test_no_patient_data_in_database_wal_shm_or_key_file(paths: StorePaths, key: DataKey) -> None:
    patients = list(municipality(seed=11, patients=40))
    secrets = secrets_of(patients)
    store = Store.open(paths, key, user=USER, create=True)
    try:
        load(store, patients)
        written = {p.name for p in paths.directory.iterdir()}
        assert {paths.database.name, f"{paths.database.name}-wal"} <= written
        assert Path(f"{paths.database}-wal").stat().st_size > 0  # data still in the WAL
        assert leaks(paths.directory, secrets) == {}
        store.purge_patient(patients[-1].patient_id)  # deletes go through secure_delete
        assert leaks(paths.directory, secrets) == {}
    finally:
        store.close()
    assert leaks(paths.directory, secrets) == {}


def test_the_scan_finds_the_same_data_in_a_plaintext_database(tmp_path: Path) -> None:
    """Control: the scanner is not blind — plain SQLite with the same schema leaks everything."""
    patients = list(municipality(seed=11, patients=5))
    conn = sqlite3.connect(tmp_path / "plain.db", isolation_level=None)
    migrate(conn)
    for p in patients:
        apply_server_resources(conn, [json.dumps(r, ensure_ascii=False) for r in p.resources])
    conn.close()
    hits = leaks(tmp_path, secrets_of(patients))
    assert {p.fnr.encode() for p in patients} <= set(hits["plain.db"])
