"""Screenshots of the lock screen naming its person and of the forgotten-PIN and recovery
flow, in Bokmål, saved under build/screenshots for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.values import ForgotPin
from tests.ui.session.fakes import NURSE, FakeServices, patient_window
from ui.app import prepare_application
from ui.i18n import Language
from ui.session import SessionController
from ui.session.forgot_pin_dialog import ForgotPinDialog
from ui.session.recovery_dialog import RecoveryDialog
from ui.tasks import TaskRunner

SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots"


@pytest.fixture
def bokmal(qapp: QApplication) -> Iterator[None]:
    translators = prepare_application(qapp, language=Language.BOKMAL)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    qapp.setStyleSheet("")


def test_the_locked_window_names_its_person(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, bokmal: None
) -> None:
    window = patient_window(NURSE)
    qtbot.addWidget(window)
    window.show()
    controller = SessionController(
        window, services=FakeServices(tmp_path), runner=runner, window_factory=patient_window
    )
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(lambda: screen.person.count() == 2 and screen.pin.isEnabled())
    assert screen.owner.text() == "Låst av Kari Testpleier (sykepleier)"
    assert screen.forgot_button.text() == "Glemt PIN-koden?"
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "lock_screen_named.png"))
    runner.wait_for_done(5_000)


def test_the_forgotten_pin_and_recovery_dialogs(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, bokmal: None
) -> None:
    services = FakeServices(tmp_path)
    dialog = ForgotPinDialog(services=services, runner=runner, person=NURSE.subject)
    qtbot.addWidget(dialog)
    runner.wait_for_done(5_000)
    dialog.show_options(
        ForgotPin(
            maybe_unsent=True,
            recoverable=True,
            fresh_store_allowed=False,
            store_reference="store-7dcce4945412fd71df49e35b",
        )
    )
    dialog.show()
    assert dialog.recover_button.isVisible()
    assert not dialog.fresh_button.isVisible()
    assert "IT kan gjenopprette" in dialog.explanation.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "forgot_pin_recoverable.png"))
    recovery = RecoveryDialog(services=services, runner=runner, person=NURSE.subject)
    qtbot.addWidget(recovery)
    recovery.key_file.setText("E:/pleiepunkt-recovery.pem")
    recovery.show()
    assert recovery.grab().save(str(SHOTS / "recovery_dialog.png"))
    recovery.first.setText("1111")
    recovery.second.setText("2222")
    recovery.submit()
    assert recovery.message.text() == "De to PIN-kodene er ikke like."
