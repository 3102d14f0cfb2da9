"""A person's saved sign-in, used without a window: ``pleiepunkt sync`` runs as that person.

The app seals each person's refresh token in their own vault (keyed from their data key, so it
opens only after their PIN) when they sign in online. Here the session is resumed exactly as
the app resumes it at a PIN unlock (``Session.unlock_with_pin``: a new DPoP key, the refresh
token exchanged, the rotated one sealed again), so a headless sync calls the platform with that
person's own DPoP-bound tokens. Nothing prompts: without a usable saved sign-in the answer is
``NoSavedSignIn``, whose message says to sign in from the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.session.people import KnownPeople
from app.session.sign_in import open_sign_in, person_vault
from client.oidc import NotSignedIn, ReauthenticationRequired, TokenSession
from config import Settings

if TYPE_CHECKING:
    from client.oidc import IdentityProviderClient
    from offline import DataKey


class NoSavedSignIn(Exception):
    """There is no saved sign-in that works for this person: they must sign in from the app.
    The message is English for IT and names no patient data."""


def resume_saved_sign_in(
    settings: Settings, *, data_dir: Path, subject: str, data_key: DataKey
) -> tuple[IdentityProviderClient, TokenSession]:
    """The identity provider client and ``subject``'s resumed session (``data_key`` opens
    their vault). The caller closes the provider and forgets the tokens when done; the sealed
    (rotated) refresh token stays for the app.

    NoSavedSignIn when nobody with ``subject`` completed a sign-in here, they signed out, or
    the identity provider refused the saved token; NotConfigured without an identity provider;
    IdentityProviderUnreachable (offline) passes through unchanged.
    """
    provider, vault = open_sign_in(settings, data_dir=data_dir)
    try:
        person = KnownPeople(vault, issuer=provider.config.issuer).find(subject)
        if person is None:
            raise NoSavedSignIn(
                "nobody with this user id has signed in on this computer: "
                "sign in from the app first"
            )
        try:
            tokens = TokenSession.resume(
                provider, identity=person, vault=person_vault(data_dir, data_key)
            )
        except NotSignedIn:
            raise NoSavedSignIn(
                "there is no saved sign-in for this user on this computer (signed out, or "
                "never signed in here): sign in from the app first"
            ) from None
        except ReauthenticationRequired:
            raise NoSavedSignIn(
                "the saved sign-in has expired or was revoked: sign in from the app again"
            ) from None
    except BaseException:
        provider.close()
        raise
    return provider, tokens
