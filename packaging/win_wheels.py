"""The win_amd64 wheels of every runtime dependency, fetched by hash and unpacked for the embed.

A wheel is a zip whose purelib/platlib content *is* the installed form, so unpacking it into
``pkgs/`` (on the embed's ``._pth``) installs it, deterministically and without running pip's
Linux-specific script generation. ``*.data/scripts`` and headers are left out: the app runs no
console scripts of its dependencies.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from build_common import BuildError, cache_dir, pip
from lock_windows import LOCK as REQUIREMENTS
from lock_windows import pins_violating_pyproject

PLATFORM = ("--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp")


def fetch_wheels() -> list[Path]:
    """Download (or reuse) exactly the pinned wheels; BuildError names any without a wheel."""
    problems = pins_violating_pyproject()
    if problems:
        raise BuildError(
            "windows/requirements-win.txt disagrees with pyproject.toml ("
            + "; ".join(problems)
            + "): run .venv/bin/python packaging/lock_windows.py"
        )
    folder = cache_dir() / "win-wheels"
    pip(
        "download", "--no-deps", "--require-hashes", "--only-binary=:all:", *PLATFORM,
        "-d", str(folder), "-r", str(REQUIREMENTS),
        what="downloading the win_amd64 wheels (a package without a Windows wheel fails here)",
    )  # fmt: skip
    wanted = {_pinned_name(line) for line in _requirement_lines()}
    wheels = sorted(p for p in folder.glob("*.whl") if _wheel_key(p) in wanted)
    found = {_wheel_key(p) for p in wheels}
    if found != wanted:
        raise BuildError(f"no win_amd64 wheel for: {', '.join(sorted(wanted - found))}")
    return wheels


def _requirement_lines() -> list[str]:
    lines = REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith(("#", " "))]


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _pinned_name(line: str) -> str:
    name, version = line.split(" ", maxsplit=1)[0].split("==")
    return f"{_normalise(name)}=={version}"


def _wheel_key(wheel: Path) -> str:
    name, version = wheel.name.split("-")[:2]
    return f"{_normalise(name)}=={version}"


def unpack_wheels(wheels: list[Path], target: Path) -> None:
    """Install each wheel into ``target`` by unpacking its library files."""
    target.mkdir(parents=True, exist_ok=True)
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                parts = info.filename.split("/")
                if parts[0].endswith(".data"):
                    if len(parts) < 3 or parts[1] not in {"purelib", "platlib"}:
                        continue
                    parts = parts[2:]
                destination = target.joinpath(*parts)
                if not destination.resolve().is_relative_to(target.resolve()):
                    raise BuildError(f"{wheel.name}: unsafe path {info.filename}")
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(archive.read(info))
