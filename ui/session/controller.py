"""Locks and unlocks the window, and switches users, without ever losing recorded work.

Lock (idle, OS session lock, Ctrl+L, or by the app): every other visible window is hidden (open
dialogs keep their half-typed input for the same user), the clipboard is cleared if we own it,
the window's central widget is taken out and hidden, the status bar's messages are cleared and
it is hidden with the menus and tool bars, every shortcut and action of the window except the
lock itself is disabled (Settings, "My record openings", Ctrl+Shift+A, the round…), emergency
access ends when policy says so (``end_emergency_access``), and the lock screen takes the
content's place. While locked, only unlocking and choosing another user work.

Unlock: the PIN of the person chosen on the lock screen (``SessionServices.unlock_with_pin`` on
a worker), or an online sign-in followed, on a shared computer, by that person's PIN. If the
person is the one who locked, their window comes back as it was; anyone else is a user switch:
the first person's window and dialogs are destroyed (their unsynced records stay in their own
store and are pushed in the background under their own sign-in; nothing of that reaches this
window) and ``window_factory`` builds a fresh window for the second person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenuBar,
    QPushButton,
    QStatusBar,
    QToolBar,
    QWidget,
)

from app.contract import SessionServices, SessionUser
from app.errors import AppError, UnlockRefused
from app.values import PinState
from ui.errors import explain
from ui.session.forgot_pin_dialog import ForgotPinDialog
from ui.session.idle import IdleWatcher
from ui.session.lock_screen import LockScreen
from ui.session.pin_setup_dialog import PinSetupDialog
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
        end_emergency_access_at_lock: bool = True,
    ) -> None:
        super().__init__()
        self._window = window
        self._services = services
        self._runner = runner
        self._factory = window_factory
        self._idle = idle
        self._title = title
        self._end_emergency = end_emergency_access_at_lock
        self._lock_screen: LockScreen | None = None
        self._hidden_content: QWidget | None = None
        self._hidden_windows: list[QWidget] = []
        self._hidden_bars: list[QWidget] = []
        self._disabled: list[QShortcut | QAction] = []
        self._lock_shortcut: QShortcut | None = None
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

    def bring_to_front(self) -> None:
        """A second start of the app asked for this window (locked or not)."""
        window = self._window
        window.showNormal()
        window.raise_()
        window.activateWindow()

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
        for status in window.findChildren(QStatusBar):
            status.clearMessage()  # a lingering message may name a drug or a patient
        self._hidden_bars = [bar for bar in window.findChildren(QWidget) if _is_bar(bar, window)]
        for bar in self._hidden_bars:
            bar.hide()
        self._disable_commands(window)
        if self._end_emergency:
            end = getattr(window, "end_emergency_access", None)
            if callable(end):
                end()
        content = window.centralWidget()
        if content is not None:
            content.hide()
            self._hidden_content = window.takeCentralWidget()
        self._saved_title = window.windowTitle()
        window.setWindowTitle(self.tr("%1 (locked)").replace("%1", self._title))
        screen = LockScreen()
        screen.unlock_requested.connect(self._unlock_with_pin)
        screen.online_sign_in_requested.connect(self._sign_in_online)
        screen.forgot_pin_requested.connect(self._forgot_pin)
        screen.person_changed.connect(lambda _subject: self._refresh_pin_state())
        window.setCentralWidget(screen)
        screen.show()
        self._lock_screen = screen
        screen.show_owner(self._services.current_user())
        try:
            self._services.lock()
        except Exception as exc:  # locking the screen must never fail because of the store
            log.error("dropping keys at lock failed: %s", type(exc).__name__)
        self._runner.run(
            self._services.people,
            on_success=lambda people: self._show_people(screen, people),
            on_failure=lambda _exc: None,
        )
        self._refresh_pin_state()
        log.info("session locked")
        self.locked.emit()

    def _show_people(self, screen: LockScreen, people: object) -> None:
        if self._lock_screen is screen and shiboken6.isValid(screen):
            screen.show_people(list(people))  # type: ignore[call-overload]

    def _disable_commands(self, window: QMainWindow) -> None:
        """Every shortcut and action of the window except Ctrl+L goes dead until unlock."""
        commands: list[QShortcut | QAction] = [
            *window.findChildren(QShortcut),
            *window.findChildren(QAction),
        ]
        self._disabled = [c for c in commands if c is not self._lock_shortcut and c.isEnabled()]
        for command in self._disabled:
            command.setEnabled(False)

    def _refresh_pin_state(self) -> None:
        screen = self._lock_screen
        if screen is None:
            return
        person = screen.chosen() or None

        def shown(state: PinState) -> None:
            if self._lock_screen is screen and shiboken6.isValid(screen):
                screen.show_pin_state(state)

        self._runner.run(
            lambda: self._services.pin_state(person), on_success=shown, on_failure=lambda _e: None
        )

    def _unlock_with_pin(self, pin: str, person: str) -> None:
        screen = self._lock_screen
        if screen is None:
            return
        previous = self._services.current_user()
        screen.set_busy(True)

        def unlock() -> SessionUser:
            if not person:  # the person who just signed in online
                return self._services.complete_sign_in(pin)
            return self._services.unlock_with_pin(pin, person=person)

        self._runner.run(
            unlock,
            on_success=lambda user: self._signed_in(user, previous),
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
            on_success=lambda user: self._online_done(user, previous),
            on_failure=self._sign_in_failed,
        )

    def _online_done(self, user: SessionUser, previous: SessionUser | None) -> None:
        """Signed in online: a PIN is chosen, asked for, or (personal computer) not needed."""
        screen = self._lock_screen
        if screen is None or not shiboken6.isValid(screen):
            return
        screen.set_busy(False)
        if self._services.needs_new_pin():
            dialog = PinSetupDialog(user_name=user.display_name, parent=self._window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._services.abandon_sign_in()
                self._refresh_pin_state()
                return
            self._services.create_store(dialog.pin)
            self._signed_in(user, previous)
        elif self._services.needs_pin():
            screen.expect_pin_for(user)
        else:
            self._signed_in(user, previous)

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

    def _forgot_pin(self, person: str) -> None:
        dialog = ForgotPinDialog(
            services=self._services,
            runner=self._runner,
            person=person or None,
            parent=self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        previous = self._services.current_user()
        dialog.fresh_store_ready.connect(lambda user: self._online_done(user, previous))
        dialog.finished.connect(lambda _code: self._refresh_pin_state())
        dialog.open()

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
        for command in self._disabled:
            if shiboken6.isValid(command):
                command.setEnabled(True)
        self._disabled = []
        window.setWindowTitle(self._saved_title)
        for other in self._hidden_windows:
            other.show()
        self._hidden_windows = []
        if self._idle is not None:
            self._idle.start()
        log.info("session unlocked")
        self.unlocked.emit()

    def _switch_to(self, user: SessionUser) -> None:
        """Another person is in: destroy the first person's window, build a fresh one."""
        old = self._window
        for other in self._hidden_windows:
            if isinstance(other, QDialog):
                other.reject()
            other.close()
            other.deleteLater()
        self._hidden_windows = []
        self._hidden_bars = []
        self._disabled = []
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
        self._lock_shortcut = shortcut
        # The same action on a button, so a nurse walking away sees how to lock; its tooltip and
        # the README give the key. A short word: the status bar is full at 200 %.
        button = QPushButton(self.tr("Lock"))
        button.setObjectName("lockButton")
        button.setAccessibleName(self.tr("Lock Pleiepunkt"))
        button.setToolTip(self.tr("Lock the screen now; your PIN opens it again (Ctrl+L)"))
        button.clicked.connect(self.lock)
        window.statusBar().addPermanentWidget(button)


def _is_bar(widget: QWidget, window: QMainWindow) -> bool:
    """Menu bar, status bar, tool bars and dock widgets of ``window`` (they may show patient
    context, and the status bar holds Settings and "My record openings")."""
    return (
        isinstance(widget, QMenuBar | QStatusBar | QToolBar | QDockWidget)
        and widget.parentWidget() is window
        and widget.isVisible()
    )
