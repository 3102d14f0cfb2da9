"""Records that name their patient by fødselsnummer join exactly that patient's compartment."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from offline.store import Store

FNR = "urn:oid:2.16.578.1.12.4.1.4.1"
HER, OTHER = "13917499758", "02825100167"
DAY = datetime(2025, 10, 2, tzinfo=UTC)


def _patient(pid: str, number: str, version: str = "1") -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": pid,
        "meta": {"versionId": version, "lastUpdated": "2025-10-01T10:00:00.000Z"},
        "identifier": [{"system": FNR, "value": number}],
        "name": [{"family": "Logisk", "given": ["Astrid"]}],
    }


def _home_bp(rid: str, number: str, *, system: str = FNR) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": rid,
        "meta": {"versionId": "1", "lastUpdated": "2025-10-02T10:00:00.000Z"},
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
        # Whitespace around the number is all that is forgiven (a public VKP example has it).
        "subject": {"identifier": {"system": system, "value": f" {number}"}, "display": "Astrid"},
        "effectiveDateTime": "2025-10-02T08:00:00+02:00",
        "device": {"display": "Blodtrykksmåler"},
    }


def _alarm(rid: str, number: str) -> dict[str, Any]:
    return {
        "resourceType": "DetectedIssue",
        "id": rid,
        "meta": {"versionId": "1", "lastUpdated": "2025-10-02T10:00:00.000Z"},
        "status": "final",
        "code": {"text": "Ikke utlevert"},
        "patient": {"identifier": {"system": FNR, "value": number}},
        "identifiedDateTime": "2025-10-02T08:05:00+02:00",
    }


def _ids(resources: list[dict[str, Any]]) -> list[str]:
    return sorted(r["id"] for r in resources)


def test_a_measurement_joins_the_patient_with_that_number_unchanged(store: Store) -> None:
    measurement = _home_bp("bp-1", HER)
    store.apply_server_resources([_patient("p1", HER), measurement, _home_bp("bp-x", OTHER)])
    assert _ids(store.compartment("p1", ["Observation"])) == ["bp-1"]
    assert store.vital_signs("p1", codes=["85354-9"], since=DAY) == [measurement]
    assert _ids(store.unresolved(["Observation"])) == ["bp-x"]


def test_a_measurement_synced_before_its_patient_is_adopted(store: Store) -> None:
    store.apply_server_resources([_home_bp("bp-1", HER), _alarm("a-1", HER)])
    assert _ids(store.unresolved(["Observation", "DetectedIssue"])) == ["a-1", "bp-1"]
    store.apply_server_resources([_patient("p1", HER)])
    assert _ids(store.compartment("p1", ["Observation", "DetectedIssue"])) == ["a-1", "bp-1"]
    assert store.unresolved(["Observation", "DetectedIssue"]) == []


def test_the_same_page_resolves_whatever_the_order(store: Store) -> None:
    store.apply_server_resources([_home_bp("bp-1", HER), _patient("p1", HER)])
    assert _ids(store.compartment("p1", ["Observation"])) == ["bp-1"]


def test_two_patients_with_one_number_is_no_match_never_a_guess(store: Store) -> None:
    store.apply_server_resources([_patient("p1", HER), _home_bp("bp-1", HER)])
    assert _ids(store.compartment("p1", ["Observation"])) == ["bp-1"]
    store.apply_server_resources([_patient("p2", HER)])
    assert store.compartment("p1", ["Observation"]) == []
    assert store.compartment("p2", ["Observation"]) == []
    assert _ids(store.unresolved(["Observation"])) == ["bp-1"]


def test_another_system_or_a_changed_number_does_not_match(store: Store) -> None:
    d_number = "urn:oid:2.16.578.1.12.4.1.4.2"
    store.apply_server_resources([_patient("p1", HER), _home_bp("bp-d", HER, system=d_number)])
    assert store.compartment("p1", ["Observation"]) == []
    store.apply_server_resources([_home_bp("bp-1", HER)])
    assert _ids(store.compartment("p1", ["Observation"])) == ["bp-1"]
    # The Patient's number corrected on the platform: her old number's records are no longer hers.
    store.apply_server_resources([_patient("p1", OTHER, version="2")])
    assert store.compartment("p1", ["Observation"]) == []
    assert _ids(store.unresolved(["Observation"])) == ["bp-1", "bp-d"]


def test_a_local_write_resolves_too_and_purge_takes_them_along(store: Store) -> None:
    store.apply_server_resources([_patient("p1", HER)])
    created = store.create({k: v for k, v in _home_bp("bp-local", HER).items() if k != "meta"})
    assert _ids(store.compartment("p1", ["Observation"])) == [created["id"]]
    store.apply_server_resources([_home_bp("bp-1", HER)])
    result = store.purge_patient("p1")
    assert result.kept_dirty == 1  # the unsent local record stays, with its patient
    assert _ids(store.compartment("p1", ["Observation"])) == [created["id"]]
    assert store.get("Observation", "bp-1") is None


def test_compartments_reads_many_patients_at_once(store: Store) -> None:
    store.apply_server_resources(
        [_patient("p1", HER), _patient("p2", OTHER), _home_bp("bp-1", HER), _alarm("a-2", OTHER)]
    )
    found = store.compartments(["p1", "p2", "p3"], ["Observation", "DetectedIssue"], since=DAY)
    assert {pid: _ids(rows) for pid, rows in found.items()} == {
        "p1": ["bp-1"],
        "p2": ["a-2"],
        "p3": [],
    }
    # The alarm is dated by identifiedDateTime: found by period.
    later = store.compartments(["p2"], ["DetectedIssue"], since=datetime(2025, 10, 3, tzinfo=UTC))
    assert later == {"p2": []}


def test_the_stored_json_is_exactly_what_came(store: Store) -> None:
    measurement = _home_bp("bp-1", HER)
    store.apply_server_resources([json.dumps(measurement), _patient("p1", HER)])
    assert store.get("Observation", "bp-1") == measurement
