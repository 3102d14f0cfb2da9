"""The project's synthetic municipality (tests/synthetic) through the store: it loads, the views
find it, it round-trips, and none of its patient data is readable in the files."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest

from offline.store import Store
from tests.offline.test_at_rest import leaks
from tests.synthetic import generator

FNR = "urn:oid:2.16.578.1.12.4.1.4.1"


@pytest.fixture(scope="module")
def municipality() -> list[dict[str, Any]]:
    return list(generator.generate(patients=30, seed=5, reference_date=dt.date(2025, 3, 1)))


def secrets(resources: list[dict[str, Any]]) -> set[bytes]:
    """Names, fødselsnummer and medication names; 6+ bytes, so random ciphertext can't match."""
    found: set[str] = set()
    for r in resources:
        if r["resourceType"] in ("Patient", "RelatedPerson"):
            for name in r.get("name", []):
                found.add(name.get("family", ""))
                found.add(name.get("text", ""))
            found |= {i["value"] for i in r.get("identifier", []) if i.get("system") == FNR}
        if r["resourceType"] == "Medication":
            found.add(r["code"].get("text", ""))
    return {s.encode() for s in found if len(s.encode()) >= 6}


def test_generated_municipality_loads_reads_round_trips_and_stays_encrypted(
    store: Store, municipality: list[dict[str, Any]]
) -> None:
    for start in range(0, len(municipality), 500):
        page = municipality[start : start + 500]
        assert store.apply_server_resources(page).conflicts == ()
    for r in municipality:
        assert store.get(r["resourceType"], r["id"]) == r
    statements = Counter(
        r["subject"]["reference"].removeprefix("Patient/")
        for r in municipality
        if r["resourceType"] == "MedicationStatement"
    )
    patients = [r for r in municipality if r["resourceType"] == "Patient"]
    for patient in patients:
        record = store.core_record(patient["id"])
        assert record is not None
        assert record.patient == patient
        meds = store.medication_list(patient["id"])
        assert len(meds.statements) == statements[patient["id"]]
    on_wards = set()
    for loc in (r for r in municipality if r["resourceType"] == "Location"):
        on_wards |= {p["id"] for p in store.patients_on_ward(loc["id"])}
    inpatients = {
        r["subject"]["reference"].removeprefix("Patient/")
        for r in municipality
        if r["resourceType"] == "Encounter"
        and r.get("status") == "in-progress"
        and r.get("location")
    }
    assert on_wards == inpatients
    store.create(
        {
            "resourceType": "Observation",
            "status": "final",
            "subject": {"reference": f"Patient/{patients[0]['id']}"},
            "code": {"text": "Notat"},
            "note": [{"text": patients[0]["name"][0]["text"]}],
        }
    )
    found = secrets(municipality)
    assert len(found) > 50
    assert leaks(store.paths.directory, found) == {}
