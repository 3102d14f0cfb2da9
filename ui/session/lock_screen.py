"""The lock screen: who the session belongs to, a PIN field, online sign-in and user switch.

It shows no patient data at all: only the product name, the signed-in staff member's name and
role, and messages about the PIN. It replaces the window's content while locked (see
``controller``), so nothing behind it can show through in a screenshot or the accessibility
tree.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.contract import SessionUser
from app.values import PinState
from ui.errors import pin_state_text


class LockScreen(QWidget):
    """Asks for the PIN of the session's owner, or offers an online sign-in / another user."""

    unlock_requested = Signal(str)
    online_sign_in_requested = Signal()
    switch_user_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAccessibleName(self.tr("Pleiepunkt is locked"))

        self.title = QLabel(self.tr("Pleiepunkt is locked"))
        self.title.setObjectName("lockTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)

        self.owner = QLabel()
        self.owner.setTextFormat(Qt.TextFormat.PlainText)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,12}"), self.pin)
        )
        self.pin.setPlaceholderText(self.tr("PIN code"))
        self.pin.setAccessibleName(self.tr("PIN code"))
        self.pin.setMaximumWidth(240)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.message = QLabel()
        self.message.setObjectName("lockMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.online_button = QPushButton(self.tr("Sign in with HelseID"))
        self.switch_button = QPushButton(self.tr("Another user: sign in"))
        self._build_layout()

        self.unlock_button.clicked.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        self.online_button.clicked.connect(self.online_sign_in_requested)
        self.switch_button.clicked.connect(self.switch_user_requested)

    def _build_layout(self) -> None:
        pin_row = QHBoxLayout()
        pin_row.addStretch(1)
        pin_row.addWidget(self.pin)
        pin_row.addWidget(self.unlock_button)
        pin_row.addStretch(1)
        other_row = QHBoxLayout()
        other_row.addStretch(1)
        other_row.addWidget(self.online_button)
        other_row.addWidget(self.switch_button)
        other_row.addStretch(1)

        card = QFrame()
        card.setObjectName("lockCard")
        inner = QVBoxLayout(card)
        for widget in (self.title, self.owner):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            inner.addWidget(widget)
        inner.addSpacing(16)
        inner.addLayout(pin_row)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.message)
        inner.addSpacing(16)
        inner.addLayout(other_row)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card)
        outer.addStretch(2)

    def show_owner(self, user: SessionUser | None) -> None:
        """Name the person whose session this is (staff, never a patient)."""
        if user is None:
            self.owner.setText(self.tr("Nobody is signed in on this computer."))
        else:
            self.owner.setText(self.tr("Locked by %1").replace("%1", user.display_name))

    def show_pin_state(self, state: PinState) -> None:
        """Offer the PIN, or explain why only an online sign-in unlocks now."""
        self.pin.setEnabled(state.allowed)
        self.unlock_button.setEnabled(state.allowed)
        self.message.setText(pin_state_text(state))
        if state.allowed:
            self.pin.setFocus()
        else:
            self.online_button.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def set_busy(self, busy: bool) -> None:
        """Disable input while a PIN check or sign-in runs."""
        for widget in (self.pin, self.unlock_button, self.online_button, self.switch_button):
            widget.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Please wait…"))

    def clear(self) -> None:
        self.pin.clear()

    def _submit(self) -> None:
        pin = self.pin.text()
        self.pin.clear()
        if pin:
            self.unlock_requested.emit(pin)
