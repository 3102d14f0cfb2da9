"""The sealed vault with the real OS keyring (Secret Service) holding its key-encryption key.

Run under ``bash scripts/with-keyring.sh`` (a private D-Bus session with gnome-keyring);
skipped elsewhere.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import keyring
import pytest

from client.oidc import SealedFileVault, SecretStorageError, load_or_create_client_key
from offline.errors import KeyringUnavailableError
from offline.keyring_secret import OsKeyring

SERVICE = "no.pleiepunkt.signin.test"


def _secret_service_running() -> bool:
    try:
        OsKeyring(service=SERVICE)
    except KeyringUnavailableError:
        return False
    return "SecretService" in type(keyring.get_keyring()).__module__ or sys.platform != "linux"


pytestmark = pytest.mark.skipif(
    not _secret_service_running(), reason="run under scripts/with-keyring.sh (Secret Service)"
)


def test_the_client_key_and_refresh_token_are_sealed_under_a_keyring_key(tmp_path: Path) -> None:
    kek_name = f"signin-{uuid.uuid4().hex[:8]}"
    secrets = OsKeyring(service=SERVICE)
    try:
        vault = SealedFileVault(tmp_path, secrets=secrets, kek_name=kek_name)
        key = load_or_create_client_key(vault)
        vault.save("refresh-token-x", b"refresh-token-value")

        stored = keyring.get_password(SERVICE, kek_name) or ""
        assert 0 < len(stored) < 100  # only the small key-encryption key is in the keyring
        assert b"PRIVATE KEY" not in (tmp_path / "client-key.sealed").read_bytes()

        reopened = SealedFileVault(tmp_path, secrets=OsKeyring(service=SERVICE), kek_name=kek_name)
        assert load_or_create_client_key(reopened).kid == key.kid
        assert reopened.load("refresh-token-x") == b"refresh-token-value"

        secrets.delete_secret(kek_name)
        with pytest.raises(SecretStorageError):
            reopened.load("refresh-token-x")
    finally:
        secrets.delete_secret(kek_name)
