"""The installation's signing key (P-256, ES256) for ``private_key_jwt`` client authentication.

The key pair is made once, at the first run; its public half is what IT registers for this
client at the identity provider. The private key leaves memory only as PKCS#8 PEM handed to a
sealed vault (``client.oidc.vault``), never to a settings file or a log.
"""

from __future__ import annotations

from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey

ALGORITHM = "ES256"
CURVE = "P-256"


class SigningKey:
    """An EC P-256 private key with its JWK thumbprint as ``kid``; signs compact JWTs."""

    def __init__(self, key: ECKey) -> None:
        if not key.is_private:
            raise ValueError("a signing key needs the private half")
        self._key = key
        self._kid = key.thumbprint()

    @classmethod
    def generate(cls) -> SigningKey:
        """A fresh random key pair."""
        return cls(ECKey.generate_key(CURVE, private=True))

    @classmethod
    def from_pem(cls, pem: bytes) -> SigningKey:
        """Load a PKCS#8 PEM private key (as written by ``to_pem``)."""
        return cls(ECKey.import_key(pem))

    def to_pem(self) -> bytes:
        """The private key as unencrypted PKCS#8 PEM, for sealing in a vault only."""
        return self._key.as_pem(private=True)

    def __repr__(self) -> str:
        return f"SigningKey(kid={self._kid!r})"

    @property
    def kid(self) -> str:
        """The RFC 7638 thumbprint of the public key, used as the key id."""
        return self._kid

    @property
    def alg(self) -> str:
        return ALGORITHM

    def public_jwk(self) -> dict[str, Any]:
        """The public key as a JWK, with ``kid``, ``alg`` and ``use`` (to register the client)."""
        jwk: dict[str, Any] = dict(self._key.as_dict(private=False))
        jwk.update({"kid": self._kid, "alg": ALGORITHM, "use": "sig"})
        return jwk

    def bare_public_jwk(self) -> dict[str, Any]:
        """The public key members only (``kty``, ``crv``, ``x``, ``y``), as a DPoP header needs."""
        full = self._key.as_dict(private=False)
        return {name: full[name] for name in ("kty", "crv", "x", "y")}

    def sign(self, header: dict[str, Any], claims: dict[str, Any]) -> str:
        """A compact JWS over ``claims`` with ``header`` (``alg`` is set here)."""
        return jwt.encode({**header, "alg": ALGORITHM}, claims, self._key, algorithms=[ALGORITHM])
