"""The MSI installed, upgraded and removed by Wine's msiexec, and its Python run under Wine.

Wine is not Windows: its Windows Installer is a reimplementation, and Wine 8 lacks two things
the full app needs (the system ICU that Qt 6 loads, and ``ProcessPrng`` in bcryptprimitives.dll
that Rust-built wheels call), so the GUI is not started here. What this does prove on a Linux
build machine: msiexec accepts the package silently, the public properties land in the machine
configuration (and only those given), an upgrade without properties keeps them and replaces
the old version, removal cleans up, and the embedded interpreter with our ``._pth`` runs the
app's code, SQLCipher and the Windows keyring backend, and reads both registry layers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.conftest import MsiBuild, packaging_module

pytestmark = pytest.mark.slow

WINE_PATHS = ("/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine")
INSTALLED = Path("drive_c") / "Program Files" / "Pleiepunkt"


class Wine:
    """One throw-away Wine prefix; every command it runs is bounded in time."""

    def __init__(self, prefix: Path) -> None:
        binary = next((p for p in WINE_PATHS if Path(p).exists()), None)
        if binary is None:
            pytest.fail("wine64 is not installed (bash packaging/install-build-tools.sh)")
        self.binary = binary
        self.prefix = prefix
        self.env = {
            **os.environ,
            "WINEPREFIX": str(prefix),
            "HOME": str(prefix.parent),
            "WINEDEBUG": os.environ.get("PLEIEPUNKT_WINEDEBUG", "-all"),
            # No Mono/Gecko download prompts, no menu entries in the host's home directory.
            "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
        }

    def run(self, *arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.binary, *arguments], env=self.env, cwd=cwd, stdin=subprocess.DEVNULL,
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip

    def registry_values(self, key: str) -> dict[str, str]:
        result = self.run("reg", "query", key)
        values = {}
        for line in result.stdout.splitlines():
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[1].startswith("REG_"):
                values[parts[0]] = parts[2].strip()
        return values

    def installed_versions(self) -> list[str]:
        uninstall = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
        result = self.run("reg", "query", uninstall, "/s")
        blocks = result.stdout.split("\n\n")
        return [
            line.split()[-1]
            for block in blocks
            if "Pleiepunkt" in block
            for line in block.splitlines()
            if "DisplayVersion" in line
        ]

    def close(self) -> None:
        server = shutil.which("wineserver") or "/usr/lib/wine/wineserver"
        subprocess.run([server, "-k"], env=self.env, capture_output=True, timeout=60, check=False)


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    wine = Wine(tmp_path_factory.mktemp("wine") / "prefix")
    boot = wine.run("wineboot", "--init")
    assert boot.returncode == 0, boot.stderr[-2000:]
    yield wine
    wine.close()


def windows_path(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


def test_silent_install_configure_upgrade_and_remove(msi_build: MsiBuild, wine: Wine) -> None:
    installed = wine.prefix / INSTALLED
    result = wine.run(
        "msiexec", "/i", windows_path(msi_build.msi), "/qn", "ALLUSERS=1",
        "SERVER_URL=https://fhir.kommune.no/fhir", "ORG_NUMBER=974760673",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert (installed / "python" / "pythonw.exe").is_file()
    assert (installed / "app" / "main.py").is_file()
    machine = wine.registry_values(r"HKLM\Software\Pleiepunkt")
    assert machine == {
        "ServerUrl": "https://fhir.kommune.no/fhir",
        "OrganisationNumber": "974760673",
    }  # CLIENT_ID and IDP_URL were not given: nothing written for them

    # A new version, installed silently without properties, replaces the old one in place.
    build_msi = packaging_module("build_msi")
    work = msi_build.stage.parent
    newer = build_msi.build_msi(
        stage=msi_build.stage, work=work, version="99.0.0", epoch=1712059200
    )
    result = wine.run("msiexec", "/i", windows_path(newer), "/qn")
    assert result.returncode == 0, result.stderr[-2000:]
    assert wine.installed_versions() == ["99.0.0"]
    assert wine.registry_values(r"HKLM\Software\Pleiepunkt") == machine

    result = wine.run("msiexec", "/x", windows_path(newer), "/qn")
    assert result.returncode == 0, result.stderr[-2000:]
    assert wine.installed_versions() == []
    assert not (installed / "app" / "main.py").exists()
    assert wine.registry_values(r"HKLM\Software\Pleiepunkt") == {}


SETTINGS_PROBE = """
import sys, keyring, sqlcipher3
from config import Settings
db = sqlcipher3.connect(':memory:'); db.execute("pragma key='probe'")
print('isolated', sys.flags.isolated)
print('cipher', db.execute('pragma cipher_version').fetchone()[0])
print('keyring', type(keyring.get_keyring()).__name__)
settings = Settings.load()
for value in settings.effective():
    print('setting', value.name, value.layer.value, value.source, repr(value.value))
print('managed', settings.is_managed('auto_lock_minutes'), 'problems', len(settings.problems))
"""


def test_embedded_python_runs_app_code_and_reads_both_registry_layers(
    msi_build: MsiBuild, wine: Wine
) -> None:
    result = wine.run(
        "msiexec", "/i", windows_path(msi_build.msi), "/qn", "CLIENT_ID=pleiepunkt-4601"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    policy = r"HKLM\Software\Policies\Pleiepunkt"
    wine.run("reg", "add", policy, "/v", "AutoLockMinutes", "/t", "REG_DWORD", "/d", "3", "/f")
    wine.run("reg", "add", policy, "/v", "ControlledDrugs", "/t", "REG_MULTI_SZ", "/d",
             "N02A\\0N05BA", "/f")  # fmt: skip
    installed = wine.prefix / INSTALLED
    probe = wine.run("python\\python.exe", "-c", SETTINGS_PROBE, cwd=installed)
    assert probe.returncode == 0, probe.stdout + probe.stderr[-3000:]
    lines = probe.stdout.splitlines()
    assert "isolated 1" in lines  # the ._pth file: no PYTHON* variables, no user site
    assert any(line.startswith("cipher 4.") for line in lines)
    assert "keyring WinVaultKeyring" in lines
    assert (
        "setting client_id machine HKLM\\Software\\Pleiepunkt\\ClientId 'pleiepunkt-4601'" in lines
    )
    assert (
        "setting auto_lock_minutes policy HKLM\\Software\\Policies\\Pleiepunkt\\AutoLockMinutes 3"
        in lines
    )
    assert any(
        line.startswith("setting controlled_drugs policy") and "('N02A', 'N05BA')" in line
        for line in lines
    )
    assert "managed True problems 0" in lines
