"""Keys: data key wrapped, wrapping secret in the real OS keyring (Secret Service in CI), PIN
unlock with rate limiting and lockout that survive restarts, PIN change without re-encryption.

Run under ``bash scripts/with-keyring.sh`` (a private D-Bus session with gnome-keyring).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from offline.errors import (
    KeyMaterialMissingError,
    KeyringUnavailableError,
    OnlineSignInRequiredError,
    PinRateLimitedError,
    StoreStateError,
    WrongPinError,
)
from offline.keyfile import ScryptParams
from offline.keyring_secret import SERVICE_NAME, OsKeyring
from offline.paths import StorePaths
from offline.store import Store
from offline.unlock import KeyManager, KeyPolicy
from tests.offline.conftest import USER
from tests.offline.test_local_writes import obs

FAST = ScryptParams(n=2**10)  # production cost is 2**15; the logic under test is the same


def _secret_service_running() -> bool:
    try:
        OsKeyring()
    except KeyringUnavailableError:
        return False
    return "SecretService" in type(keyring.get_keyring()).__module__ or sys.platform != "linux"


needs_keyring = pytest.mark.skipif(
    not _secret_service_running(), reason="run under scripts/with-keyring.sh (Secret Service)"
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def manager(paths: StorePaths, clock: Clock, **policy: object) -> KeyManager:
    return KeyManager(paths, policy=KeyPolicy(scrypt=FAST, **policy), clock=clock)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@needs_keyring
def test_create_unlock_and_open(paths: StorePaths, clock: Clock) -> None:
    keys = manager(paths, clock)
    data_key = keys.create("2468")
    assert OsKeyring().get_secret(paths.stem) is not None
    assert len(keyring.get_password(SERVICE_NAME, paths.stem) or "") < 100  # small secret
    assert data_key.raw().hex() not in paths.key_file.read_text()
    assert oct(paths.key_file.stat().st_mode & 0o777) == "0o600"
    with Store.open(paths, data_key, user=USER, create=True) as store:
        store.create(obs(1, "o1"))
    again = manager(paths, clock).unlock_with_pin("2468")
    assert again == data_key
    with Store.open(paths, again, user=USER) as store:
        assert store.get("Observation", "o1") == obs(1, "o1")
    with pytest.raises(StoreStateError):
        keys.create("1357")  # never overwrites an existing key


@needs_keyring
def test_wrong_pins_are_delayed_then_locked_and_the_lock_survives_restart(
    paths: StorePaths, clock: Clock
) -> None:
    keys = manager(paths, clock, max_failed_attempts=4, free_attempts=2)
    data_key = keys.create("2468")
    with Store.open(paths, data_key, user=USER, create=True) as store:
        store.create(obs(1, "unsynced"))
    db_before = hashlib.sha256(paths.database.read_bytes()).hexdigest()
    for left in (3, 2):
        with pytest.raises(WrongPinError) as info:
            keys.unlock_with_pin("0000")
        assert info.value.attempts_left == left
    with pytest.raises(PinRateLimitedError) as limited:
        keys.unlock_with_pin("2468")  # even the right PIN must wait
    assert limited.value.retry_after_seconds == pytest.approx(2.0)
    clock.now += 2.0
    with pytest.raises(WrongPinError):
        keys.unlock_with_pin("1111")
    clock.now += 4.0
    with pytest.raises(OnlineSignInRequiredError):
        keys.unlock_with_pin("1111")
    # A "restart": a new manager reading the same key file is still locked, even with the PIN.
    clock.now += 10_000
    restarted = manager(paths, clock, max_failed_attempts=4, free_attempts=2)
    assert restarted.status().online_sign_in_required
    with pytest.raises(OnlineSignInRequiredError):
        restarted.unlock_with_pin("2468")
    assert hashlib.sha256(paths.database.read_bytes()).hexdigest() == db_before
    # On a shared computer the online sign-in lifts the lock but never opens the store:
    with pytest.raises(KeyMaterialMissingError):
        restarted.unlock_after_online_sign_in()
    restarted.lift_lockout(online_at=clock.now)
    assert restarted.status().failed_attempts == 0
    unlocked = restarted.unlock_with_pin("2468")
    assert unlocked == data_key
    with Store.open(paths, unlocked, user=USER) as store:
        assert store.get("Observation", "unsynced") == obs(1, "unsynced")
        assert len(store.outbox()) == 1


@needs_keyring
def test_attempt_is_counted_before_it_is_made(paths: StorePaths, clock: Clock) -> None:
    keys = manager(paths, clock)
    keys.create("2468")
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from offline.keyfile import ScryptParams\n"
        "from offline.paths import StorePaths\n"
        "from offline.unlock import KeyManager, KeyPolicy\n"
        "import offline.unlock as u\n"
        "u.derive_pin_kek = lambda *a, **k: os._exit(9)\n"  # die in the middle of the attempt
        f"p = StorePaths(Path({str(paths.directory)!r}), {paths.stem!r})\n"
        "KeyManager(p, policy=KeyPolicy(scrypt=ScryptParams(n=1024))).unlock_with_pin('0000')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        timeout=60,
        cwd=Path(__file__).parents[2],
        env=os.environ.copy(),
    )
    assert proc.returncode == 9
    assert keys.status().failed_attempts == 1  # read back through the state file's MAC


@needs_keyring
def test_change_pin_rewraps_without_touching_the_database(paths: StorePaths, clock: Clock) -> None:
    keys = manager(paths, clock)
    data_key = keys.create("2468")
    with Store.open(paths, data_key, user=USER, create=True) as store:
        store.create(obs(1, "o1"))
    db_before = hashlib.sha256(paths.database.read_bytes()).hexdigest()
    wrap_before = json.loads(paths.key_file.read_text())["pin_wrap"]
    with pytest.raises(WrongPinError):
        keys.change_pin("9999", "1357")
    keys.change_pin("2468", "1357")
    assert json.loads(paths.key_file.read_text())["pin_wrap"] != wrap_before
    with pytest.raises(WrongPinError):
        keys.unlock_with_pin("2468")
    assert keys.unlock_with_pin("1357") == data_key
    assert hashlib.sha256(paths.database.read_bytes()).hexdigest() == db_before


@needs_keyring
def test_key_file_alone_does_not_unlock_without_the_keyring_secret(
    paths: StorePaths, clock: Clock
) -> None:
    keys = manager(paths, clock)
    keys.create("2468")
    OsKeyring().delete_secret(paths.stem)
    with pytest.raises(KeyMaterialMissingError):
        keys.unlock_with_pin("2468")
    assert paths.key_file.exists()


def test_no_keyring_is_a_clear_error_naming_what_to_install(
    paths: StorePaths, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    with pytest.raises(KeyringUnavailableError, match=r"gnome-keyring.*secretstorage.*passphrase"):
        manager(paths, clock).create("2468")
    assert not paths.key_file.exists()
    assert not paths.database.exists()


def test_passphrase_only_mode_never_touches_the_keyring(
    paths: StorePaths, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    keys = manager(paths, clock, mode="passphrase", max_failed_attempts=2)
    with pytest.raises(ValueError, match="at least 12"):
        keys.create("short")
    data_key = keys.create("korrekt hest batteri")
    assert json.loads(paths.key_file.read_text())["account_wrap"] is None
    assert keys.unlock_with_pin("korrekt hest batteri") == data_key
    with pytest.raises(WrongPinError):
        keys.unlock_with_pin("feil passord!!")
    clock.now += 100
    with pytest.raises(OnlineSignInRequiredError):
        keys.unlock_with_pin("feil passord igjen")
    with pytest.raises(KeyMaterialMissingError):
        keys.unlock_after_online_sign_in()  # there is no account wrap to open
    keys.lift_lockout(online_at=clock.now)
    assert keys.unlock_with_pin("korrekt hest batteri") == data_key


def test_missing_key_file_asks_for_online_sign_in(paths: StorePaths, clock: Clock) -> None:
    with pytest.raises(KeyMaterialMissingError, match="sign in online"):
        manager(paths, clock).unlock_with_pin("2468")
