"""A person's saved sign-in, used without a window: ``pleiepunkt sync`` runs as that person.

The app seals each person's refresh token in the sign-in vault when they sign in online
(``TokenSession``). Here the same session is resumed the same way (a new DPoP key, the refresh
token exchanged, the rotated one sealed again), so a headless sync calls the platform with that
person's own DPoP-bound tokens. Who the person is comes from the vault too: the last online
sign-in on this machine (``OfflineUnlockGate``) or the record of everyone who signed in here.
Nothing prompts: when there is no usable saved sign-in the answer is ``NoUsableSession``, whose
message says what to do (sign in from the app).
"""

from __future__ import annotations

import json

from client.oidc.config import OidcConfig
from client.oidc.errors import (
    NotSignedIn,
    ReauthenticationRequired,
    SecretStorageError,
    SignInError,
)
from client.oidc.identity import Identity, identity_from_claims
from client.oidc.installation import Vault, load_or_create_client_key
from client.oidc.offline_gate import LAST_SIGN_IN_NAME
from client.oidc.provider import IdentityProviderClient
from client.oidc.session import TokenSession

KNOWN_PEOPLE = "known-colleagues"  # who has signed in here (main.py's AppSession keeps it)


class NoUsableSession(SignInError):
    """There is no saved sign-in that works for this person; they must sign in from the app."""

    user_message = "Ingen gyldig innlogging er lagret for deg. Logg inn i Pleiepunkt først."


def saved_identity(vault: Vault, subject: str) -> Identity:
    """The identity of ``subject`` as it signed in on this machine, or NoUsableSession."""
    candidates: list[object] = []
    last = vault.load(LAST_SIGN_IN_NAME)
    if last is not None:
        candidates.append(_json(last).get("claims"))
    known = vault.load(KNOWN_PEOPLE)
    if known is not None:
        candidates.extend(_json(known).values())
    for claims in candidates:
        if isinstance(claims, dict) and claims.get("sub") == subject:
            try:
                return identity_from_claims(claims)
            except ValueError:
                continue
    raise NoUsableSession(
        "nobody with this user id has signed in on this computer: sign in from the app first"
    )


def resume_saved_session(
    provider: IdentityProviderClient, *, vault: Vault, subject: str
) -> TokenSession:
    """``subject``'s session from their sealed refresh token, refreshed as the app does.

    NoUsableSession when there is none or the identity provider refused it;
    IdentityProviderUnreachable (offline) passes through unchanged.
    """
    identity = saved_identity(vault, subject)
    try:
        return TokenSession.resume(provider, identity=identity, vault=vault)
    except NotSignedIn:
        raise NoUsableSession(
            "there is no saved sign-in for this user on this computer (signed out, or never "
            "signed in here): sign in from the app first"
        ) from None
    except ReauthenticationRequired:
        raise NoUsableSession(
            "the saved sign-in has expired or was revoked: sign in from the app again"
        ) from None


def open_saved_session(
    *,
    issuer: str,
    client_id: str,
    resource: str,
    api_scopes: tuple[str, ...],
    vault: Vault,
    subject: str,
) -> tuple[IdentityProviderClient, TokenSession]:
    """The identity provider client of this installation and ``subject``'s resumed session.

    The caller closes the provider and forgets the tokens when done (the sealed refresh token
    stays for the app). Raises as ``resume_saved_session``; the provider is closed then.
    """
    provider = IdentityProviderClient(
        OidcConfig(issuer=issuer, client_id=client_id, resource=resource, api_scopes=api_scopes),
        client_key=load_or_create_client_key(vault),
    )
    try:
        return provider, resume_saved_session(provider, vault=vault, subject=subject)
    except BaseException:
        provider.close()
        raise


def _json(raw: bytes) -> dict[str, object]:
    try:
        value = json.loads(raw)
    except ValueError:
        raise SecretStorageError("a sealed sign-in record is damaged") from None
    return value if isinstance(value, dict) else {}
