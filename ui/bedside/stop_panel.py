"""The stop shown when a safety check fails; going on needs a reason that is recorded."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from clinical.records import CheckOverride, OverrideCheck
from ui.widgets.plain import plain_label

MIN_REASON_LENGTH = 5


class StopPanel(QFrame):
    """Lists every failed check in words; ``overrides`` holds them with the typed reason.

    Hidden when nothing stops the user. A symbol and the word STOP carry the meaning; the
    red frame only repeats it.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bedsideStop")
        self.setFrameShape(QFrame.Shape.Box)
        self.setStyleSheet(
            "#bedsideStop { border: 2px solid #9b1c1c; background: #fdecec; border-radius: 4px; }"
        )
        self._stops: dict[OverrideCheck, str] = {}
        layout = QVBoxLayout(self)
        self._title = plain_label(self.tr("✖ STOP"), selectable=False)
        self._title.setStyleSheet("font-weight: bold; color: #9b1c1c; font-size: 13pt;")
        self._messages = plain_label()
        self._messages.setStyleSheet("color: #5a1010;")
        self._reason = QLineEdit()
        self._reason.setPlaceholderText(self.tr("Why you give it anyway (recorded)"))
        self._reason.setAccessibleName(self.tr("Reason for overriding the stop"))
        reason_label = QLabel(self.tr("&Reason to go on anyway:"))
        reason_label.setBuddy(self._reason)
        self._reason.textChanged.connect(self.changed)
        layout.addWidget(self._title)
        layout.addWidget(self._messages)
        layout.addWidget(reason_label)
        layout.addWidget(self._reason)
        self.setVisible(False)

    @property
    def reason_field(self) -> QLineEdit:
        """The reason input (tests and focus handling)."""
        return self._reason

    def set_stop(self, check: OverrideCheck, message: str | None) -> None:
        """Show (``message``) or withdraw (None) the stop of one check."""
        if message is None:
            self._stops.pop(check, None)
        else:
            self._stops[check] = message
        self._messages.setText("\n".join(f"• {m}" for m in self._stops.values()))
        parent = self.parentWidget()
        was_visible = parent is not None and self.isVisibleTo(parent)
        self.setVisible(bool(self._stops))
        if self._stops and not was_visible:
            self._reason.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def has(self, check: OverrideCheck) -> bool:
        """True when ``check`` currently stops the user."""
        return check in self._stops

    @property
    def stopped(self) -> bool:
        """True when any check stops the user."""
        return bool(self._stops)

    @property
    def satisfied(self) -> bool:
        """True when nothing stops the user, or a long enough reason was given."""
        return not self._stops or len(self._reason.text().strip()) >= MIN_REASON_LENGTH

    def overrides(self) -> list[CheckOverride]:
        """The overridden checks with the reason (empty when nothing stops)."""
        reason = self._reason.text().strip()
        if not self._stops or not reason:
            return []
        return [CheckOverride(check, reason) for check in self._stops]
