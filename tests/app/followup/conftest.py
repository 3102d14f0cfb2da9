"""A store of its own with home-care patients (a dispenser, a monitoring plan), per test, and
the live feed that writes chosen events into it as a sync would apply them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services import ClinicalServices
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from tests.app.conftest import LAST_SYNC, NOW, REFERENCE_DATE, USER_ID, services_over
from tests.synthetic import generate
from tests.synthetic.feed import LiveFeed, Roster, roster
from tests.synthetic.fhir import OSLO

MIDNIGHT = dt.datetime.combine(REFERENCE_DATE, dt.time(), OSLO)


@pytest.fixture(scope="session")
def district() -> list[dict[str, Any]]:
    """Twenty residents and six home-care patients (district slots 0-5: slots 3 and 4 have a
    dispenser when on multidose, and a monitoring plan), three days of history."""
    return list(generate(patients=26, seed=19, reference_date=REFERENCE_DATE, home_days=3))


@pytest.fixture(scope="session")
def people(district: list[dict[str, Any]]) -> Roster:
    return roster(district)


@pytest.fixture
def home_store(tmp_path: Path, district: list[dict[str, Any]]) -> Iterator[Store]:
    with Store.open(
        store_paths(USER_ID, directory=tmp_path / "home-care"),
        DataKey.generate(),
        user=USER_ID,
        create=True,
    ) as store:
        store.apply_server_resources(district)
        yield store


@pytest.fixture
def feed(people: Roster) -> LiveFeed:
    return LiveFeed(people, since=MIDNIGHT)


@pytest.fixture
def services(home_store: Store) -> ClinicalServices:
    return services_over(home_store, last_sync=lambda: LAST_SYNC)


__all__ = ["MIDNIGHT", "NOW"]
