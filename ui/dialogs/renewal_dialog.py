"""Asks the prescriber to renew a prescription (a Task in the outbox); never prescribes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.presenters.formatting import format_date
from ui.presenters.prescriptions import PrescriptionItem
from ui.widgets.button_row import ButtonRow
from ui.widgets.plain import plain_label


class RenewalDialog(QDialog):
    """Shows what will be asked and of whom, with an optional note."""

    def __init__(
        self, item: PrescriptionItem, *, patient_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("renewalDialog")
        self.setWindowTitle(self.tr("Ask for renewal"))
        prescriber = item.prescriber or self.tr("the responsible physician")
        summary = plain_label(
            self.tr("Ask %1 to renew this prescription for %2:")
            .replace("%1", prescriber)
            .replace("%2", patient_name),
            object_name="dialogIntro",
        )
        what = plain_label(item.name, object_name="entryTitle")
        facts = plain_label(
            self.tr("Valid until %1").replace("%1", format_date(item.valid_until) or "–"),
            object_name="entryDetail",
        )
        self._note = QPlainTextEdit()
        self._note.setObjectName("renewalNote")
        self._note.setTabChangesFocus(True)
        self._note.setAccessibleName(self.tr("Note to the prescriber"))
        self._note.setFixedHeight(self._note.fontMetrics().lineSpacing() * 4)
        note_label = QLabel(self.tr("&Note to the prescriber (optional):"))
        note_label.setBuddy(self._note)
        sent = plain_label(
            self.tr("The request is saved on this computer and sent with the next sync."),
            object_name="hint",
        )
        box = ButtonRow(
            action_text=self.tr("&Send request"),
            cancel_text=self.tr("Cancel"),
            on_accept=self.accept,
            on_reject=self.reject,
        )
        layout = QVBoxLayout(self)
        for widget in (summary, what, facts, note_label, self._note, sent, box):
            layout.addWidget(widget)

    @property
    def note_field(self) -> QPlainTextEdit:
        """The optional note."""
        return self._note

    def note(self) -> str:
        """The note as typed, trimmed."""
        return self._note.toPlainText().strip()
