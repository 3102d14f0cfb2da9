"""Asks on what basis the user opens a patient's record; a reason is required in an emergency."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.values import AccessBasis, AccessGrant
from ui import labels
from ui.widgets.button_row import ButtonRow
from ui.widgets.plain import plain_label


class AccessBasisDialog(QDialog):
    """Consent, emergency (with reason) or exception; Enter confirms, Esc cancels."""

    def __init__(self, patient_name: str, *, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessBasisDialog")
        self.setWindowTitle(self.tr("Access basis"))
        self._now = now
        intro = plain_label(
            self.tr("On what basis do you open the record of %1?").replace("%1", patient_name),
            object_name="dialogIntro",
        )
        note = plain_label(
            self.tr("Your choice is logged, and the patient can see who opened the record."),
            object_name="hint",
        )
        self._group = QButtonGroup(self)
        self._buttons: dict[AccessBasis, QRadioButton] = {}
        mnemonics = {
            AccessBasis.CONSENT: "&1 ",
            AccessBasis.EMERGENCY: "&2 ",
            AccessBasis.EXCEPTION: "&3 ",
        }
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for basis in AccessBasis:
            button = QRadioButton(mnemonics[basis] + labels.access_basis(basis))
            button.setAccessibleName(labels.access_basis(basis))
            self._group.addButton(button)
            self._buttons[basis] = button
            layout.addWidget(button)
        self._buttons[AccessBasis.CONSENT].setChecked(True)
        self._reason_label = QLabel(self.tr("&Reason (required in an emergency):"))
        self._reason = QPlainTextEdit()
        self._reason.setObjectName("accessReason")
        self._reason.setTabChangesFocus(True)
        self._reason.setAccessibleName(self.tr("Reason"))
        self._reason.setFixedHeight(self._reason.fontMetrics().lineSpacing() * 4)
        self._reason_label.setBuddy(self._reason)
        self._problem = plain_label(object_name="formProblem")
        self._problem.hide()
        layout.addWidget(self._reason_label)
        layout.addWidget(self._reason)
        layout.addWidget(self._problem)
        layout.addWidget(note)
        self._box = ButtonRow(
            action_text=self.tr("&Open record"),
            cancel_text=self.tr("Cancel"),
            on_accept=self.accept,
            on_reject=self.reject,
        )
        layout.addWidget(self._box)
        # Wide enough for the note on one line where the screen allows; see resizeEvent.
        wanted = note.fontMetrics().horizontalAdvance(note.text()) + 48
        screen = self.screen()
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().width() * 9 // 10)
        self.setMinimumWidth(wanted)
        self._group.buttonToggled.connect(self._update)
        self._reason.textChanged.connect(self._update)
        self._update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A top-level window ignores its wrapped labels' height for its width, so on a narrow
        # (200 %) screen the note was drawn over the reason box; grow to what the width needs.
        super().resizeEvent(event)
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > self.height():
            self.setMinimumHeight(needed)
            self.resize(self.width(), needed)

    def choose(self, basis: AccessBasis) -> None:
        """Select a basis (as the user would)."""
        self._buttons[basis].setChecked(True)

    @property
    def reason_field(self) -> QPlainTextEdit:
        """The reason text box."""
        return self._reason

    def grant(self) -> AccessGrant | None:
        """The chosen basis, or None while the form is incomplete."""
        basis = next((b for b, button in self._buttons.items() if button.isChecked()), None)
        reason = self._reason.toPlainText().strip()
        if basis is None or (basis is AccessBasis.EMERGENCY and not reason):
            return None
        return AccessGrant(basis=basis, reason=reason, granted_at=self._now)

    def accept(self) -> None:
        """Close only with a complete answer."""
        if self.grant() is None:
            self._problem.setText(self.tr("⚠ Write the reason for emergency access."))
            self._problem.show()
            self._reason.setFocus()
            return
        super().accept()

    def _update(self) -> None:
        emergency = self._buttons[AccessBasis.EMERGENCY].isChecked()
        self._reason_label.setText(
            self.tr("&Reason (required):") if emergency else self.tr("&Reason (optional):")
        )
        if self.grant() is not None:
            self._problem.hide()
