"""A two-level tree: group headings with rows of precomputed cells below them.

Used for the medication list (regular / course / as needed / stopped) and prescriptions
(active / expired / stopped). Cells are computed by the view's row builder once per refresh and
painted from C++ (see ``ui.models.cell_table``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from ui.models.cell_table import cell_item, replace_rows, set_titles
from ui.models.roles import ROW_ROLE, SORT_ROLE

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_DESCRIPTION = int(Qt.ItemDataRole.AccessibleDescriptionRole)


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


class GroupedModel(QStandardItemModel):
    """Groups at the top level (one spanning cell), rows beneath them.

    ``groups_set`` is emitted after every ``set_groups``, once all rows are in place.
    """

    groups_set = Signal()

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self._groups: list[Group] = []
        self.set_headers(headers)

    def set_groups(self, groups: Sequence[Group]) -> None:
        """Replace everything (after a load or a filter change)."""
        replace_rows(self, [self._group_row(group) for group in groups])
        self._groups = list(groups)
        self.groups_set.emit()

    def set_headers(self, headers: Sequence[str]) -> None:
        """Name the columns (again after a language change); the count must stay the same."""
        # The tooltip repeats the heading, which elides when its column is narrow.
        set_titles(self, headers, headers)

    def groups(self) -> list[Group]:
        """The groups currently shown."""
        return list(self._groups)

    def row_payload(self, index: _Index) -> object:
        """The presenter object behind a row index (None for headings)."""
        return index.data(ROW_ROLE) if index.isValid() else None

    def _group_row(self, group: Group) -> list[QStandardItem]:
        """The heading's row, its rows already beneath it (so the whole group is one insert)."""
        # Headings are selectable too, so arrow keys move through them.
        heading = cell_item(
            {
                _DISPLAY: f"{group.title} ({len(group.rows)})",
                _ACCESSIBLE: group.accessible or f"{group.title}, {len(group.rows)}",
                int(Qt.ItemDataRole.FontRole): _bold(),
            },
            leaf=False,
        )
        for row in group.rows:
            heading.appendRow(self._row_items(row))
        return [heading, *(cell_item({}) for _ in range(1, self.columnCount()))]

    def _row_items(self, row: Row) -> list[QStandardItem]:
        shared: dict[int, Any] = {ROW_ROLE: row.payload}
        if row.background:
            shared[int(Qt.ItemDataRole.BackgroundRole)] = QBrush(QColor(row.background))
        if row.foreground:
            shared[int(Qt.ItemDataRole.ForegroundRole)] = QBrush(QColor(row.foreground))
        items = []
        for column in range(self.columnCount()):
            cell = row.cells[column] if column < len(row.cells) else None
            items.append(cell_item(shared | _cell_roles(cell)))
        return items


def _cell_roles(cell: Cell | None) -> dict[int, Any]:
    """A cell's roles; a row shorter than the header has empty cells at its end."""
    if cell is None:
        return {}
    whole = cell.tooltip or cell.text or None
    return {
        _DISPLAY: cell.text,
        _TOOLTIP: whole,
        _ACCESSIBLE: cell.accessible or cell.text,
        # The whole text, also when the cell shows it elided.
        _DESCRIPTION: whole,
        int(SORT_ROLE): cell.text if cell.sort is None else cell.sort,
    }


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
