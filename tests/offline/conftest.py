"""Store fixtures: a fresh encrypted store in a temporary directory with a random raw key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from offline.datakey import DataKey
from offline.paths import StorePaths, store_paths
from offline.store import Store
from offline.types import UserId

USER = UserId("hpr:9144900")


@pytest.fixture
def paths(tmp_path: Path) -> StorePaths:
    return store_paths(USER, directory=tmp_path / "data")


@pytest.fixture
def key() -> DataKey:
    return DataKey.generate()


@pytest.fixture
def store(paths: StorePaths, key: DataKey) -> Iterator[Store]:
    with Store.open(paths, key, user=USER, create=True) as opened:
        yield opened
