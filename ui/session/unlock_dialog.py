"""At start-up, when someone signed in here before: unlock with the PIN, or sign in online.

The same ``LockScreen`` as a locked window, in a dialog of its own, so a nurse who starts
Pleiepunkt without network reaches her records with her PIN exactly as after a lock.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from app.contract import SessionServices, SessionUser
from app.errors import UnlockRefused
from ui.errors import explain
from ui.session.lock_screen import LockScreen
from ui.tasks import TaskRunner


class UnlockDialog(QDialog):
    """Accepted with ``user`` set once the PIN unlocked or someone signed in online."""

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
        self.screen_.switch_user_requested.connect(self._online)
        layout = QVBoxLayout(self)
        layout.addWidget(self.screen_)
        self.resize(640, 420)
        self._runner.run(services.pin_state, on_success=self.screen_.show_pin_state)

    def _unlock(self, pin: str) -> None:
        self.screen_.set_busy(True)

        def done(_result: object) -> None:
            self.user = self._services.current_user()
            self.accept()

        def failed(exc: BaseException) -> None:
            self.screen_.set_busy(False)
            self.screen_.clear()
            if isinstance(exc, UnlockRefused):
                self.screen_.show_message(explain(exc))
                if exc.online_required:
                    self._runner.run(
                        self._services.pin_state, on_success=self.screen_.show_pin_state
                    )
            else:
                self.screen_.show_message(self.tr("The PIN could not be checked. Try again."))

        self._runner.run(
            lambda: self._services.unlock_with_pin(pin), on_success=done, on_failure=failed
        )

    def _online(self) -> None:
        user = self._sign_in()
        if user is not None:
            self.user = user
            self.accept()
