"""PKCE (RFC 7636, method S256) and the other one-time values of an authorization request."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True, slots=True)
class AuthorizationSecrets:
    """The per-attempt ``state``, ``nonce`` and PKCE verifier; never logged, never stored."""

    state: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    nonce: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    code_verifier: str = field(default_factory=lambda: secrets.token_urlsafe(64))

    def __repr__(self) -> str:
        return "AuthorizationSecrets(<hidden>)"

    @property
    def code_challenge(self) -> str:
        """base64url(SHA-256(verifier)), the S256 challenge."""
        return _b64url(hashlib.sha256(self.code_verifier.encode("ascii")).digest())
