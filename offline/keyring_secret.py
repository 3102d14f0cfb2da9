"""The small wrapping secret each user keeps in the OS keyring (32 random bytes, base64).

Only this secret goes into the keyring (Windows caps a credential at 2,560 bytes); the data
key itself stays wrapped in the key file. When there is no usable keyring the error says what
to install; there is never a fallback to a file.
"""

from __future__ import annotations

import base64
import binascii
from typing import Protocol

import keyring
import keyring.backend
import keyring.errors

from offline.errors import KeyFileCorruptError, KeyringUnavailableError

SERVICE_NAME = "no.pleiepunkt.store"
SECRET_BYTES = 32
# Windows Credential Manager's limits (wincred.h): the secret (CredentialBlob) holds at most
# CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 * 512 bytes, and keyring's backend writes the password there
# as UTF-16-LE, two bytes a character; the user name holds at most CRED_MAX_USERNAME_LENGTH = 513
# characters and a generic target name (keyring's "service", or "user@service") 32,767.
CREDENTIAL_BLOB_LIMIT = 2560
CREDENTIAL_USERNAME_LIMIT = 513
CREDENTIAL_TARGET_LIMIT = 32767

INSTALL_HINT = (
    "No OS keyring is available to protect the offline store. On Windows and macOS the "
    "system keyring is used automatically. On Linux install and run a Secret Service "
    "provider (for example the 'gnome-keyring' package, started by the desktop session or "
    "with 'gnome-keyring-daemon --start --components=secrets') and the Python package "
    "'secretstorage'. A machine without any keyring can instead be configured for "
    'passphrase-only mode (store_key_mode = "passphrase").'
)


class SecretStore(Protocol):
    """Where the per-user wrapping secret lives (the OS keyring in production)."""

    def get_secret(self, user_key: str) -> bytes | None: ...

    def set_secret(self, user_key: str, secret: bytes) -> None: ...

    def delete_secret(self, user_key: str) -> None: ...


class OsKeyring:
    """The OS keyring via ``keyring``: Secret Service, Keychain or Credential Manager."""

    def __init__(self, *, service: str = SERVICE_NAME) -> None:
        self._service = service
        self._backend = _usable_backend()

    def get_secret(self, user_key: str) -> bytes | None:
        try:
            value = self._backend.get_password(self._service, user_key)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(f"the OS keyring refused a read: {exc}") from exc
        if value is None:
            return None
        try:
            secret = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise KeyFileCorruptError("the keyring entry for this store is not valid") from exc
        if len(secret) != SECRET_BYTES:
            raise KeyFileCorruptError("the keyring entry for this store has the wrong length")
        return secret

    def set_secret(self, user_key: str, secret: bytes) -> None:
        value = credential_value(secret)
        check_credential_fits(service=self._service, user_key=user_key, value=value)
        try:
            self._backend.set_password(self._service, user_key, value)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(f"the OS keyring refused a write: {exc}") from exc

    def delete_secret(self, user_key: str) -> None:
        try:
            self._backend.delete_password(self._service, user_key)
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(f"the OS keyring refused a delete: {exc}") from exc


def credential_value(secret: bytes) -> str:
    """The text the keyring holds for ``secret``: base64 of exactly SECRET_BYTES bytes."""
    if len(secret) != SECRET_BYTES:
        raise ValueError(f"a keyring secret is {SECRET_BYTES} bytes, not {len(secret)}")
    return base64.b64encode(secret).decode("ascii")


def check_credential_fits(*, service: str, user_key: str, value: str) -> None:
    """ValueError unless the entry fits Windows Credential Manager (checked on every platform,
    so a change that would break Windows fails in the Linux tests first)."""
    blob = len(value.encode("utf-16-le"))
    if blob > CREDENTIAL_BLOB_LIMIT:
        raise ValueError(
            f"a keyring secret of {blob} bytes exceeds Windows' {CREDENTIAL_BLOB_LIMIT}"
        )
    if len(user_key) > CREDENTIAL_USERNAME_LIMIT:
        raise ValueError(
            f"a keyring user name exceeds Windows' {CREDENTIAL_USERNAME_LIMIT} characters"
        )
    if len(f"{user_key}@{service}") > CREDENTIAL_TARGET_LIMIT:
        raise ValueError(f"a keyring target exceeds Windows' {CREDENTIAL_TARGET_LIMIT} characters")


def _usable_backend() -> keyring.backend.KeyringBackend:
    """The keyring backend, or KeyringUnavailableError when only the fail/null backends exist."""
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # the library raises assorted errors when no backend loads
        raise KeyringUnavailableError(INSTALL_HINT) from exc
    if _is_unusable(backend):
        raise KeyringUnavailableError(INSTALL_HINT)
    return backend


def _is_unusable(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return True
    if module.startswith("keyring.backends.chainer"):
        return not getattr(backend, "backends", [])
    try:
        return float(backend.priority) <= 0
    except Exception:  # a backend whose priority check fails cannot be trusted either
        return True
