"""The sync process signs its platform requests with the person's sign-in, which stays here.

The person's ``TokenSession`` (the refresh token, the DPoP private key, the current access
token) lives in the window's process, and its refresh token is kept at rest only in their own
vault (``app.session.sign_in.person_vault``), which only this process writes. The sync process
asks over its pipe, request by request, for what ``client.oidc.DpopAuth`` needs: the current
access token (``token``), a refreshed one after the platform refused it (``refresh``), and a
DPoP proof for one method and URL (``proof``). So the refresh token and the private key never
leave this process; the child holds an access token for minutes, bound to a key it does not
have, and one-time proofs, each for one request to the platform (a proof for any other address
is refused). Handing the tokens over instead would put the refresh token in two processes, and
its rotation (each refresh replaces it in the vault) in two places.

``PlatformSigner`` answers in the parent; ``RemoteSigning`` is the child's ``SigningSession``.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Final

import httpx

from app.syncing.messages import FailureKind, Signed, SignRequest, SignWhat
from client.oidc import (
    IdentityProviderUnreachable,
    NotSignedIn,
    ProofSigner,
    SignInError,
    TokenSession,
)

log = logging.getLogger(__name__)

ANSWER_WAIT_S: Final = 60.0
"""How long the child waits for an answer; a refresh at the identity provider may take a while,
a parent that never answers is gone (the child then stops anyway)."""


class PlatformSigner:
    """Answers the sync process's ``SignRequest``s with one person's ``TokenSession``."""

    def __init__(self, tokens: TokenSession, *, base_url: str) -> None:
        self._tokens = tokens
        self._base = httpx.URL(base_url.rstrip("/") + "/")

    @property
    def subject(self) -> str:
        """Whose sign-in this is."""
        return self._tokens.identity.subject

    def answer(self, request: SignRequest) -> Signed:
        """The token or proof asked for, or why there is none (never raises)."""
        try:
            return Signed(request.request, value=self._value(request))
        except IdentityProviderUnreachable as error:
            return Signed(request.request, failure="unreachable", message=str(error))
        except SignInError as error:
            return Signed(request.request, failure="sign_in", message=str(error))
        except Exception as error:  # the child's request fails; this process carries on
            log.error("signing for the sync process failed: %s", type(error).__name__)
            return Signed(request.request, failure="error", message=type(error).__name__)

    def _value(self, request: SignRequest) -> str:
        if request.what == "token":
            return self._tokens.access_token()
        if request.what == "refresh":
            return self._tokens.refresh(stale_token=request.access_token)
        url = httpx.URL(request.url)
        if not self._on_platform(url):
            raise ValueError("a DPoP proof was asked for an address outside the platform")
        return self._tokens.dpop.proof(
            request.method, url, access_token=request.access_token, nonce=request.nonce
        )

    def _on_platform(self, url: httpx.URL) -> bool:
        base = self._base
        return (
            url.scheme == base.scheme
            and url.netloc == base.netloc
            and (url.path + "/").startswith(base.path)
        )


class RemoteSigning:
    """The child's ``SigningSession``: each token and proof asked of the parent.

    ``send`` puts a ``SignRequest`` on the pipe; the child's reading thread passes each
    ``Signed`` to ``deliver``. Safe from several threads (the pull's prefetch thread signs too).
    """

    def __init__(self, send: Callable[[SignRequest], None]) -> None:
        self._send = send
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._waiting: dict[int, _Answer] = {}
        self._closed = False

    @property
    def dpop(self) -> ProofSigner:
        return self

    def access_token(self) -> str:
        return self._ask("token")

    def refresh(self, *, stale_token: str | None = None) -> str:
        return self._ask("refresh", access_token=stale_token)

    def proof(
        self,
        method: str,
        url: httpx.URL | str,
        *,
        access_token: str | None = None,
        nonce: str | None = None,
    ) -> str:
        return self._ask(
            "proof", method=method, url=str(url), access_token=access_token, nonce=nonce
        )

    def deliver(self, signed: Signed) -> None:
        """The parent's answer to one request."""
        with self._lock:
            answer = self._waiting.pop(signed.request, None)
        if answer is not None:
            answer.give(signed)

    def close(self) -> None:
        """The parent is gone or the child is stopping: every wait ends, later asks fail."""
        with self._lock:
            self._closed = True
            waiting, self._waiting = self._waiting, {}
        for request, answer in waiting.items():
            answer.give(Signed(request, failure="unreachable", message="the app is closing"))

    def _ask(
        self,
        what: SignWhat,
        *,
        method: str = "",
        url: str = "",
        access_token: str | None = None,
        nonce: str | None = None,
    ) -> str:
        answer = _Answer()
        with self._lock:
            if self._closed:
                raise IdentityProviderUnreachable("the app is closing")
            request = next(self._ids)
            self._waiting[request] = answer
        self._send(
            SignRequest(
                request, what, method=method, url=url, access_token=access_token, nonce=nonce
            )
        )
        signed = answer.wait(ANSWER_WAIT_S)
        if signed is None:
            with self._lock:
                self._waiting.pop(request, None)
            raise IdentityProviderUnreachable("the app did not answer a signing request")
        if signed.value is not None:
            return signed.value
        raise _failure(signed.failure or "error", signed.message)


class _Answer:
    def __init__(self) -> None:
        self._ready = threading.Event()
        self._signed: Signed | None = None

    def give(self, signed: Signed) -> None:
        self._signed = signed
        self._ready.set()

    def wait(self, timeout: float) -> Signed | None:
        self._ready.wait(timeout)
        return self._signed


def _failure(kind: FailureKind, message: str) -> Exception:
    """The exception the child raises for a failure the parent reported: the same kind the
    ``TokenSession`` would have raised in-process, so the engine and its callers treat it alike."""
    if kind == "unreachable":
        return IdentityProviderUnreachable(message)
    if kind == "sign_in":
        return NotSignedIn(message)
    return SignInError(message)
