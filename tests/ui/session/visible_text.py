"""Every text a person (or a screen reader) could see in the application's visible windows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def _texts_of(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle(), widget.accessibleName(), widget.toolTip()]
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        texts.append(widget.text())
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        texts.append(widget.toPlainText())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
                if value is not None:
                    texts.append(str(value))
    return [t for t in texts if t]


def visible_texts() -> list[str]:
    """Texts of every visible top-level window and of its visible descendants."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        texts += _texts_of(top)
        for child in top.findChildren(QWidget):
            if child.isVisible():
                texts += _texts_of(child)
    return texts
