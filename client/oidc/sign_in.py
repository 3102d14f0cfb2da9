"""Interactive sign-in: PAR + PKCE + system browser + loopback redirect + DPoP-bound tokens.

The steps, as HelseID wants them from a desktop client:

1. start the loopback receiver on ``127.0.0.1:<random port>``;
2. push the authorization request (PAR) with client assertion, PKCE S256 challenge, state, nonce,
   ``resource``, ``dpop_jkt`` (binds the code to this session's DPoP key) and ``prompt=login``
   (a shared ward PC's browser may still hold the previous user's session);
3. open the system browser at the authorization endpoint with only ``client_id`` and
   ``request_uri``;
4. take the callback: only a request with this sign-in's ``state`` is taken (others are
   ignored by the listener), and ``iss`` (RFC 9207) must be our issuer; it must be present
   when the provider advertises ``authorization_response_iss_parameter_supported``;
5. redeem the code with the verifier, client assertion and a DPoP proof;
6. check the ID token (signature, iss, aud, azp, exp, nonce) and read the identity from it.

``run`` blocks (call it on a worker thread); ``cancel`` ends a pending run from any thread.
"""

from __future__ import annotations

import hmac
import logging
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from client.oidc.errors import (
    IdentityProviderError,
    InvalidIdentityToken,
    SignInCancelled,
)
from client.oidc.identity import Identity, identity_from_claims
from client.oidc.loopback import LoopbackReceiver
from client.oidc.pkce import AuthorizationSecrets
from client.oidc.proofs import DpopKey
from client.oidc.provider import IdentityProviderClient
from client.oidc.tokens import TokenSet

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SignInResult:
    """A completed sign-in: who, their tokens, and the DPoP key the tokens are bound to."""

    identity: Identity
    tokens: TokenSet
    dpop: DpopKey


class BrowserSignIn:
    """Runs the interactive sign-in in the system browser (``open_browser`` is injectable)."""

    def __init__(
        self,
        provider: IdentityProviderClient,
        *,
        open_browser: Callable[[str], object] = webbrowser.open,
    ) -> None:
        self._provider = provider
        self._open_browser = open_browser
        self._lock = threading.Lock()
        self._receiver: LoopbackReceiver | None = None
        self._cancelled = False

    def cancel(self) -> None:
        """End a running ``run`` with SignInCancelled (the window's Cancel button)."""
        with self._lock:
            self._cancelled = True
            receiver = self._receiver
        if receiver is not None:
            receiver.cancel()

    def run(self, *, timeout: float | None = None) -> SignInResult:
        """Sign a person in interactively; blocks until the browser comes back or time runs out."""
        config = self._provider.config
        one_time = AuthorizationSecrets()
        dpop = DpopKey()
        with LoopbackReceiver(state=one_time.state, path=config.redirect_path) as receiver:
            with self._lock:
                self._cancelled = False
                self._receiver = receiver
            try:
                params = {
                    "response_type": "code",
                    "client_id": config.client_id,
                    "redirect_uri": receiver.redirect_uri,
                    "scope": config.scope,
                    "state": one_time.state,
                    "nonce": one_time.nonce,
                    "code_challenge": one_time.code_challenge,
                    "code_challenge_method": "S256",
                    "resource": config.resource,
                    "dpop_jkt": dpop.jkt,
                    "prompt": "login",
                }
                request_uri, _expires = self._provider.push_authorization_request(params)
                if self._cancelled:
                    raise SignInCancelled("sign-in cancelled by the user")
                log.info("sign-in: opening the system browser")
                self._open_browser(self._provider.authorization_url(request_uri))
                answer = receiver.wait(timeout or config.sign_in_timeout_seconds)
            finally:
                with self._lock:
                    self._receiver = None
            code = self._code_from(answer, state=one_time.state)
            tokens = self._provider.token(
                {
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": receiver.redirect_uri,
                    "code_verifier": one_time.code_verifier,
                    "resource": config.resource,
                },
                dpop=dpop,
            )
        if tokens.id_token is None:
            raise InvalidIdentityToken("token response without an ID token")
        claims = self._provider.verify_id_token(tokens.id_token, nonce=one_time.nonce)
        identity = _identity(claims)
        log.info("sign-in: completed (role %s)", identity.role.value)
        return SignInResult(identity=identity, tokens=tokens, dpop=dpop)

    def _code_from(self, answer: dict[str, str], *, state: str) -> str:
        if not hmac.compare_digest(answer.get("state", ""), state):
            raise InvalidIdentityToken("the sign-in answer's state does not match")
        issuer = answer.get("iss")
        if issuer is None and self._provider.metadata().authorization_response_iss_supported:
            raise InvalidIdentityToken("the sign-in answer lacks the issuer (RFC 9207)")
        if issuer is not None and issuer != self._provider.config.issuer:
            raise InvalidIdentityToken("the sign-in answer comes from another issuer")
        error = answer.get("error")
        if error is not None:
            if error == "access_denied":
                raise SignInCancelled("the user cancelled the sign-in at the identity provider")
            raise IdentityProviderError(f"authorization failed: {error}", error=error)
        code = answer.get("code")
        if not code:
            raise InvalidIdentityToken("the sign-in answer has no code")
        return code


def _identity(claims: dict[str, Any]) -> Identity:
    try:
        return identity_from_claims(claims)
    except ValueError:
        raise InvalidIdentityToken("the ID token lacks iss or sub") from None
