"""Fixtures for the shift's views: a real store with a synthetic unit, the app's services."""

from __future__ import annotations

from typing import Any

import pytest

from app.services import ClinicalServices
from app.values import PlaceKind, PlaceOfWork
from offline.store import Store
from tests.app.conftest import (
    generated,
    loaded_store,
    org_number,
    organisation,
    own_store,
    services_over,
)

__all__ = ["generated", "loaded_store", "org_number", "organisation", "own_store"]


@pytest.fixture
def services(own_store: tuple[Store, list[dict[str, Any]]]) -> ClinicalServices:
    return services_over(own_store[0])


@pytest.fixture
def unit(services: ClinicalServices) -> PlaceOfWork:
    return next(p for p in services.places_of_work() if p.kind is PlaceKind.UNIT)
