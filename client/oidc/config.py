"""What the app must know to sign in: issuer, client id, the API's resource indicator, scopes."""

from __future__ import annotations

from dataclasses import dataclass

IDENTITY_SCOPES = ("openid", "profile", "offline_access", "helseid://scopes/hpr/hpr_number")


@dataclass(frozen=True, slots=True)
class OidcConfig:
    """One installation's registration at the identity provider (no secrets in here).

    ``resource`` is the RFC 8707 resource indicator of the journal platform's FHIR API, so the
    access token has that single audience; ``api_scopes`` are the API's scopes.
    """

    issuer: str
    client_id: str
    resource: str
    api_scopes: tuple[str, ...] = ()
    identity_scopes: tuple[str, ...] = IDENTITY_SCOPES
    redirect_path: str = "/callback"
    refresh_margin_seconds: float = 60.0
    sign_in_timeout_seconds: float = 300.0
    http_timeout_seconds: float = 20.0

    @property
    def scope(self) -> str:
        """The space-separated scope parameter."""
        return " ".join((*self.identity_scopes, *self.api_scopes))
