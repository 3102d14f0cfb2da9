"""Builds the installers once per test session (slow) and shares them with the packaging tests,
and the MSI installed once in a Wine prefix for every test that runs the installed app.

``PLEIEPUNKT_BUILD_SOURCE_ROOT`` points the builds at another source tree (packaging work on a
branch without the app); by default they package this repository.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from tests.idp.launcher import IdentityProvider
from tests.packaging.wine import Wine, windows_path
from tests.platform.launcher import Platform

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
BUILD_TIMEOUT = 900


def packaging_module(name: str) -> ModuleType:
    """Import a build-script module from packaging/ (appended to sys.path: it shadows nothing)."""
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))
    return importlib.import_module(name)


def source_root() -> Path:
    return Path(os.environ.get("PLEIEPUNKT_BUILD_SOURCE_ROOT") or REPO)


def run_build(script: str, *arguments: str | Path) -> float:
    """Run a build script to completion; fail the test with its message if it fails."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(PACKAGING / script), "--source-root", str(source_root()),
         *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(f"{script} failed:\n{result.stdout}\n{result.stderr}"[-6000:])
    return time.monotonic() - started


@dataclass(frozen=True)
class MsiBuild:
    msi: Path
    ca_cert: Path
    stage: Path
    seconds: float


@dataclass(frozen=True)
class DebBuild:
    deb: Path
    output: Path
    gpg_home: Path
    seconds: float


@pytest.fixture(scope="session")
def msi_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MsiBuild]:
    """The MSI built and signed with a throw-away CA made for this session."""
    base = tmp_path_factory.mktemp("msi")
    seconds = run_build(
        "build_msi.py",
        "--test-pki", base / "pki", "--work", base / "work", "--output", base / "dist",
    )  # fmt: skip
    (msi,) = (base / "dist").glob("Pleiepunkt-*-x64.msi")
    yield MsiBuild(msi=msi, ca_cert=base / "pki" / "ca.crt", stage=base / "work" / "stage",
                   seconds=seconds)  # fmt: skip
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def deb_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DebBuild]:
    """The .deb (gzip-compressed for speed) with signatures from a throw-away GPG key."""
    base = tmp_path_factory.mktemp("deb")
    seconds = run_build(
        "build_deb.py",
        "--test-gpg", base / "gnupg", "--work", base / "work", "--output", base / "dist",
        "--compression", "gzip",
    )  # fmt: skip
    shutil.rmtree(base / "work", ignore_errors=True)
    (deb,) = (base / "dist").glob("pleiepunkt_*_amd64.deb")
    yield DebBuild(deb=deb, output=base / "dist", gpg_home=base / "gnupg", seconds=seconds)
    shutil.rmtree(base, ignore_errors=True)


@dataclass(frozen=True)
class InstalledApp:
    wine: Wine
    platform: Platform
    idp: IdentityProvider


@pytest.fixture(scope="session")
def installed_app(
    msi_build: MsiBuild, platform_server: Platform, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[InstalledApp]:
    """The signed MSI installed silently per machine in a Windows-10-like Wine prefix, with the
    machine configuration IT gives: the session's journal platform and identity provider."""
    with IdentityProvider.start() as idp:
        wine = Wine.windows10(tmp_path_factory.mktemp("wine-app") / "prefix")
        try:
            result = wine.run(
                "msiexec", "/i", windows_path(msi_build.msi), "/qn", "ALLUSERS=1",
                f"SERVER_URL={platform_server.fhir_base}", f"IDP_URL={idp.issuer}",
                "CLIENT_ID=pleiepunkt-4601", "ORG_NUMBER=974760673",
            )  # fmt: skip
            assert result.returncode == 0, result.stderr[-2000:]
            yield InstalledApp(wine=wine, platform=platform_server, idp=idp)
        finally:
            wine.close()
