"""Locks and unlocks the window, and switches users, without ever losing recorded work.

Lock (idle, OS session lock, Ctrl+L, or by the app): every other visible window is hidden (open
dialogs keep their half-typed input for the same user), the clipboard is cleared if we own it,
the window's central widget is taken out and hidden, and the lock screen takes its place; menus
and tool bars are hidden and the title loses anything but the product name. Nothing is shown
over patient data: it is gone from the window until unlock.

Unlock: the PIN (through ``SessionServices.unlock_with_pin`` on a worker) or an online sign-in.
If an online sign-in brings another person, that is a user switch: the first person's window
and dialogs are destroyed (their unsynced records stay in their own store and are pushed in
the background under their own sign-in, by ``SessionServices``; nothing of that reaches this
window) and ``window_factory`` builds a fresh window for the second person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenuBar,
    QPushButton,
    QToolBar,
    QWidget,
)

from app.contract import SessionServices, SessionUser
from app.errors import AppError, UnlockRefused
from app.values import PinState
from ui.errors import explain
from ui.session.idle import IdleWatcher
from ui.session.lock_screen import LockScreen
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

WindowFactory = Callable[[SessionUser], QMainWindow]
# Platforms without a system clipboard: whatever is on it was put there by this process.
_IN_PROCESS_CLIPBOARD = frozenset({"offscreen", "minimal"})


class SessionController(QObject):
    """Owns the signed-in user's window and its lock state."""

    locked = Signal()
    unlocked = Signal()
    user_switched = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        *,
        services: SessionServices,
        runner: TaskRunner,
        window_factory: WindowFactory,
        idle: IdleWatcher | None = None,
        title: str = "Pleiepunkt",
    ) -> None:
        super().__init__()
        self._window = window
        self._services = services
        self._runner = runner
        self._factory = window_factory
        self._idle = idle
        self._title = title
        self._lock_screen: LockScreen | None = None
        self._hidden_content: QWidget | None = None
        self._hidden_windows: list[QWidget] = []
        self._hidden_bars: list[QWidget] = []
        self._saved_title = ""
        self._attach(window)
        if idle is not None:
            idle.idle.connect(self.lock)
            idle.start()

    @property
    def window(self) -> QMainWindow:
        return self._window

    @property
    def lock_screen(self) -> LockScreen | None:
        return self._lock_screen

    def is_locked(self) -> bool:
        return self._lock_screen is not None

    def lock(self) -> None:
        """Lock now (idempotent)."""
        if self.is_locked():
            return
        if self._idle is not None:
            self._idle.stop()
        window = self._window
        self._hidden_windows = [
            w
            for w in QApplication.topLevelWidgets()
            if w is not window and w.isVisible() and not isinstance(w, LockScreen)
        ]
        for other in self._hidden_windows:
            other.hide()
        clipboard = QApplication.clipboard()
        if clipboard.ownsClipboard() or QApplication.platformName() in _IN_PROCESS_CLIPBOARD:
            clipboard.clear()
        self._hidden_bars = [bar for bar in window.findChildren(QWidget) if _is_bar(bar, window)]
        for bar in self._hidden_bars:
            bar.hide()
        content = window.centralWidget()
        if content is not None:
            content.hide()
            self._hidden_content = window.takeCentralWidget()
        self._saved_title = window.windowTitle()
        window.setWindowTitle(self.tr("%1 (locked)").replace("%1", self._title))
        screen = LockScreen()
        screen.unlock_requested.connect(self._unlock_with_pin)
        screen.online_sign_in_requested.connect(self._sign_in_online)
        screen.switch_user_requested.connect(self._sign_in_online)
        window.setCentralWidget(screen)
        screen.show()
        self._lock_screen = screen
        screen.show_owner(self._services.current_user())
        self._refresh_pin_state()
        try:
            self._services.lock()
        except Exception as exc:  # locking the screen must never fail because of the store
            log.error("dropping keys at lock failed: %s", type(exc).__name__)
        log.info("session locked")
        self.locked.emit()

    def _refresh_pin_state(self) -> None:
        screen = self._lock_screen
        if screen is None:
            return

        def shown(state: PinState) -> None:
            if self._lock_screen is screen and shiboken6.isValid(screen):
                screen.show_pin_state(state)

        self._runner.run(self._services.pin_state, on_success=shown, on_failure=lambda _exc: None)

    def _unlock_with_pin(self, pin: str) -> None:
        screen = self._lock_screen
        if screen is None:
            return
        screen.set_busy(True)
        self._runner.run(
            lambda: self._services.unlock_with_pin(pin),
            on_success=lambda _none: self._restore(),
            on_failure=self._unlock_failed,
        )

    def _unlock_failed(self, exc: BaseException) -> None:
        screen = self._lock_screen
        if screen is None or not shiboken6.isValid(screen):
            return
        screen.set_busy(False)
        if isinstance(exc, UnlockRefused):
            screen.show_message(explain(exc))
            if exc.online_required:
                self._refresh_pin_state()
        else:
            log.error("PIN unlock failed: %s", type(exc).__name__)
            screen.show_message(self.tr("The PIN could not be checked. Sign in with HelseID."))

    def _sign_in_online(self) -> None:
        screen = self._lock_screen
        if screen is None:
            return
        previous = self._services.current_user()
        screen.set_busy(True)
        screen.show_message(self.tr("Finish signing in in the browser window."))
        self._runner.run(
            self._services.sign_in_online,
            on_success=lambda user: self._signed_in(user, previous),
            on_failure=self._sign_in_failed,
        )

    def _sign_in_failed(self, exc: BaseException) -> None:
        screen = self._lock_screen
        if screen is None or not shiboken6.isValid(screen):
            return
        screen.set_busy(False)
        self._refresh_pin_state()
        if isinstance(exc, AppError):
            screen.show_message(explain(exc))
        else:
            log.error("sign-in failed: %s", type(exc).__name__)
            screen.show_message(self.tr("Sign-in failed. Please try again."))

    def _signed_in(self, user: SessionUser, previous: SessionUser | None) -> None:
        if previous is not None and user.subject == previous.subject:
            self._restore()
        else:
            self._switch_to(user)

    def _restore(self) -> None:
        """Put the same person's window back as it was."""
        window = self._window
        screen = self._lock_screen
        if screen is None or not shiboken6.isValid(window):
            return
        window.takeCentralWidget()
        screen.deleteLater()
        self._lock_screen = None
        if self._hidden_content is not None:
            window.setCentralWidget(self._hidden_content)
            self._hidden_content.show()
            self._hidden_content = None
        for bar in self._hidden_bars:
            bar.show()
        self._hidden_bars = []
        window.setWindowTitle(self._saved_title)
        for other in self._hidden_windows:
            other.show()
        self._hidden_windows = []
        if self._idle is not None:
            self._idle.start()
        log.info("session unlocked")
        self.unlocked.emit()

    def _switch_to(self, user: SessionUser) -> None:
        """Another person signed in: destroy the first person's window, build a fresh one."""
        old = self._window
        for other in self._hidden_windows:
            if isinstance(other, QDialog):
                other.reject()
            other.close()
            other.deleteLater()
        self._hidden_windows = []
        self._hidden_bars = []
        if self._hidden_content is not None:
            self._hidden_content.deleteLater()
            self._hidden_content = None
        if self._lock_screen is not None:
            self._lock_screen.deleteLater()
            self._lock_screen = None
        fresh = self._factory(user)
        fresh.setGeometry(old.geometry())
        self._attach(fresh)
        fresh.show()
        old.hide()
        old.deleteLater()
        if self._idle is not None:
            self._idle.start()
        log.info("user switched")
        self.user_switched.emit(user)
        self.unlocked.emit()

    def _attach(self, window: QMainWindow) -> None:
        self._window = window
        shortcut = QShortcut(QKeySequence("Ctrl+L"), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(self.lock)
        # The same action on a button, so a nurse walking away sees how to lock; its tooltip and
        # the README give the key. A short word: the status bar is full at 200 %.
        button = QPushButton(self.tr("Lock"))
        button.setObjectName("lockButton")
        button.setAccessibleName(self.tr("Lock Pleiepunkt"))
        button.setToolTip(self.tr("Lock the screen now; your PIN opens it again (Ctrl+L)"))
        button.clicked.connect(self.lock)
        window.statusBar().addPermanentWidget(button)


def _is_bar(widget: QWidget, window: QMainWindow) -> bool:
    """Menu bar, tool bars and dock widgets of ``window`` (they may show patient context)."""
    return (
        isinstance(widget, QMenuBar | QToolBar | QDockWidget)
        and widget.parentWidget() is window
        and widget.isVisible()
    )
