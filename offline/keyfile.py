"""The per-user key file: the data key wrapped (AES-256-GCM) under PIN and keyring secrets, plus
the wrong-PIN counter, written atomically so a restart or crash never resets or tears it.

The file holds no plaintext key and no patient data. Its layout (JSON, format 1)::

    {"format": 1, "mode": "keyring" | "passphrase", "user_key": "<store stem>",
     "kdf": {"name": "scrypt", "n": …, "r": …, "p": …, "salt": "<b64>"},
     "pin_wrap": {"nonce": "<b64>", "ct": "<b64>"},
     "account_wrap": {"nonce": …, "ct": …} | null,
     "failed_attempts": 0, "last_failure_at": null | <unix seconds>, "locked": false}
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from offline.errors import KeyFileCorruptError
from offline.paths import make_private_file

FORMAT = 1
KeyMode = Literal["keyring", "passphrase"]
_MAX_SCRYPT_N = 2**20  # a tampered file must not make unlocking eat the machine's memory


@dataclass(frozen=True, slots=True)
class ScryptParams:
    """scrypt cost; the defaults take roughly 0.1 s and 32 MiB on a laptop."""

    n: int = 2**15
    r: int = 8
    p: int = 1


@dataclass(frozen=True, slots=True)
class Wrapped:
    """A data key sealed with AES-256-GCM."""

    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True, slots=True)
class KeyFile:
    """The decoded key file."""

    mode: KeyMode
    user_key: str
    scrypt: ScryptParams
    salt: bytes
    pin_wrap: Wrapped
    account_wrap: Wrapped | None
    failed_attempts: int = 0
    last_failure_at: float | None = None
    locked: bool = False

    def with_counter(
        self, *, failed_attempts: int, last_failure_at: float | None, locked: bool
    ) -> KeyFile:
        return replace(
            self, failed_attempts=failed_attempts, last_failure_at=last_failure_at, locked=locked
        )


def derive_pin_kek(
    secret: str, *, salt: bytes, params: ScryptParams, keyring_secret: bytes | None
) -> bytes:
    """PIN/passphrase -> 256-bit key-encryption key; bound to the keyring secret when there is one.

    Binding to the keyring secret means a copied key file alone cannot be brute-forced
    offline: a short PIN is only as weak as the OS account that guards the keyring.
    """
    stretched = Scrypt(salt=salt, length=32, n=params.n, r=params.r, p=params.p).derive(
        secret.encode("utf-8")
    )
    info = b"pleiepunkt/pin-kek/v1" if keyring_secret else b"pleiepunkt/passphrase-kek/v1"
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=keyring_secret, info=info).derive(
        stretched
    )


def derive_account_kek(keyring_secret: bytes) -> bytes:
    """Keyring secret -> the key that unwraps the data key after an online sign-in."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"pleiepunkt/account-kek/v1"
    ).derive(keyring_secret)


def wrap(data_key: bytes, kek: bytes, *, purpose: str, user_key: str) -> Wrapped:
    nonce = os.urandom(12)
    sealed = AESGCM(kek).encrypt(nonce, data_key, _aad(purpose, user_key))
    return Wrapped(nonce=nonce, ciphertext=sealed)


def unwrap(wrapped: Wrapped, kek: bytes, *, purpose: str, user_key: str) -> bytes | None:
    """The data key, or None when the KEK is wrong (or the wrap was tampered with)."""
    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, _aad(purpose, user_key))
    except InvalidTag:
        return None


def _aad(purpose: str, user_key: str) -> bytes:
    return f"pleiepunkt-store-key/v{FORMAT}/{purpose}/{user_key}".encode()


def read_key_file(path: Path) -> KeyFile | None:
    """The key file at ``path``, None if absent, KeyFileCorruptError if unreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        doc = json.loads(raw)
        return _decode(doc)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise KeyFileCorruptError(f"the key file {path.name} is damaged") from exc


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Replace the key file atomically (temp file 0600, fsync, rename, fsync directory)."""
    data = json.dumps(_encode(key_file), separators=(",", ":")).encode("ascii")
    tmp = path.with_name(path.name + ".tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        make_private_file(tmp)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    if sys.platform != "win32":
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    return base64.b64decode(text, validate=True)


def _encode_wrap(w: Wrapped | None) -> dict[str, str] | None:
    return None if w is None else {"nonce": _b64(w.nonce), "ct": _b64(w.ciphertext)}


def _decode_wrap(doc: Any) -> Wrapped | None:
    if doc is None:
        return None
    return Wrapped(nonce=_unb64(doc["nonce"]), ciphertext=_unb64(doc["ct"]))


def _encode(k: KeyFile) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "mode": k.mode,
        "user_key": k.user_key,
        "kdf": {
            "name": "scrypt",
            "n": k.scrypt.n,
            "r": k.scrypt.r,
            "p": k.scrypt.p,
            "salt": _b64(k.salt),
        },
        "pin_wrap": _encode_wrap(k.pin_wrap),
        "account_wrap": _encode_wrap(k.account_wrap),
        "failed_attempts": k.failed_attempts,
        "last_failure_at": k.last_failure_at,
        "locked": k.locked,
    }


def _decode(doc: Any) -> KeyFile:
    if doc["format"] != FORMAT:
        raise ValueError("unknown key file format")
    mode = doc["mode"]
    if mode not in ("keyring", "passphrase"):
        raise ValueError("unknown key mode")
    kdf = doc["kdf"]
    if kdf["name"] != "scrypt":
        raise ValueError("unknown kdf")
    params = ScryptParams(n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"]))
    if not (2 <= params.n <= _MAX_SCRYPT_N and 1 <= params.r <= 32 and 1 <= params.p <= 16):
        raise ValueError("scrypt parameters out of range")
    pin_wrap = _decode_wrap(doc["pin_wrap"])
    if pin_wrap is None:
        raise ValueError("missing PIN wrap")
    last = doc["last_failure_at"]
    return KeyFile(
        mode=mode,
        user_key=str(doc["user_key"]),
        scrypt=params,
        salt=_unb64(kdf["salt"]),
        pin_wrap=pin_wrap,
        account_wrap=_decode_wrap(doc["account_wrap"]),
        failed_attempts=int(doc["failed_attempts"]),
        last_failure_at=None if last is None else float(last),
        locked=bool(doc["locked"]),
    )
