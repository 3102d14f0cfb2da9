"""A forgotten PIN: what this person can do here, without ever losing an unsent record.

Three cases (``app.values.ForgotPin``): nothing unsent is stored, so after an online sign-in a
fresh store may replace the old one (kept aside, not deleted); records may be unsent and the
organisation's recovery key is deployed, so IT recovers the store (``RecoveryDialog``, or
``pleiepunkt recover``) and the person chooses a new PIN; records may be unsent and there is no
recovery key, so nothing can be reset here and the dialog says so.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.contract import SessionServices, SessionUser
from app.errors import AppError
from app.values import ForgotPin
from ui.errors import explain
from ui.session.recovery_dialog import RecoveryDialog
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ForgotPinDialog(QDialog):
    """Explains the way forward for ``person``; ``fresh_store_ready`` after the fresh path."""

    fresh_store_ready = Signal(object)

    def __init__(
        self,
        *,
        services: SessionServices,
        runner: TaskRunner,
        person: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._person = person
        self.setWindowTitle(self.tr("Forgot your PIN?"))
        self.explanation = QLabel(self.tr("Checking what is stored for you here…"))
        self.explanation.setObjectName("forgotPinExplanation")
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setWordWrap(True)
        self.reference = QLabel()
        self.reference.setTextFormat(Qt.TextFormat.PlainText)
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fresh_button = QPushButton(self.tr("Sign in and choose a new PIN"))
        self.recover_button = QPushButton(self.tr("Recover with the organisation's key (IT)…"))
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (
            self.explanation,
            self.reference,
            self.fresh_button,
            self.recover_button,
            self.message,
        ):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.fresh_button.hide()
        self.recover_button.hide()
        self.fresh_button.clicked.connect(self._fresh)
        self.recover_button.clicked.connect(self._recover)
        self.resize(560, 280)
        runner.run(
            lambda: services.forgot_pin(person),
            on_success=self.show_options,
            on_failure=self._failed,
        )

    def show_options(self, options: ForgotPin) -> None:
        """Word the way forward (and offer its button)."""
        self.reference.setText(
            self.tr("Reference for IT: %1").replace("%1", options.store_reference)
        )
        if options.fresh_store_allowed:
            self.explanation.setText(
                self.tr(
                    "Nothing you recorded on this computer is waiting to be sent. Sign in with "
                    "HelseID and choose a new PIN: you get a fresh store and your patients are "
                    "fetched again. The old store is kept aside, not deleted."
                )
            )
            self.fresh_button.show()
        elif options.recoverable:
            self.explanation.setText(
                self.tr(
                    "Records you made on this computer may not have been sent yet. They are "
                    "kept. IT can recover your store with the organisation's recovery key; you "
                    "then choose a new PIN. Give IT the reference below."
                )
            )
            self.recover_button.show()
        else:
            self.explanation.setText(
                self.tr(
                    "Records you made on this computer may not have been sent yet, and no "
                    "recovery key is set up here, so the PIN cannot be reset without losing "
                    "them. Nothing has been changed. Try your PIN again, or contact IT."
                )
            )

    def _failed(self, exc: BaseException) -> None:
        self.explanation.setText(explain(exc) if isinstance(exc, AppError) else "")
        if not isinstance(exc, AppError):
            log.error("forgotten PIN check failed: %s", type(exc).__name__)

    def _fresh(self) -> None:
        self.fresh_button.setEnabled(False)
        self.message.setText(self.tr("Finish signing in in the browser window."))

        def sign_in_and_retire() -> SessionUser:
            user = self._services.sign_in_online()
            if self._person is not None and user.subject != self._person:
                self._services.abandon_sign_in()
                raise PermissionError("another person signed in")
            self._services.start_fresh_store()
            return user

        self._runner.run(sign_in_and_retire, on_success=self._retired, on_failure=self._refused)

    def _retired(self, user: SessionUser) -> None:
        self.fresh_store_ready.emit(user)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.fresh_button.setEnabled(True)
        if isinstance(exc, AppError):
            self.message.setText(explain(exc))
        else:
            self.message.setText(self.tr("Sign in as the person who forgot the PIN."))

    def _recover(self) -> None:
        dialog = RecoveryDialog(
            services=self._services, runner=self._runner, person=self._person, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.accept)
        dialog.open()
