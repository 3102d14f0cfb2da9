"""The per-user key file: the data key wrapped (AES-256-GCM) under the PIN *and* the keyring
secret, optionally under the keyring secret alone (personal computers only) and under the
organisation's recovery key; written atomically so a crash never tears it.

The file holds no plaintext key, no patient data and no counters (the wrong-PIN state lives in
the authenticated state file, ``offline.key_state``). Its layout (JSON, format 2)::

    {"format": 2, "mode": "keyring" | "passphrase", "user_key": "<store stem>",
     "kdf": {"name": "scrypt", "n": …, "r": …, "p": …, "salt": "<b64>"},
     "pin_wrap": {"nonce": "<b64>", "ct": "<b64>"},
     "account_wrap": {"nonce": …, "ct": …} | null,
     "recovery_wrap": {"key_id": "<hex>", "epk": "<b64>", "nonce": …, "ct": …} | null}

Format 1 (before the PIN became a factor on shared computers) also carried an account wrap on
every computer and the wrong-PIN counter in the clear; ``read_key_file`` still reads it (as
``legacy``) so old stores migrate at their owner's next PIN unlock (``offline.unlock``).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from offline.datakey import wipe
from offline.errors import KeyFileCorruptError
from offline.paths import make_private_file

FORMAT = 2
LEGACY_FORMAT = 1
KeyMode = Literal["keyring", "passphrase"]
_MAX_SCRYPT_N = 2**20  # a tampered file must not make unlocking eat the machine's memory


@dataclass(frozen=True, slots=True)
class ScryptParams:
    """scrypt cost (RFC 7914). The default N=2^17, r=8, p=1 is OWASP's recommended minimum for
    scrypt (Password Storage Cheat Sheet): 128 MiB and about 0.4 s per try on a ward PC, so a
    colleague who copied the key file *and* the keyring secret still pays that per guessed PIN,
    and memory hardness keeps GPUs from doing much better. Format-1 files used N=2^15; their
    PIN wrap is re-derived with these parameters at the next PIN unlock."""

    n: int = 2**17
    r: int = 8
    p: int = 1


@dataclass(frozen=True, slots=True)
class Wrapped:
    """A data key sealed with AES-256-GCM."""

    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True, slots=True)
class RecoveryWrap:
    """A data key sealed for the organisation's recovery key (``offline.recovery``)."""

    key_id: str
    ephemeral_public: bytes
    sealed: Wrapped


@dataclass(frozen=True, slots=True)
class LegacyCounter:
    """The unauthenticated wrong-PIN counter a format-1 file carried (migrated once)."""

    failed_attempts: int = 0
    last_failure_at: float | None = None
    locked: bool = False


@dataclass(frozen=True, slots=True)
class KeyFile:
    """The decoded key file."""

    mode: KeyMode
    user_key: str
    scrypt: ScryptParams
    salt: bytes
    pin_wrap: Wrapped
    account_wrap: Wrapped | None
    recovery_wrap: RecoveryWrap | None = None
    legacy: LegacyCounter | None = field(default=None)
    """Set when read from a format-1 file (the next write is format 2)."""


def derive_pin_kek(
    secret: bytes | bytearray, *, salt: bytes, params: ScryptParams, keyring_secret: bytes | None
) -> bytearray:
    """PIN/passphrase (UTF-8) -> 256-bit key-encryption key, bound to the keyring secret.

    Binding to the keyring secret means a copied key file alone cannot be brute-forced
    offline: a short PIN is only as weak as the OS account that guards the keyring. The
    intermediate scrypt output is wiped; the caller wipes the returned KEK.
    """
    stretched = bytearray(
        Scrypt(salt=salt, length=32, n=params.n, r=params.r, p=params.p).derive(secret)
    )
    info = b"pleiepunkt/pin-kek/v1" if keyring_secret else b"pleiepunkt/passphrase-kek/v1"
    try:
        return bytearray(
            HKDF(algorithm=hashes.SHA256(), length=32, salt=keyring_secret, info=info).derive(
                stretched
            )
        )
    finally:
        wipe(stretched)


def derive_account_kek(keyring_secret: bytes) -> bytearray:
    """Keyring secret -> the key of the account wrap (personal computers only)."""
    return bytearray(
        HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"pleiepunkt/account-kek/v1"
        ).derive(keyring_secret)
    )


def wrap(
    data_key: bytes | bytearray, kek: bytes | bytearray, *, purpose: str, user_key: str
) -> Wrapped:
    nonce = os.urandom(12)
    sealed = AESGCM(kek).encrypt(nonce, data_key, aad(purpose, user_key))
    return Wrapped(nonce=nonce, ciphertext=sealed)


def unwrap(
    wrapped: Wrapped, kek: bytes | bytearray, *, purpose: str, user_key: str
) -> bytearray | None:
    """The data key, or None when the KEK is wrong (or the wrap was tampered with)."""
    try:
        opened = AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, aad(purpose, user_key))
    except InvalidTag:
        return None
    return bytearray(opened)


def aad(purpose: str, user_key: str) -> bytes:
    """The authenticated data of a wrap: what it is for and whose store (v1 in both formats)."""
    return f"pleiepunkt-store-key/v1/{purpose}/{user_key}".encode()


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
    """Replace the key file atomically (format 2) with its bytes."""
    write_atomically(path, json.dumps(_encode(key_file), separators=(",", ":")).encode("ascii"))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically: temp file 0600, fsync, rename, fsync directory."""
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


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    return base64.b64decode(text, validate=True)


def _encode_wrap(w: Wrapped | None) -> dict[str, str] | None:
    return None if w is None else {"nonce": b64(w.nonce), "ct": b64(w.ciphertext)}


def _decode_wrap(doc: Any) -> Wrapped | None:
    if doc is None:
        return None
    return Wrapped(nonce=unb64(doc["nonce"]), ciphertext=unb64(doc["ct"]))


def _encode_recovery(w: RecoveryWrap | None) -> dict[str, str] | None:
    if w is None:
        return None
    return {
        "key_id": w.key_id,
        "epk": b64(w.ephemeral_public),
        "nonce": b64(w.sealed.nonce),
        "ct": b64(w.sealed.ciphertext),
    }


def _decode_recovery(doc: Any) -> RecoveryWrap | None:
    if doc is None:
        return None
    return RecoveryWrap(
        key_id=str(doc["key_id"]),
        ephemeral_public=unb64(doc["epk"]),
        sealed=Wrapped(nonce=unb64(doc["nonce"]), ciphertext=unb64(doc["ct"])),
    )


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
            "salt": b64(k.salt),
        },
        "pin_wrap": _encode_wrap(k.pin_wrap),
        "account_wrap": _encode_wrap(k.account_wrap),
        "recovery_wrap": _encode_recovery(k.recovery_wrap),
    }


def _decode(doc: Any) -> KeyFile:
    version = doc["format"]
    if version not in (FORMAT, LEGACY_FORMAT):
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
    legacy = None
    recovery = None
    if version == LEGACY_FORMAT:
        last = doc["last_failure_at"]
        legacy = LegacyCounter(
            failed_attempts=int(doc["failed_attempts"]),
            last_failure_at=None if last is None else float(last),
            locked=bool(doc["locked"]),
        )
    else:
        recovery = _decode_recovery(doc.get("recovery_wrap"))
    return KeyFile(
        mode=mode,
        user_key=str(doc["user_key"]),
        scrypt=params,
        salt=unb64(kdf["salt"]),
        pin_wrap=pin_wrap,
        account_wrap=_decode_wrap(doc["account_wrap"]),
        recovery_wrap=recovery,
        legacy=legacy,
    )


def person_vault_key(data_key: bytes | bytearray) -> bytearray:
    """The key a person's own sign-in secrets (their refresh token) are sealed under: derived
    from their data key, so it exists only while their PIN has opened their store."""
    return bytearray(
        HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"pleiepunkt/person-vault/v1"
        ).derive(bytes(data_key))
    )
