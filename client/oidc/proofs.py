"""Signed request objects: the ``private_key_jwt`` client assertion and DPoP proofs (RFC 9449).

Both are built with joserfc over ``client.oidc.keys.SigningKey``; this module only decides the
claims. A DPoP key is kept per sign-in session in memory only: the access tokens it binds live
minutes, so it never needs to be stored.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from collections.abc import Callable

import httpx

from client.oidc.keys import SigningKey

CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_LIFETIME_S = 60


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def access_token_hash(access_token: str) -> str:
    """The ``ath`` claim: base64url(SHA-256(access token))."""
    return _b64url(hashlib.sha256(access_token.encode("ascii")).digest())


def client_assertion(key: SigningKey, *, client_id: str, audience: str, now: float) -> str:
    """A one-time client assertion JWT (``iss`` = ``sub`` = client id, expires in 60 s)."""
    issued = int(now)
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "iat": issued,
        "nbf": issued,
        "exp": issued + ASSERTION_LIFETIME_S,
        "jti": secrets.token_urlsafe(24),
    }
    return key.sign({"typ": "JWT", "kid": key.kid}, claims)


def htu(url: httpx.URL | str) -> str:
    """The DPoP ``htu`` of a request URL: scheme, authority and path, without query/fragment."""
    parsed = httpx.URL(url) if isinstance(url, str) else url
    return str(parsed.copy_with(query=None, fragment=None))


class DpopKey:
    """A session's DPoP key pair; makes a fresh proof (new ``jti``) for every request."""

    def __init__(
        self, key: SigningKey | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        self._key = key or SigningKey.generate()
        self._clock = clock

    def __repr__(self) -> str:
        return f"DpopKey(jkt={self.jkt!r})"

    @property
    def jkt(self) -> str:
        """The JWK thumbprint that access tokens bound to this key carry in ``cnf.jkt``."""
        return self._key.kid

    def proof(
        self,
        method: str,
        url: httpx.URL | str,
        *,
        access_token: str | None = None,
        nonce: str | None = None,
    ) -> str:
        """A DPoP proof JWT for one request; ``ath`` when an access token is sent with it."""
        claims: dict[str, object] = {
            "jti": secrets.token_urlsafe(24),
            "htm": method.upper(),
            "htu": htu(url),
            "iat": int(self._clock()),
        }
        if access_token is not None:
            claims["ath"] = access_token_hash(access_token)
        if nonce is not None:
            claims["nonce"] = nonce
        return self._key.sign({"typ": "dpop+jwt", "jwk": self._key.bare_public_jwk()}, claims)
