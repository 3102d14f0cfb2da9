"""A person's PIN state on this computer, authenticated and changed under a file lock.

The state file ``<stem>.state.json`` holds the wrong-PIN counter, the lock, when the person
last signed in online here, and whether the store was last closed with nothing unsent. It is
JSON with an HMAC-SHA256 over its body. The MAC key is 32 random bytes kept in the OS keyring
(entry ``<stem>.state``) and replaced at every write, so:

- an edited file fails the MAC;
- a restored older copy was MACed under a key the keyring no longer holds;
- a missing file beside an existing key file

all read as *locked and possibly unsent* (``KeyState.tampered``): only an online sign-in lifts
the lock, and a fresh store is refused. A crash between the keyring write and the file's
rename also reads as tampered: that fails closed (an online sign-in, never a lost record).

Read-modify-write runs under an exclusive OS lock on ``<stem>.state.lock`` (``fcntl.flock`` /
``msvcrt.locking``), so two app processes never share one attempt.

In passphrase-only mode (no keyring) the file is not authenticated: there the passphrase's
length is the protection (see docs/security.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final, Protocol

from offline.keyfile import write_atomically

STATE_KEY_SUFFIX: Final = ".state"
_FORMAT: Final = 1
_thread_locks: dict[Path, threading.Lock] = {}
_registry = threading.Lock()


class StateSecrets(Protocol):
    """Where the state MAC key lives (the OS keyring: ``offline.keyring_secret.OsKeyring``)."""

    def get_secret(self, user_key: str) -> bytes | None: ...

    def set_secret(self, user_key: str, secret: bytes) -> None: ...


@dataclass(frozen=True, slots=True)
class KeyState:
    """One person's PIN state; ``tampered`` when the file failed its check (reads as locked)."""

    failed_attempts: int = 0
    last_failure_at: float | None = None
    locked: bool = False
    last_online_at: float | None = None
    clean: bool = False
    """True only when the store was last closed with an empty outbox."""
    tampered: bool = False

    def counted(self, *, attempts: int, at: float, limit: int) -> KeyState:
        return replace(self, failed_attempts=attempts, last_failure_at=at, locked=attempts >= limit)

    def reset(self) -> KeyState:
        return replace(self, failed_attempts=0, last_failure_at=None, locked=False, tampered=False)


TAMPERED: Final = KeyState(locked=True, tampered=True)


class KeyStateFile:
    """Reads and writes one person's state file (see the module docstring)."""

    def __init__(
        self, path: Path, *, lock_path: Path, secrets: StateSecrets | None, user_key: str
    ) -> None:
        self._path = path
        self._lock_path = lock_path
        self._secrets = secrets
        self._entry = user_key + STATE_KEY_SUFFIX

    @property
    def path(self) -> Path:
        return self._path

    def exists(self) -> bool:
        return self._path.exists()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive lock (this process's threads and other processes) for a change."""
        path = self._lock_path.resolve()
        with _registry:
            thread_lock = _thread_locks.setdefault(path, threading.Lock())
        with thread_lock:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                _lock(fd)
                try:
                    yield
                finally:
                    _unlock(fd)
            finally:
                os.close(fd)

    def read(self) -> KeyState:
        """The state; ``TAMPERED`` when the file is missing, edited or restored."""
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return TAMPERED
        try:
            doc = json.loads(raw)
            body = doc["body"]
            if self._secrets is not None:
                key = self._secrets.get_secret(self._entry)
                expected = _mac(key, body) if key is not None else None
                if expected is None or not hmac.compare_digest(expected, str(doc["mac"])):
                    return TAMPERED
            return _decode(body)
        except (ValueError, KeyError, TypeError):
            return TAMPERED

    def write(self, state: KeyState) -> None:
        """Replace the state: a new MAC key in the keyring, then the file (call ``locked``)."""
        body = _encode(state)
        mac: str | None = None
        if self._secrets is not None:
            key = os.urandom(32)
            mac = _mac(key, body)
            self._secrets.set_secret(self._entry, key)
        doc = {"format": _FORMAT, "body": body, "mac": mac}
        write_atomically(self._path, json.dumps(doc, separators=(",", ":")).encode("ascii"))


def _mac(key: bytes, body: dict[str, Any]) -> str:
    canonical = json.dumps(body, separators=(",", ":"), sort_keys=True).encode("ascii")
    return hmac.new(key, b"pleiepunkt-key-state/v1\n" + canonical, hashlib.sha256).hexdigest()


def _encode(state: KeyState) -> dict[str, Any]:
    return {
        "failed_attempts": state.failed_attempts,
        "last_failure_at": state.last_failure_at,
        "locked": state.locked,
        "last_online_at": state.last_online_at,
        "clean": state.clean,
    }


def _decode(body: Any) -> KeyState:
    last_failure, last_online = body["last_failure_at"], body["last_online_at"]
    return KeyState(
        failed_attempts=int(body["failed_attempts"]),
        last_failure_at=None if last_failure is None else float(last_failure),
        locked=bool(body["locked"]),
        last_online_at=None if last_online is None else float(last_online),
        clean=bool(body["clean"]),
    )


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then OSError

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
