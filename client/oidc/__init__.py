"""Sign-in like HelseID: OIDC authorization code + PKCE + PAR, private_key_jwt, DPoP tokens.

Wiring (main.py builds these; nothing here touches Qt or the store)::

    vault = SealedFileVault(data_dir / "signin", secrets=OsKeyring(service=...), kek_name="signin")
    provider = IdentityProviderClient(config, client_key=load_or_create_client_key(vault))
    result = BrowserSignIn(provider).run()             # on a worker thread
    session = TokenSession.from_sign_in(provider, result, vault=vault)
    gate.record(result.identity)                       # OfflineUnlockGate: PIN bound to them
    fhir = FhirClient(base_url, auth=DpopAuth(session))
    ...
    session.sign_out()                                 # revokes and forgets the refresh token

Errors: the ``SignInError`` subtree in ``client.oidc.errors``.
"""

from client.oidc.config import IDENTITY_SCOPES, OidcConfig
from client.oidc.discovery import ProviderMetadata
from client.oidc.dpop_auth import DpopAuth, ProofSigner, SigningSession
from client.oidc.errors import (
    IdentityProviderError,
    IdentityProviderUnreachable,
    InvalidIdentityToken,
    NotSignedIn,
    OnlineSignInRequired,
    ReauthenticationRequired,
    SecretStorageError,
    SignInCancelled,
    SignInError,
    SignInNotCompleted,
)
from client.oidc.identity import (
    HPR_NUMBER_CLAIM,
    PERMISSIONS,
    Action,
    Identity,
    Role,
    identity_from_claims,
    may,
    role_for,
)
from client.oidc.installation import CLIENT_KEY_NAME, Vault, load_or_create_client_key
from client.oidc.keys import SigningKey
from client.oidc.loopback import LoopbackReceiver
from client.oidc.offline_gate import OfflineUnlockGate, OnlineSignIn
from client.oidc.pkce import AuthorizationSecrets
from client.oidc.proofs import DpopKey, access_token_hash, client_assertion
from client.oidc.provider import IdentityProviderClient
from client.oidc.session import TokenSession, refresh_token_name
from client.oidc.sign_in import BrowserSignIn, SignInResult
from client.oidc.tokens import TokenSet
from client.oidc.vault import SealedFileVault, SecretSource

__all__ = [
    "CLIENT_KEY_NAME",
    "HPR_NUMBER_CLAIM",
    "IDENTITY_SCOPES",
    "PERMISSIONS",
    "Action",
    "AuthorizationSecrets",
    "BrowserSignIn",
    "DpopAuth",
    "DpopKey",
    "Identity",
    "IdentityProviderClient",
    "IdentityProviderError",
    "IdentityProviderUnreachable",
    "InvalidIdentityToken",
    "LoopbackReceiver",
    "NotSignedIn",
    "OfflineUnlockGate",
    "OidcConfig",
    "OnlineSignIn",
    "OnlineSignInRequired",
    "ProofSigner",
    "ProviderMetadata",
    "ReauthenticationRequired",
    "Role",
    "SealedFileVault",
    "SecretSource",
    "SecretStorageError",
    "SignInCancelled",
    "SignInError",
    "SignInNotCompleted",
    "SignInResult",
    "SigningKey",
    "SigningSession",
    "TokenSession",
    "TokenSet",
    "Vault",
    "access_token_hash",
    "client_assertion",
    "identity_from_claims",
    "load_or_create_client_key",
    "may",
    "refresh_token_name",
    "role_for",
]
