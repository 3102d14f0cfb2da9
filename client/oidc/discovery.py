"""The identity provider's metadata (``/.well-known/openid-configuration``), checked on arrival."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from client.oidc.errors import IdentityProviderError


@dataclass(frozen=True, slots=True)
class ProviderMetadata:
    """The endpoints sign-in needs; every one is required (HelseID publishes them all)."""

    issuer: str
    authorization_endpoint: str
    pushed_authorization_request_endpoint: str
    token_endpoint: str
    revocation_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    end_session_endpoint: str | None
    authorization_response_iss_supported: bool = False
    """RFC 9207 §3: the provider promises ``iss`` in every authorization response."""

    @classmethod
    def parse(cls, body: Mapping[str, Any], *, expected_issuer: str) -> ProviderMetadata:
        """Read the discovery document; its ``issuer`` must be exactly the configured one."""
        if body.get("issuer") != expected_issuer:
            raise IdentityProviderError(
                "discovery document names another issuer than configured", error="invalid_issuer"
            )
        required = (
            "authorization_endpoint",
            "pushed_authorization_request_endpoint",
            "token_endpoint",
            "revocation_endpoint",
            "jwks_uri",
        )
        missing = [name for name in required if not isinstance(body.get(name), str)]
        if missing:
            raise IdentityProviderError(
                f"discovery document lacks {', '.join(missing)}", error="invalid_metadata"
            )
        methods = body.get("code_challenge_methods_supported")
        if isinstance(methods, list) and "S256" not in methods:
            raise IdentityProviderError(
                "identity provider lacks PKCE S256", error="invalid_metadata"
            )

        def optional(name: str) -> str | None:
            value = body.get(name)
            return value if isinstance(value, str) else None

        return cls(
            issuer=expected_issuer,
            authorization_endpoint=body["authorization_endpoint"],
            pushed_authorization_request_endpoint=body["pushed_authorization_request_endpoint"],
            token_endpoint=body["token_endpoint"],
            revocation_endpoint=body["revocation_endpoint"],
            jwks_uri=body["jwks_uri"],
            userinfo_endpoint=optional("userinfo_endpoint"),
            end_session_endpoint=optional("end_session_endpoint"),
            authorization_response_iss_supported=body.get(
                "authorization_response_iss_parameter_supported"
            )
            is True,
        )
