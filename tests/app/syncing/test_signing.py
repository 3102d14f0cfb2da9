"""The sync process's requests are signed in the window's process, which keeps the sign-in."""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx
import pytest

from app.syncing.messages import Signed, SignRequest
from app.syncing.signing import PlatformSigner, RemoteSigning
from client.oidc import (
    DpopAuth,
    IdentityProviderUnreachable,
    NotSignedIn,
    ReauthenticationRequired,
)

BASE = "https://fhir.kommune.example/fhir/R4"


class _Proofs:
    def __init__(self) -> None:
        self.made: list[tuple[str, str, str | None, str | None]] = []

    def proof(
        self,
        method: str,
        url: httpx.URL | str,
        *,
        access_token: str | None = None,
        nonce: str | None = None,
    ) -> str:
        self.made.append((method, str(url), access_token, nonce))
        return f"proof-{len(self.made)}"


class _Tokens:
    """A ``TokenSession``'s signing side: token ``t1``, refreshed to ``t2``."""

    def __init__(self, *, failure: Exception | None = None) -> None:
        self.dpop = _Proofs()
        self.current = "t1"
        self.failure = failure

    def access_token(self) -> str:
        if self.failure is not None:
            raise self.failure
        return self.current

    def refresh(self, *, stale_token: str | None = None) -> str:
        if stale_token == self.current:
            self.current = "t2"
        return self.current


def _signer(tokens: _Tokens) -> PlatformSigner:
    return PlatformSigner(tokens, base_url=BASE)  # type: ignore[arg-type]


def _wired(signer: PlatformSigner) -> RemoteSigning:
    """The child's side, answered at once by ``signer`` as the parent's pipe reader would."""
    remote: list[RemoteSigning] = []

    def send(request: SignRequest) -> None:
        answer = signer.answer(request)
        threading.Thread(target=remote[0].deliver, args=(answer,)).start()

    remote.append(RemoteSigning(send))
    return remote[0]


def test_dpop_auth_in_the_child_signs_with_the_parent_s_token_and_key() -> None:
    tokens = _Tokens()
    auth = DpopAuth(_wired(_signer(tokens)))
    sent: list[tuple[str, str]] = []

    def platform(request: httpx.Request) -> httpx.Response:
        sent.append((request.headers["Authorization"], request.headers["DPoP"]))
        if len(sent) == 1:
            return httpx.Response(401, headers={"WWW-Authenticate": 'DPoP error="invalid_token"'})
        return httpx.Response(200, json={"resourceType": "Bundle"})

    with httpx.Client(transport=httpx.MockTransport(platform), auth=auth) as http:
        assert http.get(f"{BASE}/Patient?_count=1").status_code == 200
    assert sent == [("DPoP t1", "proof-1"), ("DPoP t2", "proof-2")]
    assert tokens.dpop.made[1] == ("GET", f"{BASE}/Patient?_count=1", "t2", None)


@pytest.mark.parametrize(
    "url",
    [
        "https://attacker.example/fhir/R4/Patient",
        "http://fhir.kommune.example/fhir/R4/Patient",
        "https://fhir.kommune.example/fhir/R4-other/Patient",
        "https://fhir.kommune.example:8443/fhir/R4/Patient",
    ],
)
def test_no_proof_is_made_for_an_address_outside_the_platform(url: str) -> None:
    tokens = _Tokens()
    answer = _signer(tokens).answer(SignRequest(7, "proof", method="GET", url=url))
    assert answer == Signed(7, failure="error", message="ValueError")
    assert tokens.dpop.made == []


@pytest.mark.parametrize(
    ("failure", "raised"),
    [
        (IdentityProviderUnreachable("offline"), IdentityProviderUnreachable),
        (ReauthenticationRequired("revoked", error="invalid_grant"), NotSignedIn),
    ],
)
def test_a_failed_token_is_raised_in_the_child_as_the_session_would_have(
    failure: Exception, raised: type[Exception]
) -> None:
    remote = _wired(_signer(_Tokens(failure=failure)))
    with pytest.raises(raised):
        remote.access_token()


def test_a_closed_signing_ends_every_wait() -> None:
    requests: list[SignRequest] = []
    remote = RemoteSigning(requests.append)
    failures: list[Exception] = []

    def ask(call: Callable[[], str]) -> None:
        try:
            call()
        except IdentityProviderUnreachable as error:
            failures.append(error)

    waiting = threading.Thread(target=ask, args=(remote.access_token,))
    waiting.start()
    while not requests:
        threading.Event().wait(0.01)
    remote.close()
    waiting.join(5)
    assert len(failures) == 1
    with pytest.raises(IdentityProviderUnreachable):
        remote.access_token()
