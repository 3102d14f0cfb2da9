"""The set-up every list of records shares: a whole row at a time, read-only, no row numbers.

The bedside round, the follow-up list, the shift's tasks and notes and the patient list are all
lists a nurse moves through by keyboard and opens a row of; they choose one row, never edit a
cell in place, and have nothing to number. Where a list wraps long text (drug names, alert
values), its cells are measured with the style sheet's padding (``PaddedWrapDelegate``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.widgets.wrap_delegate import PaddedWrapDelegate


def set_up_row_table(table: QTableView, *, wrap: bool) -> QTableView:
    """Make ``table`` a read-only list of rows, one selected at a time; ``wrap``: long text
    wraps in padded cells, else it stays on one line."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(wrap)
    if wrap:
        table.setItemDelegate(PaddedWrapDelegate(table))
    table.verticalHeader().setVisible(False)
    return table
