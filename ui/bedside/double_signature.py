"""Double signature: a second staff member confirms with their own PIN on this computer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.contract import BedsideSource
from app.errors import ColleagueNotVerified
from clinical.records import Staff
from ui.errors import failure_text
from ui.tasks import TaskRunner
from ui.widgets.button_row import ButtonRow
from ui.widgets.plain import plain_label


class DoubleSignatureDialog(QDialog):
    """Asks the colleague for user name (or HPR number) and PIN; ``colleague`` on accept."""

    def __init__(
        self,
        *,
        source: BedsideSource,
        runner: TaskRunner,
        current_user: Staff,
        medicine: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Double signature"))
        self._source = source
        self._runner = runner
        self._user = current_user
        self.colleague: Staff | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "A second person checks %1 and confirms with their own user name and PIN."
                ).replace("%1", medicine)
            )
        )
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Colleague's user name or HPR number"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("Colleague's PIN"))
        form.addRow(self.tr("&User name or HPR no.:"), self.username)
        form.addRow(self.tr("&PIN:"), self.pin)
        layout.addLayout(form)
        self.message = plain_label()
        self.message.setStyleSheet("color: #9b1c1c;")
        layout.addWidget(self.message)
        buttons = ButtonRow(
            action_text=self.tr("&Confirm"),
            cancel_text=self.tr("Cancel"),
            on_accept=self._verify,
            on_reject=self.reject,
        )
        self.confirm_button = buttons.action
        layout.addWidget(buttons)
        self.username.setFocus()

    def _verify(self) -> None:
        who, pin = self.username.text().strip(), self.pin.text()
        if not who or not pin:
            self.message.setText(self.tr("Enter the colleague's user name and PIN."))
            return
        self.confirm_button.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        self._runner.run(
            lambda: self._source.verify_colleague(who, pin),
            on_success=self._verified,
            on_failure=self._failed,
        )

    def _verified(self, colleague: object) -> None:
        self.confirm_button.setEnabled(True)
        assert isinstance(colleague, Staff)
        if colleague.practitioner_id == self._user.practitioner_id:
            self._refuse(self.tr("The second signature must be another person than you."))
            return
        self.colleague = colleague
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        if isinstance(error, ColleagueNotVerified):
            self._refuse(self.tr("Wrong user name or PIN. Try again."))
        else:
            self._refuse(failure_text(error))

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.pin.clear()
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)


class CosignBox(QGroupBox):
    """Shows whether the required second signature is there and opens the dialog (Ctrl+D)."""

    changed = Signal()

    def __init__(
        self,
        *,
        source: BedsideSource,
        runner: TaskRunner,
        current_user: Staff,
        medicine: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Double signature required (controlled drug)"))
        self._source, self._runner, self._user, self._medicine = (
            source,
            runner,
            current_user,
            medicine,
        )
        self.colleague: Staff | None = None
        layout = QHBoxLayout(self)
        self.status = plain_label(self.tr("✍ Not yet signed by a second person."))
        self.button = QPushButton(self.tr("Second signat&ure…"))
        self.button.setToolTip(self.tr("Ctrl+D"))
        self.button.clicked.connect(self.open_dialog)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.button)
        shortcut = QShortcut(QKeySequence("Ctrl+D"), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.open_dialog)
        self.dialog: DoubleSignatureDialog | None = None

    def open_dialog(self) -> None:
        """Open the colleague's sign-in (window-modal, does not block)."""
        dialog = DoubleSignatureDialog(
            source=self._source,
            runner=self._runner,
            current_user=self._user,
            medicine=self._medicine,
            parent=self,
        )
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._signed(dialog.colleague))
        dialog.open()
        dialog.activateWindow()

    def _signed(self, colleague: Staff | None) -> None:
        self.window().activateWindow()
        self.colleague = colleague
        if colleague is not None:
            self.status.setText(
                self.tr("✔ Checked by %1 (HPR %2).")
                .replace("%1", colleague.name)
                .replace("%2", colleague.hpr or "–")
            )
        self.changed.emit()
