"""A real encrypted store holding a synthetic municipality, shared by the service tests.

The store is opened once per test session with a random DataKey (no keyring) and filled
through the sync engine's server-apply API, as a first pull would fill it. Tests that write
check only what they wrote, so they can share it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.service_context import ServiceContext
from app.services import ClinicalServices
from clinical.records import Staff
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from tests.synthetic import generate

OSLO = ZoneInfo("Europe/Oslo")
REFERENCE_DATE = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=OSLO)
LAST_SYNC = dt.datetime(2026, 11, 26, 9, 12, tzinfo=OSLO)
USER_ID = UserId("hpr:9100001")
NURSE = Staff(practitioner_id="test-nurse", name="Tove Testesen", hpr="9100001", role="SP")
PENICILLIN_ATC = "J01CE"


def clock() -> dt.datetime:
    return NOW


@pytest.fixture(scope="session")
def generated() -> list[dict[str, Any]]:
    return list(generate(patients=40, seed=7, reference_date=REFERENCE_DATE))


@pytest.fixture(scope="session")
def loaded_store(
    tmp_path_factory: pytest.TempPathFactory, generated: list[dict[str, Any]]
) -> Iterator[Store]:
    directory: Path = tmp_path_factory.mktemp("store")
    with Store.open(
        store_paths(USER_ID, directory=directory), DataKey.generate(), user=USER_ID, create=True
    ) as store:
        result = store.apply_server_resources(generated)
        assert result.applied == len(generated)
        yield store


@pytest.fixture
def own_store(tmp_path: Path) -> Iterator[tuple[Store, list[dict[str, Any]]]]:
    """A small ward in a store of the test's own, for tests that write (the session's store is
    shared, and a write there would show in other tests)."""
    ward = list(generate(patients=6, seed=11, reference_date=REFERENCE_DATE))
    with Store.open(
        store_paths(USER_ID, directory=tmp_path / "own-store"),
        DataKey.generate(),
        user=USER_ID,
        create=True,
    ) as store:
        store.apply_server_resources(ward)
        yield store, ward


@pytest.fixture(scope="session")
def organisation(generated: list[dict[str, Any]]) -> dict[str, Any]:
    return next(r for r in generated if r["resourceType"] == "Organization")


@pytest.fixture(scope="session")
def org_number(organisation: dict[str, Any]) -> str:
    return str(organisation["identifier"][0]["value"])


def services_over(store: Store, **context: Any) -> ClinicalServices:
    """The window's services over ``store`` as the test nurse, at the tests' fixed time."""
    defaults: dict[str, Any] = {"user": NURSE, "clock": clock, "workstation": "test-workstation"}
    return ClinicalServices(ServiceContext(store=lambda: store, **{**defaults, **context}))


@pytest.fixture
def records(loaded_store: Store, org_number: str) -> ClinicalServices:
    return services_over(loaded_store, organisation_number=org_number, last_sync=lambda: LAST_SYNC)


def penicillin_patient_ids(generated: list[dict[str, Any]]) -> list[str]:
    """Patients with a high-criticality penicillin allergy (the demo slots)."""
    found = []
    for resource in generated:
        if resource["resourceType"] != "AllergyIntolerance":
            continue
        codings = resource.get("code", {}).get("coding", [])
        if resource.get("criticality") == "high" and any(
            str(c.get("code", "")).startswith(PENICILLIN_ATC) for c in codings
        ):
            found.append(resource["patient"]["reference"].removeprefix("Patient/"))
    return found
