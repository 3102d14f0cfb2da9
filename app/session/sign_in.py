"""This installation's sign-in: the identity provider client, the sealed vaults and their names.

Two vaults. The *installation's* (``sign_in_vault``, keyed by a secret in the OS account's
keyring) holds what belongs to the computer: the client key that authenticates this
installation (not a person) and the list of people here. A *person's* (``person_vault``, keyed
from their data key, so it opens only after their PIN) holds their refresh token: nobody else
at the same OS account can act as them online. ``person_vault`` is the one way to seal and
unseal a person's refresh token (``TokenSession`` reads and writes it through the vault).

The journal platform's API is registered at the identity provider with a resource indicator
(RFC 8707) and a scope that are the same for every municipality, so they are not settings; the
issuer and client id are (machine configuration).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from app.errors import NotConfigured
from app.fhir_clients import connection_url
from client.oidc import (
    IdentityProviderClient,
    OidcConfig,
    SealedFileVault,
    SigningKey,
    load_or_create_client_key,
)
from config import CLIENT_ID, IDENTITY_PROVIDER_URL, Settings
from offline import OsKeyring, ensure_private_dir, person_vault_key

if TYPE_CHECKING:
    from offline import DataKey

FHIR_API_RESOURCE: Final = "urn:pleiepunkt:journal-platform"
FHIR_API_SCOPE: Final = "pleiepunkt:journal/fhir"
KEYRING_SERVICE_SIGN_IN: Final = "no.pleiepunkt.signin"


def sign_in_vault(data_dir: Path) -> SealedFileVault:
    """The sealed vault of this installation's sign-in secrets (client key, refresh tokens)."""
    return SealedFileVault(
        data_dir / "signin",
        secrets=OsKeyring(service=KEYRING_SERVICE_SIGN_IN),
        kek_name="signin",
    )


class _PersonKey:
    """A ``SecretSource`` holding one person's vault key (never written anywhere)."""

    def __init__(self, key: bytearray) -> None:
        self._key = key

    def get_secret(self, user_key: str) -> bytes | None:
        return bytes(self._key)

    def set_secret(self, user_key: str, secret: bytes) -> None:
        raise ValueError("a person's vault key is derived, never stored")

    def delete_secret(self, user_key: str) -> None:
        return


def person_vault(data_dir: Path, data_key: DataKey) -> SealedFileVault:
    """Seals and unseals this person's refresh token with this person's key (derived from
    their data key): the vault ``TokenSession`` is given for them."""
    return SealedFileVault(
        data_dir / "signin" / "people",
        secrets=_PersonKey(person_vault_key(data_key.raw())),
        kek_name="person",
    )


def client_key(data_dir: Path) -> SigningKey:
    """This installation's client key (made at the first run), for IT to register."""
    ensure_private_dir(data_dir)  # the vault's folder: this user's (and SYSTEM's) alone
    return load_or_create_client_key(sign_in_vault(data_dir))


def open_sign_in(
    settings: Settings, *, data_dir: Path
) -> tuple[IdentityProviderClient, SealedFileVault]:
    """The identity provider client with this installation's key (made at the first run) and
    the sealed vault; ``NotConfigured`` without an issuer and client id, before anything is
    made. The data folder is made private before the vault writes in it."""
    issuer, client_id = settings.get(IDENTITY_PROVIDER_URL), settings.get(CLIENT_ID)
    if not issuer or not client_id:
        raise NotConfigured(
            "identity_provider_url and client_id must be configured (machine configuration)",
            setting=IDENTITY_PROVIDER_URL.name if not issuer else CLIENT_ID.name,
        )
    checked = connection_url(issuer, settings, setting=IDENTITY_PROVIDER_URL.name)
    ensure_private_dir(data_dir)  # before the vault writes in it: private from the start
    vault = sign_in_vault(data_dir)
    config = OidcConfig(
        issuer=checked,
        client_id=client_id,
        resource=FHIR_API_RESOURCE,
        api_scopes=(FHIR_API_SCOPE,),
    )
    return IdentityProviderClient(config, client_key=load_or_create_client_key(vault)), vault
