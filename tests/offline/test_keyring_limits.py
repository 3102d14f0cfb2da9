"""Every secret the app keeps in the OS keyring fits Windows Credential Manager's limits.

Checked on Linux with a keyring backend that records what it is given, through the app's real
code paths (a store's first key, the sign-in vault's key), so a change that would overflow
Credential Manager (2,560 bytes of secret, stored as UTF-16) fails here before any Windows PC
sees it. Wine's Credential Manager does not enforce the limit; tests/packaging/test_wine_app.py
shows the real round trip there.
"""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from app.session import KEYRING_SERVICE_SIGN_IN
from client.oidc.vault import SealedFileVault
from offline.keyfile import ScryptParams
from offline.keyring_secret import (
    CREDENTIAL_BLOB_LIMIT,
    CREDENTIAL_TARGET_LIMIT,
    CREDENTIAL_USERNAME_LIMIT,
    OsKeyring,
    check_credential_fits,
)
from offline.paths import StorePaths
from offline.unlock import KeyManager, KeyPolicy


class RecordingKeyring:
    """Keeps every entry in memory, as Credential Manager would keep it. (Not a subclass of
    keyring's KeyringBackend: every subclass joins keyring's automatic backend choice.)"""

    priority = 1

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> RecordingKeyring:
    backend = RecordingKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    return backend


def test_every_secret_the_app_stores_fits_credential_manager(
    recording: RecordingKeyring, paths: StorePaths, tmp_path: Path
) -> None:
    KeyManager(paths, policy=KeyPolicy(scrypt=ScryptParams(n=2**10))).create("2468")
    vault = SealedFileVault(
        tmp_path / "signin", secrets=OsKeyring(service=KEYRING_SERVICE_SIGN_IN), kek_name="signin"
    )
    vault.save("refresh-token", b"x" * 4096)  # the sealed value stays in the file, not here
    # The store's wrapping secret, its PIN state's MAC key (offline.key_state) and the vault's.
    assert sorted(user for _service, user in recording.entries) == sorted(
        (paths.stem, f"{paths.stem}.state", "signin")
    )
    for (service, username), password in recording.entries.items():
        assert len(password.encode("utf-16-le")) <= CREDENTIAL_BLOB_LIMIT  # 88 bytes today
        assert len(username) <= CREDENTIAL_USERNAME_LIMIT
        assert len(f"{username}@{service}") <= CREDENTIAL_TARGET_LIMIT


def test_a_secret_windows_could_not_hold_is_refused_on_every_platform(
    recording: RecordingKeyring,
) -> None:
    with pytest.raises(ValueError, match="32 bytes, not 64"):
        OsKeyring().set_secret("store-x", b"k" * 64)
    with pytest.raises(ValueError, match="2562 bytes exceeds Windows' 2560"):
        check_credential_fits(service="no.pleiepunkt.store", user_key="u", value="A" * 1281)
    check_credential_fits(service="no.pleiepunkt.store", user_key="u", value="A" * 1280)
    with pytest.raises(ValueError, match="user name exceeds"):
        check_credential_fits(service="s", user_key="u" * 514, value="A")
    assert recording.entries == {}
