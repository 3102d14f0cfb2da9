"""The command line: --version, --help, doctor and self-test, run as a user or installer would."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from main import __version__
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from offline.unlock import KeyManager
from tests.idp.launcher import IdentityProvider
from tests.platform.launcher import Platform
from tests.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, config_root: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--config-root", str(config_root), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def test_version_names_the_release(tmp_path: Path) -> None:
    done = run("--version", config_root=tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == f"Pleiepunkt {__version__}"


def test_help_lists_every_command(tmp_path: Path) -> None:
    done = run("--help", config_root=tmp_path)
    assert done.returncode == 0
    for command in ("sync", "doctor", "self-test"):
        assert command in done.stdout


def test_self_test_renders_the_main_window_over_an_encrypted_store(tmp_path: Path) -> None:
    shot = tmp_path / "self-test.png"
    done = run("self-test", "--screenshot", str(shot), config_root=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "self-test passed" in done.stdout
    assert shot.stat().st_size > 10_000
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("pleiepunkt-self-test-*"))


def test_doctor_reports_where_each_setting_came_from(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text("auto_lock_minutes = 3\n", encoding="utf-8")
    done = run(
        "--data-dir",
        str(tmp_path / "stores"),
        "--server",
        "http://127.0.0.1:9/fhir/R4",
        "doctor",
        config_root=tmp_path,
    )
    assert done.returncode == 1  # the server is unreachable: a problem, said plainly
    assert "auto_lock_minutes = 3  <-  policy" in done.stdout
    assert "[managed by your organisation]" in done.stdout
    assert "could not connect" in done.stdout


@pytest.mark.integration
def test_doctor_passes_against_a_reachable_platform(tmp_path: Path, platform: Platform) -> None:
    done = run(
        "--data-dir",
        str(tmp_path / "stores"),
        "--server",
        platform.fhir_base,
        "doctor",
        config_root=tmp_path,
    )
    assert f"Server {platform.fhir_base}: reachable" in done.stdout
    assert "FHIR 4.0.1" in done.stdout
    assert "Identity provider: PROBLEM: identity_provider_url and client_id" in done.stdout


@pytest.mark.integration
def test_doctor_checks_the_identity_provider(tmp_path: Path) -> None:
    with IdentityProvider.start() as idp:
        (tmp_path / "config.toml").write_text(
            f'identity_provider_url = "{idp.issuer}"\nclient_id = "pleiepunkt-test"\n',
            encoding="utf-8",
        )
        done = run("--data-dir", str(tmp_path / "stores"), "doctor", config_root=tmp_path)
    assert f"Identity provider {idp.issuer}: answers" in done.stdout


@pytest.mark.integration
@pytest.mark.skipif(
    "DBUS_SESSION_BUS_ADDRESS" not in os.environ,
    reason="needs a Secret Service: run under scripts/with-keyring.sh (scripts/test.sh does)",
)
def test_sync_command_pulls_a_ward_into_the_users_encrypted_store(
    tmp_path: Path, platform: Platform
) -> None:
    ward = list(generate(patients=20, seed=5, reference_date=dt.date(2026, 11, 26)))
    platform.load_ndjson(json.dumps(resource) for resource in ward)
    unit = next(
        r["id"]
        for r in ward
        if r["resourceType"] == "Location"
        and any(c.get("code") == "wa" for c in r.get("physicalType", {}).get("coding", []))
    )
    stores = tmp_path / "stores"
    user = UserId("synthetic-user-0001")
    paths = store_paths(user, directory=stores)
    Store.open(paths, KeyManager(paths).create("2468"), user=user, create=True).close()

    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--config-root", str(tmp_path),
         "--data-dir", str(stores), "--server", platform.fhir_base,
         "sync", "--user", "synthetic-user-0001", "--ward", unit, "--pin-from-stdin"],
        input="2468\n", capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sync: ok" in done.stdout
    assert "scope: 20 patients" in done.stdout
    families = [
        name["family"]
        for r in ward
        if r["resourceType"] == "Patient"
        for name in r.get("name", [])
        if "family" in name
    ]
    assert families
    assert not [family for family in families if family in done.stdout]  # counts only
