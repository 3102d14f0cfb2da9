"""The MSI installed, upgraded and removed by Wine's msiexec, and its interpreter's set-up.

Wine is not Windows: its Windows Installer is a reimplementation. What this proves on a Linux
build machine: msiexec accepts the package silently, the public properties land in the machine
configuration (and only those given), an upgrade without properties keeps them and replaces
the old version, removal cleans up, and the embedded interpreter with our ``._pth`` is isolated
and reads both registry layers through the real ``winreg``. The installed app itself (doctor,
store, keyring, sync, self-test) runs in ``test_wine_app.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.packaging.conftest import InstalledApp, MsiBuild, packaging_module
from tests.packaging.wine import Wine, windows_path

pytestmark = pytest.mark.slow


@pytest.fixture
def fresh_wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    """A prefix of its own, for a test that installs and removes."""
    wine = Wine.windows10(tmp_path_factory.mktemp("wine") / "prefix")
    yield wine
    wine.close()


def test_silent_install_configure_upgrade_and_remove(msi_build: MsiBuild, fresh_wine: Wine) -> None:
    wine = fresh_wine
    result = wine.run(
        "msiexec", "/i", windows_path(msi_build.msi), "/qn", "ALLUSERS=1",
        "SERVER_URL=https://fhir.kommune.no/fhir", "ORG_NUMBER=974760673",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert (wine.installed / "python" / "pythonw.exe").is_file()
    assert (wine.installed / "app" / "main.py").is_file()
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
    assert not (wine.installed / "app" / "main.py").exists()
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


def test_embedded_python_is_isolated_and_reads_both_registry_layers(
    installed_app: InstalledApp,
) -> None:
    wine = installed_app.wine
    policy = r"HKLM\Software\Policies\Pleiepunkt"
    try:
        wine.run("reg", "add", policy, "/v", "AutoLockMinutes", "/t", "REG_DWORD", "/d", "3", "/f")
        wine.run("reg", "add", policy, "/v", "ControlledDrugs", "/t", "REG_MULTI_SZ", "/d",
                 "N02A\\0N05BA", "/f")  # fmt: skip
        probe = wine.python("-c", SETTINGS_PROBE)
        assert probe.returncode == 0, probe.stdout + probe.stderr[-3000:]
        lines = probe.stdout.splitlines()
        assert "isolated 1" in lines  # the ._pth file: no PYTHON* variables, no user site
        assert any(line.startswith("cipher 4.") for line in lines)
        assert "keyring WinVaultKeyring" in lines
        assert (
            "setting client_id machine HKLM\\Software\\Pleiepunkt\\ClientId 'pleiepunkt-4601'"
            in lines
        )
        locked = "HKLM\\Software\\Policies\\Pleiepunkt\\AutoLockMinutes"
        assert f"setting auto_lock_minutes policy {locked} 3" in lines
        assert any(
            line.startswith("setting controlled_drugs policy") and "('N02A', 'N05BA')" in line
            for line in lines
        )
        assert "managed True problems 0" in lines
    finally:
        # The installed app is shared by the session's packaging tests: a policy left behind
        # would make them run on a policy-managed machine (no plain http to the test platform).
        wine.run("reg", "delete", policy, "/f")
