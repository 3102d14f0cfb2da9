"""Lock, unlock and user switch on a shared workstation, with pytest-qt.

The lock screen replaces the window's content: a screenshot of the locked window and a scan of
every visible widget prove that no patient name or fødselsnummer is left on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from tests.ui.session.fakes import (
    NURSE,
    OTHER_PATIENT_NAME,
    PATIENT_FNR,
    PATIENT_NAME,
    PHYSICIAN,
    FakeServices,
    open_patient_dialog,
    patient_window,
)
from tests.ui.session.visible_text import visible_texts
from ui.session import IdleWatcher, SessionController
from ui.tasks import TaskRunner

PIN = "4827"


def patient_data_on_screen() -> list[str]:
    return [t for t in visible_texts() if PATIENT_NAME in t or PATIENT_FNR in t]


@pytest.fixture
def services(tmp_path: Path) -> FakeServices:
    return FakeServices(tmp_path, pin=PIN)


@pytest.fixture
def controller(
    qtbot: QtBot, services: FakeServices, runner: TaskRunner
) -> Iterator[SessionController]:
    window = patient_window(NURSE)  # not qtbot.addWidget: a user switch deletes it
    window.show()
    ctl = SessionController(window, services=services, runner=runner, window_factory=patient_window)
    yield ctl
    runner.wait_for_done(5_000)
    QApplication.processEvents()
    for top in QApplication.topLevelWidgets():
        top.close()
        top.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_locked_window_shows_no_patient_data(
    qtbot: QtBot, controller: SessionController, tmp_path: Path
) -> None:
    dialog = open_patient_dialog(controller.window)
    assert patient_data_on_screen()

    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(screen.pin.isEnabled)

    image = controller.window.grab()
    path = tmp_path / "locked.png"
    assert image.save(str(path))
    assert patient_data_on_screen() == []
    assert not dialog.isVisible()
    assert "locked" in controller.window.windowTitle()
    assert PATIENT_NAME not in controller.window.windowTitle()
    assert any(NURSE.display_name in t for t in visible_texts())


def test_the_right_pin_restores_the_same_window_and_dialogs(
    qtbot: QtBot, controller: SessionController, services: FakeServices
) -> None:
    dialog = open_patient_dialog(controller.window)
    content = controller.window.centralWidget()
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(screen.pin.isEnabled)

    qtbot.keyClicks(screen.pin, PIN)
    with qtbot.waitSignal(controller.unlocked, timeout=5000):
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)

    assert controller.window.centralWidget() is content
    assert dialog.isVisible()
    assert not controller.is_locked()
    assert services.locks == 1
    assert PATIENT_NAME in controller.window.windowTitle()


def test_wrong_pins_keep_it_locked_and_then_require_an_online_sign_in(
    qtbot: QtBot, controller: SessionController
) -> None:
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(screen.pin.isEnabled)
    for expected in ("2 attempts left", "1 attempts left", "Too many wrong PINs"):
        qtbot.keyClicks(screen.pin, "0000")
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda expected=expected: expected in screen.message.text(), timeout=5000)
        assert controller.is_locked()
        assert patient_data_on_screen() == []
    qtbot.waitUntil(lambda: not screen.pin.isEnabled())
    assert screen.online_button.isEnabled()


def test_an_expired_offline_period_offers_only_online_sign_in(
    qtbot: QtBot, controller: SessionController, services: FakeServices
) -> None:
    services.pin_allowed = False
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(lambda: "expired" in screen.message.text())
    assert not screen.pin.isEnabled()
    assert screen.online_button.isEnabled()


def test_signing_in_online_as_the_same_person_then_the_pin_unlocks(
    qtbot: QtBot, controller: SessionController, services: FakeServices
) -> None:
    content = controller.window.centralWidget()
    controller.lock()
    services.next_sign_in = [NURSE]
    screen = controller.lock_screen
    assert screen is not None
    screen.online_button.click()
    # A shared computer: the online sign-in alone opens nothing; the PIN is asked for.
    qtbot.waitUntil(lambda: "Type your PIN" in screen.message.text(), timeout=5000)
    assert controller.is_locked()
    qtbot.keyClicks(screen.pin, PIN)
    with qtbot.waitSignal(controller.unlocked, timeout=5000):
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert controller.window.centralWidget() is content


def test_the_lock_screen_names_who_locked_it(
    qtbot: QtBot, controller: SessionController, tmp_path: Path
) -> None:
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(lambda: screen.person.count() == 2)
    assert screen.owner.text() == f"Locked by {NURSE.display_name} (nurse)"
    assert screen.person.currentText() == NURSE.display_name  # the one who locked comes first


def test_finding_2_another_persons_pin_opens_only_their_own_session(
    qtbot: QtBot, controller: SessionController, services: FakeServices
) -> None:
    first_window = controller.window
    content = first_window.centralWidget()
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(lambda: screen.person.count() == 2)
    # The physician's PIN typed for the nurse is a wrong PIN for her: nothing opens.
    qtbot.keyClicks(screen.pin, "1357")
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "attempts left" in screen.message.text(), timeout=5000)
    assert controller.is_locked()
    assert services.keys.status().failed_attempts == 1  # counted against the nurse
    # Chosen as himself, his PIN opens his own session: a user switch, her window stays shut.
    screen.person.setCurrentIndex(1)
    qtbot.waitUntil(screen.pin.isEnabled)
    qtbot.keyClicks(screen.pin, "1357")
    with qtbot.waitSignal(controller.user_switched, timeout=5000) as switched:
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert switched.args == [PHYSICIAN]
    assert controller.window is not first_window
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(content)
    assert patient_data_on_screen() == []


def test_a_second_person_sees_nothing_of_the_first_persons_session(
    qtbot: QtBot, controller: SessionController, services: FakeServices
) -> None:
    first_window = controller.window
    dialog = open_patient_dialog(first_window)
    controller.lock()
    services.next_sign_in = [PHYSICIAN]
    screen = controller.lock_screen
    assert screen is not None
    screen.online_button.click()
    qtbot.waitUntil(lambda: "Lars Testlege" in screen.message.text(), timeout=5000)
    qtbot.keyClicks(screen.pin, "1357")
    with qtbot.waitSignal(controller.user_switched, timeout=5000) as switched:
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)

    assert switched.args == [PHYSICIAN]
    second = controller.window
    assert second is not first_window
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first_window)  # the first person's window is gone
    assert not shiboken6.isValid(dialog)
    qtbot.waitUntil(lambda: any(OTHER_PATIENT_NAME in t for t in visible_texts()))
    assert patient_data_on_screen() == []
    assert any(PHYSICIAN.display_name in t for t in visible_texts())


def test_ctrl_l_locks_at_once(qtbot: QtBot, controller: SessionController) -> None:
    controller.window.activateWindow()
    with qtbot.waitSignal(controller.locked, timeout=2000):
        qtbot.keyClick(controller.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert patient_data_on_screen() == []


def test_the_clipboard_we_filled_is_cleared_at_lock(controller: SessionController) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(PATIENT_FNR)
    controller.lock()
    assert PATIENT_FNR not in clipboard.text()


def test_idle_locks_and_input_postpones_it(
    qtbot: QtBot, services: FakeServices, runner: TaskRunner, qapp: QApplication
) -> None:
    window: QMainWindow = patient_window(NURSE)
    qtbot.addWidget(window)
    window.show()
    idle = IdleWatcher(qapp, timeout_ms=300)
    ctl = SessionController(
        window, services=services, runner=runner, window_factory=patient_window, idle=idle
    )
    qtbot.wait(200)
    qtbot.mouseMove(window.centralWidget())
    qtbot.keyClick(window.centralWidget(), Qt.Key.Key_A)
    qtbot.wait(200)
    assert not ctl.is_locked()  # input reset the timer
    with qtbot.waitSignal(ctl.locked, timeout=3000):
        pass
    assert not idle.is_running()
    assert patient_data_on_screen() == []
