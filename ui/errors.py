"""Errors are shown in one place: this module turns exceptions into calm, safe messages.

Views call ``describe`` for inline error states and ``show_error`` for dialogs. Messages never
contain patient data: for ``RecordSourceError`` the source promises a safe message; for anything
else only the exception type is logged and a generic message is shown.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.record_source import PatientNotFound, RecordSourceError

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> tuple[str, str]:
    """(title, detail) to show for a failure; logs unexpected ones by type only."""
    if isinstance(exc, PatientNotFound):
        return (
            QCoreApplication.translate("Errors", "This patient is not on this computer"),
            QCoreApplication.translate(
                "Errors", "The patient may have moved to another unit. Sync and try again."
            ),
        )
    if isinstance(exc, RecordSourceError):
        return (
            QCoreApplication.translate("Errors", "Could not read the local record"),
            str(exc),
        )
    log.error("unexpected failure in a view: %s", type(exc).__name__, exc_info=exc)
    return (
        QCoreApplication.translate("Errors", "Something went wrong"),
        QCoreApplication.translate(
            "Errors", "The error was logged. Nothing you recorded has been lost."
        ),
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user about a failure in a window-modal message box (does not block)."""
    title, detail = describe(exc)
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{title}\n\n{detail}")
    box.open()
