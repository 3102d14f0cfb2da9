"""Session-wide test set-up: offscreen Qt, and the local journal platform on a free port."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.platform.launcher import Platform

# Reproducible property tests: the same examples on every machine, nothing written to .hypothesis/.
settings.register_profile("pleiepunkt", derandomize=True, database=None, deadline=None)
settings.load_profile("pleiepunkt")


@pytest.fixture(scope="session")
def platform_server() -> Iterator[Platform]:
    """One real journal platform (Node + Medplum router) for the whole session."""
    with Platform.start() as server:
        yield server


@pytest.fixture
def platform(platform_server: Platform) -> Iterator[Platform]:
    """The session's platform, emptied and with faults cleared before each test."""
    platform_server.reset()
    yield platform_server
    platform_server.clear_faults()
