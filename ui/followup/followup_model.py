"""Table model of the follow-up list: one row per item, painted from C++ (``cell_table``).

Columns: when, patient, what (kind and the sender's words), value and limit, urgency, follow-up.
Urgency and state are words with symbols; colour (red for high, amber for moderate, muted for
handled) only repeats them. Patient text is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.followup.values import FollowUpItem, Severity
from ui.followup import words
from ui.models.cell_table import CellTableModel, Roles
from ui.theme import CRITICAL_BACKGROUND, CRITICAL_TEXT, MUTED_TEXT

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = 6
_MODERATE_BACKGROUND = "#fff4d6"


class FollowUpModel(CellTableModel):
    """The follow-up items, in the order given (open, most severe, newest first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self.set_titles(self.headers())

    def headers(self) -> tuple[str, ...]:
        """Column titles."""
        return (
            self.tr("Time"),
            self.tr("Patient"),
            self.tr("Alert"),
            self.tr("Value"),
            self.tr("Urgency"),
            self.tr("Follow-up"),
        )

    def set_items(self, items: Sequence[FollowUpItem], *, now: datetime) -> None:
        """Replace every row."""
        self.set_cells(self._cells(item, now) for item in items)

    def item_at(self, row: int) -> FollowUpItem | None:
        """The item shown at ``row``."""
        found = self.value_at(row, ITEM_ROLE)
        return found if isinstance(found, FollowUpItem) else None

    def _cells(self, item: FollowUpItem, now: datetime) -> list[Roles]:
        texts = (
            words.when(item.at, now),
            words.patient(item),
            f"{words.kind(item.kind)}: {item.title}" if item.title else words.kind(item.kind),
            words.detail(item),
            words.severity(item.severity),
            words.state(item),
        )
        background = foreground = None
        if not item.state.open:
            foreground = QBrush(QColor(MUTED_TEXT))
        elif item.severity is Severity.HIGH:
            background, foreground = (
                QBrush(QColor(CRITICAL_BACKGROUND)),
                QBrush(QColor(CRITICAL_TEXT)),
            )
        elif item.severity is Severity.MODERATE:
            background = QBrush(QColor(_MODERATE_BACKGROUND))
        shared: Roles = {
            Qt.ItemDataRole.AccessibleTextRole: ", ".join(t for t in texts if t),
            Qt.ItemDataRole.ToolTipRole: words.full_time(item.at),
            Qt.ItemDataRole.BackgroundRole: background,
            Qt.ItemDataRole.ForegroundRole: foreground,
            ITEM_ROLE: item,
        }
        return [{**shared, Qt.ItemDataRole.DisplayRole: text} for text in texts]
