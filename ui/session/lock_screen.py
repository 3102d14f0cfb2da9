"""The lock screen: whose session is locked, who is unlocking, their PIN, and the other ways in.

It shows no patient data at all: only the product name, the name and role of the staff member
who locked it, a choice of who is at the keyboard (the people with a store on this computer),
and messages about the PIN. The PIN always unlocks the *chosen* person's own store: choosing
someone else than the one who locked is a user switch. After an online sign-in on a shared
computer the screen asks that person for their PIN (``expect_pin_for``). It replaces the
window's content while locked (see ``controller``), so nothing behind it shows through in a
screenshot or the accessibility tree.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
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
from ui.labels import role_text


class LockScreen(QWidget):
    """Asks for the chosen person's PIN, or offers an online sign-in and help with the PIN."""

    unlock_requested = Signal(str, str)
    """(PIN, the chosen person's subject; "" for the person who signed in online)."""
    online_sign_in_requested = Signal()
    forgot_pin_requested = Signal(str)
    person_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAccessibleName(self.tr("Pleiepunkt is locked"))
        self._owner: SessionUser | None = None
        self._pending: SessionUser | None = None

        self.title = QLabel(self.tr("Pleiepunkt is locked"))
        self.title.setObjectName("lockTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)

        self.owner = QLabel()
        self.owner.setObjectName("lockOwner")
        self.owner.setTextFormat(Qt.TextFormat.PlainText)
        self.person_label = QLabel(self.tr("&Who are you?"))
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("Who is unlocking"))
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.person.setMinimumContentsLength(18)  # a whole name, never "Kari Test…"
        self.person_label.setBuddy(self.person)
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
        self.forgot_button = QPushButton(self.tr("Forgot your PIN?"))
        self.forgot_button.setFlat(True)
        self._build_layout()

        self.unlock_button.clicked.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        self.online_button.clicked.connect(self.online_sign_in_requested)
        self.forgot_button.clicked.connect(lambda: self.forgot_pin_requested.emit(self.chosen()))
        self.person.currentIndexChanged.connect(lambda _i: self.person_changed.emit(self.chosen()))

    def _build_layout(self) -> None:
        person_row = QHBoxLayout()
        person_row.addStretch(1)
        person_row.addWidget(self.person_label)
        person_row.addWidget(self.person)
        person_row.addStretch(1)
        pin_row = QHBoxLayout()
        pin_row.addStretch(1)
        pin_row.addWidget(self.pin)
        pin_row.addWidget(self.unlock_button)
        pin_row.addStretch(1)
        other_row = QHBoxLayout()
        other_row.addStretch(1)
        other_row.addWidget(self.online_button)
        other_row.addWidget(self.forgot_button)
        other_row.addStretch(1)

        card = QFrame()
        card.setObjectName("lockCard")
        inner = QVBoxLayout(card)
        for widget in (self.title, self.owner):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            inner.addWidget(widget)
        inner.addSpacing(16)
        inner.addLayout(person_row)
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
        self._owner = user
        if user is None:
            self.title.setText(self.tr("Pleiepunkt"))
            self.owner.setText(self.tr("Choose who you are and type your PIN, or sign in."))
        else:
            self.owner.setText(
                self.tr("Locked by %1 (%2)")
                .replace("%1", user.display_name)
                .replace("%2", role_text(user.role_label))
            )

    def show_people(self, people: Sequence[SessionUser]) -> None:
        """Offer these people as who is unlocking, the owner first (chosen)."""
        ordered = list(people)
        owner = self._owner
        if owner is not None:
            ordered = [owner, *[p for p in ordered if p.subject != owner.subject]]
        self.person.blockSignals(True)
        self.person.clear()
        for person in ordered:
            self.person.addItem(person.display_name, person.subject)
        self.person.blockSignals(False)
        several = self.person.count() > 1
        self.person.setVisible(several)
        self.person_label.setVisible(several)

    def chosen(self) -> str:
        """The subject of who is unlocking ("" after an online sign-in: that person)."""
        if self._pending is not None:
            return ""
        value = self.person.currentData()
        if isinstance(value, str):
            return value
        return self._owner.subject if self._owner is not None else ""

    def expect_pin_for(self, user: SessionUser) -> None:
        """After an online sign-in on a shared computer: ask that person for their PIN."""
        self._pending = user
        self.person.hide()
        self.person_label.hide()
        self.online_button.setEnabled(False)
        self.pin.setEnabled(True)
        self.unlock_button.setEnabled(True)
        self.message.setText(
            self.tr("Signed in as %1. Type your PIN to open your journal.").replace(
                "%1", user.display_name
            )
        )
        self.pin.setFocus()

    def show_pin_state(self, state: PinState) -> None:
        """Offer the PIN, or explain why only an online sign-in unlocks now."""
        if self._pending is not None:
            return
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
        for widget in (self.pin, self.unlock_button, self.online_button, self.forgot_button):
            widget.setEnabled(not busy)
        self.person.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Please wait…"))

    def clear(self) -> None:
        self.pin.clear()

    def _submit(self) -> None:
        pin = self.pin.text()
        self.pin.clear()
        if pin:
            self.unlock_requested.emit(pin, self.chosen())
