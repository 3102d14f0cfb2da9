"""IT recovers a store whose PIN is forgotten: the organisation's key file, its passphrase, and
the person's new PIN twice. The key file is read here and handed over as bytes; the passphrase
goes as a ``bytearray`` the application wipes (Qt's own copy in the line edit cannot be wiped;
the field is cleared at once). See packaging/README.md, Recovery.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.contract import SessionServices
from app.errors import AppError
from ui.errors import explain
from ui.tasks import TaskRunner


class RecoveryDialog(QDialog):
    """Accepted once the store is recovered (the person then unlocks with the new PIN)."""

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
        self.setWindowTitle(self.tr("Recover a store (IT)"))
        intro = QLabel(
            self.tr(
                "For IT: open the store with the organisation's recovery key. The person then "
                "types a new PIN twice. Nothing stored is lost, unsent records included."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.key_file = QLineEdit()
        self.key_file.setAccessibleName(self.tr("Recovery key file"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_file, 1)
        key_row.addWidget(browse)
        self.passphrase = self._secret(self.tr("Passphrase of the recovery key"))
        self.first = self._secret(self.tr("New PIN"))
        self.second = self._secret(self.tr("New PIN again"))
        form = QFormLayout()
        key_label = QLabel(self.tr("Recovery &key file:"))
        key_label.setBuddy(self.key_file)
        form.addRow(key_label, key_row)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&New PIN:"), self.first)
        form.addRow(self.tr("New PIN &again:"), self.second)
        self.message = QLabel()
        self.message.setObjectName("recoveryMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Recover"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 300)

    @staticmethod
    def _secret(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Recovery key file"), "", self.tr("PEM files (*.pem);;All files (*)")
        )
        if chosen:
            self.key_file.setText(chosen)

    def submit(self) -> None:
        """Check the entries and recover on a worker."""
        if self.first.text() != self.second.text() or not self.first.text():
            self.message.setText(self.tr("The two PINs are not the same."))
            return
        try:
            pem = Path(self.key_file.text()).read_bytes()
        except OSError:
            self.message.setText(self.tr("The recovery key file cannot be read."))
            return
        passphrase = bytearray(self.passphrase.text().encode())
        new_pin = self.first.text()
        for field in (self.passphrase, self.first, self.second):
            field.clear()
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Please wait…"))
        person = self._person
        self._runner.run(
            lambda: self._services.recover(
                person, key_pem=pem, passphrase=passphrase, new_pin=new_pin
            ),
            on_success=lambda _user: self._done(),
            on_failure=self._failed,
        )

    def _done(self) -> None:
        self.message.setText(self.tr("The store is recovered. Unlock with the new PIN."))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, AppError):
            self.message.setText(explain(exc))
        else:
            self.message.setText(self.tr("The recovery did not work. Nothing was changed."))
