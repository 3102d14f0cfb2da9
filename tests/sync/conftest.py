"""Sync fixtures: an encrypted store with a random key, a client for the test platform."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client import FhirClient
from offline.datakey import DataKey
from offline.store import Store
from tests.platform.launcher import PROFILES, Platform
from tests.sync.helpers import make_client, open_store


@pytest.fixture
def key() -> DataKey:
    return DataKey.generate()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    return directory


@pytest.fixture
def store(data_dir: Path, key: DataKey) -> Iterator[Store]:
    with open_store(data_dir, key) as opened:
        yield opened


@pytest.fixture
def client(platform: Platform) -> Iterator[FhirClient]:
    with make_client(platform) as opened:
        yield opened


@pytest.fixture(params=PROFILES)
def server_profile(request: pytest.FixtureRequest, platform: Platform) -> str:
    """Each test that asks for it runs once per server profile (tests/platform/README.md)."""
    name: str = request.param
    platform.set_profile(name)
    return name
