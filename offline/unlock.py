"""Unlocking a user's data key: PIN offline, online sign-in after lockout, PIN change, policy.

Flow. At the first online sign-in ``KeyManager.create(pin)`` makes a random data key, stores a
fresh wrapping secret in the OS keyring and writes the key file with two wraps of the data key:
one under a key derived from the PIN (scrypt, salted) *and* the keyring secret, one under the
keyring secret alone ("account wrap"). Offline, ``unlock_with_pin`` opens the first. Each wrong
PIN is counted in the key file *before* the attempt is made (so killing the app mid-attempt does
not reset it); after ``free_attempts`` wrong PINs each attempt waits an increasing delay, and
after ``max_failed_attempts`` the PIN is refused until ``unlock_after_online_sign_in`` is called
by the app once the identity provider has accepted the user (it opens the account wrap and
resets the counter). Nothing here ever deletes or re-creates a key file or a database, so a
lockout never costs unsynced records. ``change_pin`` re-wraps the same data key; the database is
not re-encrypted.

Passphrase-only mode (``KeyPolicy(mode="passphrase")``, for machines without a keyring, chosen
by configuration) wraps the data key under the passphrase alone; there is no account wrap, so
after a lockout the online sign-in lifts the lock and the passphrase is still required.

The online sign-in gate is enforced by the application: the store cannot verify an identity
token itself, and the account wrap is protected by the OS keyring, i.e. by the OS account.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from offline.datakey import DataKey
from offline.errors import (
    KeyFileCorruptError,
    KeyMaterialMissingError,
    OnlineSignInRequiredError,
    PinRateLimitedError,
    StoreStateError,
    WrongPinError,
)
from offline.keyfile import (
    KeyFile,
    KeyMode,
    ScryptParams,
    derive_account_kek,
    derive_pin_kek,
    read_key_file,
    unwrap,
    wrap,
    write_key_file,
)
from offline.keyring_secret import SECRET_BYTES, OsKeyring, SecretStore
from offline.paths import StorePaths, ensure_private_dir


@dataclass(frozen=True, slots=True)
class KeyPolicy:
    """How the store's key is protected; set by machine configuration, not by the user."""

    mode: KeyMode = "keyring"
    max_failed_attempts: int = 5
    free_attempts: int = 2
    base_delay_seconds: float = 2.0
    max_delay_seconds: float = 300.0
    min_pin_length: int = 4
    min_passphrase_length: int = 12
    scrypt: ScryptParams = field(default_factory=ScryptParams)

    def delay_after(self, failed_attempts: int) -> float:
        """Seconds to wait after ``failed_attempts`` wrong PINs before the next try."""
        if failed_attempts < self.free_attempts:
            return 0.0
        steps = failed_attempts - self.free_attempts
        return float(min(self.base_delay_seconds * (2**steps), self.max_delay_seconds))


@dataclass(frozen=True, slots=True)
class PinStatus:
    """What the unlock screen shows."""

    failed_attempts: int
    attempts_left: int
    retry_after_seconds: float
    online_sign_in_required: bool


class KeyManager:
    """Creates, unlocks and re-wraps one user's data key (see the module docstring)."""

    def __init__(
        self,
        paths: StorePaths,
        *,
        policy: KeyPolicy | None = None,
        secrets: SecretStore | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._paths = paths
        self._policy = policy or KeyPolicy()
        self._secrets = secrets
        self._clock = clock

    @property
    def policy(self) -> KeyPolicy:
        return self._policy

    def has_key(self) -> bool:
        """True when this user already has a key file on this machine."""
        return self._paths.key_file.exists()

    def create(self, pin: str) -> DataKey:
        """First sign-in on this machine: a new random data key, wrapped; never overwrites one."""
        self._check_new_secret(pin)
        if self.has_key() or self._paths.database.exists():
            raise StoreStateError(
                "this user already has a store key on this machine; unlock it instead"
            )
        ensure_private_dir(self._paths.directory)
        data_key = DataKey.generate()
        keyring_secret: bytes | None = None
        if self._policy.mode == "keyring":
            keyring_secret = os.urandom(SECRET_BYTES)
            self._secret_store().set_secret(self._paths.stem, keyring_secret)
        write_key_file(self._paths.key_file, self._wrapped(data_key, pin, keyring_secret))
        return data_key

    def status(self) -> PinStatus:
        kf = self._load()
        return PinStatus(
            failed_attempts=kf.failed_attempts,
            attempts_left=max(0, self._policy.max_failed_attempts - kf.failed_attempts),
            retry_after_seconds=self._retry_after(kf),
            online_sign_in_required=kf.locked,
        )

    def unlock_with_pin(self, pin: str) -> DataKey:
        """The data key for a correct PIN; counts, delays and locks out wrong ones."""
        kf = self._load()
        if kf.locked:
            raise OnlineSignInRequiredError(
                "too many wrong PINs: sign in online to unlock the offline store"
            )
        wait = self._retry_after(kf)
        if wait > 0:
            raise PinRateLimitedError(
                f"wrong PIN entered recently: try again in {wait:.0f} s",
                retry_after_seconds=wait,
            )
        attempts = kf.failed_attempts + 1
        # Count the attempt before making it, so killing the app mid-try cannot reset the counter.
        write_key_file(
            self._paths.key_file,
            kf.with_counter(
                failed_attempts=attempts,
                last_failure_at=self._clock(),
                locked=attempts >= self._policy.max_failed_attempts,
            ),
        )
        raw = self._try_pin(kf, pin)
        if raw is None:
            left = max(0, self._policy.max_failed_attempts - attempts)
            if left == 0:
                raise OnlineSignInRequiredError(
                    "too many wrong PINs: sign in online to unlock the offline store"
                )
            raise WrongPinError(f"wrong PIN ({left} attempts left)", attempts_left=left)
        write_key_file(
            self._paths.key_file,
            kf.with_counter(failed_attempts=0, last_failure_at=None, locked=False),
        )
        return DataKey(raw)

    def unlock_after_online_sign_in(self, *, passphrase: str | None = None) -> DataKey:
        """After the identity provider accepted the user: open the store and reset the counter.

        In passphrase-only mode the passphrase is still needed (there is no account wrap).
        """
        kf = self._load()
        if kf.mode == "keyring":
            if kf.account_wrap is None:
                raise KeyFileCorruptError("the key file has no account wrap")
            secret = self._keyring_secret(kf)
            raw = unwrap(
                kf.account_wrap,
                derive_account_kek(secret),
                purpose="account",
                user_key=kf.user_key,
            )
            if raw is None:
                raise KeyFileCorruptError(
                    "the keyring secret does not open this key file (was the keyring reset?)"
                )
        else:
            if passphrase is None:
                raise WrongPinError("the passphrase is required", attempts_left=0)
            raw = self._try_pin(kf, passphrase)
            if raw is None:
                raise WrongPinError("wrong passphrase", attempts_left=0)
        write_key_file(
            self._paths.key_file,
            kf.with_counter(failed_attempts=0, last_failure_at=None, locked=False),
        )
        return DataKey(raw)

    def change_pin(self, old_pin: str, new_pin: str) -> None:
        """Re-wrap the data key under ``new_pin``; the old PIN is checked (and counted) first."""
        self._check_new_secret(new_pin)
        data_key = self.unlock_with_pin(old_pin)
        self.set_pin(data_key, new_pin)

    def set_pin(self, data_key: DataKey, new_pin: str) -> None:
        """Re-wrap an unlocked data key under ``new_pin`` (e.g. after an online sign-in)."""
        self._check_new_secret(new_pin)
        kf = self._load()
        secret = self._keyring_secret(kf) if kf.mode == "keyring" else None
        if kf.mode == "keyring":
            assert kf.account_wrap is not None
            check = unwrap(
                kf.account_wrap,
                derive_account_kek(secret or b""),
                purpose="account",
                user_key=kf.user_key,
            )
            if check != data_key.raw():
                raise StoreStateError("this data key does not belong to this user's store")
        fresh = self._wrapped(data_key, new_pin, secret)
        write_key_file(
            self._paths.key_file,
            fresh.with_counter(failed_attempts=0, last_failure_at=None, locked=False),
        )

    def _wrapped(self, data_key: DataKey, pin: str, keyring_secret: bytes | None) -> KeyFile:
        salt = os.urandom(16)
        params = self._policy.scrypt
        kek = derive_pin_kek(pin, salt=salt, params=params, keyring_secret=keyring_secret)
        stem = self._paths.stem
        return KeyFile(
            mode=self._policy.mode if keyring_secret is None else "keyring",
            user_key=stem,
            scrypt=params,
            salt=salt,
            pin_wrap=wrap(data_key.raw(), kek, purpose="pin", user_key=stem),
            account_wrap=None
            if keyring_secret is None
            else wrap(
                data_key.raw(),
                derive_account_kek(keyring_secret),
                purpose="account",
                user_key=stem,
            ),
        )

    def _try_pin(self, kf: KeyFile, pin: str) -> bytes | None:
        secret = self._keyring_secret(kf) if kf.mode == "keyring" else None
        kek = derive_pin_kek(pin, salt=kf.salt, params=kf.scrypt, keyring_secret=secret)
        return unwrap(kf.pin_wrap, kek, purpose="pin", user_key=kf.user_key)

    def _retry_after(self, kf: KeyFile) -> float:
        if kf.last_failure_at is None:
            return 0.0
        delay = self._policy.delay_after(kf.failed_attempts)
        elapsed = self._clock() - kf.last_failure_at
        if elapsed < 0:  # the clock went back: wait the whole delay from now
            return delay
        return max(0.0, delay - elapsed)

    def _load(self) -> KeyFile:
        kf = read_key_file(self._paths.key_file)
        if kf is None:
            raise KeyMaterialMissingError(
                "no offline store key for this user on this machine: sign in online first"
            )
        return kf

    def _keyring_secret(self, kf: KeyFile) -> bytes:
        secret = self._secret_store().get_secret(kf.user_key)
        if secret is None:
            raise KeyMaterialMissingError(
                "the OS keyring has no secret for this store (keyring reset or another OS "
                "account); the store is left untouched"
            )
        return secret

    def _secret_store(self) -> SecretStore:
        if self._secrets is None:
            self._secrets = OsKeyring()
        return self._secrets

    def _check_new_secret(self, pin: str) -> None:
        minimum = (
            self._policy.min_passphrase_length
            if self._policy.mode == "passphrase"
            else self._policy.min_pin_length
        )
        if len(pin) < minimum:
            raise ValueError(f"the PIN or passphrase must be at least {minimum} characters")
