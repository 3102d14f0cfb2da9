"""Failure text for bedside views: the store's own safe message, else ``ui.errors``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clinical import patient_guard
from clinical.patient_guard import WrongPatientError
from ui.bedside.source import BedsideSourceError
from ui.bedside.texts import clinical_text
from ui.errors import describe


def failure_text(error: BaseException) -> str:
    """One line to show; a ``BedsideSourceError`` message is safe by contract."""
    if isinstance(error, WrongPatientError):
        return "✖ " + clinical_text(patient_guard.MESSAGES, error.key)
    if isinstance(error, BedsideSourceError):
        return QCoreApplication.translate("BedsideErrors", "Not saved: %1").replace(
            "%1", str(error)
        )
    title, detail = describe(error)
    return f"{title}. {detail}" if detail else title
