"""Write ``windows/requirements-win.txt`` from ``pyproject.toml``: the one source of versions.

The MSI embeds CPython 3.11 for win_amd64 and installs exactly the wheels this list pins, by
hash. The list is *derived*: ``pyproject.toml`` says which versions are acceptable, this script
picks them for Windows and records each wheel's sha256, so the two can never disagree.

    python packaging/lock_windows.py             # keep every pin that still fits, fill the rest
    python packaging/lock_windows.py --upgrade   # the newest versions pyproject allows
    python packaging/lock_windows.py --check     # exit 1 if regenerating would change the file

Why not plain ``pip download -r``: pip evaluates environment markers for the machine it runs on
(Linux), so it would pull ``secretstorage`` and miss ``pywin32-ctypes`` and ``tzdata``. Here the
markers are evaluated for Windows (:data:`WINDOWS`) with ``packaging.markers``, and pip is asked
only one question per package: "the newest win_amd64 wheel for this name and specifier", with
``--no-deps`` and ``--dry-run --report``, which answers with the wheel's metadata (its
``Requires-Dist``) and its sha256 from the index, without downloading it.

The resolution is greedy and checked: a package's version is kept while it satisfies every
specifier aimed at it (pyproject's and every other pinned package's); when one does not, the
newest version that does is chosen and the round is repeated until nothing changes. A conflict
that would need an older parent is reported, not guessed at.
"""

# ruff: noqa: S603  # fixed tool names with argument lists, never a shell

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version
from win_embed import EMBED_PYTHON_VERSION as PYTHON_VERSION

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"
LOCK = REPO / "packaging" / "windows" / "requirements-win.txt"
# The marker environment of the MSI's embeddable CPython on 64-bit Windows 10/11 (PEP 508).
WINDOWS = {
    "implementation_name": "cpython",
    "implementation_version": PYTHON_VERSION,
    "os_name": "nt",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "platform_release": "10",
    "platform_system": "Windows",
    "platform_version": "10.0.19045",
    "python_full_version": PYTHON_VERSION,
    "python_version": "3.11",
    "sys_platform": "win32",
}
PIP_PLATFORM = (
    "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp",
    "--only-binary=:all:",
)  # fmt: skip
HEADER = """\
# The Windows (win_amd64, CPython {python}) runtime dependencies of Pleiepunkt, pinned with hashes.
# GENERATED from pyproject.toml by packaging/lock_windows.py; do not edit by hand:
#   .venv/bin/python packaging/lock_windows.py            (after changing pyproject.toml)
#   .venv/bin/python packaging/lock_windows.py --upgrade  (newest versions pyproject allows)
# Markers are evaluated for Windows: pywin32-ctypes (keyring's Credential Manager backend) and
# tzdata (zoneinfo's database) are in, the Linux-only secretstorage and jeepney are out.
# build_msi.py installs exactly these wheels (pip download --require-hashes --no-deps).
"""


class LockError(Exception):
    """The list cannot be made; the message says which package and why."""


@dataclass(frozen=True, slots=True)
class Pin:
    """One chosen wheel: its version, the sha256 of its win_amd64 (or pure) wheel, its needs."""

    name: NormalizedName
    version: Version
    sha256: str
    requires: tuple[Requirement, ...]


@dataclass(slots=True)
class Demand:
    """What is asked of one package: specifiers, extras, and who asks."""

    specifier: SpecifierSet = field(default_factory=SpecifierSet)
    extras: set[str] = field(default_factory=set)
    wanted_by: set[str] = field(default_factory=set)


def applies_on_windows(requirement: Requirement, *, extras: set[str] | None = None) -> bool:
    """Whether ``requirement`` holds on win_amd64 CPython 3.11 (for any of ``extras``)."""
    if requirement.marker is None:
        return True
    marker: Marker = requirement.marker
    return any(marker.evaluate({**WINDOWS, "extra": extra}) for extra in (extras or {""}) | {""})


def project_requirements(pyproject: Path = PYPROJECT) -> list[Requirement]:
    """The runtime dependencies pyproject.toml declares that apply on Windows."""
    with pyproject.open("rb") as handle:
        declared = tomllib.load(handle)["project"]["dependencies"]
    return [r for r in map(Requirement, declared) if applies_on_windows(r)]


def read_pins(path: Path = LOCK) -> dict[NormalizedName, tuple[Version, str]]:
    """``name -> (version, sha256)`` of a requirements file in this script's format."""
    pins: dict[NormalizedName, tuple[Version, str]] = {}
    if not path.exists():
        return pins
    name: NormalizedName | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if line and not line.startswith((" ", "#")):
            requirement = Requirement(line.split(" ")[0])
            (specifier,) = requirement.specifier
            name = canonicalize_name(requirement.name)
            pins[name] = (Version(specifier.version), "")
        elif stripped.startswith("--hash=sha256:") and name is not None:
            pins[name] = (pins[name][0], stripped.removeprefix("--hash=sha256:"))
    return pins


def pins_violating_pyproject(*, lock: Path = LOCK, pyproject: Path = PYPROJECT) -> list[str]:
    """Each Windows dependency of pyproject.toml that the list leaves out or pins outside its
    specifier, in words (offline and fast: the build checks it before downloading anything)."""
    pins = read_pins(lock)
    problems = []
    for requirement in project_requirements(pyproject):
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{requirement.name} is not pinned")
        elif not requirement.specifier.contains(pinned[0], prereleases=True):
            problems.append(
                f"{requirement.name}=={pinned[0]} violates pyproject's {requirement.specifier}"
            )
    return problems


def query_index(requests: dict[NormalizedName, str]) -> dict[NormalizedName, Pin]:
    """Ask pip for the newest win_amd64 wheel matching each ``name -> specifier``."""
    with tempfile.TemporaryDirectory(prefix="lock-windows-") as scratch:
        report = Path(scratch) / "report.json"
        command = [
            sys.executable, "-m", "pip", "--disable-pip-version-check", "install", "--quiet",
            "--dry-run", "--ignore-installed", "--no-deps", *PIP_PLATFORM,
            "--target", str(Path(scratch) / "target"), "--report", str(report),
            *(f"{name}{specifier}" for name, specifier in sorted(requests.items())),
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise LockError(
                "pip found no win_amd64 wheel for one of "
                f"{', '.join(f'{n}{s}' for n, s in sorted(requests.items()))}:\n"
                + result.stderr.strip()[-3000:]
            )
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    found: dict[NormalizedName, Pin] = {}
    for item in installs:
        metadata = item["metadata"]
        name = canonicalize_name(metadata["name"])
        sha256 = item["download_info"].get("archive_info", {}).get("hashes", {}).get("sha256")
        if not sha256:
            raise LockError(f"the index gave no sha256 for {name}")
        found[name] = Pin(
            name=name,
            version=Version(metadata["version"]),
            sha256=sha256,
            requires=tuple(map(Requirement, metadata.get("requires_dist") or ())),
        )
    return found


def resolve(
    roots: list[Requirement],
    *,
    previous: dict[NormalizedName, tuple[Version, str]],
    upgrade: bool = False,
    max_rounds: int = 20,
) -> tuple[dict[NormalizedName, Pin], dict[NormalizedName, Demand]]:
    """Choose one version per package needed on Windows (see the module docstring)."""
    chosen: dict[NormalizedName, Pin] = {}
    for _ in range(max_rounds):
        demands = _demands(roots, chosen)
        for name in set(chosen) - set(demands):
            del chosen[name]  # nothing needs it any more
        requests: dict[NormalizedName, str] = {}
        for name, demand in demands.items():
            pin = chosen.get(name)
            if pin is not None and demand.specifier.contains(pin.version, prereleases=True):
                continue
            kept = None if upgrade else previous.get(name)
            if kept is not None and demand.specifier.contains(kept[0], prereleases=True):
                requests[name] = f"=={kept[0]}"
            else:
                requests[name] = str(demand.specifier)
        if not requests:
            return chosen, demands
        for name, pin in query_index(requests).items():
            demand = demands[name]
            if not demand.specifier.contains(pin.version, prereleases=True):
                raise LockError(f"{name} {pin.version} does not satisfy {demand.specifier}")
            chosen[name] = pin
    raise LockError(f"no stable choice after {max_rounds} rounds: a conflict needs a human")


def _demands(
    roots: list[Requirement], chosen: dict[NormalizedName, Pin]
) -> dict[NormalizedName, Demand]:
    """Every package asked for by pyproject or by a chosen package, with what is asked of it."""
    demands: dict[NormalizedName, Demand] = {}
    counted: set[tuple[str, str]] = set()

    def add(requirement: Requirement, by: str) -> bool:
        if (by, str(requirement)) in counted:
            return False
        counted.add((by, str(requirement)))
        demand = demands.setdefault(canonicalize_name(requirement.name), Demand())
        demand.specifier &= requirement.specifier
        demand.extras |= requirement.extras
        demand.wanted_by.add(by)
        return True

    for requirement in roots:
        add(requirement, "pleiepunkt")
    grew = True
    while grew:  # a package reached later, or asked for an extra, can need more
        grew = False
        for name, pin in list(chosen.items()):
            if name not in demands:
                continue
            for requirement in pin.requires:
                if applies_on_windows(requirement, extras=demands[name].extras):
                    grew |= add(requirement, name)
    return demands


def render(pins: dict[NormalizedName, Pin], demands: dict[NormalizedName, Demand]) -> str:
    """The requirements file: header, then per package its pin, hash and who needs it."""
    lines = [HEADER.format(python=PYTHON_VERSION).rstrip("\n")]
    for name in sorted(pins):
        pin = pins[name]
        lines += [
            f"{name}=={pin.version} \\",
            f"    --hash=sha256:{pin.sha256}",
            f"    # via {', '.join(sorted(demands[name].wanted_by))}",
        ]
    return "\n".join(lines) + "\n"


def generate(*, upgrade: bool = False, lock: Path = LOCK, pyproject: Path = PYPROJECT) -> str:
    """The requirements file's text as pyproject.toml and the index give it now."""
    pins, demands = resolve(
        project_requirements(pyproject), previous=read_pins(lock), upgrade=upgrade
    )
    return render(pins, demands)


def main(argv: list[str] | None = None) -> int:
    """Write, or with --check compare, the Windows requirements file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upgrade", action="store_true", help="ignore the current pins")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on a change")
    parser.add_argument("--lock", type=Path, default=LOCK)
    arguments = parser.parse_args(argv)
    try:
        text = generate(upgrade=arguments.upgrade, lock=arguments.lock)
    except LockError as error:
        print(f"lock_windows: {error}", file=sys.stderr)
        return 1
    current = arguments.lock.read_text(encoding="utf-8") if arguments.lock.exists() else ""
    if arguments.check:
        if text == current:
            print(f"lock_windows: {arguments.lock.name} is up to date")
            return 0
        diff = difflib.unified_diff(
            current.splitlines(), text.splitlines(), "committed", "regenerated", lineterm=""
        )
        print("\n".join(diff))
        print(
            f"lock_windows: {arguments.lock.name} is out of date with pyproject.toml; "
            "run .venv/bin/python packaging/lock_windows.py",
            file=sys.stderr,
        )
        return 1
    arguments.lock.write_text(text, encoding="utf-8")
    print(f"lock_windows: wrote {arguments.lock} ({text.count('--hash=')} wheels)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
