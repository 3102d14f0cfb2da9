"""The local identity provider enforces HelseID's profile: PAR only, PKCE S256 only,
private_key_jwt only, DPoP-bound tokens with nonces, resource indicators, HPR claims."""

from __future__ import annotations

import time

import httpx
import pytest

from client.oidc import (
    AuthorizationSecrets,
    BrowserSignIn,
    DpopKey,
    SignInNotCompleted,
    client_assertion,
)
from tests.idp.browser import HttpBrowser
from tests.idp.fixtures import Installation
from tests.idp.launcher import FHIR_RESOURCE, IdentityProvider, SyntheticUser

CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def _par_form(installation: Installation, **overrides: str) -> dict[str, str]:
    one_time = AuthorizationSecrets()
    form = {
        "response_type": "code",
        "client_id": installation.config.client_id,
        "redirect_uri": "http://127.0.0.1:5555/callback",
        "scope": installation.config.scope,
        "state": one_time.state,
        "nonce": one_time.nonce,
        "code_challenge": one_time.code_challenge,
        "code_challenge_method": "S256",
        "resource": FHIR_RESOURCE,
        "client_assertion_type": CLIENT_ASSERTION_TYPE,
        "client_assertion": client_assertion(
            installation.key,
            client_id=installation.config.client_id,
            audience=installation.config.issuer,
            now=time.time(),
        ),
    }
    form.update(overrides)
    return {k: v for k, v in form.items() if v != ""}


def test_discovery_advertises_the_helseid_profile(idp: IdentityProvider) -> None:
    meta = httpx.get(f"{idp.issuer}/.well-known/openid-configuration").json()
    assert meta["require_pushed_authorization_requests"] is True
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert meta["token_endpoint_auth_methods_supported"] == ["private_key_jwt"]
    assert "ES256" in meta["dpop_signing_alg_values_supported"]
    assert "helseid://claims/hpr/hpr_number" in meta["claims_supported"]
    assert meta["authorization_response_iss_parameter_supported"] is True


def test_a_par_request_is_accepted(idp: IdentityProvider, installation: Installation) -> None:
    response = httpx.post(f"{idp.issuer}/request", data=_par_form(installation))
    assert response.status_code == 201
    assert response.json()["request_uri"].startswith("urn:ietf:params:oauth:request_uri:")


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"code_challenge": "", "code_challenge_method": ""}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"client_assertion": "", "client_assertion_type": ""}, "invalid_client"),
        ({"resource": "urn:unknown:api"}, "invalid_target"),
        ({"redirect_uri": "http://evil.example/callback"}, "invalid_request"),
    ],
)
def test_par_refuses_what_the_profile_forbids(
    idp: IdentityProvider, installation: Installation, overrides: dict[str, str], error: str
) -> None:
    response = httpx.post(f"{idp.issuer}/request", data=_par_form(installation, **overrides))
    assert response.status_code in (400, 401)
    assert response.json()["error"] == error


def test_the_login_page_admits_only_itself_and_its_own_redirect_origin(
    idp: IdentityProvider, installation: Installation
) -> None:
    """Chromium checks form-action on the redirect that ends a sign-in (tests/browser)."""
    pushed = httpx.post(f"{idp.issuer}/request", data=_par_form(installation)).json()
    with httpx.Client(follow_redirects=True) as browser:
        page = browser.get(
            f"{idp.issuer}/auth",
            params={
                "client_id": installation.config.client_id,
                "request_uri": pushed["request_uri"],
            },
        )
    assert 'id="login"' in page.text
    policy = {
        directive.split(" ", 1)[0]: directive.split(" ", 1)[1]
        for directive in page.headers["content-security-policy"].split("; ")
    }
    assert policy["form-action"] == "'self' http://127.0.0.1:5555"
    assert policy["default-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_authorization_without_par_is_refused(
    idp: IdentityProvider, installation: Installation
) -> None:
    form = _par_form(installation)
    for name in ("client_assertion", "client_assertion_type"):
        form.pop(name)
    page = httpx.get(f"{idp.issuer}/auth", params=form)
    answer = httpx.URL(page.headers["location"])
    assert answer.params.get("error") == "invalid_request"
    assert "code" not in answer.params


def test_the_token_endpoint_demands_a_dpop_proof(
    idp: IdentityProvider, installation: Installation
) -> None:
    def form() -> dict[str, str]:
        return {
            "grant_type": "authorization_code",
            "code": "not-a-code",
            "redirect_uri": "http://127.0.0.1:5555/callback",
            "code_verifier": AuthorizationSecrets().code_verifier,
            "client_assertion_type": CLIENT_ASSERTION_TYPE,
            "client_assertion": client_assertion(
                installation.key,
                client_id=installation.config.client_id,
                audience=idp.issuer,
                now=time.time(),
            ),
        }

    without = httpx.post(f"{idp.issuer}/token", data=form())
    assert without.status_code == 400
    proof = DpopKey().proof("POST", f"{idp.issuer}/token")
    with_proof = httpx.post(f"{idp.issuer}/token", data=form(), headers={"DPoP": proof})
    assert with_proof.json()["error"] == "use_dpop_nonce"
    assert with_proof.headers["DPoP-Nonce"]


def test_a_wrong_password_shows_the_login_form_again(
    installation: Installation, users: dict[str, SyntheticUser]
) -> None:
    nurse = users["kari.sykepleier"]
    browser = HttpBrowser(nurse.username, "wrong-password")
    with installation.provider() as provider, pytest.raises(SignInNotCompleted):
        BrowserSignIn(provider, open_browser=browser).run(timeout=3)
    assert browser.error is not None
    assert "refused the test credentials" in str(browser.error)
