"""The command line (--version, --help, doctor, self-test, run as a user or installer would)
and the workstation's view of whether the platform is reachable."""

from __future__ import annotations

import datetime as dt
import gc
import os
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest

from app.fhir_clients import PlatformAddress
from app.syncing.schedule import WorkstationSync
from app.syncing.window_sync import window_config
from main import __version__
from sync import (
    Connectivity,
    SyncConfig,
    SyncOutcome,
    SyncScheduler,
    SyncStatus,
    SyncSummary,
)
from tests.idp.launcher import IdentityProvider
from tests.platform.launcher import Platform
from ui.app import tune_for_gui

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
    assert done.returncode == 1  # plain http where a policy exists: a problem, said plainly
    assert "auto_lock_minutes = 3  <-  policy" in done.stdout
    assert "[managed by your organisation]" in done.stdout
    assert "plain http is allowed only on a machine without a policy" in done.stdout
    assert "Security log" in done.stdout


def test_doctor_says_an_unreachable_server_is_unreachable(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("auto_lock_minutes = 3\n", encoding="utf-8")
    done = run(
        "--data-dir",
        str(tmp_path / "stores"),
        "--server",
        "http://127.0.0.1:9/fhir/R4",
        "doctor",
        config_root=tmp_path,
    )
    assert done.returncode == 1
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
    assert "conditional create: yes" in done.stdout
    assert "history: yes" in done.stdout
    platform.set_profile("azure")
    varied = run("--data-dir", str(tmp_path / "stores"), "--server", platform.fhir_base,
                 "doctor", config_root=tmp_path)  # fmt: skip
    assert "history: no" in varied.stdout
    assert "uploads as batch" in varied.stdout
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


class _Scheduler:
    """Stands in for the sync scheduler: only its last summary is read."""

    def __init__(self, summary: SyncSummary | None) -> None:
        self.last_summary = summary

    def cancel(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _summary(outcome: SyncOutcome, connectivity: Connectivity) -> SyncSummary:
    at = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
    counts = dict.fromkeys(
        [
            "pushed",
            "quarantined",
            "lost_answers_recovered",
            "pulled",
            "unchanged",
            "deleted",
            "members",
            "bootstrapped",
            "purged_patients",
            "conflicts_detected",
            "conflicts_merged",
            "pages",
        ],
        0,
    )
    status = SyncStatus(connectivity, 0, 0, 0, at if outcome is SyncOutcome.OK else None)
    return SyncSummary(
        outcome=outcome,
        trigger="test",
        started_at=at,
        finished_at=at,
        deletes_supported=True,
        status=status,
        **counts,
    )


def test_the_platform_counts_as_reachable_when_the_last_sync_reached_it(tmp_path: Path) -> None:
    workstation = WorkstationSync(
        platform=PlatformAddress("http://127.0.0.1:9/fhir/R4"),
        places=(),
        interval=dt.timedelta(seconds=60),
        today=lambda: dt.date(2026, 11, 26),
    )
    assert not workstation.platform_reachable(), "before the first sync: not known to be"
    scheduler = _Scheduler(None)
    workstation._scheduler = cast(SyncScheduler, scheduler)
    assert not workstation.platform_reachable()
    scheduler.last_summary = _summary(SyncOutcome.OK, Connectivity.ONLINE)
    assert workstation.platform_reachable()
    scheduler.last_summary = _summary(SyncOutcome.OFFLINE, Connectivity.OFFLINE)
    assert not workstation.platform_reachable()
    scheduler.last_summary = _summary(SyncOutcome.OK, Connectivity.ONLINE)
    workstation.stop()  # a lock stops syncing; the last answer still stands
    assert workstation.platform_reachable()


def test_the_windows_sync_takes_the_headless_settings_in_its_own_process() -> None:
    assert window_config() == SyncConfig()
    assert window_config().prefetch is True


def test_gui_tuning_freezes_the_start_up_heap_and_shortens_the_switch_interval() -> None:
    interval = sys.getswitchinterval()
    thresholds = gc.get_threshold()
    try:
        tune_for_gui()
        assert gc.get_freeze_count() > 0
        assert sys.getswitchinterval() == pytest.approx(0.001)
        assert gc.get_threshold() == (*thresholds[:2], 1_000)  # full collections rarely weighed
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        sys.setswitchinterval(interval)
