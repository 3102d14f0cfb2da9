"""Policy holds (#15 findings 4 and 5): every ADMX policy is read by the code that acts on it;
https on every path; ``--server`` and configuration roots cannot override a policy.

The walk parses ``packaging/windows/policy/pleiepunkt.admx``, sets each policy to a value other
than its default in a policy layer, builds the real objects the app builds (session, key policy,
workstation, FHIR client, desktop options, logging) and reads back what each one does.
"""

from __future__ import annotations

import logging
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import app.fhir_clients as fhir_clients
from app.clock import clinical_clock
from app.errors import PolicyRefused
from app.fhir_clients import fhir_client, server_url
from app.services import workstation_context
from app.session import Session
from app.session.keys import key_policy
from app.startup import desktop_options, log_level
from app.workstation import Workstation, open_workstation
from clinical.records import Staff
from config import SETTINGS, Settings, SettingsPaths
from offline import SecurityLog, new_recovery_key

ROOT = Path(__file__).resolve().parents[2]
ADMX = ROOT / "packaging" / "windows" / "policy" / "pleiepunkt.admx"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
RECOVERY = new_recovery_key(b"a long enough passphrase")[1].text()
CA = ROOT / "tests" / "platform" / "package.json"  # any absolute file path will do

needs_keyring = pytest.mark.skipif(
    "DBUS_SESSION_BUS_ADDRESS" not in os.environ,
    reason="needs a Secret Service: run under scripts/with-keyring.sh (scripts/test.sh does)",
)


class Machine:
    """A policy layer under a configuration root, and the app objects built from it."""

    def __init__(self, root: Path, policy: str) -> None:
        self.root = root
        (root / "policy.toml").write_text(policy, encoding="utf-8")
        self.settings = Settings.load(SettingsPaths.under_root(root))
        self._session: Session | None = None

    def session(self) -> Session:
        if self._session is None:
            self._session = Session(settings=self.settings, data_dir=self.root / "stores")
        return self._session

    def workstation(self) -> Workstation:
        return Workstation(
            self.session(),
            settings=self.settings,
            platform=fhir_clients.PlatformAddress("https://fhir.example.no/fhir"),
            clock=clinical_clock(self.settings),
        )

    def close(self) -> None:
        if self._session is not None:
            self._session.close()


def _ca_bundle(machine: Machine, monkeypatch: pytest.MonkeyPatch) -> object:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(fhir_clients, "FhirClient", lambda *a, **k: seen.update(k))
    fhir_client("https://fhir.example.no/fhir", machine.settings)
    return str(seen["ca_bundle"])


def _context(machine: Machine) -> Any:
    return workstation_context(
        lambda: None,  # type: ignore[arg-type,return-value]
        user=Staff(practitioner_id="p", name="n"),
        settings=machine.settings,
        clock=clinical_clock(machine.settings),
    )


Probe = Callable[[Machine, pytest.MonkeyPatch], object]
# registry name: (TOML value in policy.toml, what the code that acts on it does, expected)
PROBES: dict[str, tuple[str, Probe, object]] = {
    "ServerUrl": (
        '"https://fhir.example.no/fhir"',
        lambda m, _mp: server_url(m.settings),
        "https://fhir.example.no/fhir",
    ),
    "IdentityProviderUrl": (
        '"https://idp.example.no"',
        lambda m, _mp: m.session().provider.config.issuer,
        "https://idp.example.no",
    ),
    "ClientId": ('"ward-pc"', lambda m, _mp: m.session().provider.config.client_id, "ward-pc"),
    "OrganisationNumber": (
        '"313231593"',
        lambda m, _mp: _context(m).organisation_number,
        "313231593",
    ),
    "CaBundle": (f'"{CA}"', _ca_bundle, str(CA)),
    "AutoLockMinutes": ("2", lambda m, _mp: desktop_options(m.settings).idle_minutes, 2),
    "PinAttempts": ("3", lambda m, _mp: m.session().keys.policy.max_failed_attempts, 3),
    "OfflineSignInHours": ("4", lambda m, _mp: m.session().offline_limit_hours, 4.0),
    "SyncIntervalSeconds": (
        "120",
        lambda m, _mp: m.workstation().sync.interval.total_seconds(),
        120.0,
    ),
    "Language": ('"en"', lambda m, _mp: desktop_options(m.settings, language="nb").language, "en"),
    "PlacesOfWork": ('["Avdeling 2"]', lambda m, _mp: m.workstation().sync.places, ("Avdeling 2",)),
    "ControlledDrugs": (
        '["R05DA"]',
        lambda m, _mp: "R05DA" in m.workstation().ward.double_signature_atc,
        True,
    ),
    "LogLevel": ('"WARNING"', lambda m, _mp: log_level(m.settings), logging.WARNING),
    "SharedWorkstation": ("false", lambda m, _mp: m.session().shared_workstation, False),
    "RecoveryPublicKey": (
        f'"{RECOVERY}"',
        lambda m, _mp: key_policy(m.settings).recovery_key.text(),  # type: ignore[union-attr]
        RECOVERY,
    ),
    "WitnessCategories": ('["LE"]', lambda m, _mp: m.session().witness_categories, ("LE",)),
    "EmergencyAccessEndsAtLock": (
        "false",
        lambda m, _mp: desktop_options(m.settings).end_emergency_access_at_lock,
        False,
    ),
}
_DEFAULTS = {
    "server_url": 'server_url = "https://fhir.example.no/fhir"\n',
    "identity_provider_url": 'identity_provider_url = "https://idp.example.no"\n',
    "client_id": 'client_id = "ward-pc"\n',
}


def admx_policies() -> list[str]:
    return [p.get("name", "") for p in ET.parse(ADMX).getroot().iterfind(".//p:policy", NS)]


def test_every_admx_policy_has_a_probe() -> None:
    assert sorted(admx_policies()) == sorted(PROBES)


@needs_keyring
@pytest.mark.parametrize("policy", admx_policies())
def test_finding_5_every_admx_policy_is_honoured_by_the_code(
    policy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    declared = next(d for d in SETTINGS if d.registry_name == policy)
    value, probe, expected = PROBES[policy]
    lines = f"{declared.name} = {value}\n"
    lines += "".join(v for k, v in _DEFAULTS.items() if k != declared.name)
    machine = Machine(tmp_path, lines)
    try:
        assert machine.settings.problems == ()
        assert machine.settings.is_managed(declared.name)
        assert declared.default != machine.settings.get(declared)  # a real change to observe
        assert probe(machine, monkeypatch) == expected
    finally:
        machine.close()


@pytest.fixture
def policy_root(tmp_path: Path) -> Path:
    (tmp_path / "policy.toml").write_text('server_url = "https://fhir.kommune.no/fhir"\n')
    return tmp_path


def test_finding_4_server_override_is_refused_where_policy_sets_the_server(
    policy_root: Path,
) -> None:
    settings = Settings.load(SettingsPaths.under_root(policy_root))
    with pytest.raises(PolicyRefused):
        server_url(settings, override="https://evil.example/fhir")
    assert server_url(settings) == "https://fhir.kommune.no/fhir"


def test_finding_4_https_on_every_path(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text("auto_lock_minutes = 3\n")
    with_policy = Settings.load(SettingsPaths.under_root(tmp_path))
    for url in ("http://127.0.0.1:8103/fhir", "http://fhir.example.no/fhir", "ftp://x.example"):
        with pytest.raises(PolicyRefused):
            server_url(with_policy, override=url)
    assert server_url(with_policy, override="https://fhir.example.no/fhir")
    bare = tmp_path / "bare"
    bare.mkdir()
    development = Settings.load(SettingsPaths.under_root(bare))
    # Without any policy, loopback http stays for development and the tests' local servers.
    assert server_url(development, override="http://127.0.0.1:8103/fhir")
    with pytest.raises(PolicyRefused):
        server_url(development, override="http://fhir.example.no/fhir")


@needs_keyring
def test_finding_4_an_http_identity_provider_is_refused_where_a_policy_exists(
    tmp_path: Path,
) -> None:
    (tmp_path / "policy.toml").write_text("pin_attempts = 3\n")
    (tmp_path / "config.toml").write_text(
        'identity_provider_url = "http://127.0.0.1:9/idp"\nclient_id = "x"\n'
    )
    settings = Settings.load(SettingsPaths.under_root(tmp_path))
    with pytest.raises(PolicyRefused):
        Session(settings=settings, data_dir=tmp_path / "stores")


def test_finding_4_a_refused_server_is_a_logged_policy_violation(policy_root: Path) -> None:
    settings = Settings.load(SettingsPaths.under_root(policy_root))
    stores = policy_root / "stores"
    with pytest.raises(PolicyRefused):
        open_workstation(settings, server="https://evil.example/fhir", data_dir=stores)
    [entry] = SecurityLog(stores).newest()
    assert (entry.kind, dict(entry.details)) == ("policy-violation", {"setting": "server_url"})
