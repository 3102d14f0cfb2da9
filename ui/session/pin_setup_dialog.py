"""Choosing a personal PIN at the first online sign-in on this computer.

The PIN later unlocks this person's encrypted store offline (lock screen, no network). It is
typed twice, never shown, and handed to the caller only when both entries agree and are long
enough; the store's key manager applies the real policy and may still refuse it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PinSetupDialog(QDialog):
    """Accepted with ``pin`` set to a PIN typed the same way twice."""

    def __init__(
        self, *, user_name: str, min_length: int = 4, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._min_length = min_length
        self.pin = ""
        self.setWindowTitle(self.tr("Choose your PIN"))
        intro = QLabel(
            self.tr(
                "%1, choose a personal PIN for this computer. It unlocks your records when the "
                "screen is locked or there is no network. Do not share it."
            ).replace("%1", user_name)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        # The rule is stated before the first try, not only in the refusal.
        self.rule = QLabel(
            self.tr("The PIN must have at least %1 characters.").replace("%1", str(min_length))
        )
        self.rule.setObjectName("pinRule")
        self.rule.setTextFormat(Qt.TextFormat.PlainText)
        self.rule.setWordWrap(True)
        self.first = self._pin_field(self.tr("New PIN"))
        self.first.setAccessibleDescription(self.rule.text())
        self.second = self._pin_field(self.tr("Repeat the PIN"))
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&New PIN:"), self.first)
        form.addRow(self.tr("&Repeat:"), self.second)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.accept_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.accept_button.setText(self.tr("&Save PIN"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.rule)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    @staticmethod
    def _pin_field(accessible_name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(accessible_name)
        return field

    def _check(self) -> None:
        first, second = self.first.text(), self.second.text()
        if len(first) < self._min_length:
            self.message.setText(
                self.tr("The PIN must have at least %1 characters.").replace(
                    "%1", str(self._min_length)
                )
            )
        elif first != second:
            self.message.setText(self.tr("The two PINs are not the same. Type them again."))
            self.second.clear()
            self.second.setFocus()
        else:
            self.pin = first
            self.accept()
