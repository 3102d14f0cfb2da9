"""Sign-in edge cases (#15 finding 9): the loopback listener ignores a request without this
sign-in's ``state`` and keeps waiting; it binds exclusively; ``iss`` (RFC 9207) is required when
the provider advertises it; ``azp`` is checked when the ID token has several audiences."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from client.oidc import (
    BrowserSignIn,
    IdentityProviderClient,
    InvalidIdentityToken,
    LoopbackReceiver,
    OidcConfig,
    SigningKey,
)
from client.oidc.loopback import bind_exclusively

ISSUER = "https://idp.example"
CLIENT = "pleiepunkt-test"


def test_finding_9_a_request_without_the_state_is_ignored_and_the_listener_keeps_waiting() -> None:
    with LoopbackReceiver(state="the-real-state") as receiver:
        probe = httpx.get(receiver.redirect_uri, params={"code": "attacker", "state": "guess"})
        assert probe.status_code == 400
        assert httpx.get(receiver.redirect_uri, params={"code": "x"}).status_code == 400
        real = {"code": "c1", "state": "the-real-state"}

        def browser() -> None:
            time.sleep(0.2)
            httpx.get(receiver.redirect_uri, params=real)

        threading.Thread(target=browser).start()
        assert receiver.wait(5) == real


def test_finding_9_the_port_is_not_shared() -> None:
    with LoopbackReceiver(state="s") as receiver:
        port = int(receiver.redirect_uri.split(":")[2].split("/")[0])
        intruder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        intruder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        with pytest.raises(OSError):
            intruder.bind(("127.0.0.1", port))
        intruder.close()


class FakeSocket:
    def __init__(self) -> None:
        self.options: list[tuple[int, int, int]] = []

    def setsockopt(self, level: int, option: int, value: int) -> None:
        self.options.append((level, option, value))


def test_finding_9_windows_binds_with_exclusive_address_use() -> None:
    sock = FakeSocket()
    bind_exclusively(sock, platform="win32")  # type: ignore[arg-type]
    assert sock.options == [(socket.SOL_SOCKET, getattr(socket, "SO_EXCLUSIVEADDRUSE", -5), 1)]
    linux = FakeSocket()
    bind_exclusively(linux, platform="linux")  # type: ignore[arg-type]
    assert linux.options == []


class Provider:
    """An identity provider answering over httpx.MockTransport with a real signing key."""

    def __init__(self, *, iss_supported: bool) -> None:
        self.key = ECKey.generate_key("P-256", parameters={"kid": "k1"})
        self.iss_supported = iss_supported

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("openid-configuration"):
            body: dict[str, Any] = {
                "issuer": ISSUER,
                "authorization_endpoint": f"{ISSUER}/auth",
                "pushed_authorization_request_endpoint": f"{ISSUER}/par",
                "token_endpoint": f"{ISSUER}/token",
                "revocation_endpoint": f"{ISSUER}/revoke",
                "jwks_uri": f"{ISSUER}/jwks",
            }
            if self.iss_supported:
                body["authorization_response_iss_parameter_supported"] = True
            return httpx.Response(200, json=body)
        if request.url.path == "/jwks":
            return httpx.Response(200, json={"keys": [self.key.as_dict(private=False)]})
        return httpx.Response(404)

    def client(self) -> IdentityProviderClient:
        return IdentityProviderClient(
            OidcConfig(issuer=ISSUER, client_id=CLIENT, resource="urn:api"),
            client_key=SigningKey.generate(),
            transport=httpx.MockTransport(self.handler),
        )

    def id_token(self, **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "sub": "s1", "aud": CLIENT, "iat": now, "exp": now + 60, **claims}
        return jwt.encode({"alg": "ES256", "kid": "k1"}, body, self.key)


def test_finding_9_iss_is_required_when_the_provider_advertises_it() -> None:
    provider = Provider(iss_supported=True)
    with provider.client() as client:
        sign_in = BrowserSignIn(client)
        with pytest.raises(InvalidIdentityToken, match="RFC 9207"):
            sign_in._code_from({"code": "c", "state": "s"}, state="s")
        assert sign_in._code_from({"code": "c", "state": "s", "iss": ISSUER}, state="s") == "c"
    quiet = Provider(iss_supported=False)
    with quiet.client() as client:
        assert BrowserSignIn(client)._code_from({"code": "c", "state": "s"}, state="s") == "c"


def test_finding_9_azp_must_name_this_client_when_there_are_several_audiences() -> None:
    provider = Provider(iss_supported=True)
    with provider.client() as client:
        several = [CLIENT, "another-client"]
        with pytest.raises(InvalidIdentityToken, match="azp"):
            client.verify_id_token(provider.id_token(aud=several), nonce=None)
        with pytest.raises(InvalidIdentityToken, match="azp"):
            client.verify_id_token(provider.id_token(aud=several, azp="another-client"), nonce=None)
        claims = client.verify_id_token(provider.id_token(aud=several, azp=CLIENT), nonce=None)
        assert claims["azp"] == CLIENT
        assert client.verify_id_token(provider.id_token(), nonce=None)["sub"] == "s1"
