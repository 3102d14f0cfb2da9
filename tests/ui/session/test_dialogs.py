"""The quit question about unsynced records, the sign-in window and the own-accesses list."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from app.contract import SessionUser
from app.errors import SignInFailed
from tests.ui.session.fakes import NURSE
from ui.session import (
    AccessEntry,
    OwnAccessesDialog,
    OwnAccessesModel,
    QuitGuard,
    SignInDialog,
    quit_question,
)
from ui.tasks import TaskRunner

OSLO = ZoneInfo("Europe/Oslo")


def test_closing_with_unsynced_records_asks_and_can_be_refused(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    asked: list[int] = []
    answer = [False]

    def ask(_parent: object, pending: int) -> bool:
        asked.append(pending)
        return answer[0]

    QuitGuard(window, pending_count=lambda: 3, ask=ask)
    assert window.close() is False
    assert window.isVisible()
    answer[0] = True
    assert window.close() is True
    assert asked == [3, 3]


def test_closing_with_nothing_pending_does_not_ask(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    QuitGuard(window, pending_count=lambda: 0, ask=lambda _p, _n: False)
    assert window.close() is True


def test_an_unreadable_count_still_asks(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()

    def broken() -> int:
        raise OSError("store closed")

    QuitGuard(window, pending_count=broken, ask=lambda _p, _n: False)
    assert window.close() is False


def test_the_quit_question_says_how_many_and_that_they_are_kept(qtbot: QtBot) -> None:
    box = quit_question(None, 4)
    qtbot.addWidget(box)
    assert "4" in box.text()
    assert "kept safely on this computer" in box.text()


def test_own_accesses_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = OwnAccessesModel()
    model.set_entries(
        [
            AccessEntry(
                datetime(2025, 3, 12, 8, 14, tzinfo=OSLO), "Syntetisk Testpasient", "Samtykke"
            ),
            AccessEntry(
                datetime(2025, 3, 12, 9, 0, tzinfo=OSLO),
                "Annen Prøvepasient",
                "Akutt",
                emergency=True,
            ),
        ]
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2
    assert "emergency" in model.data(model.index(1, 2))
    assert model.data(model.index(0, 0)) == "12.03.2025 08:14"


def test_own_accesses_dialog_loads_on_a_worker(qtbot: QtBot, runner: TaskRunner) -> None:
    entries = [AccessEntry(datetime(2025, 3, 12, 8, 14, tzinfo=OSLO), "Syntetisk", "Samtykke")]
    dialog = OwnAccessesDialog(list_accesses=lambda: entries, runner=runner)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.status.text() == ""


def test_sign_in_dialog_accepts_with_the_signed_in_user(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = SignInDialog(sign_in=lambda: NURSE, cancel=lambda: None, runner=runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog.sign_in_button.click()
    assert dialog.user is NURSE


def test_sign_in_dialog_says_why_sign_in_failed(qtbot: QtBot, runner: TaskRunner) -> None:
    def fail() -> SessionUser:
        raise SignInFailed("sign_in.cancelled")

    dialog = SignInDialog(sign_in=fail, cancel=lambda: None, runner=runner)
    qtbot.addWidget(dialog)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.message.text() == "Sign-in was cancelled.")
    assert dialog.sign_in_button.isEnabled()


def test_cancel_while_waiting_cancels_the_browser_sign_in(qtbot: QtBot, runner: TaskRunner) -> None:
    released = threading.Event()

    def wait_for_browser() -> SessionUser:
        released.wait(5)
        raise SignInFailed("sign_in.cancelled")

    dialog = SignInDialog(sign_in=wait_for_browser, cancel=released.set, runner=runner)
    qtbot.addWidget(dialog)
    dialog.start()
    assert dialog.cancel_button.isVisible() or not dialog.isVisible()
    dialog.cancel_button.click()
    qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=3000)
    assert released.is_set()


def test_a_browser_that_never_returns_is_said_plainly_and_in_full(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    """The real error of a sign-in that timed out, in a dialog that grows to show all of it."""

    def never_back() -> SessionUser:
        raise SignInFailed("sign_in.not_completed")

    dialog = SignInDialog(sign_in=never_back, cancel=lambda: None, runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: "not completed in the browser" in dialog.message.text(), timeout=3000)
    assert "cancelled" not in dialog.message.text()
    QApplication.processEvents()
    label = dialog.message
    assert label.height() >= label.heightForWidth(label.width())
    assert dialog.rect().contains(label.geometry())


def test_the_waiting_text_is_never_clipped(qtbot: QtBot, runner: TaskRunner) -> None:
    released = threading.Event()
    dialog = SignInDialog(
        sign_in=lambda: released.wait(5) and NURSE, cancel=released.set, runner=runner
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.start()
    QApplication.processEvents()
    label = dialog.message
    assert label.text()
    assert label.height() >= label.heightForWidth(label.width())
    assert dialog.cancel_button.geometry().top() >= label.geometry().bottom()
    released.set()
