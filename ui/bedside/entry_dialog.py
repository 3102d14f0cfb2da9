"""What every documentation dialog shares: a red message line, Save and Cancel, Ctrl+Enter to
save, and saving on a worker through the application while the dialog stays open.

A subclass builds its form, collects what was chosen and typed into a plain value
(``app.entries``) and calls ``submit`` with the source's write for it. On success ``saved``
holds what was written and the dialog is accepted; on failure it stays open with every value
kept and says why (``ui.errors``), so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from app.errors import EntryRefused
from ui.errors import explain, failure_text
from ui.tasks import TaskRunner
from ui.widgets.button_row import ButtonRow, StandardButton
from ui.widgets.plain import plain_label

FhirJson = Any


class EntryDialog(QDialog):
    """Base of the bedside documentation dialogs (see the module docstring)."""

    def __init__(self, *, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.saved: list[FhirJson] = []
        self.message = plain_label()
        self.message.setStyleSheet("color: #9b1c1c; font-weight: bold;")

    def finish_layout(self, layout: QVBoxLayout, *, save_text: str, cancel_text: str) -> None:
        """Add the message line and the buttons under the form; Ctrl+Enter saves."""
        layout.addWidget(self.message)
        self.buttons = ButtonRow(
            action_text=save_text,
            cancel_text=cancel_text,
            on_accept=self.save,
            on_reject=self.reject,
            kind=StandardButton.Save,
        )
        self.save_button = self.buttons.action
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)

    def save(self) -> None:
        """Validate, collect the entry and ``submit`` it; the subclass says how."""
        raise NotImplementedError

    def refuse(self, text: str, focus: QWidget | None = None) -> None:
        """Say why nothing was saved (and move to the field to correct)."""
        self.message.setText(text)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def refusal_focus(self) -> QWidget | None:
        """The field to correct when a clinical rule refuses the entry (none by default)."""
        return None

    def submit(self, write: Callable[[], Sequence[FhirJson]]) -> None:
        """Run ``write`` on a worker; accept with ``saved`` set, or stay open and say why."""
        self.message.setText(QCoreApplication.translate("EntryDialog", "Saving…"))
        self.save_button.setEnabled(False)
        self._runner.run(write, on_success=self._saved, on_failure=self._save_failed)

    def _saved(self, resources: Sequence[FhirJson]) -> None:
        self.saved = list(resources)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, EntryRefused):
            self.refuse(explain(error), self.refusal_focus())
        else:
            self.refuse(failure_text(error))
