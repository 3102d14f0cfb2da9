"""Small secrets (the client's private key, the refresh token) sealed in files under a keyring key.

Only a random 32-byte key-encryption key goes into the OS keyring (Windows caps a credential at
2,560 bytes and refresh tokens can be longer); each secret is sealed with AES-256-GCM under it in
its own file, the file name bound into the authenticated data so sealed files cannot be swapped.
The keyring itself is reached through ``SecretSource`` (``offline.keyring_secret.OsKeyring``
fits it), so this layer never imports ``keyring``.

Nothing is ever recreated silently: when sealed files exist but the keyring has lost their key,
``SecretStorageError`` says so and the files are left alone.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from client.oidc.errors import SecretStorageError

KEK_BYTES = 32
_MAGIC = b"PPV1"
_NONCE_BYTES = 12
_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,79}\Z")
_SUFFIX = ".sealed"


class SecretSource(Protocol):
    """Where the key-encryption key lives (the OS keyring in production)."""

    def get_secret(self, user_key: str) -> bytes | None: ...

    def set_secret(self, user_key: str, secret: bytes) -> None: ...

    def delete_secret(self, user_key: str) -> None: ...


class SealedFileVault:
    """Named secrets as AES-GCM sealed files in ``directory``, keyed from ``secrets``."""

    def __init__(self, directory: Path, *, secrets: SecretSource, kek_name: str) -> None:
        self._directory = directory
        self._secrets = secrets
        self._kek_name = kek_name

    def __repr__(self) -> str:
        return f"SealedFileVault({str(self._directory)!r})"

    def load(self, name: str) -> bytes | None:
        """The secret called ``name``, or None when there is none."""
        path = self._path(name)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SecretStorageError(f"cannot read sealed secret {name}: {exc.strerror}") from None
        kek = self._secrets.get_secret(self._kek_name)
        if kek is None:
            raise SecretStorageError(
                f"the OS keyring has no key for sealed secret {name} (keyring reset or another "
                "OS account); the file is left untouched"
            )
        if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _NONCE_BYTES + 16:
            raise SecretStorageError(f"sealed secret {name} is damaged")
        nonce = blob[len(_MAGIC) : len(_MAGIC) + _NONCE_BYTES]
        try:
            return AESGCM(kek).decrypt(nonce, blob[len(_MAGIC) + _NONCE_BYTES :], self._aad(name))
        except InvalidTag:
            raise SecretStorageError(
                f"sealed secret {name} does not open with the keyring key"
            ) from None

    def save(self, name: str, data: bytes) -> None:
        """Seal ``data`` as ``name``, replacing any earlier value atomically."""
        path = self._path(name)
        kek = self._kek(create=True)
        nonce = secrets.token_bytes(_NONCE_BYTES)
        blob = _MAGIC + nonce + AESGCM(kek).encrypt(nonce, data, self._aad(name))
        temporary = path.with_name(path.name + ".tmp")
        try:
            self._directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except OSError as exc:
            raise SecretStorageError(f"cannot write sealed secret {name}: {exc.strerror}") from None

    def delete(self, name: str) -> None:
        """Forget ``name`` (no error when it does not exist)."""
        try:
            self._path(name).unlink()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise SecretStorageError(
                f"cannot delete sealed secret {name}: {exc.strerror}"
            ) from None

    def _kek(self, *, create: bool) -> bytes:
        kek = self._secrets.get_secret(self._kek_name)
        if kek is not None:
            if len(kek) != KEK_BYTES:
                raise SecretStorageError("the keyring key for sealed secrets has the wrong length")
            return kek
        if not create:
            raise SecretStorageError("the OS keyring has no key for sealed secrets")
        if any(self._directory.glob(f"*{_SUFFIX}")):
            raise SecretStorageError(
                "sealed secrets exist but the OS keyring lost their key; refusing to make a new "
                "key over them"
            )
        kek = secrets.token_bytes(KEK_BYTES)
        self._secrets.set_secret(self._kek_name, kek)
        return kek

    def _path(self, name: str) -> Path:
        if not _NAME.match(name):
            raise ValueError("a sealed secret name is lower-case letters, digits, '_', '.', '-'")
        return self._directory / f"{name}{_SUFFIX}"

    def _aad(self, name: str) -> bytes:
        return b"pleiepunkt-sealed-secret:v1:" + name.encode("ascii")
