"""At start-up: who is at the keyboard, their PIN, or an online sign-in (then the PIN).

The same ``LockScreen`` as a locked window, in a dialog of its own, so a nurse who starts
Pleiepunkt without network reaches her records with her PIN exactly as after a lock. An online
sign-in opens the sign-in window; on a shared computer the person then gives their PIN (or
chooses one at a first sign-in here) before anything opens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from app.contract import SessionServices, SessionUser
from app.errors import AppError, UnlockRefused
from ui.errors import explain
from ui.session.forgot_pin_dialog import ForgotPinDialog
from ui.session.lock_screen import LockScreen
from ui.session.pin_setup_dialog import PinSetupDialog
from ui.tasks import TaskRunner


class UnlockDialog(QDialog):
    """Accepted with ``user`` set once someone's own store is open."""

    def __init__(
        self,
        *,
        services: SessionServices,
        runner: TaskRunner,
        sign_in: Callable[[], SessionUser | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._sign_in = sign_in
        self.user: SessionUser | None = None
        self.setWindowTitle("Pleiepunkt")
        self.screen_ = LockScreen(self)
        self.screen_.show_owner(services.current_user())
        self.screen_.unlock_requested.connect(self._unlock)
        self.screen_.online_sign_in_requested.connect(self._online)
        self.screen_.forgot_pin_requested.connect(self._forgot)
        self.screen_.person_changed.connect(lambda _s: self._refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.screen_)
        self.resize(640, 420)
        self.screen_.show_people(services.people())
        self._refresh()

    def _refresh(self) -> None:
        person = self.screen_.chosen() or None
        self._runner.run(
            lambda: self._services.pin_state(person),
            on_success=self.screen_.show_pin_state,
            on_failure=lambda _e: None,
        )

    def _unlock(self, pin: str, person: str) -> None:
        self.screen_.set_busy(True)

        def unlock() -> SessionUser:
            if not person:
                return self._services.complete_sign_in(pin)
            return self._services.unlock_with_pin(pin, person=person)

        def failed(exc: BaseException) -> None:
            self.screen_.set_busy(False)
            self.screen_.clear()
            if isinstance(exc, UnlockRefused):
                self.screen_.show_message(explain(exc))
                if exc.online_required:
                    self._refresh()
            elif isinstance(exc, AppError):
                self.screen_.show_message(explain(exc))
            else:
                self.screen_.show_message(self.tr("The PIN could not be checked. Try again."))

        self._runner.run(unlock, on_success=self._opened, on_failure=failed)

    def _opened(self, user: SessionUser) -> None:
        self.user = user
        self.accept()

    def _online(self) -> None:
        user = self._sign_in()
        if user is not None:
            self.after_online(user)

    def after_online(self, user: SessionUser) -> None:
        """Signed in online: choose a PIN, give the PIN, or (personal computer) done."""
        if self._services.needs_new_pin():
            dialog = PinSetupDialog(user_name=user.display_name, parent=self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._services.abandon_sign_in()
                return
            self._services.create_store(dialog.pin)
            self._opened(user)
        elif self._services.needs_pin():
            self.screen_.expect_pin_for(user)
        else:
            self._opened(user)

    def _forgot(self, person: str) -> None:
        dialog = ForgotPinDialog(
            services=self._services, runner=self._runner, person=person or None, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fresh_store_ready.connect(self.after_online)
        dialog.finished.connect(lambda _code: self._refresh())
        dialog.open()
