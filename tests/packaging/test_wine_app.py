"""The app the MSI installs, run under Wine as IT and a nurse would use it on a Windows 10 PC.

Everything runs with the installed interpreter and the installed app code (``pleiepunkt.cmd``
through cmd.exe, or ``python\\python.exe`` for the store harness), never the checkout: the
version, a user's store created with a PIN and wrapped through Windows Credential Manager in
``%LOCALAPPDATA%``, its ACL, a headless sync that pulls a small ward from the session's
journal platform and pushes a record, ``doctor`` against the platform and identity provider,
and the offscreen self-test. What Wine cannot show (the GUI on a real desktop, HiDPI, the
session lock, a scanner) is the pilot checklist in packaging/README.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import httpx
import pytest
from PySide6.QtGui import QImage

from main import __version__
from tests.packaging.conftest import InstalledApp
from tests.packaging.wine import windows_path
from tests.platform.launcher import Platform
from tests.synthetic import generate

pytestmark = [pytest.mark.slow, pytest.mark.integration]

PROBE = windows_path(Path(__file__).with_name("wine_store_probe.py"))
USER = "synthetic-user-0001"
PIN = "2468\n"


def keep(name: str, text: str) -> None:
    """Keep the installed app's output with the run's screenshots (for people, not asserts)."""
    folder = os.environ.get("PLEIEPUNKT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"wine_{name}.txt").write_text(text, encoding="utf-8")


def lines_of(done: object, name: str) -> list[str]:
    stdout, stderr = getattr(done, "stdout", ""), getattr(done, "stderr", "")
    keep(name, stdout + stderr)
    assert getattr(done, "returncode", 1) == 0, f"{name} failed:\n{stdout}\n{stderr[-3000:]}"
    return [line.rstrip("\r") for line in stdout.splitlines()]


def test_the_installed_launcher_prints_the_version(installed_app: InstalledApp) -> None:
    lines = lines_of(installed_app.wine.pleiepunkt("--version"), "version")
    assert lines == [f"Pleiepunkt {__version__}"]


def test_a_users_store_keyring_sync_and_doctor_with_the_installed_app(
    installed_app: InstalledApp, platform: Platform
) -> None:
    wine = installed_app.wine
    ward = list(generate(patients=8, seed=20, reference_date=dt.date(2026, 11, 26)))
    platform.load_ndjson(json.dumps(resource) for resource in ward)
    unit = next(
        r["id"]
        for r in ward
        if r["resourceType"] == "Location"
        and any(c.get("code") == "wa" for c in r.get("physicalType", {}).get("coding", []))
    )

    # IT registers the installation's key first: the sign-in vault's folder in the (private)
    # data folder, its key in Credential Manager.
    client_key = json.loads("\n".join(lines_of(wine.pleiepunkt("client-key"), "client_key")))
    assert client_key["kty"] in {"EC", "RSA", "OKP"}
    assert "d" not in client_key  # the public half only
    installed_app.idp.register_client("pleiepunkt-4601", client_key)

    # First sign-in on this PC: the store and its key file in %LOCALAPPDATA%\Pleiepunkt, the
    # wrapping secret in Credential Manager, the folder and everything in it (the vault's files
    # too) for this user and SYSTEM only.
    created = lines_of(wine.python(PROBE, "create", "--user", USER, stdin=PIN), "store_create")
    assert "keyring keyring.backends.Windows.WinVaultKeyring" in created
    credential = next(line for line in created if line.startswith("credential "))
    assert credential.endswith(" 88 bytes, limit 2560")  # base64 of 32 bytes, in UTF-16
    user = os.environ.get("USER") or "root"
    assert f"folder C:\\users\\{user}\\AppData\\Local\\Pleiepunkt" in created
    acls = [line for line in created if line.startswith("acl ")]
    names = {line.split()[1] for line in acls}
    assert {"Pleiepunkt", "signin"} <= names, created
    assert any(name.endswith(".db") for name in names)
    assert any(name.endswith(".keys.json") for name in names)
    for line in acls:
        assert "FA;;;SY)" in line, line
        assert "FA;;;<user>)" in line, line
        assert line.endswith("others: none"), line
    folder = wine.local_app_data / "Pleiepunkt"
    (database,) = folder.glob("store-*.db")
    assert not database.read_bytes().startswith(b"SQLite format 3")

    # Her first online sign-in (the app seals her refresh token): the sync runs as her.
    signed_in = lines_of(wine.python(PROBE, "sign-in", "--user", USER, stdin=PIN), "sign_in")
    assert "signed-in True True" in signed_in, signed_in
    pulled = lines_of(
        wine.pleiepunkt("sync", "--user", USER, "--ward", unit, "--pin-from-stdin", stdin=PIN),
        "sync_pull",
    )
    assert pulled[0].startswith("sync: ok"), pulled
    assert "  scope: 8 patients, 8 new, 0 left the scope" in pulled

    # A set of vital signs recorded offline, the store closed and reopened with the PIN, its
    # pages authenticated (cipher_integrity_check) and the records read back.
    recorded = lines_of(wine.python(PROBE, "record", "--user", USER, stdin=PIN), "store_record")
    written = int(next(line for line in recorded if line.startswith("wrote ")).split()[1])
    assert written == 8  # the seven NEWS2 parameters (BP as one panel) and the score
    assert "integrity ok" in recorded
    assert f"read back {written} of {written}" in recorded
    assert f"pending {written}" in recorded
    assert "oslo offsets 1:00:00 2:00:00" in recorded  # zoneinfo from the tzdata wheel
    observations = [line.split()[1] for line in recorded if line.startswith("observation ")]

    pushed = lines_of(
        wine.pleiepunkt("sync", "--user", USER, "--ward", unit, "--pin-from-stdin", stdin=PIN),
        "sync_push",
    )
    assert pushed[0].startswith("sync: ok"), pushed
    assert any(line.startswith(f"  pushed {written} changes") for line in pushed), pushed
    assert any(line.startswith("  now pending 0,") for line in pushed), pushed
    with httpx.Client(timeout=30) as http:
        for resource_id in observations:
            response = http.get(f"{platform.fhir_base}/Observation/{resource_id}")
            assert response.status_code == 200, resource_id

    doctor = lines_of(wine.pleiepunkt("doctor"), "doctor")
    assert (
        f"  server_url = '{platform.fhir_base}'  <-  machine: HKLM\\Software\\Pleiepunkt\\ServerUrl"
        in doctor
    )
    assert "Keyring: keyring.backends.Windows.WinVaultKeyring" in doctor
    assert any("page-cache block: not used: this SQLCipher build does not export" in line
               for line in doctor)  # fmt: skip
    assert any("lookaside pool: not used: this SQLCipher build does not export" in line
               for line in doctor)  # fmt: skip
    assert f"Stores in C:\\users\\{user}\\AppData\\Local\\Pleiepunkt:" in doctor
    (current,) = folder.glob("store-*.db")  # the sign-in renamed it to the person's store
    store_lines = [line for line in doctor if line.strip().startswith(current.name)]
    assert len(store_lines) == 1, doctor
    assert "encrypted" in store_lines[0], doctor
    assert "PROBLEM" not in store_lines[0], doctor
    assert any(line.startswith(f"Server {platform.fhir_base}: reachable") for line in doctor)
    assert (
        f"Identity provider {installed_app.idp.issuer}: answers, with every endpoint sign-in needs"
        in doctor
    )
    assert doctor[-1] == "All checks passed."


def test_the_installed_self_test_renders_the_main_window_offscreen(
    installed_app: InstalledApp, tmp_path: Path
) -> None:
    png = tmp_path / "self-test.png"
    lines = lines_of(
        installed_app.wine.pleiepunkt("self-test", "--screenshot", windows_path(png)), "self_test"
    )
    assert lines[-1] == "self-test passed", lines
    assert any(line.startswith("  ok  main window rendered: ") for line in lines)
    image = QImage(str(png))
    assert image.width() >= 800
    assert image.height() >= 600
    folder = os.environ.get("PLEIEPUNKT_SCREENSHOTS")
    if folder:
        image.save(str(Path(folder) / "wine_self_test.png"))


def test_a_block_is_locked_with_virtual_lock_and_doctor_names_the_memory_paths(
    installed_app: InstalledApp,
) -> None:
    """The page-cache block's Windows lock, called directly: the shipped sqlcipher3 wheel hides
    ``sqlite3_config``, so the store itself never reserves the block on Windows (said by the
    memory-path lines). Wine stubs the working-set calls (it accepts SetProcessWorkingSetSize and
    reports fixed sizes); its VirtualLock locks with mlock."""
    lines = lines_of(installed_app.wine.python(PROBE, "memory"), "memory")
    assert "virtual lock True VirtualLock, working set raised" in lines
    paths = [line for line in lines if line.startswith("memory path ")]
    assert len(paths) == 2
    assert all("not used: this SQLCipher build does not export" in line for line in paths)


def test_a_store_folder_that_lets_others_in_is_made_private_with_its_contents(
    installed_app: InstalledApp,
) -> None:
    """A folder left by an older version or another program (Wine shows its Unix mode as read
    access for Everyone, ``WD``; Windows would show the Administrators inherited from
    ``%LOCALAPPDATA%``) is restricted, with what is in it, when a store opens there."""
    lines = lines_of(installed_app.wine.python(PROBE, "folder"), "folder")
    before = [line for line in lines if line.startswith("before ")]
    after = [line for line in lines if line.startswith("after ")]
    assert len(before) == len(after) == 3
    assert all(not line.endswith("others: none") for line in before), before
    assert all(line.endswith("others: none") for line in after), after
