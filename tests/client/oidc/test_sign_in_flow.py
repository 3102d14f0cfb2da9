"""First sign-in end to end: PAR + PKCE + loopback + private_key_jwt + DPoP against the real
local identity provider, then platform calls with the DPoP-bound token. No mocks: the browser
step is an HTTP client posting the provider's real login form."""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import replace

import httpx
import pytest

from client import FhirClient
from client.oidc import (
    Action,
    BrowserSignIn,
    DpopAuth,
    IdentityProviderClient,
    IdentityProviderError,
    Role,
    SignInCancelled,
    SigningKey,
    SignInNotCompleted,
    TokenSession,
    access_token_hash,
)
from tests.client.oidc.helpers import CountingTransport, header, payload
from tests.idp.browser import HttpBrowser
from tests.idp.fixtures import Installation, browser_sign_in
from tests.idp.launcher import FHIR_RESOURCE, FHIR_SCOPE, SyntheticUser
from tests.platform.launcher import Platform

PATIENT = {
    "resourceType": "Patient",
    "identifier": [{"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "13917499758"}],
    "name": [{"family": "Testpasient", "given": ["Syntetisk"]}],
}


def test_first_sign_in_gives_the_nurse_identity_and_a_dpop_bound_token(
    installation: Installation, users: dict[str, SyntheticUser]
) -> None:
    nurse = users["kari.sykepleier"]
    with installation.provider() as provider:
        result = browser_sign_in(provider, nurse)

    assert result.identity.subject == nurse.subject
    assert result.identity.name == nurse.name
    assert result.identity.hpr_number == nurse.hpr_number
    assert result.identity.role is Role.NURSE
    assert result.identity.may(Action.REQUEST_RENEWAL)
    assert not result.identity.may(Action.PRESCRIBE)

    access = payload(result.tokens.access_token)
    assert header(result.tokens.access_token)["typ"] == "at+jwt"
    assert access["aud"] == FHIR_RESOURCE
    assert FHIR_SCOPE in str(access["scope"]).split()
    assert access["cnf"] == {"jkt": result.dpop.jkt}
    assert access["helseid://claims/hpr/hpr_number"] == nurse.hpr_number
    assert result.tokens.refresh_token is not None
    assert result.tokens.expires_at > time.time() + 200


def test_the_physician_gets_the_physician_role(
    installation: Installation, users: dict[str, SyntheticUser]
) -> None:
    with installation.provider() as provider:
        result = browser_sign_in(provider, users["lars.lege"])
    assert result.identity.role is Role.PHYSICIAN
    assert result.identity.may(Action.PRESCRIBE)


def test_platform_calls_carry_dpop_and_answer_the_nonce_challenge_once(
    installation: Installation, users: dict[str, SyntheticUser], secure_platform: Platform
) -> None:
    with installation.provider() as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
        session = TokenSession.from_sign_in(provider, result, vault=installation.vault)
        transport = CountingTransport()
        auth = DpopAuth(session)
        with FhirClient(secure_platform.fhir_base, auth=auth, transport=transport) as fhir:
            created = fhir.create(PATIENT)
            assert created.resource is not None
            patient_id = created.resource["id"]
            assert fhir.read("Patient", patient_id)["id"] == patient_id
            assert fhir.read("Patient", patient_id)["id"] == patient_id

    statuses = [status for _method, _path, status in transport.calls]
    # The first call learns the server's nonce (401 use_dpop_nonce), then every call passes.
    assert statuses == [401, 201, 200, 200]


def test_every_request_gets_a_fresh_proof_bound_to_the_token(
    installation: Installation, users: dict[str, SyntheticUser], secure_platform: Platform
) -> None:
    proofs: list[str] = []

    def keep_proof(request: httpx.Request) -> None:
        proofs.append(request.headers["DPoP"])

    with installation.provider() as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
        session = TokenSession.from_sign_in(provider, result, vault=None)
        with httpx.Client(auth=DpopAuth(session), event_hooks={"request": [keep_proof]}) as http:
            url = f"{secure_platform.fhir_base}/Patient"
            assert http.get(url, params={"_count": "1"}).status_code == 200
            assert http.get(url, params={"_count": "1"}).status_code == 200

    claims = [payload(p) for p in proofs]
    assert len({c["jti"] for c in claims}) == len(claims)
    for proof, c in zip(proofs, claims, strict=True):
        assert header(proof)["typ"] == "dpop+jwt"
        assert c["htm"] == "GET"
        assert c["htu"] == f"{secure_platform.fhir_base}/Patient"
        assert c["ath"] == access_token_hash(result.tokens.access_token)
    assert "nonce" not in claims[0]
    assert "nonce" in claims[-1]


def test_cancel_at_the_identity_provider_is_a_cancelled_sign_in(
    installation: Installation, users: dict[str, SyntheticUser]
) -> None:
    nurse = users["kari.sykepleier"]
    browser = HttpBrowser(nurse.username, nurse.password, abort=True)
    with installation.provider() as provider, pytest.raises(SignInCancelled):
        BrowserSignIn(provider, open_browser=browser).run(timeout=30)


def test_a_browser_that_never_comes_back_times_out(installation: Installation) -> None:
    opened: list[str] = []
    with installation.provider() as provider, pytest.raises(SignInNotCompleted):
        BrowserSignIn(provider, open_browser=opened.append).run(timeout=0.5)
    assert len(opened) == 1
    url = httpx.URL(opened[0])
    # PAR: the browser URL carries only the client id and the request_uri.
    assert set(url.params.keys()) == {"client_id", "request_uri"}


def test_cancel_from_another_thread_ends_the_wait(installation: Installation) -> None:
    with installation.provider() as provider:
        sign_in = BrowserSignIn(provider, open_browser=lambda _url: None)
        threading.Timer(0.3, sign_in.cancel).start()
        started = time.monotonic()
        with pytest.raises(SignInCancelled):
            sign_in.run(timeout=30)
    assert time.monotonic() - started < 10


def test_an_unregistered_client_is_refused(installation: Installation) -> None:
    config = replace(installation.config, client_id=f"unknown-{uuid.uuid4().hex[:8]}")
    with (
        IdentityProviderClient(config, client_key=installation.key) as provider,
        pytest.raises(IdentityProviderError) as caught,
    ):
        BrowserSignIn(provider, open_browser=lambda _url: None).run(timeout=1)
    assert caught.value.error == "invalid_client"


def test_a_client_signing_with_another_key_is_refused(
    installation: Installation,
) -> None:
    other_key = SigningKey.generate()
    with (
        IdentityProviderClient(installation.config, client_key=other_key) as provider,
        pytest.raises(IdentityProviderError) as caught,
    ):
        BrowserSignIn(provider, open_browser=lambda _url: None).run(timeout=1)
    assert caught.value.error == "invalid_client"
