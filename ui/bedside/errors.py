"""Failure text for bedside views: the store's own safe message, else ``ui.errors``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.bedside.source import BedsideSourceError
from ui.errors import describe


def failure_text(error: BaseException) -> str:
    """One line to show; a ``BedsideSourceError`` message is safe by contract."""
    if isinstance(error, BedsideSourceError):
        return QCoreApplication.translate("BedsideErrors", "Not saved: %1").replace(
            "%1", str(error)
        )
    title, detail = describe(error)
    return f"{title}. {detail}" if detail else title
