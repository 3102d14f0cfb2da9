"""Where the app keeps its stores and the user's settings on this machine (platformdirs)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from config import SettingsPaths, user_data_dir

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="the XDG base directories are Linux's rules"
)


def test_stores_live_in_the_xdg_data_home_under_the_lower_case_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert user_data_dir() == tmp_path / "pleiepunkt"
    assert not (tmp_path / "pleiepunkt").exists(), "looking the directory up creates nothing"


def test_without_xdg_variables_the_home_directory_defaults_apply(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("PLEIEPUNKT_CONFIG_ROOT", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_data_dir() == tmp_path / ".local" / "share" / "pleiepunkt"
    paths = SettingsPaths.for_platform()
    assert paths.user == tmp_path / ".config" / "pleiepunkt" / "settings.toml"
