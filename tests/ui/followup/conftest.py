"""One district store for the follow-up views' tests (module-wide: tests that write check only
what they wrote)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.followup.scenario import District, district


@pytest.fixture(scope="module")
def home_care(tmp_path_factory: pytest.TempPathFactory) -> Iterator[District]:
    with district(tmp_path_factory.mktemp("district")) as found:
        yield found
