"""The Windows wheel list agrees with pyproject.toml: every pin inside its specifiers, nothing
missing, nothing Linux-only, a hash on each, and regenerating it from pyproject changes nothing."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.packaging.conftest import PACKAGING, packaging_module

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "packaging" / "windows" / "requirements-win.txt"
# The embedded CPython 3.11 on 64-bit Windows (PEP 508 marker variables that our markers use).
WINDOWS = {
    "sys_platform": "win32",
    "platform_system": "Windows",
    "os_name": "nt",
    "python_version": "3.11",
    "python_full_version": "3.11.9",
    "implementation_name": "cpython",
    "platform_machine": "AMD64",
}


def pinned() -> dict[str, Version]:
    """``canonical name -> pinned version`` read with packaging's own parser."""
    pins: dict[str, Version] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", " ")):
            requirement = Requirement(line.removesuffix("\\").strip())
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            pins[canonicalize_name(requirement.name)] = Version(specifier.version)
    return pins


def windows_dependencies() -> list[Requirement]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        declared = tomllib.load(handle)["project"]["dependencies"]
    requirements = [Requirement(text) for text in declared]
    return [r for r in requirements if r.marker is None or r.marker.evaluate(WINDOWS)]


def test_every_pin_satisfies_pyprojects_specifiers() -> None:
    """The MSI must ship what pyproject allows (it once shipped PySide6 6.12.0, which crashes)."""
    pins = pinned()
    for requirement in windows_dependencies():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} has no pinned win_amd64 wheel"
        specifier: SpecifierSet = requirement.specifier
        assert specifier.contains(pins[name], prereleases=True), (
            f"{name}=={pins[name]} violates pyproject.toml's {specifier}"
        )


def test_pyside_and_shiboken_are_pinned_to_the_same_release() -> None:
    pins = pinned()
    assert pins["pyside6-essentials"] == pins["shiboken6"]


def test_windows_only_needs_are_pinned_and_linux_only_packages_are_not() -> None:
    pins = pinned()
    assert "pywin32-ctypes" in pins  # keyring's Windows Credential Manager backend
    assert "tzdata" in pins  # zoneinfo has no system database on Windows
    assert "secretstorage" not in pins
    assert "jeepney" not in pins


def test_every_pin_carries_a_sha256_hash() -> None:
    lines = LOCK.read_text(encoding="utf-8").splitlines()
    pins = [i for i, line in enumerate(lines) if line and not line.startswith(("#", " "))]
    for index in pins:
        assert lines[index].endswith(" \\"), lines[index]
        hash_line = lines[index + 1].strip()
        assert hash_line.startswith("--hash=sha256:"), hash_line
        assert len(hash_line) == len("--hash=sha256:") + 64, hash_line
    assert len(pins) == len(pinned())


def test_the_build_refuses_a_list_that_disagrees_with_pyproject(tmp_path: Path) -> None:
    lock_windows = packaging_module("lock_windows")
    stale = tmp_path / "requirements-win.txt"
    text = LOCK.read_text(encoding="utf-8")
    version = pinned()["pyside6-essentials"]
    stale.write_text(text.replace(f"pyside6-essentials=={version}", "pyside6-essentials==6.12.0"))
    assert lock_windows.pins_violating_pyproject(lock=LOCK) == []
    assert lock_windows.pins_violating_pyproject(lock=stale) == [
        "PySide6-Essentials==6.12.0 violates pyproject's <6.12,>=6.9"
    ]


def test_the_generator_evaluates_markers_for_windows_not_for_this_machine() -> None:
    lock_windows = packaging_module("lock_windows")
    keyring = Requirement("keyring>=25")
    needs = (
        'pywin32-ctypes>=0.2.0; sys_platform == "win32"',
        'SecretStorage>=3.2; sys_platform == "linux"',
        'importlib_metadata>=4.11.4; python_version < "3.12"',
        'pytest>=6; extra == "test"',
    )
    pin = lock_windows.Pin(
        name="keyring", version=Version("25.7.0"), sha256="0" * 64,
        requires=tuple(map(Requirement, needs)),
    )  # fmt: skip
    demands = lock_windows._demands([keyring], {"keyring": pin})
    assert sorted(demands) == ["importlib-metadata", "keyring", "pywin32-ctypes"]
    assert demands["pywin32-ctypes"].wanted_by == {"keyring"}


def test_a_pin_that_stops_fitting_is_replaced_and_the_rest_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Greedy with a re-check: PySide6 6.12.0 no longer fits, so 6.11.x and its shiboken6."""
    lock_windows = packaging_module("lock_windows")
    index = {
        "pyside6-essentials": {"6.12.0": ("shiboken6==6.12.0",), "6.11.3": ("shiboken6==6.11.3",)},
        "shiboken6": {"6.12.0": (), "6.11.3": ()},
    }
    asked: list[dict[str, str]] = []

    def query_index(requests: dict[str, str]) -> dict[str, object]:
        asked.append(dict(requests))
        found = {}
        for name, specifier in requests.items():
            versions = sorted(index[name], key=Version, reverse=True)
            version = next(v for v in versions if SpecifierSet(specifier).contains(v))
            found[name] = lock_windows.Pin(
                name=name, version=Version(version), sha256=version.replace(".", "") * 8,
                requires=tuple(map(Requirement, index[name][version])),
            )  # fmt: skip
        return found

    monkeypatch.setattr(lock_windows, "query_index", query_index)
    previous = {
        "pyside6-essentials": (Version("6.12.0"), "a" * 64),
        "shiboken6": (Version("6.12.0"), "b" * 64),
    }
    pins, _demands = lock_windows.resolve(
        [Requirement("PySide6-Essentials>=6.9,<6.12")], previous=previous
    )
    assert {name: str(pin.version) for name, pin in pins.items()} == {
        "pyside6-essentials": "6.11.3",
        "shiboken6": "6.11.3",
    }
    assert asked[0] == {"pyside6-essentials": "<6.12,>=6.9"}  # the stale pin is not asked for


@pytest.mark.slow
def test_regenerating_the_list_from_pyproject_changes_nothing() -> None:
    """One source of truth: the committed list is exactly what pyproject.toml gives (asks PyPI)."""
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "lock_windows.py"), "--check"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_the_app_has_no_file_names_windows_cannot_create() -> None:
    """``prn.py``, ``con.py``, ``aux.py``… are device names on Windows: msiexec fails on them."""
    from tests.packaging.conftest import source_root  # noqa: PLC0415

    build_common = packaging_module("build_common")
    unsafe = [
        f"{package}/{name}"
        for package in build_common.APP_PACKAGES
        for name in build_common.windows_unsafe_names(source_root() / package)
    ]
    assert unsafe == []
