"""The organisation's recovery key: a forgotten PIN never costs unsent records.

IT makes one X25519 key pair offline (``pleiepunkt recovery-key new``), keeps the private key
(PKCS#8 PEM, encrypted with a passphrase) off the ward computers, and deploys the public key by
policy (``RecoveryPublicKey``: ``x25519:<base64 of the 32-byte key>``). Every key file then
carries a wrap of its data key for that public key (ECIES: an ephemeral X25519 key, HKDF-SHA256
over the shared secret and both public keys, AES-256-GCM with the store's name as associated
data), so only the private key can open it. ``pleiepunkt recover`` (IT at the computer) opens
the wrap and lets the person choose a new PIN; the procedure is in packaging/README.md.

The key id (first 16 hex digits of SHA-256 of the public key) tells which recovery key a wrap
needs, so a rotated policy key is noticed and the wrap is renewed at the next PIN unlock.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from offline.datakey import wipe
from offline.errors import RecoveryKeyError
from offline.keyfile import RecoveryWrap, unwrap, wrap

PREFIX: Final = "x25519:"
_INFO: Final = b"pleiepunkt/recovery-kek/v1"
_PURPOSE: Final = "recovery"


@dataclass(frozen=True, slots=True)
class RecoveryPublicKey:
    """The policy's recovery public key."""

    raw: bytes

    @classmethod
    def parse(cls, text: str) -> RecoveryPublicKey:
        """``x25519:<base64>`` (as the policy holds it); ``RecoveryKeyError`` otherwise."""
        value = text.strip()
        if not value.startswith(PREFIX):
            raise RecoveryKeyError("a recovery public key starts with 'x25519:'")
        try:
            raw = base64.b64decode(value[len(PREFIX) :], validate=True)
        except (binascii.Error, ValueError):
            raise RecoveryKeyError("the recovery public key is not valid base64") from None
        if len(raw) != 32:
            raise RecoveryKeyError("an X25519 recovery public key is 32 bytes")
        return cls(raw)

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()[:16]

    def text(self) -> str:
        return PREFIX + base64.b64encode(self.raw).decode("ascii")


def seal_for_recovery(
    data_key: bytes | bytearray, public: RecoveryPublicKey, *, user_key: str
) -> RecoveryWrap:
    """A wrap of ``data_key`` that only the recovery private key opens."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = bytearray(ephemeral.exchange(X25519PublicKey.from_public_bytes(public.raw)))
    kek = _kek(shared, ephemeral_public, public.raw)
    try:
        return RecoveryWrap(
            key_id=public.key_id,
            ephemeral_public=ephemeral_public,
            sealed=wrap(data_key, kek, purpose=_PURPOSE, user_key=user_key),
        )
    finally:
        wipe(kek)


def open_with_recovery_key(
    sealed: RecoveryWrap, private: X25519PrivateKey, *, user_key: str
) -> bytearray:
    """The data key from ``sealed``; ``RecoveryKeyError`` for the wrong key or a damaged wrap."""
    public = private.public_key().public_bytes_raw()
    if hashlib.sha256(public).hexdigest()[:16] != sealed.key_id:
        raise RecoveryKeyError("this store was sealed for another recovery key")
    try:
        peer = X25519PublicKey.from_public_bytes(sealed.ephemeral_public)
    except ValueError:
        raise RecoveryKeyError("the recovery wrap is damaged") from None
    shared = bytearray(private.exchange(peer))
    kek = _kek(shared, sealed.ephemeral_public, public)
    try:
        opened = unwrap(sealed.sealed, kek, purpose=_PURPOSE, user_key=user_key)
    finally:
        wipe(kek)
    if opened is None:
        raise RecoveryKeyError("the recovery wrap does not open with this key (damaged?)")
    return opened


def _kek(shared: bytearray, ephemeral_public: bytes, recipient_public: bytes) -> bytearray:
    try:
        return bytearray(
            HKDF(
                algorithm=hashes.SHA256(),
                length=32,
                salt=ephemeral_public + recipient_public,
                info=_INFO,
            ).derive(shared)
        )
    finally:
        wipe(shared)


def new_recovery_key(passphrase: bytes) -> tuple[bytes, RecoveryPublicKey]:
    """A fresh key pair: (PKCS#8 PEM encrypted with ``passphrase``, the public key)."""
    if len(passphrase) < 12:
        raise RecoveryKeyError("the recovery key's passphrase must be at least 12 characters")
    private = X25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    return pem, RecoveryPublicKey(private.public_key().public_bytes_raw())


def load_recovery_private_key(pem: bytes, passphrase: bytes) -> X25519PrivateKey:
    """IT's private key from its encrypted PEM; ``RecoveryKeyError`` for a wrong passphrase."""
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase)
    except (ValueError, TypeError):
        raise RecoveryKeyError("the recovery key file or its passphrase is wrong") from None
    if not isinstance(key, X25519PrivateKey):
        raise RecoveryKeyError("the recovery key file does not hold an X25519 key")
    return key
