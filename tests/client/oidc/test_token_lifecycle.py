"""Refresh before expiry, rotation, resume after restart, sign-out revocation, the IdP's nonce
challenge, and the platform's refusals (wrong audience, replayed proof, misuse) — all against
the real identity provider and journal platform."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from client import FhirClient, Unauthorized
from client.oidc import (
    BrowserSignIn,
    DpopAuth,
    DpopKey,
    IdentityProviderClient,
    IdentityProviderUnreachable,
    NotSignedIn,
    ReauthenticationRequired,
    TokenSession,
    refresh_token_name,
)
from tests.client.oidc.helpers import Clock, CountingTransport, payload
from tests.idp.fixtures import Installation, browser_sign_in, make_installation
from tests.idp.launcher import OTHER_RESOURCE, OTHER_SCOPE, IdentityProvider, SyntheticUser
from tests.platform.launcher import Platform


def _refresh_form(refresh_token: str) -> dict[str, str]:
    return {"grant_type": "refresh_token", "refresh_token": refresh_token}


def test_the_token_is_refreshed_before_expiry_from_expires_in(
    installation: Installation, users: dict[str, SyntheticUser]
) -> None:
    clock = Clock()
    with installation.provider(clock=clock) as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
        session = TokenSession.from_sign_in(provider, result, vault=installation.vault, clock=clock)
        first = session.access_token()
        assert session.access_token() == first  # far from expiry: no refresh

        clock.offset = result.tokens.expires_at - clock() - 30  # inside the 60 s margin
        second = session.access_token()

    assert second != first
    assert payload(second)["cnf"] == {"jkt": result.dpop.jkt}  # same DPoP key
    stored = installation.vault.load(refresh_token_name(result.identity))
    assert stored is not None
    assert stored.decode() != result.tokens.refresh_token


def test_a_rotated_away_refresh_token_no_longer_works(
    installation: Installation, users: dict[str, SyntheticUser]
) -> None:
    with installation.provider() as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
        session = TokenSession.from_sign_in(provider, result, vault=None)
        session.refresh()
        assert result.tokens.refresh_token is not None
        with pytest.raises(ReauthenticationRequired):
            provider.token(_refresh_form(result.tokens.refresh_token), dpop=DpopKey())


def test_sign_out_revokes_and_forgets_the_refresh_token(
    installation: Installation, users: dict[str, SyntheticUser]
) -> None:
    with installation.provider() as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
        session = TokenSession.from_sign_in(provider, result, vault=installation.vault)
        name = refresh_token_name(result.identity)
        stored = installation.vault.load(name)
        assert stored is not None

        assert session.sign_out() is True
        assert installation.vault.load(name) is None
        with pytest.raises(NotSignedIn):
            session.access_token()
        with pytest.raises(ReauthenticationRequired):
            provider.token(_refresh_form(stored.decode()), dpop=DpopKey())


def test_a_revoked_refresh_token_makes_the_session_ask_for_a_new_sign_in(
    installation: Installation, users: dict[str, SyntheticUser]
) -> None:
    clock = Clock()
    with installation.provider(clock=clock) as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
        session = TokenSession.from_sign_in(provider, result, vault=installation.vault, clock=clock)
        assert result.tokens.refresh_token is not None
        provider.revoke(result.tokens.refresh_token)  # e.g. revoked centrally by IT

        clock.offset = result.tokens.expires_at - clock() + 1
        with pytest.raises(ReauthenticationRequired):
            session.access_token()
    assert installation.vault.load(refresh_token_name(result.identity)) is None
    assert not session.is_open


def test_a_restarted_app_resumes_from_the_sealed_refresh_token(
    installation: Installation, users: dict[str, SyntheticUser], secure_platform: Platform
) -> None:
    with installation.provider() as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
        TokenSession.from_sign_in(provider, result, vault=installation.vault)

    with installation.provider() as restarted:
        session = TokenSession.resume(restarted, identity=result.identity, vault=installation.vault)
        with FhirClient(secure_platform.fhir_base, auth=DpopAuth(session)) as fhir:
            assert fhir.search_pages("Patient", {"_count": "1"}) is not None
            next(iter(fhir.search_pages("Patient", {"_count": "1"})))
        assert payload(session.access_token())["cnf"] == {"jkt": session.dpop.jkt}


def test_the_identity_provider_nonce_challenge_is_answered_once(
    installation: Installation, users: dict[str, SyntheticUser]
) -> None:
    with installation.provider() as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
    transport = CountingTransport()
    assert result.tokens.refresh_token is not None
    with installation.provider(transport=transport) as fresh:  # knows no nonce yet
        tokens = fresh.token(_refresh_form(result.tokens.refresh_token), dpop=result.dpop)
    token_calls = [(m, s) for m, path, s in transport.calls if path == "/token"]
    assert token_calls == [("POST", 400), ("POST", 200)]
    assert tokens.access_token


def test_a_token_for_another_audience_is_rejected_by_the_platform(
    idp: IdentityProvider,
    users: dict[str, SyntheticUser],
    secure_platform: Platform,
    tmp_path: Path,
) -> None:
    other = make_installation(idp, tmp_path, resource=OTHER_RESOURCE, scope=OTHER_SCOPE)
    with other.provider() as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
        assert payload(result.tokens.access_token)["aud"] == OTHER_RESOURCE
        session = TokenSession.from_sign_in(provider, result, vault=None)
        with (
            FhirClient(secure_platform.fhir_base, auth=DpopAuth(session)) as fhir,
            pytest.raises(Unauthorized) as caught,
        ):
            fhir.read("Patient", "anything")
    assert 'error="invalid_token"' in (caught.value.www_authenticate or "")


def _signed_in(installation: Installation, user: SyntheticUser) -> tuple[str, DpopKey]:
    with installation.provider() as provider:
        result = browser_sign_in(provider, user)
    return result.tokens.access_token, result.dpop


def _nonce(http: httpx.Client, url: str, token: str, dpop: DpopKey) -> str:
    first = http.get(
        url,
        headers={
            "Authorization": f"DPoP {token}",
            "DPoP": dpop.proof("GET", url, access_token=token),
        },
    )
    assert first.status_code == 401
    assert 'error="use_dpop_nonce"' in first.headers["WWW-Authenticate"]
    return first.headers["DPoP-Nonce"]


def test_a_replayed_dpop_proof_is_rejected_by_the_platform(
    installation: Installation, users: dict[str, SyntheticUser], secure_platform: Platform
) -> None:
    token, dpop = _signed_in(installation, users["kari.sykepleier"])
    url = f"{secure_platform.fhir_base}/Patient"
    with httpx.Client() as http:
        nonce = _nonce(http, url, token, dpop)
        proof = dpop.proof("GET", url, access_token=token, nonce=nonce)
        headers = {"Authorization": f"DPoP {token}", "DPoP": proof}
        assert http.get(url, headers=headers).status_code == 200
        replay = http.get(url, headers=headers)
    assert replay.status_code == 401
    assert 'error="invalid_dpop_proof"' in replay.headers["WWW-Authenticate"]


@pytest.mark.parametrize(
    "case",
    [
        "bearer-scheme",
        "no-proof",
        "proof-for-other-url",
        "proof-for-other-method",
        "proof-without-ath",
        "proof-by-other-key",
        "stale-proof",
        "tampered-token",
    ],
)
def test_the_platform_refuses_misused_tokens_and_proofs(
    case: str,
    installation: Installation,
    users: dict[str, SyntheticUser],
    secure_platform: Platform,
) -> None:
    token, dpop = _signed_in(installation, users["kari.sykepleier"])
    url = f"{secure_platform.fhir_base}/Patient"
    with httpx.Client() as http:
        nonce = _nonce(http, url, token, dpop)
        scheme, sent_token, proof_key = "DPoP", token, dpop
        method, proof_url, ath_token = "GET", url, token
        if case == "bearer-scheme":
            scheme = "Bearer"
        if case == "proof-for-other-url":
            proof_url = f"{secure_platform.fhir_base}/Observation"
        if case == "proof-for-other-method":
            method = "POST"
        if case == "proof-by-other-key":
            proof_key = DpopKey()
        if case == "tampered-token":
            head, body, signature = token.split(".")
            sent_token = f"{head}.{body}.{signature[:-4]}AAAA"
        if case == "proof-without-ath":
            proof = proof_key.proof(method, proof_url, nonce=nonce)
        elif case == "stale-proof":
            clock = Clock()
            clock.offset = -600
            stale = DpopKey(clock=clock)
            proof = stale.proof(method, proof_url, access_token=ath_token, nonce=nonce)
        else:
            proof = proof_key.proof(method, proof_url, access_token=ath_token, nonce=nonce)
        headers = {"Authorization": f"{scheme} {sent_token}"}
        if case != "no-proof":
            headers["DPoP"] = proof
        response = http.get(url, headers=headers)
    assert response.status_code == 401
    assert response.json()["resourceType"] == "OperationOutcome"
    assert token not in response.text


def test_no_token_at_all_is_refused_with_a_dpop_challenge(secure_platform: Platform) -> None:
    response = httpx.get(f"{secure_platform.fhir_base}/Patient")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("DPoP ")
    assert httpx.get(f"{secure_platform.fhir_base}/metadata").status_code == 200


def test_a_provider_that_cannot_be_reached_is_reported_as_such(
    installation: Installation,
) -> None:
    config = replace(installation.config, issuer="http://127.0.0.1:9")
    with (
        IdentityProviderClient(config, client_key=installation.key) as provider,
        pytest.raises(IdentityProviderUnreachable),
    ):
        BrowserSignIn(provider, open_browser=lambda _u: None).run(timeout=1)


def test_a_token_the_platform_refuses_is_refreshed_once_and_the_call_retried(
    installation: Installation, users: dict[str, SyntheticUser], secure_platform: Platform
) -> None:
    transport = CountingTransport()
    with installation.provider() as provider:
        result = browser_sign_in(provider, users["kari.sykepleier"])
        broken = replace(result.tokens, access_token="eyJhbGciOiJFUzI1NiJ9.e30.c2ln")
        session = TokenSession(
            provider, identity=result.identity, tokens=broken, dpop=result.dpop, vault=None
        )
        base = secure_platform.fhir_base
        with FhirClient(base, auth=DpopAuth(session), transport=transport) as fhir:
            next(iter(fhir.search_pages("Patient", {"_count": "1"})))
        assert session.access_token() != broken.access_token
    assert [status for _m, _p, status in transport.calls] == [401, 200]
