"""pytest fixtures for sign-in tests: the identity provider, a platform that checks its tokens,
a registered client with a sealed key, and a helper that signs a synthetic user in.

Import the fixtures into a ``conftest.py`` (``from tests.idp.fixtures import *``-style, by name).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from client.oidc import (
    BrowserSignIn,
    IdentityProviderClient,
    OidcConfig,
    SealedFileVault,
    SigningKey,
    SignInResult,
    load_or_create_client_key,
)
from tests.idp.browser import HttpBrowser
from tests.idp.launcher import (
    FHIR_RESOURCE,
    FHIR_SCOPE,
    IdentityProvider,
    SyntheticUser,
    synthetic_users,
)
from tests.platform.launcher import JwtAccess, Platform


class MemorySecrets:
    """A dict standing in for the OS keyring (the real keyring is tested separately)."""

    def __init__(self) -> None:
        self.values: dict[str, bytes] = {}

    def get_secret(self, user_key: str) -> bytes | None:
        return self.values.get(user_key)

    def set_secret(self, user_key: str, secret: bytes) -> None:
        self.values[user_key] = secret

    def delete_secret(self, user_key: str) -> None:
        self.values.pop(user_key, None)


@dataclass
class Installation:
    """One app installation registered at the identity provider."""

    config: OidcConfig
    key: SigningKey
    vault: SealedFileVault
    secrets: MemorySecrets
    directory: Path

    def provider(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> IdentityProviderClient:
        """A client for this installation's registration (one per test, closed by the test)."""
        return IdentityProviderClient(
            self.config, client_key=self.key, transport=transport, clock=clock
        )


def make_installation(
    idp: IdentityProvider,
    directory: Path,
    *,
    resource: str = FHIR_RESOURCE,
    scope: str = FHIR_SCOPE,
) -> Installation:
    """A fresh installation: key made on first run, registered, config for ``resource``."""
    secrets = MemorySecrets()
    vault = SealedFileVault(directory / "signin", secrets=secrets, kek_name="signin")
    key = load_or_create_client_key(vault)
    client_id = f"pleiepunkt-test-{uuid.uuid4().hex[:12]}"
    idp.register_client(client_id, key.public_jwk())
    config = OidcConfig(
        issuer=idp.issuer, client_id=client_id, resource=resource, api_scopes=(scope,)
    )
    return Installation(config, key, vault, secrets, directory)


def browser_sign_in(
    provider: IdentityProviderClient, user: SyntheticUser, *, timeout: float = 30.0
) -> SignInResult:
    """Sign ``user`` in through the real flow, the browser step driven over HTTP."""
    browser = HttpBrowser(user.username, user.password)
    result = BrowserSignIn(provider, open_browser=browser).run(timeout=timeout)
    if browser.error is not None:
        raise browser.error
    return result


@pytest.fixture(scope="session")
def idp() -> Iterator[IdentityProvider]:
    """The local identity provider for the whole session (DPoP nonces on, 300 s tokens)."""
    with IdentityProvider.start() as provider:
        yield provider


@pytest.fixture(scope="session")
def secure_platform(idp: IdentityProvider) -> Iterator[Platform]:
    """A journal platform that accepts only DPoP-bound tokens from ``idp`` for the FHIR API."""
    access = JwtAccess(issuer=idp.issuer, audience=FHIR_RESOURCE, scope=FHIR_SCOPE, dpop_nonce=True)
    with Platform.start(jwt=access) as platform:
        yield platform


@pytest.fixture
def users() -> dict[str, SyntheticUser]:
    return synthetic_users()


@pytest.fixture
def installation(idp: IdentityProvider, tmp_path: Path) -> Installation:
    return make_installation(idp, tmp_path)
