"""Each attacker of docs/security.md against a real store, the real Secret Service keyring and
the real identity provider (oidc-provider), and what each one does *not* get.

Run under ``bash scripts/with-keyring.sh``. The synthetic staff sign in through the real
authorization-code flow; PINs are checked by the real key manager (scrypt cost lowered to
2^10 for speed: the logic is the same).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import ColleagueNotVerified, SessionLocked, UnlockProblem, UnlockRefused
from app.session.sign_in import sign_in_vault
from client.oidc import refresh_token_name
from config import SettingsPaths
from offline import DataKey, KeyManager, OsKeyring, Store, UserId
from offline.errors import (
    CorruptDatabaseError,
    KeyMaterialMissingError,
    OnlineSignInRequiredError,
    WrongDatabaseKeyError,
)
from offline.keyfile import derive_account_kek, derive_pin_kek, read_key_file, unwrap
from tests.idp.browser import HttpBrowser
from tests.idp.launcher import IdentityProvider
from tests.offline.test_local_writes import obs
from tests.security.ward import FAST, HEALTH_WORKER, NURSE, PHYSICIAN, Ward, ward_pc

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        "DBUS_SESSION_BUS_ADDRESS" not in os.environ,
        reason="needs a Secret Service: run under scripts/with-keyring.sh (scripts/test.sh does)",
    ),
]

NURSE_PIN, PHYSICIAN_PIN = "2468", "1357"


@pytest.fixture
def ward(tmp_path: Path, idp: IdentityProvider) -> Iterator[Ward]:
    yield from ward_pc(tmp_path, idp)


def nurse_records_and_locks(ward: Ward) -> tuple[object, object]:
    """Kari signs in, records a pulse (unsent: there is no platform) and locks."""
    app = ward.app()
    nurse = ward.sign_in(app, NURSE, NURSE_PIN)
    app.store().create(obs(1, "kari-unsent"))
    app.lock()
    return app, nurse


# ---- A: a colleague at the same OS account, using the app ----------------------------------


def test_colleague_gets_only_their_own_session(ward: Ward) -> None:
    app, nurse = nurse_records_and_locks(ward)
    assert app.current_user() == nurse  # type: ignore[attr-defined]
    # Lars types his PIN at Kari's lock screen: a wrong PIN for her, nothing opens.
    with pytest.raises(UnlockRefused) as refused:
        app.unlock_with_pin(PHYSICIAN_PIN)  # type: ignore[attr-defined]
    assert refused.value.reason is UnlockProblem.WRONG_PIN
    # He signs in online as himself: only his own, new store opens.
    physician = ward.sign_in(app, PHYSICIAN, PHYSICIAN_PIN)  # type: ignore[arg-type]
    assert app.current_user() == physician  # type: ignore[attr-defined]
    assert app.store().get("Observation", "kari-unsent") is None  # type: ignore[attr-defined]
    assert app.store().outbox() == []  # type: ignore[attr-defined]
    app.lock()  # type: ignore[attr-defined]
    # Kari comes back: her PIN, her store, her unsent record.
    assert app.unlock_with_pin(NURSE_PIN, person=nurse.subject) == nurse  # type: ignore[attr-defined]
    assert app.store().get("Observation", "kari-unsent") is not None  # type: ignore[attr-defined]


def test_finding_2_a_second_app_never_unlocks_with_the_last_online_persons_pin(
    ward: Ward,
) -> None:
    _first, nurse = nurse_records_and_locks(ward)
    second = ward.app()  # another app process at the same OS account
    # Nobody owns the second app's window: a PIN alone opens nothing.
    with pytest.raises(UnlockRefused):
        second.unlock_with_pin(NURSE_PIN)
    # Lars's PIN, tried for Kari, counts against Kari and opens nothing.
    physician = ward.sign_in(second, PHYSICIAN, PHYSICIAN_PIN)
    second.lock()
    with pytest.raises(UnlockRefused) as refused:
        second.unlock_with_pin(PHYSICIAN_PIN, person=nurse.subject)  # type: ignore[attr-defined]
    assert refused.value.reason is UnlockProblem.WRONG_PIN
    assert not second.has_open_store()
    # Kari's own PIN, for Kari, is not counted against Lars.
    keys = second.keys.of(physician)
    assert keys.status().failed_attempts == 0
    assert second.unlock_with_pin(NURSE_PIN, person=nurse.subject) == nurse  # type: ignore[attr-defined]


def test_finding_2_a_sign_in_abandoned_at_the_pin_leaves_nothing_recorded(ward: Ward) -> None:
    app = ward.app()
    ward.browser.at_the_keyboard = HttpBrowser(*PHYSICIAN)
    physician = app.sign_in_online()
    assert app.needs_new_pin()
    app.lock()  # walked away before choosing a PIN
    assert not app.has_open_store()
    assert app.people() == []
    assert not ward.paths(physician).key_file.exists()
    people_vault = ward.stores / "signin" / "people"
    assert not people_vault.exists() or not any(people_vault.iterdir())
    assert sign_in_vault(ward.stores).load(refresh_token_name(physician)) is None
    with pytest.raises(SessionLocked):
        app.create_store(PHYSICIAN_PIN)  # the pending sign-in is gone too


def test_finding_8_a_witness_needs_a_role_a_recent_sign_in_and_their_own_pin(
    ward: Ward,
) -> None:
    app = ward.app()
    ward.sign_in(app, HEALTH_WORKER, "9753")
    app.lock()
    ward.sign_in(app, PHYSICIAN, PHYSICIAN_PIN)
    app.lock()
    nurse = ward.sign_in(app, NURSE, NURSE_PIN)
    with pytest.raises(ColleagueNotVerified):
        app.verify_colleague("900000033", "9753")  # HF may not witness (policy: SP, VP, LE)
    with pytest.raises(ColleagueNotVerified):
        app.verify_colleague("900000025", "0000")  # his PIN, not a guess
    witness = app.verify_colleague("900000025", PHYSICIAN_PIN)
    assert (witness.name, witness.role) == ("Lars Testlege", "LE")
    with pytest.raises(ColleagueNotVerified):
        app.verify_colleague(nurse.hpr_number or "", NURSE_PIN)  # never herself
    ward.clock.offset = 13 * 3600  # past the 12 h offline limit since his online sign-in
    with pytest.raises(ColleagueNotVerified):
        app.verify_colleague("900000025", PHYSICIAN_PIN)


# ---- B: code running as the shared OS account (a colleague at a prompt, malware) ------------


def test_code_at_the_os_account_gets_no_store_and_no_token_without_the_pin(ward: Ward) -> None:
    _app, nurse = nurse_records_and_locks(ward)
    paths = ward.paths(nurse)  # type: ignore[arg-type]
    key_file = read_key_file(paths.key_file)
    assert key_file is not None
    secret = OsKeyring().get_secret(paths.stem)  # it can read the keyring: same OS account
    assert secret is not None
    # Nothing is wrapped under the keyring secret alone on a shared computer.
    assert key_file.account_wrap is None
    assert (
        unwrap(key_file.pin_wrap, derive_account_kek(secret), purpose="pin", user_key=paths.stem)
        is None
    )
    with pytest.raises(KeyMaterialMissingError):
        KeyManager(paths, policy=FAST).unlock_after_online_sign_in()
    # Her refresh token is not in the installation's vault, and her own vault needs her key.
    assert sign_in_vault(ward.stores).load(refresh_token_name(nurse)) is None  # type: ignore[arg-type]
    sealed = list((ward.stores / "signin" / "people").glob("*.sealed"))
    assert len(sealed) == 1
    assert b"kari" not in sealed[0].read_bytes().lower()
    # What it still gets, plainly: the PIN can be guessed offline with the secret, past the
    # wrong-PIN counter (docs/security.md, attacker B); each guess costs a full scrypt.
    kek = derive_pin_kek(
        bytearray(NURSE_PIN.encode()),
        salt=key_file.salt,
        params=key_file.scrypt,
        keyring_secret=secret,
    )
    assert unwrap(key_file.pin_wrap, kek, purpose="pin", user_key=paths.stem) is not None


def test_finding_1_every_persons_refresh_token_is_sealed_under_their_own_key(ward: Ward) -> None:
    app = ward.app()
    nurse = ward.sign_in(app, NURSE, NURSE_PIN)
    app.lock()
    physician = ward.sign_in(app, PHYSICIAN, PHYSICIAN_PIN)
    app.lock()
    people = ward.stores / "signin" / "people"
    names = sorted(p.name for p in people.glob("*.sealed"))
    assert names == sorted(f"{refresh_token_name(p)}.sealed" for p in (nurse, physician))
    # Swap the sealed files: neither opens with the other's key, so neither session resumes.
    a, b = (people / f"{refresh_token_name(p)}.sealed" for p in (nurse, physician))
    a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_bytes)
    b.write_bytes(a_bytes)
    app.unlock_with_pin(NURSE_PIN, person=nurse.subject)
    assert app.has_open_store()
    assert app.tokens is None  # her store opened; the swapped-in token did not


def test_finding_3_another_identity_provider_asserting_her_sub_finds_no_store(
    ward: Ward, tmp_path: Path
) -> None:
    _app, nurse = nurse_records_and_locks(ward)
    with IdentityProvider.start() as other_idp:  # same synthetic users, same sub values
        rogue = Ward(ward.root, other_idp, ward.client_id + "-rogue")
        app = rogue.app()
        rogue.browser.at_the_keyboard = HttpBrowser(*NURSE)
        impostor = app.sign_in_online()
        assert impostor.subject == nurse.subject  # type: ignore[attr-defined]
        assert impostor.issuer != nurse.issuer  # type: ignore[attr-defined]
        assert app.needs_new_pin()  # her store is not found under another issuer
        assert app.people() == []
        app.close()


# ---- C: malware running as the user while a nurse is signed in -------------------------------


def test_malware_during_a_signed_in_session_is_not_stopped_by_the_app(ward: Ward) -> None:
    """Said plainly (docs/security.md, attacker C): while her store is open, code in the
    process can use it. What the app does is keep that window short: at lock the store's key
    is wiped and the store is gone from the session."""
    app = ward.app()
    ward.sign_in(app, NURSE, NURSE_PIN)
    store = app.store()
    held = store._key
    assert not held.wiped  # open: the key is in memory, usable by code in the process
    app.lock()
    assert held.wiped
    with pytest.raises(SessionLocked):
        app.store()


# ---- D: a thief with a powered-off laptop ------------------------------------------------------


def test_a_thief_with_the_files_but_not_the_os_account_gets_nothing(
    ward: Ward, tmp_path: Path
) -> None:
    _app, nurse = nurse_records_and_locks(ward)
    paths = ward.paths(nurse)  # type: ignore[arg-type]
    loot = tmp_path / "loot"
    shutil.copytree(ward.stores, loot)
    OsKeyring().delete_secret(paths.stem)  # another machine: its keyring has no secret
    stolen = KeyManager(paths.__class__(loot, paths.stem), policy=FAST)
    with pytest.raises(KeyMaterialMissingError):
        stolen.unlock_with_pin(NURSE_PIN)  # even with the PIN
    for path in loot.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"kari-unsent" not in data
            assert b"Testpleier" not in data
    with pytest.raises((WrongDatabaseKeyError, CorruptDatabaseError)):
        Store.open(paths.__class__(loot, paths.stem), DataKey.generate(), user=UserId("x"))


# ---- E: someone who can edit files but not run code -----------------------------------------


def test_finding_4_a_config_root_is_ignored_where_a_policy_exists(tmp_path: Path) -> None:
    rogue = tmp_path / "rogue"
    rogue.mkdir()
    (rogue / "config.toml").write_text('server_url = "https://evil.example/fhir"\n')
    with_policy = SettingsPaths.for_platform(
        {"PLEIEPUNKT_CONFIG_ROOT": str(rogue)}, policy_exists=lambda: True
    )
    assert with_policy.machine != rogue / "config.toml"
    assert with_policy.refused_override == str(rogue)
    without = SettingsPaths.for_platform(
        {"PLEIEPUNKT_CONFIG_ROOT": str(rogue)}, policy_exists=lambda: False
    )
    assert without.machine == rogue / "config.toml"


def test_finding_5_an_edited_lockout_state_locks_instead_of_resetting(ward: Ward) -> None:
    app, nurse = nurse_records_and_locks(ward)
    paths = ward.paths(nurse)  # type: ignore[arg-type]
    for _ in range(2):
        with pytest.raises(UnlockRefused):
            app.unlock_with_pin("0000")  # type: ignore[attr-defined]
        ward.clock.offset += 600
    doc = json.loads(paths.state_file.read_text())
    doc["body"]["failed_attempts"] = 0
    paths.state_file.write_text(json.dumps(doc))
    with pytest.raises(UnlockRefused) as refused:
        app.unlock_with_pin(NURSE_PIN)  # type: ignore[attr-defined]
    assert refused.value.online_required
    with pytest.raises(OnlineSignInRequiredError) as locked:
        KeyManager(paths, policy=FAST).unlock_with_pin(NURSE_PIN)
    assert locked.value.tampered
    # Her online sign-in lifts the lock; her PIN still opens the store.
    assert ward.sign_in(app, NURSE, NURSE_PIN) == nurse  # type: ignore[arg-type]
    kinds = [entry.kind for entry in app.security.newest(50)]  # type: ignore[attr-defined]
    assert "pin-failed" in kinds
    assert "lockout-state-tampered" in kinds
