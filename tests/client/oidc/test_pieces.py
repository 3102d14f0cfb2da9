"""The sign-in building blocks on their own: sealed vault, token parsing, roles, proofs and the
loopback receiver."""

from __future__ import annotations

import stat
from pathlib import Path

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from client.oidc import (
    Action,
    DpopKey,
    IdentityProviderError,
    LoopbackReceiver,
    Role,
    SealedFileVault,
    SecretStorageError,
    SignInCancelled,
    SigningKey,
    SignInNotCompleted,
    TokenSet,
    access_token_hash,
    client_assertion,
    identity_from_claims,
    load_or_create_client_key,
    may,
    role_for,
)
from tests.idp.fixtures import MemorySecrets


def vault_at(directory: Path, secrets: MemorySecrets | None = None) -> SealedFileVault:
    return SealedFileVault(directory, secrets=secrets or MemorySecrets(), kek_name="signin")


def test_the_vault_round_trips_and_keeps_only_ciphertext_on_disk(tmp_path: Path) -> None:
    vault = vault_at(tmp_path)
    vault.save("refresh-token-abc", b"very-secret-refresh-token")
    assert vault.load("refresh-token-abc") == b"very-secret-refresh-token"
    path = tmp_path / "refresh-token-abc.sealed"
    assert b"very-secret" not in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    vault.delete("refresh-token-abc")
    assert vault.load("refresh-token-abc") is None
    vault.delete("refresh-token-abc")  # deleting twice is fine


def test_a_swapped_or_damaged_sealed_file_does_not_open(tmp_path: Path) -> None:
    vault = vault_at(tmp_path)
    vault.save("one", b"first")
    vault.save("two", b"second")
    (tmp_path / "one.sealed").write_bytes((tmp_path / "two.sealed").read_bytes())
    with pytest.raises(SecretStorageError):
        vault.load("one")
    (tmp_path / "two.sealed").write_bytes(b"PPV1short")
    with pytest.raises(SecretStorageError):
        vault.load("two")


def test_a_lost_keyring_key_is_reported_and_never_replaced(tmp_path: Path) -> None:
    secrets = MemorySecrets()
    vault = vault_at(tmp_path, secrets)
    vault.save("client-key", b"key")
    secrets.values.clear()
    with pytest.raises(SecretStorageError):
        vault.load("client-key")
    with pytest.raises(SecretStorageError):
        vault.save("other", b"x")  # would make a new key over sealed files
    assert (tmp_path / "client-key.sealed").exists()


def test_vault_names_cannot_escape_the_directory(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        vault_at(tmp_path).save("../etc/passwd", b"x")


def test_the_client_key_is_made_once_and_reused(tmp_path: Path) -> None:
    vault = vault_at(tmp_path)
    first = load_or_create_client_key(vault)
    again = load_or_create_client_key(vault)
    assert first.kid == again.kid
    assert "d" not in first.public_jwk()
    assert first.public_jwk()["kid"] == first.kid
    assert "PRIVATE" not in repr(first)


def test_a_client_assertion_has_the_helseid_claims() -> None:
    key = SigningKey.generate()
    token = client_assertion(key, client_id="pp-1", audience="https://idp.test", now=1000.0)
    public = ECKey.import_key(key.public_jwk())
    decoded = jwt.decode(token, public, algorithms=["ES256"])
    claims = decoded.claims
    assert decoded.header["kid"] == key.kid
    assert decoded.header["typ"] == "JWT"
    assert claims["iss"] == claims["sub"] == "pp-1"
    assert claims["aud"] == "https://idp.test"
    assert claims["exp"] - claims["iat"] == 60
    assert claims["jti"]


def test_a_dpop_proof_carries_method_url_time_id_hash_and_nonce() -> None:
    dpop = DpopKey(clock=lambda: 5000.0)
    proof = dpop.proof(
        "get", "https://api.test/fhir/R4/Patient?name=x#frag", access_token="tok", nonce="n1"
    )
    header = jwt.decode(proof, lambda guest: ECKey.import_key(guest.headers()["jwk"])).header
    claims = jwt.decode(proof, ECKey.import_key(header["jwk"]), algorithms=["ES256"]).claims
    assert header["typ"] == "dpop+jwt"
    assert "d" not in header["jwk"]
    assert claims["htm"] == "GET"
    assert claims["htu"] == "https://api.test/fhir/R4/Patient"
    assert claims["iat"] == 5000
    assert claims["ath"] == access_token_hash("tok")
    assert claims["nonce"] == "n1"
    assert ECKey.import_key(header["jwk"]).thumbprint() == dpop.jkt


def test_token_responses_must_be_dpop_bound() -> None:
    body = {"access_token": "access-XYZ", "token_type": "Bearer", "expires_in": 300}
    with pytest.raises(IdentityProviderError):
        TokenSet.from_response(body, now=0)
    dpop = {**body, "token_type": "DPoP", "refresh_token": "refresh-XYZ", "id_token": "id-XYZ"}
    tokens = TokenSet.from_response(dpop, now=10)
    assert tokens.expires_at == 310
    assert "XYZ" not in repr(tokens)
    kept = TokenSet.from_response({**body, "token_type": "DPoP"}, now=20, previous=tokens)
    assert kept.refresh_token == "refresh-XYZ"


@pytest.mark.parametrize(
    ("categories", "role"),
    [
        (("SP",), Role.NURSE),
        (("LE",), Role.PHYSICIAN),
        (("HF",), Role.HEALTH_WORKER),
        (("SP", "LE"), Role.PHYSICIAN),
        (("XX",), Role.OTHER),
        ((), Role.OTHER),
    ],
)
def test_the_role_is_the_most_capable_hpr_category(categories: tuple[str, ...], role: Role) -> None:
    assert role_for(categories) is role


@pytest.mark.parametrize(
    ("role", "action", "offered"),
    [
        (Role.PHYSICIAN, Action.PRESCRIBE, True),
        (Role.NURSE, Action.PRESCRIBE, False),
        (Role.NURSE, Action.REQUEST_RENEWAL, True),
        (Role.NURSE, Action.ADMINISTER_MEDICATION, True),
        (Role.HEALTH_WORKER, Action.REQUEST_RENEWAL, False),
        (Role.HEALTH_WORKER, Action.RECORD_VITAL_SIGNS, True),
        (Role.OTHER, Action.ADMINISTER_MEDICATION, False),
        (Role.OTHER, Action.VIEW_RECORD, True),
    ],
)
def test_what_each_role_is_offered(role: Role, action: Action, offered: bool) -> None:
    assert may(role, action) is offered


def test_identity_from_claims_and_its_repr_hides_the_person() -> None:
    identity = identity_from_claims(
        {
            "iss": "https://idp.test",
            "sub": "s1",
            "given_name": "Kari",
            "family_name": "Testpleier",
            "helseid://claims/hpr/hpr_number": "900000017",
            "helseid://claims/hpr/hpr_details": {"approvals": [{"profession": "SP"}]},
        }
    )
    assert identity.name == "Kari Testpleier"
    assert identity.role is Role.NURSE
    assert "Kari" not in repr(identity)
    assert "900000017" not in repr(identity)
    assert identity_from_claims(identity.to_claims()) == identity


def test_the_loopback_receiver_takes_the_first_callback_with_its_state_only() -> None:
    with LoopbackReceiver(state="s1") as receiver:
        assert receiver.redirect_uri.startswith("http://127.0.0.1:")
        base = receiver.redirect_uri.rsplit("/", 1)[0]
        assert httpx.get(f"{base}/favicon.ico").status_code == 404
        page = httpx.get(receiver.redirect_uri, params={"code": "c1", "state": "s1"})
        assert page.status_code == 200
        assert "Pleiepunkt" in page.text
        assert httpx.get(receiver.redirect_uri, params={"code": "c2"}).status_code == 404
        assert receiver.wait(1) == {"code": "c1", "state": "s1"}


def test_the_loopback_receiver_times_out_as_not_completed_not_as_cancelled() -> None:
    with LoopbackReceiver(state="s") as receiver, pytest.raises(SignInNotCompleted) as raised:
        receiver.wait(0.1)
    assert not isinstance(raised.value, SignInCancelled)
    assert raised.value.code == "sign_in.not_completed"


def test_a_cancelled_wait_says_cancelled() -> None:
    with LoopbackReceiver(state="s") as receiver:
        receiver.cancel()
        with pytest.raises(SignInCancelled) as raised:
            receiver.wait(5)
    assert raised.value.code == "sign_in.cancelled"
