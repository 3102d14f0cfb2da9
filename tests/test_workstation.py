"""End to end, as a nurse meets it: HelseID-like sign-in, a new PIN, the first sync, her ward.

Everything is real: the identity provider (oidc-provider), the journal platform accepting only
DPoP-bound tokens, the browser step driven over HTTP, the OS keyring (Secret Service), the
encrypted store and the Qt main window. The screenshot of the open patient is the README's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from main import AppSession, Workstation
from offline.settings import Settings, SettingsPaths
from tests.idp.browser import HttpBrowser
from tests.idp.launcher import FHIR_RESOURCE, FHIR_SCOPE, IdentityProvider
from tests.platform.launcher import JwtAccess, Platform
from tests.synthetic import generate
from ui.app import prepare_application
from ui.bedside.source import ColleagueNotVerified
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.record_source import AccessBasis
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[1]
NURSE = ("kari.sykepleier", "test-nurse-password")
DOCTOR = ("lars.lege", "test-physician-password")
CLIENT_ID = "pleiepunkt-test"

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        "DBUS_SESSION_BUS_ADDRESS" not in os.environ,
        reason="needs a Secret Service: run under scripts/with-keyring.sh (scripts/test.sh does)",
    ),
]


@pytest.fixture
def bokmal() -> Iterator[None]:
    """The app as a nurse sees it: Bokmål and the app's style, removed again afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = prepare_application(app, language=Language.BOKMAL)
    yield
    for translator in translators:
        app.removeTranslator(translator)
    app.setStyleSheet("")


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[IdentityProvider, Platform, Path]]:
    with IdentityProvider.start(resources={FHIR_RESOURCE: FHIR_SCOPE}) as idp:
        access = JwtAccess(issuer=idp.issuer, audience=FHIR_RESOURCE, scope=FHIR_SCOPE)
        with Platform.start(jwt=access) as platform:
            ward = generate(patients=20, seed=2026, reference_date=dt.date.today())
            platform.load_ndjson(json.dumps(resource) for resource in ward)
            (tmp_path / "config.toml").write_text(
                f'server_url = "{platform.fhir_base}"\n'
                f'identity_provider_url = "{idp.issuer}"\n'
                f'client_id = "{CLIENT_ID}"\n'
                "sync_interval_seconds = 30\n",
                encoding="utf-8",
            )
            yield idp, platform, tmp_path


def test_nurse_signs_in_chooses_a_pin_syncs_and_opens_a_patient(
    qtbot: QtBot, stack: tuple[IdentityProvider, Platform, Path], bokmal: None
) -> None:
    idp, platform, root = stack
    settings = Settings.load(SettingsPaths.under_root(root))
    session = AppSession(
        settings=settings, data_dir=root / "stores", open_browser=HttpBrowser(*NURSE)
    )
    idp.register_client(CLIENT_ID, session.client_key.public_jwk())
    runner = TaskRunner()
    workstation = Workstation(
        session, settings=settings, server=platform.fhir_base, runner=runner, bridge=EventBridge()
    )
    try:
        identity = session.sign_in_online()
        assert identity.hpr_number == "900000017"
        assert session.handle.store is None  # first time here: she chooses a PIN first
        session.create_store("2468")
        window = workstation.window_for(identity)
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.patient_list.model.rowCount() > 0, timeout=120_000)
        assert session.handle.outbox_status().pending == 0

        row = window.patient_list.model.row_at(0)
        assert row is not None
        window.request_open(row)
        qtbot.waitUntil(lambda: window.access_dialog is not None, timeout=5_000)
        dialog = window.access_dialog
        assert dialog is not None
        dialog.choose(AccessBasis.CONSENT)
        dialog.accept()
        qtbot.waitUntil(lambda: window.workspace.panels[0].state == "content", timeout=10_000)
        # Opening the record queued an AuditEvent, which the next sync sends.
        qtbot.waitUntil(lambda: session.handle.outbox_status().pending >= 1, timeout=5_000)
        window.resize(1366, 768)
        # A build artefact; the README's copy is resources/screenshots/synced_main_window.png.
        shots = ROOT / "build" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(shots / "synced_main_window.png"))

        session.lock()
        assert session.handle.store is None
        session.unlock_with_pin("2468")
        assert session.handle.store is not None
    finally:
        workstation.stop()
        runner.wait_for_done()
        session.close()


def test_a_colleague_who_signed_in_here_cosigns_with_her_own_pin(
    stack: tuple[IdentityProvider, Platform, Path],
) -> None:
    idp, _platform, root = stack
    settings = Settings.load(SettingsPaths.under_root(root))
    stores = root / "stores"
    nurse = AppSession(settings=settings, data_dir=stores, open_browser=HttpBrowser(*NURSE))
    idp.register_client(CLIENT_ID, nurse.client_key.public_jwk())
    physician = AppSession(settings=settings, data_dir=stores, open_browser=HttpBrowser(*DOCTOR))
    try:
        physician.sign_in_online()
        physician.create_store("1357")
        physician.lock()
        nurse.sign_in_online()
        nurse.create_store("2468")

        colleague = nurse.verify_colleague("900000025", "1357")
        assert colleague.name == "Lars Testlege"
        assert colleague.role == "LE"
        with pytest.raises(ColleagueNotVerified):
            nurse.verify_colleague("900000025", "0000")  # wrong PIN, counted on his key file
        with pytest.raises(ColleagueNotVerified):
            nurse.verify_colleague("900000017", "2468")  # she cannot co-sign for herself
        with pytest.raises(ColleagueNotVerified):
            nurse.verify_colleague("900000033", "1357")  # never signed in on this computer
    finally:
        nurse.close()
        physician.close()
