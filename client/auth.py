"""A static bearer token as an ``httpx.Auth``; real sign-in supplies its own (DPoP) Auth."""

from __future__ import annotations

from collections.abc import Callable, Generator

import httpx


class BearerAuth(httpx.Auth):
    """Sends ``Authorization: Bearer <token>``; ``token`` may be a callable read per request."""

    def __init__(self, token: str | Callable[[], str]) -> None:
        self._token = token

    def __repr__(self) -> str:
        return "BearerAuth(<token hidden>)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the bearer token to ``request`` and send it once."""
        token = self._token() if callable(self._token) else self._token
        request.headers["Authorization"] = f"Bearer {token}"
        yield request
