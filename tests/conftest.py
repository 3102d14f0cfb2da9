"""Session-wide test set-up: offscreen Qt, and the local journal platform on a free port."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests import log_guard
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
    """The session's platform, emptied and with faults cleared before each test; it behaves as
    the default profile (a test may switch it with ``set_profile``; it is switched back)."""
    platform_server.reset()
    yield platform_server
    platform_server.clear_faults()
    platform_server.set_profile("default")


_GUARD = pytest.StashKey[log_guard.LogGuard]()


def pytest_configure(config: pytest.Config) -> None:
    """Every log record of the run is kept for the scan at the end (tests/log_guard.py)."""
    config.stash[_GUARD] = log_guard.install()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when any log record held a token, key, PIN or fødselsnummer."""
    guard = session.config.stash.get(_GUARD, None)
    if guard is None:
        return
    findings = guard.findings()
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"log scan: {len(guard.lines)} records, {len(findings)} with a secret or identifier"
        )
        for line in findings[:20]:
            reporter.write_line(f"  {line}")
    if findings:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
