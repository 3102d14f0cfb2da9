"""Expiry while offline: the tokens run out with the identity provider gone, and the person who
signed in online last unlocks the store with their PIN — until the offline period ends. Uses
the real identity provider (stopped mid-test) and the real KeyManager of ``offline``."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from client.oidc import (
    IdentityProviderUnreachable,
    OfflineUnlockGate,
    OnlineSignInRequired,
    TokenSession,
)
from offline.errors import OnlineSignInRequiredError, WrongPinError
from offline.keyfile import ScryptParams
from offline.paths import store_paths
from offline.types import UserId
from offline.unlock import KeyManager, KeyPolicy
from tests.client.oidc.helpers import Clock
from tests.idp.fixtures import MemorySecrets, browser_sign_in, make_installation
from tests.idp.launcher import IdentityProvider, SyntheticUser

FAST = KeyPolicy(scrypt=ScryptParams(n=2**10), max_failed_attempts=3, free_attempts=3)
PIN = "4827"


def test_expiry_while_offline_falls_back_to_pin_for_the_last_online_identity(
    tmp_path: Path, users: dict[str, SyntheticUser]
) -> None:
    clock = Clock()
    gate = None
    with IdentityProvider.start() as idp:  # a provider of its own: this test stops it
        installation = make_installation(idp, tmp_path)
        gate = OfflineUnlockGate(installation.vault, max_offline_hours=12, clock=clock)
        provider = installation.provider(clock=clock)
        result = browser_sign_in(provider, users["kari.sykepleier"])
        session = TokenSession.from_sign_in(provider, result, vault=installation.vault, clock=clock)
        gate.record(result.identity)
        keys = KeyManager(
            store_paths(UserId(result.identity.subject), directory=tmp_path / "stores"),
            policy=FAST,
            secrets=MemorySecrets(),
        )
        data_key = keys.create(PIN)
        token = session.access_token()
    # The provider is gone now: the laptop left the building.

    clock.offset = result.tokens.expires_at - clock() - 30  # inside the refresh margin
    assert session.access_token() == token  # refresh failed, but the token is still valid

    clock.offset = result.tokens.expires_at - time.time() + 5  # expired
    with pytest.raises(IdentityProviderUnreachable):
        session.access_token()

    who = gate.identity_for_unlock()
    assert who.subject == result.identity.subject
    assert keys.unlock_with_pin(PIN).raw() == data_key.raw()

    with pytest.raises(WrongPinError):
        keys.unlock_with_pin("0000")
    assert keys.unlock_with_pin(PIN).raw() == data_key.raw()  # counter reset by a good PIN

    for _ in range(2):
        with pytest.raises(WrongPinError):
            keys.unlock_with_pin("1111")
    with pytest.raises(OnlineSignInRequiredError):
        keys.unlock_with_pin("2222")  # third wrong PIN: locked until an online sign-in
    with pytest.raises(OnlineSignInRequiredError):
        keys.unlock_with_pin(PIN)

    provider.close()


def test_the_pin_stops_working_offline_after_the_configured_period(
    tmp_path: Path, idp: IdentityProvider, users: dict[str, SyntheticUser]
) -> None:
    clock = Clock()
    installation = make_installation(idp, tmp_path)
    gate = OfflineUnlockGate(installation.vault, max_offline_hours=12, clock=clock)
    with installation.provider() as provider:
        gate.record(browser_sign_in(provider, users["kari.sykepleier"]).identity)

    clock.offset = 11.9 * 3600
    assert gate.identity_for_unlock().subject == users["kari.sykepleier"].subject
    clock.offset = 12.1 * 3600
    with pytest.raises(OnlineSignInRequired):
        gate.identity_for_unlock()
    clock.offset = -60  # the clock went back: fail closed
    with pytest.raises(OnlineSignInRequired):
        gate.identity_for_unlock()


def test_the_pin_is_bound_to_whoever_signed_in_online_last(
    tmp_path: Path, idp: IdentityProvider, users: dict[str, SyntheticUser]
) -> None:
    installation = make_installation(idp, tmp_path)
    gate = OfflineUnlockGate(installation.vault, max_offline_hours=12)
    with pytest.raises(OnlineSignInRequired):
        gate.identity_for_unlock()  # nobody signed in online yet
    with installation.provider() as provider:
        gate.record(browser_sign_in(provider, users["kari.sykepleier"]).identity)
        gate.record(browser_sign_in(provider, users["lars.lege"]).identity)
    assert gate.identity_for_unlock().subject == users["lars.lege"].subject
    gate.forget()
    with pytest.raises(OnlineSignInRequired):
        gate.identity_for_unlock()
