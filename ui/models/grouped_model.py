"""A two-level tree: group headings with rows of precomputed cells below them.

Used for the medication list (regular / course / as needed / stopped) and prescriptions
(active / expired / stopped). Cells are computed by the view's row builder once per refresh, so
``data()`` only looks values up and cannot raise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ui.models.roles import ROW_ROLE, SORT_ROLE

_Index = QModelIndex | QPersistentModelIndex
_GROUP = 0xFFFFFFFF


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: text shown, tooltip, screen-reader text and sort value."""

    text: str
    tooltip: str = ""
    accessible: str = ""
    sort: Any = None


@dataclass(frozen=True, slots=True)
class Row:
    """A row: its cells, the presenter object behind it, and an optional highlight colour."""

    cells: Sequence[Cell]
    payload: object = None
    background: str = ""
    foreground: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    """A heading (with count) and its rows; ``empty_text`` is shown as a row when it has none."""

    title: str
    rows: Sequence[Row] = field(default_factory=tuple)
    accessible: str = ""


class GroupedModel(QAbstractItemModel):
    """Groups at the top level (one spanning cell), rows beneath them."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._groups: list[Group] = []

    def set_groups(self, groups: Sequence[Group]) -> None:
        """Replace everything (after a load or a filter change)."""
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def set_headers(self, headers: Sequence[str]) -> None:
        """Rename columns (after a language change); the count must stay the same."""
        self._headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def groups(self) -> list[Group]:
        """The groups currently shown."""
        return list(self._groups)

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(self._headers) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, column, _GROUP) if row < len(self._groups) else QModelIndex()
            )
        if parent.internalId() != _GROUP or parent.column() != 0:
            return QModelIndex()
        group = parent.row()
        if not 0 <= group < len(self._groups) or row >= len(self._groups[group].rows):
            return QModelIndex()
        return self.createIndex(row, column, group)

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(int(child.internalId()), 0, _GROUP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            group = parent.row()
            return len(self._groups[group].rows) if 0 <= group < len(self._groups) else 0
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            and 0 <= section < len(self._headers)
        ):
            # The tooltip repeats the heading, which elides when its column is narrow.
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def row_payload(self, index: _Index) -> object:
        """The presenter object behind a row index (None for headings)."""
        found = self._row(index)
        return None if found is None else found.payload

    def _row(self, index: _Index) -> Row | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        group = int(index.internalId())
        if not 0 <= group < len(self._groups):
            return None
        rows = self._groups[group].rows
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: PLR0911 - one return per role or column
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(index, role)
        row = self._row(index)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row.payload
        if role == Qt.ItemDataRole.BackgroundRole and row.background:
            return QBrush(QColor(row.background))
        if role == Qt.ItemDataRole.ForegroundRole and row.foreground:
            return QBrush(QColor(row.foreground))
        if not 0 <= index.column() < len(row.cells):
            return None
        cell = row.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip or cell.text or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell.accessible or cell.text
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            # The whole text, also when the cell shows it elided.
            return cell.tooltip or cell.text or None
        if role == SORT_ROLE:
            return cell.text if cell.sort is None else cell.sort
        return None

    def _group_data(self, index: _Index, role: int) -> Any:
        if not 0 <= index.row() < len(self._groups) or index.column() != 0:
            return None
        group = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{group.title} ({len(group.rows)})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return group.accessible or f"{group.title}, {len(group.rows)}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None
