"""The generic reads (by type, by reference, by compartment and time, by code) and the user's
marks, over a real encrypted store; every statement they run is served by an index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from offline.paths import StorePaths
from offline.store import Store
from offline.types import Json
from tests.offline.conftest import USER

GTIN = "https://www.gs1.org/gtin"


def ref(target: str) -> dict[str, str]:
    return {"reference": target}


def patient(pid: str) -> Json:
    return {"resourceType": "Patient", "id": pid, "name": [{"family": "Testesen"}]}


def location(lid: str, kind: str) -> Json:
    return {
        "resourceType": "Location",
        "id": lid,
        "physicalType": {"coding": [{"code": kind}]},
    }


def medication(mid: str, gtin: str) -> Json:
    return {
        "resourceType": "Medication",
        "id": mid,
        "code": {"coding": [{"system": GTIN, "code": gtin}], "text": mid},
    }


def administration(aid: str, pid: str, at: str) -> Json:
    return {
        "resourceType": "MedicationAdministration",
        "id": aid,
        "status": "completed",
        "medicationReference": ref("Medication/m1"),
        "subject": ref(f"Patient/{pid}"),
        "effectiveDateTime": at,
    }


def task(tid: str, pid: str, focus: str, *, authored: str = "2025-03-01T08:00:00Z") -> Json:
    return {
        "resourceType": "Task",
        "id": tid,
        "status": "requested",
        "intent": "order",
        "focus": ref(focus),
        "for": ref(f"Patient/{pid}"),
        "authoredOn": authored,
    }


def server(resource: Json, version: str = "1") -> Json:
    return {**resource, "meta": {"versionId": version, "lastUpdated": "2025-03-01T00:00:00Z"}}


@pytest.fixture
def filled(store: Store) -> Store:
    store.apply_server_resources(
        [
            server(r)
            for r in (
                patient("p1"),
                patient("p2"),
                location("ward-b", "wa"),
                location("ward-a", "wa"),
                location("room-1", "ro"),
                medication("m1", "07046260000011"),
                medication("m2", "07046260000028"),
                {
                    "resourceType": "MedicationRequest",
                    "id": "mr1",
                    "status": "active",
                    "intent": "order",
                    "subject": ref("Patient/p1"),
                    "medicationReference": ref("Medication/m1"),
                },
                administration("a-early", "p1", "2025-03-01T06:00:00Z"),
                administration("a-morning", "p1", "2025-03-01T08:00:00+01:00"),
                administration("a-noon", "p1", "2025-03-01T12:00:00Z"),
                administration("a-other", "p2", "2025-03-01T08:00:00Z"),
                task("t-server", "p1", "MedicationRequest/mr1"),
            )
        ]
    )
    store.create(
        task("t-local", "p1", "MedicationAdministration/a-noon", authored="2025-03-01T12:05:00Z")
    )
    store.create(task("t-other", "p2", "MedicationRequest/mr1"))
    return store


def ids(resources: list[Json]) -> list[str]:
    return [str(r["id"]) for r in resources]


def test_resources_of_type_lists_live_rows_by_id(filled: Store) -> None:
    assert ids(filled.resources_of_type("Location")) == ["room-1", "ward-a", "ward-b"]
    filled.apply_server_deletes([("Location", "room-1")])
    assert ids(filled.resources_of_type("Location")) == ["ward-a", "ward-b"]
    assert filled.resources_of_type("Group") == []


def test_each_of_type_yields_the_same_live_rows_by_id_one_at_a_time(filled: Store) -> None:
    each = filled.each_of_type("Location")
    assert next(each)["id"] == "room-1"
    assert ids(list(each)) == ["ward-a", "ward-b"]
    filled.apply_server_deletes([("Location", "room-1")])
    assert list(filled.each_of_type("Location")) == filled.resources_of_type("Location")
    assert list(filled.each_of_type("Group")) == []


def test_referencing_finds_tasks_by_for_and_by_focus(filled: Store) -> None:
    assert ids(filled.referencing("Patient/p1", resource_type="Task")) == ["t-local", "t-server"]
    assert ids(filled.referencing("Patient/p2", resource_type="Task")) == ["t-other"]
    assert ids(filled.referencing("MedicationRequest/mr1", resource_type="Task")) == [
        "t-other",
        "t-server",
    ]
    absolute = "https://fhir.example.no/r4/MedicationRequest/mr1/_history/3"
    assert ids(filled.referencing(absolute, resource_type="Task")) == ["t-other", "t-server"]
    # The compartment's own patient has no ref row; the patient_id column answers for it.
    assert ids(filled.referencing("Patient/p1", resource_type="MedicationAdministration")) == [
        "a-early",
        "a-morning",
        "a-noon",
    ]
    assert filled.referencing("Patient/p1", resource_type="Patient") == []
    filled.delete("Task", "t-local")
    assert ids(filled.referencing("Patient/p1", resource_type="Task")) == ["t-server"]


def test_tasks_are_in_their_patients_compartment(filled: Store) -> None:
    assert ids(filled.compartment("p1", ["Task"])) == ["t-server", "t-local"]
    result = filled.purge_patient("p2")
    assert result.kept_dirty == 1  # t-other is unsent, so it (and p2) stay
    assert ids(filled.compartment("p2", ["Task"])) == ["t-other"]
    assert filled.compartment("p2", ["MedicationAdministration"]) == []


def test_compartment_in_a_time_window_oldest_first(filled: Store) -> None:
    window = filled.compartment(
        "p1",
        ["MedicationAdministration"],
        since=datetime(2025, 3, 1, 7, tzinfo=UTC),
        until=datetime(2025, 3, 1, 12, tzinfo=UTC),
    )
    assert ids(window) == ["a-morning"]  # 08:00+01:00 is 07:00Z; noon is excluded
    assert ids(
        filled.compartment(
            "p1", ["MedicationAdministration"], since=datetime(2025, 3, 1, tzinfo=UTC)
        )
    ) == ["a-early", "a-morning", "a-noon"]
    everything = filled.compartment("p1", ["MedicationAdministration", "MedicationRequest"])
    assert ids(everything) == ["a-early", "a-morning", "a-noon", "mr1"]  # undated last
    assert filled.compartment("p1", []) == []
    with pytest.raises(TypeError):
        filled.compartment("p1", "Task")
    with pytest.raises(ValueError, match="timezone"):
        filled.compartment("p1", ["Task"], since=datetime(2025, 3, 1))


def test_with_code_finds_a_medication_by_gtin(filled: Store) -> None:
    assert ids(filled.with_code(GTIN, "07046260000028", resource_type="Medication")) == ["m2"]
    assert filled.with_code(GTIN, "07046260000028", resource_type="Observation") == []
    assert filled.with_code("http://other", "07046260000028", resource_type="Medication") == []


def test_marks_are_kept_per_name_and_key_and_never_queued(
    filled: Store, paths: StorePaths, key: Any
) -> None:
    outbox_before = filled.outbox()
    audit_before = filled.audit_log()
    assert filled.mark("medication-list-seen", "p1") is None
    filled.set_mark("medication-list-seen", "p1", "2025-03-01T08:00:00+01:00")
    filled.set_mark("medication-list-seen", "p1", "2025-03-01T09:00:00+01:00")
    filled.set_mark("medication-list-seen", "p2", "x")
    filled.set_mark("other", "p1", "y")
    assert filled.mark("medication-list-seen", "p1") == "2025-03-01T09:00:00+01:00"
    assert filled.outbox() == outbox_before
    assert filled.audit_log() == audit_before
    filled.close()
    with Store.open(paths, key, user=USER) as reopened:
        assert reopened.mark("medication-list-seen", "p1") == "2025-03-01T09:00:00+01:00"
        reader = reopened.open_reader()
        try:
            assert reader.mark("other", "p1") == "y"
        finally:
            reader.close()


@pytest.fixture
def statements(filled: Store) -> Iterator[list[str]]:
    seen: list[str] = []
    filled._conn.set_trace_callback(seen.append)
    yield seen
    filled._conn.set_trace_callback(None)


QUERIES: dict[str, Callable[[Store], object]] = {
    "resources_of_type": lambda s: s.resources_of_type("Location"),
    "each_of_type": lambda s: list(s.each_of_type("Location")),
    "referencing patient": lambda s: s.referencing("Patient/p1", resource_type="Task"),
    "referencing request": lambda s: s.referencing("MedicationRequest/mr1", resource_type="Task"),
    "compartment window": lambda s: s.compartment(
        "p1",
        ["MedicationAdministration", "Task"],
        since=datetime(2025, 3, 1, tzinfo=UTC),
        until=datetime(2025, 3, 2, tzinfo=UTC),
    ),
    "compartment": lambda s: s.compartment("p1", ["Task"]),
    "with_code": lambda s: s.with_code(GTIN, "07046260000011", resource_type="Medication"),
    "mark": lambda s: s.mark("medication-list-seen", "p1"),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_each_query_uses_an_index_and_no_sorter(
    filled: Store, statements: list[str], name: str
) -> None:
    QUERIES[name](filled)
    assert statements
    for sql in statements:
        plan = " | ".join(
            str(row[-1]) for row in filled._conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        )
        assert "USING" in plan, plan
        assert "SCAN" not in plan, plan
        assert "TEMP B-TREE" not in plan, plan
