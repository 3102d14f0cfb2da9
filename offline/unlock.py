"""Unlocking a person's data key: the PIN (with the keyring secret) every time on a shared
computer, recovery by the organisation's key, PIN change, and the wrong-PIN policy.

Key material. ``KeyManager.create(pin)`` makes a random data key and a fresh 32-byte keyring
secret, and writes the key file (``offline.keyfile``) with:

- the *PIN wrap*: AES-GCM under HKDF(keyring secret, scrypt(PIN)). It needs both factors: the
  OS account's keyring and the PIN. This is the only way in on a **shared** computer (policy
  ``SharedWorkstation``, the default): online sign-in alone never opens a store;
- the *account wrap* under the keyring secret alone, only on a computer marked personal
  (``shared_workstation=False``), where the OS account is the person's own and an online
  sign-in may open the store and lift a PIN lockout without the PIN;
- the *recovery wrap* for the organisation's recovery public key, when policy deploys one
  (``offline.recovery``): IT's offline private key can then open the store and the person
  chooses a new PIN (``recover``), so a forgotten PIN never loses unsent records.

Wrong PINs. Each try is counted in the authenticated state file (``offline.key_state``) under
its file lock *before* the PIN is tried (killing the app mid-try cannot reset it); after
``free_attempts`` wrong PINs each try waits an increasing delay, and after
``max_failed_attempts`` (policy ``PinAttempts``) the PIN is refused until an online sign-in of
the same person (``lift_lockout``). An edited, deleted or restored state file reads as locked.

Fresh store. Without the PIN and without recovery, a person may start over with a fresh store
only when the state file says the old store was last closed with nothing unsent
(``retire_for_fresh_store``); the old files are kept aside, never deleted. Nothing here ever
deletes or re-creates a key file or a database on its own.

Format-1 key files (every computer had an account wrap and an unauthenticated counter) are read
and rewritten as format 2 at the next correct PIN (``unlock_with_pin``); ``move_to`` gives the
store its issuer+subject name (``offline.paths.person_store_paths``).

Secrets in memory: PINs are handled as UTF-8 ``bytearray`` and wiped after the KDF; KEKs and
unwrapped keys are wiped after use (see ``offline.datakey`` for what cannot be).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from offline.datakey import DataKey, wipe
from offline.errors import (
    KeyFileCorruptError,
    KeyMaterialMissingError,
    OnlineSignInRequiredError,
    PinRateLimitedError,
    RecoveryKeyError,
    StoreStateError,
    UnsentRecordsError,
    WrongPinError,
)
from offline.key_state import KeyState, KeyStateFile
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
from offline.recovery import RecoveryPublicKey, open_with_recovery_key, seal_for_recovery

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

SecurityEvent = Callable[[str, dict[str, object]], None]
"""Told of every wrong PIN, lockout, tampered state and recovery: ``(kind, details)``; the
details name the store (a hash), never a person or a patient."""

Pin = str | bytes | bytearray


@dataclass(frozen=True, slots=True)
class KeyPolicy:
    """How the store's key is protected; set by policy and machine configuration."""

    mode: KeyMode = "keyring"
    shared_workstation: bool = True
    max_failed_attempts: int = 5
    free_attempts: int = 2
    base_delay_seconds: float = 2.0
    max_delay_seconds: float = 300.0
    min_pin_length: int = 4
    min_passphrase_length: int = 12
    scrypt: ScryptParams = field(default_factory=ScryptParams)
    recovery_key: RecoveryPublicKey | None = None

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
    tampered: bool = False
    last_online_at: float | None = None
    nothing_unsent: bool = False
    recoverable: bool = False


def pin_bytes(pin: Pin) -> bytearray:
    """The PIN as a UTF-8 ``bytearray`` the caller wipes (a ``str`` argument cannot be)."""
    if isinstance(pin, str):
        return bytearray(pin.encode("utf-8"))
    return bytearray(pin)


class KeyManager:
    """Creates, unlocks, recovers and re-wraps one person's data key (module docstring)."""

    def __init__(
        self,
        paths: StorePaths,
        *,
        policy: KeyPolicy | None = None,
        secrets: SecretStore | None = None,
        clock: Callable[[], float] = time.time,
        events: SecurityEvent | None = None,
    ) -> None:
        self._paths = paths
        self._policy = policy or KeyPolicy()
        self._secrets = secrets
        self._clock = clock
        self._events = events or (lambda _kind, _details: None)

    @property
    def policy(self) -> KeyPolicy:
        return self._policy

    @property
    def paths(self) -> StorePaths:
        return self._paths

    def has_key(self) -> bool:
        """True when this person already has a key file on this machine."""
        return self._paths.key_file.exists()

    # ---- creating ----------------------------------------------------------------------------

    def create(self, pin: Pin, *, online_at: float | None = None) -> DataKey:
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
        state = self._state()
        with state.locked():
            state.write(KeyState(last_online_at=online_at, clean=True))
        return data_key

    # ---- state -------------------------------------------------------------------------------

    def status(self) -> PinStatus:
        kf = self._load()
        st = self._read_state(kf)
        return PinStatus(
            failed_attempts=st.failed_attempts,
            attempts_left=max(0, self._policy.max_failed_attempts - st.failed_attempts),
            retry_after_seconds=self._retry_after(st),
            online_sign_in_required=st.locked or st.failed_attempts >= self._limit,
            tampered=st.tampered,
            last_online_at=st.last_online_at,
            nothing_unsent=st.clean and not st.tampered,
            recoverable=kf.recovery_wrap is not None,
        )

    @property
    def _limit(self) -> int:
        return self._policy.max_failed_attempts

    def lift_lockout(self, *, online_at: float) -> None:
        """The identity provider has just accepted this person: start a fresh PIN budget."""
        kf = self._load()
        state = self._state()
        with state.locked():
            st = self._read_state(kf)
            if st.tampered:
                self._event("lockout-state-reset-after-sign-in")
                # The unsent flag of a tampered file cannot be trusted: keep it "maybe unsent".
                st = replace(st, clean=False)
            state.write(replace(st.reset(), last_online_at=online_at))

    def record_online_sign_in(self, at: float) -> None:
        """Note a completed online sign-in (the offline limit and witness age count from it)."""
        self._update(lambda st: replace(st, last_online_at=at))

    def mark_open(self) -> None:
        """The store is open: until ``mark_closed`` it may hold unsent records."""
        self._update(lambda st: replace(st, clean=False))

    def mark_closed(self, *, unsent: int) -> None:
        """The store closed with ``unsent`` records in its outbox."""
        self._update(lambda st: replace(st, clean=unsent == 0))

    # ---- unlocking ---------------------------------------------------------------------------

    def unlock_with_pin(self, pin: Pin) -> DataKey:
        """The data key for a correct PIN; counts, delays and locks out wrong ones."""
        kf = self._load()
        state = self._state()
        with state.locked():
            st = self._read_state(kf)
            if st.tampered:
                self._event("lockout-state-tampered")
            if st.locked or st.tampered or st.failed_attempts >= self._limit:
                raise OnlineSignInRequiredError(
                    "too many wrong PINs: sign in online to unlock the offline store",
                    tampered=st.tampered,
                )
            wait = self._retry_after(st)
            if wait > 0:
                raise PinRateLimitedError(
                    f"wrong PIN entered recently: try again in {wait:.0f} s",
                    retry_after_seconds=wait,
                )
            attempts = st.failed_attempts + 1
            # Count the attempt before making it, so killing the app mid-try cannot reset it.
            state.write(st.counted(attempts=attempts, at=self._clock(), limit=self._limit))
            raw = self._try_pin(kf, pin)
            if raw is None:
                left = max(0, self._limit - attempts)
                self._event("pin-failed", attempts_left=left)
                if left == 0:
                    self._event("pin-lockout")
                    raise OnlineSignInRequiredError(
                        "too many wrong PINs: sign in online to unlock the offline store"
                    )
                raise WrongPinError(f"wrong PIN ({left} attempts left)", attempts_left=left)
            state.write(st.reset())
        key = DataKey(raw)
        wipe(raw)
        self._refresh_wraps(kf, key, pin)
        return key

    def verify_pin(self, pin: Pin) -> None:
        """Check ``pin`` (counted like an unlock) without keeping the key: a witness's PIN."""
        self.unlock_with_pin(pin).wipe()

    def unlock_after_online_sign_in(self) -> DataKey:
        """On a personal computer, after the identity provider accepted the person: the data
        key from the account wrap, and the wrong-PIN lock lifted. A shared computer has no
        account wrap: there the PIN is always needed (``KeyMaterialMissingError``)."""
        kf = self._load()
        if self._policy.shared_workstation or kf.mode != "keyring" or kf.account_wrap is None:
            raise KeyMaterialMissingError("this computer needs the PIN to open a store")
        secret = self._keyring_secret(kf)
        kek = derive_account_kek(secret)
        try:
            raw = unwrap(kf.account_wrap, kek, purpose="account", user_key=kf.user_key)
        finally:
            wipe(kek)
        if raw is None:
            raise KeyFileCorruptError(
                "the keyring secret does not open this key file (was the keyring reset?)"
            )
        self.lift_lockout(online_at=self._clock())
        key = DataKey(raw)
        wipe(raw)
        return key

    def recover(self, private_key: X25519PrivateKey, new_pin: Pin) -> DataKey:
        """IT's recovery: open the recovery wrap with the organisation's private key and wrap
        the same data key under ``new_pin``; the lockout is lifted, nothing is re-encrypted."""
        self._check_new_secret(new_pin)
        kf = self._load()
        if kf.recovery_wrap is None:
            raise RecoveryKeyError("this store has no recovery wrap (no recovery key by policy)")
        raw = open_with_recovery_key(kf.recovery_wrap, private_key, user_key=kf.user_key)
        key = DataKey(raw)
        wipe(raw)
        self._rewrap(kf, key, new_pin)
        self._event("store-recovered")
        return key

    def change_pin(self, old_pin: Pin, new_pin: Pin) -> None:
        """Re-wrap the data key under ``new_pin``; the old PIN is checked (and counted) first."""
        self._check_new_secret(new_pin)
        key = self.unlock_with_pin(old_pin)
        try:
            self._rewrap(self._load(), key, new_pin)
        finally:
            key.wipe()

    def retire_for_fresh_store(self, *, at: float) -> str:
        """Move this store's files aside (kept, never deleted) so a fresh one can be made.

        Only when the state file vouches that the store was last closed with nothing unsent;
        ``UnsentRecordsError`` otherwise. Returns the retired files' stem (for the log).
        """
        kf = self._load()
        state = self._state()
        with state.locked():
            st = self._read_state(kf)
            if st.tampered or not st.clean:
                raise UnsentRecordsError(
                    "the store may hold unsent records: it cannot be replaced (IT can recover it)"
                )
            retired = f"{self._paths.stem}.retired-{int(at)}"
            secret = self._keyring_secret(kf) if kf.mode == "keyring" else None
            if secret is not None:
                self._secret_store().set_secret(retired, secret)
            for path in (*self._paths.own_files(), *self._paths.sidecars()):
                if path.exists():
                    os.replace(path, path.with_name(path.name.replace(self._paths.stem, retired)))
        self._event("store-retired-for-fresh-start")
        return retired

    def move_to(self, target: StorePaths, *, data_key: DataKey, pin: Pin) -> KeyManager:
        """Give this (format-1, ``sub``-named) store its issuer+subject name: the key file is
        rewritten for ``target``, then the database moved; the old key file goes last, so a
        crash in between is finished by ``finish_move`` at the next start."""
        kf = self._load()
        if target.key_file.exists():
            raise StoreStateError("a store already exists under the new name")
        secret = self._keyring_secret(kf) if kf.mode == "keyring" else None
        if secret is not None:
            self._secret_store().set_secret(target.stem, secret)
        moved = KeyManager(
            target,
            policy=self._policy,
            secrets=self._secrets,
            clock=self._clock,
            events=self._events,
        )
        st = self._read_state(kf)
        write_key_file(target.key_file, moved._wrapped(data_key, pin, secret))
        with moved._state().locked():
            moved._state().write(replace(st, tampered=False))
        finish_move(self._paths, target)
        self._event("store-renamed-to-issuer-and-subject")
        return moved

    # ---- internals ---------------------------------------------------------------------------

    def _refresh_wraps(self, kf: KeyFile, key: DataKey, pin: Pin) -> None:
        """After a correct PIN: bring the key file up to this policy (format, KDF cost, no
        account wrap on a shared computer, the current recovery key's wrap)."""
        recovery = self._policy.recovery_key
        stale = (
            kf.legacy is not None
            or kf.scrypt != self._policy.scrypt
            or (self._policy.shared_workstation and kf.account_wrap is not None)
            or (recovery is not None and kf.recovery_wrap is None)
            or (
                recovery is not None
                and kf.recovery_wrap is not None
                and kf.recovery_wrap.key_id != recovery.key_id
            )
        )
        if stale:
            self._rewrap(kf, key, pin)
            if kf.legacy is not None:
                self._event("key-file-migrated")

    def _rewrap(self, kf: KeyFile, key: DataKey, pin: Pin) -> None:
        secret = self._keyring_secret(kf) if kf.mode == "keyring" else None
        fresh = self._wrapped(key, pin, secret, user_key=kf.user_key)
        write_key_file(self._paths.key_file, fresh)
        self._update(lambda st: st.reset(), trust_legacy=kf)

    def _wrapped(
        self, data_key: DataKey, pin: Pin, keyring_secret: bytes | None, *, user_key: str = ""
    ) -> KeyFile:
        stem = user_key or self._paths.stem
        salt = os.urandom(16)
        params = self._policy.scrypt
        secret = pin_bytes(pin)
        try:
            kek = derive_pin_kek(secret, salt=salt, params=params, keyring_secret=keyring_secret)
        finally:
            wipe(secret)
        try:
            pin_wrap = wrap(data_key.raw(), kek, purpose="pin", user_key=stem)
        finally:
            wipe(kek)
        account_wrap = None
        if keyring_secret is not None and not self._policy.shared_workstation:
            account_kek = derive_account_kek(keyring_secret)
            try:
                account_wrap = wrap(data_key.raw(), account_kek, purpose="account", user_key=stem)
            finally:
                wipe(account_kek)
        recovery = self._policy.recovery_key
        return KeyFile(
            mode=self._policy.mode if keyring_secret is None else "keyring",
            user_key=stem,
            scrypt=params,
            salt=salt,
            pin_wrap=pin_wrap,
            account_wrap=account_wrap,
            recovery_wrap=None
            if recovery is None
            else seal_for_recovery(data_key.raw(), recovery, user_key=stem),
        )

    def _try_pin(self, kf: KeyFile, pin: Pin) -> bytearray | None:
        keyring_secret = self._keyring_secret(kf) if kf.mode == "keyring" else None
        secret = pin_bytes(pin)
        try:
            kek = derive_pin_kek(
                secret, salt=kf.salt, params=kf.scrypt, keyring_secret=keyring_secret
            )
        finally:
            wipe(secret)
        try:
            return unwrap(kf.pin_wrap, kek, purpose="pin", user_key=kf.user_key)
        finally:
            wipe(kek)

    def _state(self) -> KeyStateFile:
        secrets = self._secret_store() if self._policy.mode == "keyring" else None
        return KeyStateFile(
            self._paths.state_file,
            lock_path=self._paths.state_lock,
            secrets=secrets,
            user_key=self._paths.stem,
        )

    def _read_state(self, kf: KeyFile) -> KeyState:
        """The state; a format-1 key file without a state file brings its old counter once."""
        state = self._state()
        if kf.legacy is not None and not state.exists():
            old = kf.legacy
            return KeyState(
                failed_attempts=old.failed_attempts,
                last_failure_at=old.last_failure_at,
                locked=old.locked,
            )
        return state.read()

    def _update(
        self, change: Callable[[KeyState], KeyState], *, trust_legacy: KeyFile | None = None
    ) -> None:
        kf = trust_legacy or self._load()
        state = self._state()
        with state.locked():
            state.write(change(self._read_state(kf)))

    def _retry_after(self, st: KeyState) -> float:
        if st.last_failure_at is None:
            return 0.0
        delay = self._policy.delay_after(st.failed_attempts)
        elapsed = self._clock() - st.last_failure_at
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

    def _check_new_secret(self, pin: Pin) -> None:
        minimum = (
            self._policy.min_passphrase_length
            if self._policy.mode == "passphrase"
            else self._policy.min_pin_length
        )
        if len(pin) < minimum:
            raise ValueError(f"the PIN or passphrase must be at least {minimum} characters")

    def _event(self, kind: str, **details: object) -> None:
        self._events(kind, {"store": self._paths.stem, **details})


def finish_move(source: StorePaths, target: StorePaths) -> None:
    """Move the database (and any sidecars) from ``source``'s name to ``target``'s, then drop
    ``source``'s key and state files; safe to repeat after a crash at any step."""
    if not target.key_file.exists():
        return
    for old, new in zip(source.sidecars(), target.sidecars(), strict=True):
        if old.exists() and not new.exists():
            os.replace(old, new)
    if source.database.exists() and not target.database.exists():
        os.replace(source.database, target.database)
    if target.database.exists():
        source.key_file.unlink(missing_ok=True)
        source.state_file.unlink(missing_ok=True)
