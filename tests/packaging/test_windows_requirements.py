"""The pinned Windows wheel list covers every runtime dependency that applies on Windows."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "packaging" / "windows" / "requirements-win.txt"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", " ")):
            name, version = line.split(" ")[0].split("==")
            pins[normalise(name)] = version
    return pins


def test_every_windows_dependency_in_pyproject_is_pinned() -> None:
    with (REPO / "pyproject.toml").open("rb") as handle:
        dependencies = tomllib.load(handle)["project"]["dependencies"]
    pins = pinned()
    for requirement in dependencies:
        name, _, marker = requirement.partition(";")
        if "sys_platform == 'linux'" in marker.replace('"', "'"):
            continue
        package = normalise(re.split(r"[<>=!~ \[]", name.strip())[0])
        assert package in pins, f"{package} has no pinned win_amd64 wheel"


def test_windows_only_needs_are_pinned_and_linux_only_packages_are_not() -> None:
    pins = pinned()
    assert "pywin32-ctypes" in pins  # keyring's Windows Credential Manager backend
    assert "tzdata" in pins  # zoneinfo has no system database on Windows
    assert "secretstorage" not in pins
    assert "jeepney" not in pins


def test_every_pin_carries_a_sha256_hash() -> None:
    text = LOCK.read_text(encoding="utf-8")
    entries = re.findall(r"^(\S+==\S+) \\\n    --hash=sha256:([0-9a-f]{64})$", text, re.MULTILINE)
    assert len(entries) == len(pinned())


def test_the_app_has_no_file_names_windows_cannot_create() -> None:
    """``prn.py``, ``con.py``, ``aux.py``… are device names on Windows: msiexec fails on them."""
    from tests.packaging.conftest import packaging_module, source_root  # noqa: PLC0415

    build_common = packaging_module("build_common")
    unsafe = [
        f"{package}/{name}"
        for package in build_common.APP_PACKAGES
        for name in build_common.windows_unsafe_names(source_root() / package)
    ]
    assert unsafe == []
