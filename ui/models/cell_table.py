"""Read-only item models whose cells are computed once in Python and painted from C++.

Qt asks a model for about ten roles per visible cell on every paint. A ``data()`` written in
Python takes the GIL for each call, and whenever another thread runs Python (a sync, a worker
reading the store) the GUI thread waits for it again and again within one paint: the patient
list's first paint after a load took 40 ms instead of 10, and a medication list repainted beside
a busy thread 290 ms instead of 5. So a model here computes every role of every cell when its
rows are set and keeps them in ``QStandardItem`` objects: painting and scrolling read C++ only
(tests/ui/test_paint_runs_no_python.py). ``QStandardItemModel`` is a ``QAbstractItemModel``,
checked with ``qtmodeltester`` like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

Roles = Mapping[int, Any]
"""One cell: item-data role -> value; a role left out, or None, has no value."""

READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
"""Cells are selectable and never edited in place."""


def cell_item(roles: Roles, *, leaf: bool = True) -> QStandardItem:
    """An item holding ``roles``; a leaf (the default) never has children."""
    item = QStandardItem()
    item.setFlags(READ_ONLY | Qt.ItemFlag.ItemNeverHasChildren if leaf else READ_ONLY)
    for role, value in roles.items():
        if value is not None:
            item.setData(value, int(role))
    return item


def set_titles(
    model: QStandardItemModel, titles: Sequence[str], tooltips: Sequence[str | None] = ()
) -> None:
    """Column headings, and tooltips where given (``None`` or left out: no tooltip)."""
    horizontal = Qt.Orientation.Horizontal
    for section, title in enumerate(titles):
        model.setHeaderData(section, horizontal, title, int(Qt.ItemDataRole.DisplayRole))
        tooltip = tooltips[section] if section < len(tooltips) else None
        model.setHeaderData(section, horizontal, tooltip, int(Qt.ItemDataRole.ToolTipRole))


def replace_rows(model: QStandardItemModel, rows: Iterable[list[QStandardItem]]) -> None:
    """Replace the model's top-level rows with ``rows``, built before the old ones go."""
    built = list(rows)
    model.setRowCount(0)
    for items in built:
        model.appendRow(items)


class CellTableModel(QStandardItemModel):
    """A flat table of precomputed cells; subclasses turn their rows into ``Roles``."""

    def __init__(self, columns: int, parent: QObject | None = None) -> None:
        super().__init__(0, columns, parent)

    def set_titles(self, titles: Sequence[str], tooltips: Sequence[str | None] = ()) -> None:
        """Column headings, and tooltips where given (``None`` or left out: no tooltip)."""
        set_titles(self, titles, tooltips)

    def set_cells(self, rows: Iterable[Sequence[Roles]]) -> None:
        """Replace every row; each row is one ``Roles`` per column."""
        replace_rows(self, ([cell_item(cell) for cell in row] for row in rows))

    def value_at(self, row: int, role: int) -> Any:
        """``role`` of the row's first cell, or None out of range."""
        item = self.item(row, 0) if 0 <= row < self.rowCount() else None
        return None if item is None else item.data(int(role))
