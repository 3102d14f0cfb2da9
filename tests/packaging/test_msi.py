"""The Windows MSI: signed, timestamped, per-machine, upgradable, configurable, no auto-launch."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import config as s
from tests.packaging.conftest import MsiBuild, packaging_module

pytestmark = pytest.mark.slow

UPGRADE_CODE = "{7FA3FFE2-C09C-4E01-8852-96DF7CA47A41}"


def verify(path: Path, ca_cert: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["osslsigncode", "verify", "-CAfile", str(ca_cert), "-TSA-CAfile", str(ca_cert),
         "-ignore-crl", "-in", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def table(msi: Path, name: str) -> list[list[str]]:
    """Rows of an MSI table as ``msiinfo export`` prints them (after its three header lines)."""
    text = subprocess.run(
        ["msiinfo", "export", str(msi), name],
        capture_output=True,
        text=True,
        check=True,
        cwd=msi.parent,  # binary columns (the Icon table) are written out beside the MSI
    ).stdout
    return [line.split("\t") for line in text.splitlines()[3:]]


def test_the_msi_is_signed_and_timestamped_by_our_certificate(msi_build: MsiBuild) -> None:
    result = verify(msi_build.msi, msi_build.ca_cert)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Signature verification: ok" in result.stdout
    assert "Pleiepunkt Test sign" in result.stdout
    assert "Timestamp time:" in result.stdout


def test_a_tampered_or_unsigned_msi_fails_verification(msi_build: MsiBuild, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.msi"
    shutil.copyfile(msi_build.msi, tampered)
    with tampered.open("r+b") as handle:
        handle.seek(tampered.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))
    result = verify(tampered, msi_build.ca_cert)
    assert result.returncode != 0
    assert "Signature verification: failed" in result.stdout + result.stderr

    unsigned = tmp_path / "unsigned.msi"
    subprocess.run(
        ["osslsigncode", "remove-signature", "-in", str(msi_build.msi), "-out", str(unsigned)],
        capture_output=True, check=True,
    )  # fmt: skip
    assert verify(unsigned, msi_build.ca_cert).returncode != 0


def test_a_signature_from_another_ca_is_not_trusted(msi_build: MsiBuild, tmp_path: Path) -> None:
    other = packaging_module("authenticode").make_test_pki(tmp_path / "other")
    assert verify(msi_build.msi, other.ca_cert).returncode != 0


def test_per_machine_package_with_a_stable_upgrade_code(msi_build: MsiBuild) -> None:
    properties = dict(row[:2] for row in table(msi_build.msi, "Property"))
    assert properties["ALLUSERS"] == "1"
    assert properties["UpgradeCode"].upper() == UPGRADE_CODE
    assert properties["ARPNOMODIFY"] == "1"
    assert properties["DISABLEADVTSHORTCUTS"] == "1"
    secure = properties["SecureCustomProperties"].split(";")
    assert {"SERVER_URL", "IDP_URL", "CLIENT_ID", "ORG_NUMBER"} <= set(secure)
    upgrades = table(msi_build.msi, "Upgrade")
    assert {row[0] for row in upgrades} == {UPGRADE_CODE}
    assert any(row[6] == "WIX_UPGRADE_DETECTED" for row in upgrades)
    summary = subprocess.run(
        ["msiinfo", "suminfo", str(msi_build.msi)], capture_output=True, text=True, check=True
    ).stdout
    assert "Template: x64;1044" in summary
    assert "Security: 2" in summary
    sequence = {row[0]: int(row[2]) for row in table(msi_build.msi, "InstallExecuteSequence")}
    # The old version goes before new files arrive: an upgrade in place never mixes versions.
    assert sequence["InstallInitialize"] < sequence["RemoveExistingProducts"]
    assert sequence["RemoveExistingProducts"] < sequence["InstallFiles"]


def test_installs_into_program_files_with_a_start_menu_shortcut(msi_build: MsiBuild) -> None:
    directories = {row[0]: row for row in table(msi_build.msi, "Directory")}
    assert directories["INSTALLDIR"][1:] == ["ProgramFiles64Folder", "Pleiepunkt"]
    (shortcut,) = table(msi_build.msi, "Shortcut")
    assert shortcut[1] == "ProgramMenuFolder"
    assert shortcut[2] == "Pleiepunkt"
    assert shortcut[4] == "[INSTALLDIR]python\\pythonw.exe"
    assert shortcut[5] == "-m main"
    assert shortcut[11] == "INSTALLDIR"
    assert {row[0] for row in table(msi_build.msi, "Icon")} == {"pleiepunkt.ico"}
    components = table(msi_build.msi, "Component")
    assert components
    assert all(int(row[3]) & 256 for row in components)  # msidbComponentAttributes64bit


def test_public_properties_become_machine_configuration_only_when_given(
    msi_build: MsiBuild,
) -> None:
    registry = {row[3]: row for row in table(msi_build.msi, "Registry")}
    conditions = {row[0]: row[4] for row in table(msi_build.msi, "Component")}
    for prop, name in [
        ("SERVER_URL", "ServerUrl"),
        ("IDP_URL", "IdentityProviderUrl"),
        ("CLIENT_ID", "ClientId"),
        ("ORG_NUMBER", "OrganisationNumber"),
    ]:
        row = registry[name]
        assert row[1:5] == ["2", s.MACHINE_REGISTRY_KEY, name, f"[{prop}]"]  # 2 = HKLM
        assert conditions[row[5]] == prop
        # The registry value names are the ones the settings' machine layer reads.
        assert (
            s.setting(next(d.name for d in s.SETTINGS if d.registry_name == name)).registry_name
            == name
        )
    # An upgrade without the properties keeps what the installed version wrote.
    locators = {row[0]: row for row in table(msi_build.msi, "RegLocator")}
    assert {row[3] for row in locators.values()} == {
        "ServerUrl", "IdentityProviderUrl", "ClientId", "OrganisationNumber",
    }  # fmt: skip
    sequence = {
        row[0]: (row[1], int(row[2])) for row in table(msi_build.msi, "InstallExecuteSequence")
    }
    app_search = sequence["AppSearch"][1]
    for action, (condition, number) in sequence.items():
        if action.startswith("Restore"):
            assert app_search < number < sequence["CostFinalize"][1]
            assert condition.startswith("SAVED_")


def test_nothing_is_launched_after_installation(msi_build: MsiBuild) -> None:
    actions = table(msi_build.msi, "CustomAction")
    # Only "set property" actions (type 51, +2048 = first sequence): nothing runs a program.
    assert actions
    assert all(int(row[1]) & 0x3F == 51 for row in actions)


def test_payload_holds_the_interpreter_the_app_and_signed_binaries(
    msi_build: MsiBuild, tmp_path: Path
) -> None:
    subprocess.run(
        ["msiextract", "-C", str(tmp_path), str(msi_build.msi)],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    root = tmp_path / "Pleiepunkt"
    for relative in [
        "python/pythonw.exe",
        "python/python.exe",
        "python/python311.zip",
        "app/main.py",
        "app/config/declarations.py",
        "app/resources/icons/pleiepunkt.ico",
        "pkgs/PySide6/Qt6Widgets.dll",
        "pkgs/sqlcipher3/_sqlite3.cp311-win_amd64.pyd",
        "pkgs/win32ctypes/__init__.py",
        "pleiepunkt.cmd",
        "policy/pleiepunkt.admx",
        "policy/nb-NO/pleiepunkt.adml",
    ]:
        assert (root / relative).is_file(), relative
    assert not (root / "pkgs" / "secretstorage").exists()
    pth = (root / "python" / "python311._pth").read_text(encoding="ascii")
    assert pth.splitlines() == ["python311.zip", ".", "..\\app", "..\\pkgs"]
    authenticode = packaging_module("authenticode")
    executables = [p for p in root.rglob("*") if p.suffix.lower() in (".exe", ".dll", ".pyd")]
    assert executables
    unsigned = [p for p in executables if not authenticode.has_signature(p)]
    assert unsigned == []
    ours = root / "pkgs" / "sqlcipher3" / "_sqlite3.cp311-win_amd64.pyd"
    ok, output = authenticode.verify(ours, ca_file=msi_build.ca_cert)
    assert ok, output


def test_the_embedded_python_is_refused_when_a_binary_is_tampered(
    msi_build: MsiBuild, tmp_path: Path
) -> None:
    win_embed = packaging_module("win_embed")
    good = msi_build.stage / "python" / "python.exe"
    assert good.exists(), "the MSI build's staging folder must still hold python.exe"
    tampered = tmp_path / "python.exe"
    data = bytearray(good.read_bytes())
    data[2048] ^= 0xFF
    tampered.write_bytes(bytes(data))
    win_embed.verify_publishers([good])
    with pytest.raises(packaging_module("build_common").BuildError, match=r"python\.exe"):
        win_embed.verify_publishers([tampered])
