"""The PIN is a real factor (#15): the keyring secret alone never opens a store on a shared
computer; the wrong-PIN state is authenticated and changed under a file lock; IT's recovery key
opens a store whose PIN is forgotten; a fresh store only when nothing is unsent; format-1
installations migrate from a real old file; keys are wiped from memory.

Run under ``bash scripts/with-keyring.sh`` (the real Secret Service).
"""

from __future__ import annotations

import base64
import fcntl
import json
import shutil
import threading
from pathlib import Path

import pytest

from offline.datakey import DataKey
from offline.errors import (
    KeyMaterialMissingError,
    OnlineSignInRequiredError,
    RecoveryKeyError,
    UnsentRecordsError,
    WrongPinError,
)
from offline.keyfile import derive_account_kek, read_key_file, unwrap
from offline.keyring_secret import OsKeyring
from offline.paths import StorePaths, legacy_store_paths, person_store_paths
from offline.recovery import RecoveryPublicKey, load_recovery_private_key, new_recovery_key
from offline.store import Store
from offline.unlock import KeyManager, KeyPolicy, finish_move
from tests.offline.conftest import USER
from tests.offline.test_keys import FAST, Clock, needs_keyring
from tests.offline.test_local_writes import obs

pytestmark = needs_keyring
LEGACY = Path(__file__).parent / "data" / "legacy_installation"
PASSPHRASE = b"correct horse battery staple"


@pytest.fixture
def clock() -> Clock:
    return Clock()


def keys_for(paths: StorePaths, clock: Clock, **policy: object) -> KeyManager:
    return KeyManager(paths, policy=KeyPolicy(scrypt=FAST, **policy), clock=clock)  # type: ignore[arg-type]


def test_finding_1_the_keyring_secret_alone_opens_no_store_on_a_shared_computer(
    paths: StorePaths, clock: Clock
) -> None:
    keys = keys_for(paths, clock)
    keys.create("2468")
    key_file = read_key_file(paths.key_file)
    assert key_file is not None
    assert key_file.account_wrap is None  # nothing is wrapped under the keyring secret alone
    secret = OsKeyring().get_secret(paths.stem)
    assert secret is not None
    # Everything code running as the OS account can read does not unwrap the PIN wrap:
    assert (
        unwrap(key_file.pin_wrap, derive_account_kek(secret), purpose="pin", user_key=paths.stem)
        is None
    )
    with pytest.raises(KeyMaterialMissingError):
        keys.unlock_after_online_sign_in()


def test_a_personal_computer_keeps_the_account_wrap(paths: StorePaths, clock: Clock) -> None:
    keys = keys_for(paths, clock, shared_workstation=False)
    data_key = keys.create("2468")
    assert keys.unlock_after_online_sign_in() == data_key


@pytest.mark.parametrize("attack", ["edit", "restore", "delete"])
def test_finding_5_an_edited_restored_or_deleted_lockout_state_counts_as_locked(
    paths: StorePaths, clock: Clock, attack: str
) -> None:
    keys = keys_for(paths, clock, max_failed_attempts=3)
    keys.create("2468")
    before = paths.state_file.read_bytes()
    for _ in range(2):
        with pytest.raises(WrongPinError):
            keys.unlock_with_pin("0000")
        clock.now += 600
    if attack == "edit":
        doc = json.loads(paths.state_file.read_text())
        doc["body"]["failed_attempts"] = 0
        paths.state_file.write_text(json.dumps(doc))
    elif attack == "restore":
        paths.state_file.write_bytes(before)  # a backup from before the wrong PINs
    else:
        paths.state_file.unlink()
    assert keys.status().online_sign_in_required
    with pytest.raises(OnlineSignInRequiredError) as refused:
        keys.unlock_with_pin("2468")  # even the right PIN
    assert refused.value.tampered
    assert not keys.status().nothing_unsent  # and a fresh store is refused
    keys.lift_lockout(online_at=clock.now)
    keys.unlock_with_pin("2468").wipe()


def test_finding_5_the_policy_limit_is_the_limit(paths: StorePaths, clock: Clock) -> None:
    keys = keys_for(paths, clock, max_failed_attempts=2, free_attempts=5)
    keys.create("2468")
    with pytest.raises(WrongPinError):
        keys.unlock_with_pin("0000")
    with pytest.raises(OnlineSignInRequiredError):
        keys.unlock_with_pin("0000")


def test_finding_5_a_pin_attempt_waits_for_the_state_file_lock(
    paths: StorePaths, clock: Clock
) -> None:
    keys = keys_for(paths, clock)
    keys.create("2468")
    holder = paths.state_lock.open("a+b")
    fcntl.flock(holder.fileno(), fcntl.LOCK_EX)  # another process in the middle of an attempt
    done = threading.Event()

    def attempt() -> None:
        try:
            keys.unlock_with_pin("0000")
        except WrongPinError:
            done.set()

    worker = threading.Thread(target=attempt)
    worker.start()
    assert not done.wait(0.5)  # it waits instead of reading a counter about to change
    fcntl.flock(holder.fileno(), fcntl.LOCK_UN)
    holder.close()
    worker.join(10)
    assert done.is_set()
    assert keys.status().failed_attempts == 1


def test_recovery_key_opens_a_forgotten_pins_store_with_its_unsent_records(
    paths: StorePaths, clock: Clock
) -> None:
    pem, public = new_recovery_key(PASSPHRASE)
    keys = keys_for(paths, clock, recovery_key=public, max_failed_attempts=2)
    data_key = keys.create("2468")
    with Store.open(paths, data_key, user=USER, create=True) as store:
        store.create(obs(1, "unsent"))
    keys.mark_closed(unsent=1)
    for _ in range(2):
        with pytest.raises((WrongPinError, OnlineSignInRequiredError)):
            keys.unlock_with_pin("1111")
        clock.now += 600
    with pytest.raises(UnsentRecordsError):
        keys.retire_for_fresh_store(at=clock.now)
    with pytest.raises(RecoveryKeyError):
        load_recovery_private_key(pem, b"wrong passphrase!")
    stranger = load_recovery_private_key(new_recovery_key(PASSPHRASE)[0], PASSPHRASE)
    with pytest.raises(RecoveryKeyError):
        keys.recover(stranger, "1357")  # another organisation's key
    recovered = keys.recover(load_recovery_private_key(pem, PASSPHRASE), "1357")
    assert recovered == data_key
    with Store.open(paths, keys.unlock_with_pin("1357"), user=USER) as store:
        assert [entry.resource_id for entry in store.outbox()] == ["unsent"]


def test_a_recovery_key_deployed_later_wraps_the_key_at_the_next_unlock(
    paths: StorePaths, clock: Clock
) -> None:
    keys_for(paths, clock).create("2468")
    assert read_key_file(paths.key_file).recovery_wrap is None  # type: ignore[union-attr]
    pem, public = new_recovery_key(PASSPHRASE)
    keys = keys_for(paths, clock, recovery_key=public)
    data_key = keys.unlock_with_pin("2468")
    assert read_key_file(paths.key_file).recovery_wrap is not None  # type: ignore[union-attr]
    assert keys.recover(load_recovery_private_key(pem, PASSPHRASE), "9753") == data_key


def test_recovery_public_key_text_is_checked() -> None:
    for bad in ("", "x25519:", "x25519:AAAA", "rsa:" + base64.b64encode(bytes(32)).decode()):
        with pytest.raises(RecoveryKeyError):
            RecoveryPublicKey.parse(bad)
    _, public = new_recovery_key(PASSPHRASE)
    assert RecoveryPublicKey.parse(public.text()) == public


def test_a_fresh_store_only_when_nothing_is_unsent_and_the_old_files_are_kept(
    paths: StorePaths, clock: Clock
) -> None:
    keys = keys_for(paths, clock)
    data_key = keys.create("2468")
    keys.mark_open()
    with Store.open(paths, data_key, user=USER, create=True) as store:
        store.create(obs(1, "o1"))
    with pytest.raises(UnsentRecordsError):
        keys.retire_for_fresh_store(at=clock.now)  # crashed or closed with records unsent
    keys.mark_closed(unsent=0)
    assert keys.status().nothing_unsent
    retired = keys.retire_for_fresh_store(at=clock.now)
    assert not paths.key_file.exists()
    assert (paths.directory / f"{retired}.db").exists()
    assert (paths.directory / f"{retired}.keys.json").exists()
    keys_for(paths, clock).create("1357").wipe()


def test_format_1_installation_migrates_at_the_next_pin_from_the_real_old_file(
    tmp_path: Path, clock: Clock
) -> None:
    directory = tmp_path / "data"
    shutil.copytree(LEGACY, directory)
    stem, secret = (directory / "keyring.txt").read_text().split()
    OsKeyring().set_secret(stem, base64.b64decode(secret))
    legacy = legacy_store_paths("legacy-nurse-sub", directory=directory)
    assert legacy.stem == stem
    keys = keys_for(legacy, clock)
    assert keys.status().failed_attempts == 1  # the old counter is carried over once
    with pytest.raises(KeyMaterialMissingError):
        keys.unlock_after_online_sign_in()  # the old account wrap is not used on a shared PC
    data_key = keys.unlock_with_pin("2468")
    migrated = read_key_file(legacy.key_file)
    assert migrated is not None
    assert migrated.legacy is None
    assert migrated.account_wrap is None
    target = person_store_paths(
        issuer="https://idp.example", subject="legacy-nurse-sub", directory=directory
    )
    moved = keys.move_to(target, data_key=data_key, pin="2468")
    assert not legacy.key_file.exists()
    assert not legacy.database.exists()
    with Store.open(target, moved.unlock_with_pin("2468"), user=USER) as store:
        assert [entry.resource_id for entry in store.outbox()] == ["legacy-unsent"]
    finish_move(legacy, target)  # repeating the last step after a crash changes nothing


def test_keys_are_wiped_from_memory(paths: StorePaths, clock: Clock) -> None:
    keys = keys_for(paths, clock)
    data_key = keys.create("2468")
    store = Store.open(paths, data_key, user=USER, create=True)
    held = store._key  # the store's own copy, for readers on other threads
    data_key.wipe()
    assert data_key.wiped  # the caller's copy is gone, the store's is not
    assert not held.wiped
    store.close()
    assert held.wiped
    with pytest.raises(ValueError):
        data_key.raw()
    assert repr(DataKey.generate()) == "DataKey(<hidden>)"
