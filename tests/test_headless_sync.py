"""``pleiepunkt sync`` as IT runs it: as the user, with her saved sign-in, against the dev stack.

The dev stack (``python -m tests.devstack``) is the identity provider and the journal platform
together, the platform accepting only DPoP-bound tokens from that provider. The installation's
key is registered from ``pleiepunkt client-key``; the nurse signs in once in the app (the
browser step driven over HTTP), which seals her refresh token; then the command syncs her ward
with her tokens. Signed out, the command says to sign in from the app and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.session import Session
from app.syncing.window_sync import sync_lock_path
from config import Settings, SettingsPaths
from sync.lock import SyncLock
from tests.idp.browser import HttpBrowser
from tests.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]
NURSE = ("kari.sykepleier", "test-nurse-password")

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        "DBUS_SESSION_BUS_ADDRESS" not in os.environ,
        reason="needs a Secret Service: run under scripts/with-keyring.sh (scripts/test.sh does)",
    ),
]


def pleiepunkt(root: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--config-root", str(root),
         "--data-dir", str(root / "stores"), *args],
        input=stdin, capture_output=True, text=True, timeout=180, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip


@pytest.fixture
def devstack(tmp_path: Path) -> Iterator[tuple[Path, str, list[str]]]:
    """The dev stack with a synthetic ward, this installation registered; (root, unit id, the
    patients' family names)."""
    ward = list(generate(patients=20, seed=5, reference_date=dt.date.today()))
    (tmp_path / "ward.ndjson").write_text("\n".join(json.dumps(r) for r in ward) + "\n")
    unit = next(
        r["id"]
        for r in ward
        if r["resourceType"] == "Location"
        and any(c.get("code") == "wa" for c in r.get("physicalType", {}).get("coding", []))
    )
    key = pleiepunkt(tmp_path, "client-key")
    assert key.returncode == 0, key.stderr
    (tmp_path / "client.jwk").write_text(key.stdout)
    stack = subprocess.Popen(
        [sys.executable, "-m", "tests.devstack", "--config-root", str(tmp_path),
         "--client-jwk", str(tmp_path / "client.jwk"), "--load", str(tmp_path / "ward.ndjson")],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert stack.stdout is not None
        for line in stack.stdout:  # "loaded … resources" first, then the ready line
            if line.startswith("DEVSTACK_READY "):
                break
        else:
            raise RuntimeError(f"the dev stack ended before it was ready ({stack.poll()})")
        families = [
            name["family"]
            for r in ward
            if r["resourceType"] == "Patient"
            for name in r.get("name", [])
            if "family" in name
        ]
        yield tmp_path, unit, families
    finally:
        assert stack.stdin is not None
        stack.stdin.close()
        stack.wait(timeout=30)
        if stack.stdout is not None:
            stack.stdout.close()


def test_the_sync_command_runs_as_the_user_with_her_saved_sign_in(
    devstack: tuple[Path, str, list[str]],
) -> None:
    root, unit, families = devstack
    settings = Settings.load(SettingsPaths.under_root(root))
    session = Session(settings=settings, data_dir=root / "stores", open_browser=HttpBrowser(*NURSE))
    try:
        nurse = session.sign_in_online()
        session.create_store("2468")
        paths = session.keys.paths(nurse)
    finally:
        session.close()  # as at quit: her refresh token stays sealed for next time

    done = pleiepunkt(root, "sync", "--user", nurse.subject, "--ward", unit, "--pin-from-stdin",
                      stdin="2468\n")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sync: ok" in done.stdout
    assert "scope: 0 patients" not in done.stdout
    assert "pulled 0 resources" not in done.stdout
    assert families
    assert not [family for family in families if family in done.stdout]  # counts only

    # The window (or its background push) holds the store's sync lock: the command waits its turn.
    lock = SyncLock(sync_lock_path(paths))
    lock.acquire()
    try:
        busy = pleiepunkt(root, "sync", "--user", nurse.subject, "--ward", unit,
                          "--pin-from-stdin", stdin="2468\n")  # fmt: skip
    finally:
        lock.release()
    assert busy.returncode == 2, busy.stdout + busy.stderr

    # Signed out in the app: no usable sign-in is left, and the command says what to do.
    again = Session(settings=settings, data_dir=root / "stores", open_browser=HttpBrowser(*NURSE))
    try:
        again.unlock_with_pin("2468", person=nurse.subject)
        again.sign_out()
    finally:
        again.close()
    refused = pleiepunkt(root, "sync", "--user", nurse.subject, "--ward", unit,
                         "--pin-from-stdin", stdin="2468\n")  # fmt: skip
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert "sign in from the app first" in refused.stderr
