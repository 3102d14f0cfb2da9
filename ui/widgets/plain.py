"""Labels that can never interpret patient text as rich text or HTML."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(
    text: str = "",
    *,
    parent: QWidget | None = None,
    object_name: str = "",
    wrap: bool = True,
    selectable: bool = True,
) -> QLabel:
    """A QLabel fixed to plain text: "<b>Ola</b>" shows those eight characters."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    label.setText(text)
    return label
