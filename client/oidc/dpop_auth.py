"""``DpopAuth``: the ``httpx.Auth`` that signs every platform request with the session's token.

Each request gets ``Authorization: DPoP <access token>`` and a fresh DPoP proof (``htm``,
``htu``, ``iat``, ``jti``, ``ath``, and the server's latest ``DPoP-Nonce``). On a 401 it retries
once for each of two reasons: the server asks for a nonce (``use_dpop_nonce``), or it refused
the token (``invalid_token``: refreshed once, e.g. revoked or expired early). Other answers go
back to the caller unchanged, so FhirClient maps them to its errors as usual.

The tokens and proofs come from a ``SigningSession``: a ``TokenSession`` in the process that
holds the person's sign-in, or a stand-in that asks that process for each one (the window's
sync process, ``app.syncing.signing``), so the refresh token and the DPoP key stay where they are.
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from typing import Protocol

import httpx


class ProofSigner(Protocol):
    """Makes DPoP proofs with the session's key (``client.oidc.proofs.DpopKey``)."""

    def proof(
        self,
        method: str,
        url: httpx.URL | str,
        *,
        access_token: str | None = None,
        nonce: str | None = None,
    ) -> str: ...


class SigningSession(Protocol):
    """Where ``DpopAuth`` gets its access tokens and proofs (a ``TokenSession`` is one)."""

    @property
    def dpop(self) -> ProofSigner: ...

    def access_token(self) -> str: ...

    def refresh(self, *, stale_token: str | None = None) -> str: ...


def _challenge_error(response: httpx.Response) -> str | None:
    for value in response.headers.get_list("WWW-Authenticate"):
        if value.strip().lower().startswith("dpop"):
            for part in value.split(","):
                name, _, raw = part.strip().partition("=")
                if name.strip().lower().endswith("error"):
                    return raw.strip().strip('"')
    return None


class DpopAuth(httpx.Auth):
    """Signs requests with a ``SigningSession``; thread-safe, one instance per session."""

    def __init__(self, session: SigningSession) -> None:
        self._session = session
        self._nonces: dict[str, str] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return "DpopAuth(<tokens hidden>)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Send ``request`` signed; retry once for a nonce and once after a refresh."""
        token = self._session.access_token()
        self._sign(request, token)
        response = yield request
        retried_nonce = retried_refresh = False
        while response.status_code == 401:
            error = _challenge_error(response)
            fresh_nonce = self._remember_nonce(request, response)
            if error == "use_dpop_nonce" and fresh_nonce and not retried_nonce:
                retried_nonce = True
            elif error == "invalid_token" and not retried_refresh:
                retried_refresh = True
                token = self._session.refresh(stale_token=token)
            else:
                break
            self._sign(request, token)
            response = yield request
        self._remember_nonce(request, response)

    def _sign(self, request: httpx.Request, token: str) -> None:
        with self._lock:
            nonce = self._nonces.get(_origin(request.url))
        proof = self._session.dpop.proof(
            request.method, request.url, access_token=token, nonce=nonce
        )
        request.headers["Authorization"] = f"DPoP {token}"
        request.headers["DPoP"] = proof

    def _remember_nonce(self, request: httpx.Request, response: httpx.Response) -> str | None:
        nonce: str | None = response.headers.get("DPoP-Nonce")
        if nonce:
            with self._lock:
                self._nonces[_origin(request.url)] = nonce
        return nonce


def _origin(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.netloc.decode('ascii')}"
