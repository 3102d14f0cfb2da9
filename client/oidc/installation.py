"""The installation's client key: made at the first run, sealed in the vault, reused after."""

from __future__ import annotations

from typing import Protocol

from client.oidc.errors import SecretStorageError
from client.oidc.keys import SigningKey

CLIENT_KEY_NAME = "client-key"


class Vault(Protocol):
    """Named sealed secrets (``client.oidc.vault.SealedFileVault``)."""

    def load(self, name: str) -> bytes | None: ...

    def save(self, name: str, data: bytes) -> None: ...

    def delete(self, name: str) -> None: ...


def load_or_create_client_key(vault: Vault) -> SigningKey:
    """This installation's signing key; the first call makes and seals a new one."""
    pem = vault.load(CLIENT_KEY_NAME)
    if pem is not None:
        try:
            return SigningKey.from_pem(pem)
        except ValueError:
            raise SecretStorageError("the sealed client key is not a valid key") from None
    key = SigningKey.generate()
    vault.save(CLIENT_KEY_NAME, key.to_pem())
    return key
