"""A server copy is stale only when its moment is older, whatever offset or precision it is
written with: a newer version is never skipped (and then never pulled again)."""

from __future__ import annotations

import pytest

from offline.store import Store
from offline.types import Checkpoint
from tests.sync.world import new_patient

ORDER_ID = "5b3c0e0e-0d7b-4f07-9c51-6f1e1c2f0a01"


def order(version: str, last_updated: str, status: str) -> dict[str, object]:
    return {
        "resourceType": "MedicationRequest",
        "id": ORDER_ID,
        "meta": {"versionId": version, "lastUpdated": last_updated},
        "status": status,
        "intent": "order",
        "subject": {"reference": "Patient/p1"},
        "medicationCodeableConcept": {"text": "Paracet"},
    }


@pytest.mark.parametrize(
    ("held", "newer"),
    [
        ("2026-10-25T02:30:00.000+02:00", "2026-10-25T02:10:00.000+01:00"),  # autumn clock change
        ("2026-03-02T12:00:00Z", "2026-03-02T12:00:00.5Z"),  # more precision
        ("2026-03-02T13:00:00.000+01:00", "2026-03-02T12:30:00.000Z"),  # offset, then Z
        ("2026-03-02T12:00:00.1234567Z", "2026-03-02T12:00:00.12346Z"),  # beyond microseconds
    ],
    ids=["autumn", "precision", "offset-then-z", "nanoseconds"],
)
def test_a_newer_version_is_applied_however_its_time_is_written(
    store: Store, held: str, newer: str
) -> None:
    store.apply_server_resources([order("1", held, "active")])
    result = store.apply_server_resources(
        [order("2", newer, "stopped")], checkpoint=Checkpoint("pull:test", newer)
    )
    assert (result.applied, result.skipped) == (1, 0)
    assert store.get("MedicationRequest", ORDER_ID)["status"] == "stopped"  # type: ignore[index]


@pytest.mark.parametrize(
    ("held", "older"),
    [
        ("2026-10-25T02:10:00.000+01:00", "2026-10-25T02:30:00.000+02:00"),
        ("2026-03-02T12:00:00.5Z", "2026-03-02T12:00:00Z"),
    ],
)
def test_an_older_copy_never_rolls_a_newer_one_back(store: Store, held: str, older: str) -> None:
    store.apply_server_resources([order("2", held, "stopped")])
    result = store.apply_server_resources([order("1", older, "active")])
    assert (result.applied, result.skipped) == (0, 1)
    assert store.get("MedicationRequest", ORDER_ID)["status"] == "stopped"  # type: ignore[index]


def test_the_stored_resource_keeps_the_servers_text(store: Store) -> None:
    patient = {
        **new_patient(3),
        "meta": {"versionId": "1", "lastUpdated": "2026-10-25T02:10:00.1+01:00"},
    }
    store.apply_server_resources([patient])
    held = store.get("Patient", patient["id"])
    assert held["meta"]["lastUpdated"] == "2026-10-25T02:10:00.1+01:00"  # type: ignore[index]
