"""A token response, parsed: a DPoP access token with its expiry, refresh and ID tokens."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from client.oidc.errors import IdentityProviderError


@dataclass(frozen=True, slots=True)
class TokenSet:
    """Tokens from one token response; ``repr`` shows none of them."""

    access_token: str
    expires_at: float
    refresh_token: str | None
    id_token: str | None
    scope: str

    def __repr__(self) -> str:
        return (
            f"TokenSet(expires_at={self.expires_at:.0f}, refresh_token="
            f"{'<set>' if self.refresh_token else None}, scope={self.scope!r})"
        )

    def expires_within(self, seconds: float, *, now: float) -> bool:
        """True when the access token expires in less than ``seconds`` from ``now``."""
        return self.expires_at - now < seconds

    @classmethod
    def from_response(
        cls, body: Mapping[str, Any], *, now: float, previous: TokenSet | None = None
    ) -> TokenSet:
        """Parse a token endpoint JSON body; the access token must be DPoP-bound.

        A refresh response without a new refresh token or ID token keeps ``previous``'s.
        """
        token = body.get("access_token")
        token_type = body.get("token_type")
        expires_in = body.get("expires_in")
        if not isinstance(token, str) or not token:
            raise IdentityProviderError("token response without an access token", error="invalid")
        if not isinstance(token_type, str) or token_type.lower() != "dpop":
            raise IdentityProviderError(
                "token response is not a DPoP-bound token (token_type must be DPoP)",
                error="invalid",
            )
        if not isinstance(expires_in, int | float) or isinstance(expires_in, bool):
            raise IdentityProviderError("token response without expires_in", error="invalid")
        refresh = body.get("refresh_token")
        id_token = body.get("id_token")
        scope = body.get("scope")
        return cls(
            access_token=token,
            expires_at=now + float(expires_in),
            refresh_token=refresh
            if isinstance(refresh, str)
            else (previous.refresh_token if previous else None),
            id_token=id_token
            if isinstance(id_token, str)
            else (previous.id_token if previous else None),
            scope=scope if isinstance(scope, str) else (previous.scope if previous else ""),
        )
