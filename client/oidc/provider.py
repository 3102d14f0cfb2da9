"""HTTP to the identity provider: discovery, PAR, token, revocation, userinfo, ID token checks.

Every call that authenticates the client carries a fresh ``private_key_jwt`` assertion; every
token call carries a DPoP proof, and a ``use_dpop_nonce`` answer is retried once with the
server's nonce (RFC 9449 §8). Transport failures become ``IdentityProviderUnreachable``; OAuth
error answers become ``IdentityProviderError`` (``invalid_grant`` from a refresh:
``ReauthenticationRequired``). Nothing here logs a token, code, assertion or claim.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from client.oidc.config import OidcConfig
from client.oidc.discovery import ProviderMetadata
from client.oidc.errors import (
    IdentityProviderError,
    IdentityProviderUnreachable,
    InvalidIdentityToken,
    ReauthenticationRequired,
)
from client.oidc.keys import SigningKey
from client.oidc.proofs import CLIENT_ASSERTION_TYPE, DpopKey, client_assertion
from client.oidc.tokens import TokenSet
from client.redaction import install_log_redaction

log = logging.getLogger(__name__)

ID_TOKEN_ALGORITHMS = ("ES256", "RS256", "PS256")
ID_TOKEN_LEEWAY_S = 30


class IdentityProviderClient:
    """One client registration at one identity provider; safe to share between threads.

    ``clock`` dates token expiry (``expires_in`` from now); JWTs sent to the provider and ID
    token checks always use wall time, since the provider compares them with its own clock.
    """

    def __init__(
        self,
        config: OidcConfig,
        *,
        client_key: SigningKey,
        transport: httpx.BaseTransport | None = None,
        verify: Any = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self._key = client_key
        self._clock = clock
        self._http = httpx.Client(
            transport=transport,
            verify=verify,
            timeout=config.http_timeout_seconds,
            follow_redirects=False,
            headers={"Accept": "application/json", "User-Agent": "Pleiepunkt"},
        )
        install_log_redaction()
        self._lock = threading.Lock()
        self._metadata: ProviderMetadata | None = None
        self._jwks: KeySet | None = None
        self._nonce: str | None = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> IdentityProviderClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def client_key(self) -> SigningKey:
        return self._key

    # ---- metadata and keys -----------------------------------------------------------------

    def metadata(self) -> ProviderMetadata:
        """The provider's endpoints (fetched once)."""
        with self._lock:
            if self._metadata is None:
                url = self.config.issuer.rstrip("/") + "/.well-known/openid-configuration"
                body = self._json(self._send("GET", url), what="discovery")
                self._metadata = ProviderMetadata.parse(body, expected_issuer=self.config.issuer)
            return self._metadata

    def _keys(self, *, refresh: bool = False) -> KeySet:
        with self._lock:
            cached = self._jwks
        if cached is not None and not refresh:
            return cached
        body = self._json(self._send("GET", self.metadata().jwks_uri), what="jwks")
        try:
            keys = KeySet.import_key_set(body)  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError):
            raise IdentityProviderError(
                "the provider's JWKS is not valid", error="invalid_jwks"
            ) from None
        with self._lock:
            self._jwks = keys
        return keys

    # ---- requests ----------------------------------------------------------------------------

    def push_authorization_request(self, params: Mapping[str, str]) -> tuple[str, int]:
        """PAR (RFC 9126): send the request, return (``request_uri``, ``expires_in``)."""
        endpoint = self.metadata().pushed_authorization_request_endpoint
        response = self._send("POST", endpoint, data={**params, **self._client_auth()})
        body = self._checked(response, what="pushed authorization request")
        request_uri, expires = body.get("request_uri"), body.get("expires_in")
        if not isinstance(request_uri, str):
            raise IdentityProviderError("PAR answer without request_uri", error="invalid")
        return request_uri, int(expires) if isinstance(expires, int) else 60

    def authorization_url(self, request_uri: str) -> str:
        """The URL to open in the browser: only ``client_id`` and ``request_uri`` (PAR)."""
        url = httpx.URL(self.metadata().authorization_endpoint)
        params = {"client_id": self.config.client_id, "request_uri": request_uri}
        return str(url.copy_merge_params(params))

    def token(
        self,
        form: Mapping[str, str],
        *,
        dpop: DpopKey,
        previous: TokenSet | None = None,
    ) -> TokenSet:
        """A token request (code or refresh grant) with client assertion and DPoP proof."""
        endpoint = self.metadata().token_endpoint
        response = self._with_dpop_nonce(
            lambda nonce: self._send(
                "POST",
                endpoint,
                data={**form, **self._client_auth()},
                headers={"DPoP": dpop.proof("POST", endpoint, nonce=nonce)},
            )
        )
        refreshing = form.get("grant_type") == "refresh_token"
        body = self._checked(response, what="token request", refreshing=refreshing)
        return TokenSet.from_response(body, now=self._clock(), previous=previous)

    def revoke(self, token: str, *, hint: str = "refresh_token") -> None:
        """Revoke a token (RFC 7009); an unknown token is not an error."""
        endpoint = self.metadata().revocation_endpoint
        response = self._send(
            "POST", endpoint, data={"token": token, "token_type_hint": hint, **self._client_auth()}
        )
        if response.status_code != 200:
            self._checked(response, what="revocation")

    def userinfo(self, access_token: str, *, dpop: DpopKey) -> dict[str, Any]:
        """The userinfo claims for a DPoP-bound access token."""
        endpoint = self.metadata().userinfo_endpoint
        if endpoint is None:
            raise IdentityProviderError("the provider has no userinfo endpoint", error="invalid")

        def send(nonce: str | None) -> httpx.Response:
            proof = dpop.proof("GET", endpoint, access_token=access_token, nonce=nonce)
            headers = {"Authorization": f"DPoP {access_token}", "DPoP": proof}
            return self._send("GET", endpoint, headers=headers)

        return self._checked(self._with_dpop_nonce(send), what="userinfo")

    def verify_id_token(self, id_token: str, *, nonce: str | None) -> dict[str, Any]:
        """The ID token's claims after checking signature, iss, aud, azp, exp, iat and nonce.

        OpenID Connect Core §3.1.3.7: with several audiences the ``azp`` claim must be present
        and name this client; when present it must name this client in any case.
        """
        try:
            token = jwt.decode(id_token, self._keys(), algorithms=list(ID_TOKEN_ALGORITHMS))
        except JoseError:
            # The provider may have rotated its keys since we fetched them: fetch once more.
            try:
                token = jwt.decode(
                    id_token, self._keys(refresh=True), algorithms=list(ID_TOKEN_ALGORITHMS)
                )
            except (JoseError, ValueError):
                raise InvalidIdentityToken("ID token signature not valid") from None
        except ValueError:
            raise InvalidIdentityToken("ID token is malformed") from None
        options: dict[str, Any] = {
            "iss": {"essential": True, "value": self.config.issuer},
            "aud": {"essential": True, "value": self.config.client_id},
            "sub": {"essential": True},
            "exp": {"essential": True},
            "iat": {"essential": True},
        }
        if nonce is not None:
            options["nonce"] = {"essential": True, "value": nonce}
        registry = jwt.JWTClaimsRegistry(now=int(time.time()), leeway=ID_TOKEN_LEEWAY_S, **options)
        try:
            registry.validate(token.claims)
        except JoseError as exc:
            raise InvalidIdentityToken(f"ID token claims not valid ({exc.error})") from None
        claims: dict[str, Any] = dict(token.claims)
        audience, party = claims.get("aud"), claims.get("azp")
        several = isinstance(audience, list) and len(audience) > 1
        if (several or party is not None) and party != self.config.client_id:
            raise InvalidIdentityToken("ID token not issued to this client (azp)")
        return claims

    # ---- plumbing ------------------------------------------------------------------------------

    def _client_auth(self) -> dict[str, str]:
        config = self.config
        # Assertions are checked against the provider's clock: always wall time.
        assertion = client_assertion(
            self._key, client_id=config.client_id, audience=config.issuer, now=time.time()
        )
        return {
            "client_id": self.config.client_id,
            "client_assertion_type": CLIENT_ASSERTION_TYPE,
            "client_assertion": assertion,
        }

    def _with_dpop_nonce(self, send: Callable[[str | None], httpx.Response]) -> httpx.Response:
        with self._lock:
            nonce = self._nonce
        response = send(nonce)
        fresh = self._remember_nonce(response)
        if _asks_for_nonce(response) and fresh is not None and fresh != nonce:
            log.debug("identity provider asked for a DPoP nonce; retrying once")
            response = send(fresh)
            self._remember_nonce(response)
        return response

    def _remember_nonce(self, response: httpx.Response) -> str | None:
        nonce: str | None = response.headers.get("DPoP-Nonce")
        if nonce:
            with self._lock:
                self._nonce = nonce
        return nonce

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._http.request(method, url, **kwargs)
        except httpx.TransportError as exc:
            raise IdentityProviderUnreachable(
                f"identity provider not reachable ({type(exc).__name__})"
            ) from None

    def _json(
        self, response: httpx.Response, *, what: str, ok: tuple[int, ...] = (200,)
    ) -> dict[str, Any]:
        if response.status_code not in ok:
            raise IdentityProviderError(
                f"{what}: HTTP {response.status_code}",
                error="http_error",
                status=response.status_code,
            )
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise IdentityProviderError(f"{what}: answer is not a JSON object", error="invalid")
        return body

    def _checked(
        self, response: httpx.Response, *, what: str, refreshing: bool = False
    ) -> dict[str, Any]:
        if response.status_code in (200, 201):
            return self._json(response, what=what, ok=(200, 201))
        error = "http_error"
        try:
            body = response.json()
            if isinstance(body, dict) and isinstance(body.get("error"), str):
                error = body["error"]
        except ValueError:
            pass
        if response.status_code in (400, 401) and refreshing and error == "invalid_grant":
            raise ReauthenticationRequired(
                f"{what}: the refresh token is no longer valid", error=error, status=400
            )
        # The error code is vocabulary from RFC 6749/9449; error_description may quote input.
        raise IdentityProviderError(
            f"{what}: HTTP {response.status_code} {error}", error=error, status=response.status_code
        )


def _asks_for_nonce(response: httpx.Response) -> bool:
    if response.status_code not in (400, 401):
        return False
    if "use_dpop_nonce" in response.headers.get("WWW-Authenticate", ""):
        return True
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("error") == "use_dpop_nonce"
