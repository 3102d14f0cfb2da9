"""The signed-in session: the current access token, refreshed before expiry, and sign-out.

The access token is refreshed when less than ``refresh_margin_seconds`` of its ``expires_in``
remain (the server's clock is never compared with ours). Refresh tokens rotate: each new one
replaces the old in the sealed vault, so a restart can resume the session without the browser.
The vault is the only place a refresh token is written. Sign-out revokes the refresh token at
the provider and forgets it here even when the provider cannot be reached.

Thread safety: every method may be called from several threads; one refresh runs at a time and
threads that waited for it use its result.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable

from client.oidc.errors import (
    IdentityProviderUnreachable,
    NotSignedIn,
    ReauthenticationRequired,
    SignInError,
)
from client.oidc.identity import Identity
from client.oidc.installation import Vault
from client.oidc.proofs import DpopKey
from client.oidc.provider import IdentityProviderClient
from client.oidc.sign_in import SignInResult
from client.oidc.tokens import TokenSet

log = logging.getLogger(__name__)


def refresh_token_name(identity: Identity) -> str:
    """The vault name of a person's refresh token (a hash: no identifier in file names)."""
    digest = hashlib.sha256(f"{identity.issuer}\n{identity.subject}".encode()).hexdigest()
    return f"refresh-token-{digest[:24]}"


class TokenSession:
    """One person's tokens from one sign-in; close it with ``sign_out``."""

    def __init__(
        self,
        provider: IdentityProviderClient,
        *,
        identity: Identity,
        tokens: TokenSet,
        dpop: DpopKey,
        vault: Vault | None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._provider = provider
        self._identity = identity
        self._tokens: TokenSet | None = tokens
        self._dpop = dpop
        self._vault = vault
        self._clock = clock
        self._lock = threading.Lock()
        self._keep_refresh_token(tokens)

    def __repr__(self) -> str:
        return f"TokenSession(role={self._identity.role.value}, open={self._tokens is not None})"

    @classmethod
    def from_sign_in(
        cls,
        provider: IdentityProviderClient,
        result: SignInResult,
        *,
        vault: Vault | None,
        clock: Callable[[], float] = time.time,
    ) -> TokenSession:
        """The session of a completed interactive sign-in."""
        return cls(
            provider,
            identity=result.identity,
            tokens=result.tokens,
            dpop=result.dpop,
            vault=vault,
            clock=clock,
        )

    @classmethod
    def resume(
        cls,
        provider: IdentityProviderClient,
        *,
        identity: Identity,
        vault: Vault,
        clock: Callable[[], float] = time.time,
    ) -> TokenSession:
        """Continue a person's session from their stored refresh token (no browser).

        NotSignedIn when none is stored; ReauthenticationRequired when the provider refuses it
        (it is then forgotten); IdentityProviderUnreachable when offline (it is kept).
        """
        name = refresh_token_name(identity)
        stored = vault.load(name)
        if stored is None:
            raise NotSignedIn("no stored refresh token for this person")
        dpop = DpopKey()
        try:
            tokens = provider.token(_refresh_form(stored.decode("ascii"), provider), dpop=dpop)
        except ReauthenticationRequired:
            vault.delete(name)
            raise
        return cls(provider, identity=identity, tokens=tokens, dpop=dpop, vault=vault, clock=clock)

    @property
    def identity(self) -> Identity:
        return self._identity

    @property
    def dpop(self) -> DpopKey:
        return self._dpop

    @property
    def is_open(self) -> bool:
        return self._tokens is not None

    def expires_at(self) -> float:
        """When the current access token expires (our clock, from ``expires_in``)."""
        return self._current().expires_at

    def access_token(self) -> str:
        """A valid access token, refreshed first when it is about to expire."""
        with self._lock:
            tokens = self._current()
            margin = self._provider.config.refresh_margin_seconds
            if tokens.expires_within(margin, now=self._clock()):
                try:
                    tokens = self._refresh_locked(tokens)
                except IdentityProviderUnreachable:
                    if tokens.expires_within(0, now=self._clock()):
                        raise
                    log.info("token refresh failed (provider unreachable); token still valid")
            return tokens.access_token

    def refresh(self, *, stale_token: str | None = None) -> str:
        """Refresh now; if another thread already replaced ``stale_token``, use its result."""
        with self._lock:
            tokens = self._current()
            if stale_token is not None and tokens.access_token != stale_token:
                return tokens.access_token
            return self._refresh_locked(tokens).access_token

    def sign_out(self) -> bool:
        """Revoke the refresh token and forget the session; True if the provider confirmed it."""
        with self._lock:
            tokens, self._tokens = self._tokens, None
        if self._vault is not None:
            self._vault.delete(refresh_token_name(self._identity))
        if tokens is None or tokens.refresh_token is None:
            return False
        try:
            self._provider.revoke(tokens.refresh_token)
        except SignInError as exc:
            log.warning("refresh token not revoked at sign-out (%s)", type(exc).__name__)
            return False
        log.info("signed out; refresh token revoked")
        return True

    def forget(self) -> None:
        """Drop the tokens from memory without revoking (a lock keeps the stored refresh token)."""
        with self._lock:
            self._tokens = None

    def _current(self) -> TokenSet:
        if self._tokens is None:
            raise NotSignedIn("the session is signed out")
        return self._tokens

    def _refresh_locked(self, tokens: TokenSet) -> TokenSet:
        if tokens.refresh_token is None:
            raise ReauthenticationRequired(
                "the access token expired and there is no refresh token", error="invalid_grant"
            )
        try:
            form = _refresh_form(tokens.refresh_token, self._provider)
            fresh = self._provider.token(form, dpop=self._dpop, previous=tokens)
        except ReauthenticationRequired:
            self._tokens = None
            if self._vault is not None:
                self._vault.delete(refresh_token_name(self._identity))
            raise
        self._tokens = fresh
        self._keep_refresh_token(fresh)
        log.debug("access token refreshed")
        return fresh

    def _keep_refresh_token(self, tokens: TokenSet) -> None:
        if self._vault is not None and tokens.refresh_token is not None:
            self._vault.save(refresh_token_name(self._identity), tokens.refresh_token.encode())


def _refresh_form(refresh_token: str, provider: IdentityProviderClient) -> dict[str, str]:
    return {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "resource": provider.config.resource,
    }
