"""The Linux .deb: GPG-signed, lintian-clean, installs, runs, and leaves user data on removal."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import DebBuild

pytestmark = pytest.mark.slow


def run(
    *command: str | Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, timeout=timeout,
        check=False,
    )  # fmt: skip


def gpgv(deb_build: DebBuild, signature: Path, data: Path) -> subprocess.CompletedProcess[str]:
    """Verify with gpgv against only the throw-away public key (no agent, no user keyring)."""
    keyring = deb_build.gpg_home / "trusted.gpg"
    if not keyring.exists():
        run("gpg", "--batch", "--dearmor", "--output", keyring,
            deb_build.gpg_home / "signing-key.asc")  # fmt: skip
    return run("gpgv", "--keyring", keyring, signature, data)


def test_detached_signatures_and_checksums_verify(deb_build: DebBuild) -> None:
    deb = deb_build.deb
    assert gpgv(deb_build, deb.with_name(deb.name + ".asc"), deb).returncode == 0
    sums = deb_build.output / "SHA256SUMS"
    assert gpgv(deb_build, sums.with_name("SHA256SUMS.asc"), sums).returncode == 0
    check = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],
        cwd=deb_build.output, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"{deb.name}: OK" in check.stdout


def test_a_tampered_package_fails_both_checks(deb_build: DebBuild, tmp_path: Path) -> None:
    tampered = tmp_path / deb_build.deb.name
    shutil.copyfile(deb_build.deb, tampered)
    with tampered.open("r+b") as handle:
        handle.seek(tampered.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))
    signature = deb_build.deb.with_name(deb_build.deb.name + ".asc")
    assert gpgv(deb_build, signature, tampered).returncode != 0
    shutil.copyfile(deb_build.output / "SHA256SUMS", tmp_path / "SHA256SUMS")
    check = subprocess.run(
        ["sha256sum", "--check", "SHA256SUMS"], cwd=tmp_path, capture_output=True, check=False
    )
    assert check.returncode != 0


def test_package_metadata_layout_and_conffiles(deb_build: DebBuild) -> None:
    fields = run("dpkg-deb", "--field", deb_build.deb).stdout
    assert "Package: pleiepunkt" in fields
    assert "Architecture: amd64" in fields
    assert "libxcb-cursor0" in fields
    conffiles = run("dpkg-deb", "--ctrl-tarfile", deb_build.deb).stdout  # binary; just non-empty
    assert conffiles is not None
    listing = run("dpkg-deb", "--contents", deb_build.deb).stdout
    for path in [
        "./opt/pleiepunkt/pleiepunkt",
        "./usr/bin/pleiepunkt -> /opt/pleiepunkt/pleiepunkt",
        "./usr/share/applications/pleiepunkt.desktop",
        "./usr/share/icons/hicolor/256x256/apps/pleiepunkt.png",
        "./usr/share/icons/hicolor/scalable/apps/pleiepunkt.svg",
        "./etc/pleiepunkt/config.toml",
        "./etc/pleiepunkt/policy.toml",
        "./usr/share/doc/pleiepunkt/copyright",
        "./usr/share/man/man1/pleiepunkt.1.gz",
    ]:
        assert path in listing, path
    assert "root/root" in listing
    assert " ./home" not in listing


def test_lintian_reports_no_errors_or_warnings(deb_build: DebBuild) -> None:
    if shutil.which("lintian") is None:
        pytest.fail("lintian is not installed (bash packaging/install-build-tools.sh)")
    result = run("lintian", "--tag-display-limit", "0", deb_build.deb, timeout=600)
    findings = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert findings == [], "\n".join(findings[:40])
    assert result.returncode == 0, result.stderr


@pytest.fixture
def scratch_root(tmp_path: Path) -> Path:
    """An empty dpkg root: dpkg --root installs there without touching this machine's system."""
    root = tmp_path / "root"
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers",
                   "var/log", "home/nurse"):  # fmt: skip
        (root / folder).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    (root / "var/lib/dpkg/available").touch()
    return root


def dpkg(root: Path, *arguments: str | Path) -> subprocess.CompletedProcess[str]:
    # --force-depends: the scratch root's dpkg database knows none of the host's libraries,
    # which the host (this test machine, set up by scripts/setup.sh) does have.
    return run("dpkg", f"--root={root}", f"--log={root}/var/log/dpkg.log", "--force-depends",
               "--force-script-chrootless", *arguments)  # fmt: skip


def app_env(root: Path) -> dict[str, str]:
    home = root / "home" / "nurse"
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("PLEIEPUNKT_")},
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "QT_QPA_PLATFORM": "offscreen",
        # The installed /etc/pleiepunkt of the scratch root, not this machine's.
        "PLEIEPUNKT_CONFIG_ROOT": str(root / "etc" / "pleiepunkt"),
    }


def test_installs_runs_and_removal_keeps_user_data(deb_build: DebBuild, scratch_root: Path) -> None:
    installed = dpkg(scratch_root, "--install", deb_build.deb)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    program = scratch_root / "opt" / "pleiepunkt" / "pleiepunkt"
    assert os.readlink(scratch_root / "usr" / "bin" / "pleiepunkt") == "/opt/pleiepunkt/pleiepunkt"
    env = app_env(scratch_root)

    version = run(program, "--version", env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip()
    self_test = run(program, "self-test", env=env, timeout=240)
    assert self_test.returncode == 0, self_test.stdout[-3000:] + self_test.stderr[-3000:]
    # No server is configured in the scratch root, so doctor reaches no network.
    doctor = run(program, "doctor", env=env, timeout=120)
    assert "auto_lock_minutes" in doctor.stdout, doctor.stdout + doctor.stderr
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):  # under scripts/with-keyring.sh, as in CI
        # The frozen bundle carries keyring's backends (found through entry points).
        assert "keyring.backends.SecretService" in doctor.stdout, doctor.stdout

    # The nurse's own data, and an admin's edit of the machine configuration.
    home = scratch_root / "home" / "nurse"
    store = home / ".local" / "share" / "pleiepunkt" / "store-0123456789abcdef01234567.db"
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_bytes(b"encrypted store stand-in")
    user_settings = home / ".config" / "pleiepunkt" / "settings.toml"
    user_settings.parent.mkdir(parents=True, exist_ok=True)
    user_settings.write_text('language = "en"\n', encoding="utf-8")
    config = scratch_root / "etc" / "pleiepunkt" / "config.toml"
    config.write_text('server_url = "https://fhir.kommune.no/fhir"\n', encoding="utf-8")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}

    removed = dpkg(scratch_root, "--remove", "pleiepunkt")
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not program.exists()
    assert not (scratch_root / "usr" / "bin" / "pleiepunkt").exists()
    assert config.read_text(encoding="utf-8").startswith("server_url")  # conffile kept
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before

    purged = dpkg(scratch_root, "--purge", "pleiepunkt")
    assert purged.returncode == 0, purged.stdout + purged.stderr
    assert not config.exists()
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before
