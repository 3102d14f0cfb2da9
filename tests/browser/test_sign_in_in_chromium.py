"""A first run on a real desktop: sign in through Chromium, choose a PIN, see the ward.

Everything a nurse meets is real: the app's own start-up path (``ui.session.start.SessionStart``'s
``first_sign_in`` and ``window_for`` over ``app.session.Session``, with their dialogs run
modally, and the window ``ui.workbench.open_workbench`` builds over ``app.workstation``),
Debian's Chromium as the system browser with the identity provider's pages and their
Content-Security-Policy, the app's loopback receiver, the platform that accepts only DPoP-bound
tokens, the OS keyring and the encrypted store. Only the person is a program: it clicks, types
and reads what is on the screen.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from selenium.webdriver.common.by import By

from app.fhir_clients import platform_address
from app.session import Session
from app.settings import UserSettings
from app.workstation import Workstation
from clinical.clock import ClinicalClock
from config import Settings, SettingsPaths
from tests.browser.chromium import ChromiumOpener, chromium, chromium_missing
from tests.idp.launcher import FHIR_RESOURCE, FHIR_SCOPE, IdentityProvider
from tests.platform.launcher import JwtAccess, Platform
from tests.synthetic import generate
from ui.app import prepare_application
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.session import SignInDialog
from ui.session.pin_setup_dialog import PinSetupDialog
from ui.session.start import SessionStart
from ui.tasks import TaskRunner
from ui.workbench import open_workbench

NURSE = ("kari.sykepleier", "test-nurse-password")
CLIENT_ID = "pleiepunkt-browser-test"
BROWSER_STEP_SECONDS = 45.0

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        "DBUS_SESSION_BUS_ADDRESS" not in os.environ,
        reason="needs a Secret Service: run under scripts/with-keyring.sh (scripts/test.sh does)",
    ),
]


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[tuple[IdentityProvider, Platform, Path]]:
    """The municipality's identity provider and platform with a small synthetic ward."""
    if (missing := chromium_missing()) is not None:
        pytest.fail(missing)
    with IdentityProvider.start(resources={FHIR_RESOURCE: FHIR_SCOPE}) as idp:
        access = JwtAccess(issuer=idp.issuer, audience=FHIR_RESOURCE, scope=FHIR_SCOPE)
        with Platform.start(jwt=access) as platform:
            ward = generate(patients=8, seed=22, reference_date=dt.date.today())
            platform.load_ndjson(json.dumps(resource) for resource in ward)
            (tmp_path / "config.toml").write_text(
                f'server_url = "{platform.fhir_base}"\n'
                f'identity_provider_url = "{idp.issuer}"\n'
                f'client_id = "{CLIENT_ID}"\n',
                encoding="utf-8",
            )
            yield idp, platform, tmp_path


class PersonAtTheScreen:
    """Clicks "Sign in", signs in in Chromium, types a new PIN twice: what a nurse does.

    Runs from a timer inside the app's own modal loops. If Chromium never gets back to the app,
    it notes where the browser stayed and closes the sign-in window, so the test ends and says so.
    """

    def __init__(self, browser: ChromiumOpener, *, pin: str) -> None:
        self.browser = browser
        self.pin = pin
        self.clicked_sign_in = False
        self.submitted_at: float | None = None
        self.stuck: str | None = None
        self.pin_chosen = False
        self.timer = QTimer()
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.act)

    def act(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, SignInDialog):
            self._sign_in(dialog)
        elif isinstance(dialog, PinSetupDialog) and not self.pin_chosen:
            self.pin_chosen = True
            dialog.first.setText(self.pin)
            dialog.second.setText(self.pin)
            dialog.accept_button.click()

    def _sign_in(self, dialog: SignInDialog) -> None:
        if not self.clicked_sign_in:
            self.clicked_sign_in = True
            dialog.sign_in_button.click()
            return
        if not self.browser.opened.is_set():
            return
        driver = self.browser.driver
        if self.submitted_at is None:
            self.submitted_at = time.monotonic()
            driver.find_element(By.NAME, "username").send_keys(NURSE[0])
            driver.find_element(By.NAME, "password").send_keys(NURSE[1])
            driver.find_element(By.CSS_SELECTOR, "#login button[type=submit]").click()
        elif time.monotonic() - self.submitted_at > BROWSER_STEP_SECONDS:
            heading = driver.find_elements(By.TAG_NAME, "h1")
            self.stuck = f"{driver.current_url} ({heading[0].text if heading else 'no heading'})"
            dialog.reject()


def test_a_nurse_signs_in_in_chromium_chooses_a_pin_and_sees_her_ward(
    qtbot: QtBot, desktop: tuple[IdentityProvider, Platform, Path]
) -> None:
    idp, platform, root = desktop
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = prepare_application(app, language=Language.BOKMAL)
    settings = Settings.load(SettingsPaths.under_root(root))
    runner = TaskRunner()
    with chromium() as driver:
        browser = ChromiumOpener(driver)
        session = Session(settings=settings, data_dir=root / "stores", open_browser=browser)
        idp.register_client(CLIENT_ID, session.client_key.public_jwk())
        bridge = EventBridge()
        workstation = Workstation(
            session,
            settings=settings,
            platform=platform_address(platform.fhir_base, settings),
            clock=ClinicalClock(),
            listener=bridge,
        )
        start = SessionStart(
            session,
            runner=runner,
            window=lambda: open_workbench(
                workstation, runner=runner, bridge=bridge, settings=UserSettings(settings)
            ),
        )
        person = PersonAtTheScreen(browser, pin="2468")
        person.timer.start()
        window: MainWindow | None = None
        try:
            identity = start.first_sign_in()
            assert browser.error is None, browser.error
            assert person.stuck is None, f"Chromium never returned to the app: {person.stuck}"
            assert identity is not None
            assert identity.hpr_number == "900000017"
            # Chromium reached the app's loopback page, not an error page of its own.
            assert driver.find_element(By.TAG_NAME, "h1").text == "Innloggingen er mottatt"

            window = start.window_for(identity)
            assert person.pin_chosen
            assert isinstance(window, MainWindow)
            qtbot.addWidget(window)
            window.show()
            qtbot.waitUntil(lambda: window.patient_list.model.rowCount() > 0, timeout=120_000)
            names = {
                window.patient_list.model.row_at(n).summary.full_name  # type: ignore[union-attr]
                for n in range(window.patient_list.model.rowCount())
            }
            assert len(names) == window.patient_list.model.rowCount()
        finally:
            person.timer.stop()
            workstation.stop()
            runner.wait_for_done()
            session.close()
            if window is not None:
                window.close()
            for translator in translators:
                app.removeTranslator(translator)
            app.setStyleSheet("")
