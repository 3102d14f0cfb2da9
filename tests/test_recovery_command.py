"""IT's recovery end to end on the command line (#15): the organisation's key pair made with
``pleiepunkt recovery-key new``, deployed by policy, a nurse's store with an unsent record and
a forgotten PIN, ``pleiepunkt recover`` with the key file, and her new PIN opening the same
store. Real keyring (Secret Service), real SQLCipher file, the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.session.keys import key_policy
from config import Settings, SettingsPaths
from offline import KeyManager, SecurityLog, Store, UserId, person_store_paths
from offline.errors import OnlineSignInRequiredError, WrongPinError
from tests.offline.test_local_writes import obs

ROOT = Path(__file__).resolve().parents[1]
ISSUER = "https://helseid-sts.test.example"
SUBJECT = "synthetic-user-0001"
PASSPHRASE = "two people keep this one"

pytestmark = pytest.mark.skipif(
    "DBUS_SESSION_BUS_ADDRESS" not in os.environ,
    reason="needs a Secret Service: run under scripts/with-keyring.sh (scripts/test.sh does)",
)


def pleiepunkt(*args: str, root: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--config-root", str(root), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_recovers_a_forgotten_pin_and_the_unsent_record_survives(tmp_path: Path) -> None:
    it_desk = tmp_path / "it"
    it_desk.mkdir()
    pem = it_desk / "pleiepunkt-recovery.pem"
    made = pleiepunkt(
        "recovery-key",
        "new",
        "--out",
        str(pem),
        "--passphrase-from-stdin",
        root=it_desk,
        stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n",
    )
    assert made.returncode == 0, made.stderr
    public = made.stdout.strip().splitlines()[-1]
    assert public.startswith("x25519:")
    assert oct(pem.stat().st_mode & 0o777) == "0o600"
    assert b"ENCRYPTED PRIVATE KEY" in pem.read_bytes()

    ward = tmp_path / "ward"
    ward.mkdir()
    (ward / "policy.toml").write_text(f'recovery_public_key = "{public}"\npin_attempts = 2\n')
    (ward / "config.toml").write_text(f'identity_provider_url = "{ISSUER}"\nclient_id = "x"\n')
    settings = Settings.load(SettingsPaths.under_root(ward))
    stores = tmp_path / "stores"
    paths = person_store_paths(issuer=ISSUER, subject=SUBJECT, directory=stores)
    keys = KeyManager(paths, policy=key_policy(settings), events=SecurityLog(stores))
    key = keys.create("2468")
    with Store.open(paths, key, user=UserId(SUBJECT), create=True) as store:
        store.create(obs(1, "given-at-0300"))
    keys.mark_closed(unsent=1)
    for guess in ("1111", "2222"):  # she has forgotten it
        with pytest.raises((WrongPinError, OnlineSignInRequiredError)):
            keys.unlock_with_pin(guess)

    wrong = pleiepunkt(
        "--data-dir", str(stores), "recover", "--key", str(pem), "--user", SUBJECT,
        "--secrets-from-stdin", root=ward, stdin="not the passphrase\n9753\n9753\n",
    )  # fmt: skip
    assert wrong.returncode == 1
    assert "wrong-key" in wrong.stderr
    done = pleiepunkt(
        "--data-dir", str(stores), "recover", "--key", str(pem), "--user", SUBJECT,
        "--secrets-from-stdin", root=ward, stdin=f"{PASSPHRASE}\n9753\n9753\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert paths.stem in done.stdout

    reopened = KeyManager(paths, policy=key_policy(settings)).unlock_with_pin("9753")
    with Store.open(paths, reopened, user=UserId(SUBJECT)) as store:
        assert [entry.resource_id for entry in store.outbox()] == ["given-at-0300"]
    kinds = [entry.kind for entry in SecurityLog(stores).newest()]
    assert "store-recovered" in kinds
    assert "pin-lockout" in kinds
