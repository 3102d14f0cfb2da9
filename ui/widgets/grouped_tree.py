"""A tree view for ``GroupedModel``: headings span the row, everything expanded, keyboard first.

Column widths follow ``ui.widgets.column_fit``: the ``keep`` columns (drug name, dose) show in
full at any window size, the others give way and elide, with the full text in the tooltip.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from ui.models.grouped_model import GroupedModel
from ui.widgets.column_fit import fit_view_columns
from ui.widgets.wrap_delegate import ColumnWrapDelegate


class GroupedTree(QTreeView):
    """Shows groups with their rows; headings are bold and span all columns."""

    def __init__(
        self,
        model: GroupedModel,
        *,
        stretch_column: int = 0,
        keep_columns: Collection[int] = (),
        max_column_width: int = 420,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._stretch_column = stretch_column
        self._keep = frozenset(keep_columns) | {stretch_column}
        self._max_column_width = max_column_width
        self._floors: dict[int, int] = {}
        self._wraps = False
        self.setModel(model)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAllColumnsShowFocus(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        model.groups_set.connect(self._after_reset)

    def _after_reset(self) -> None:
        model = self.model()
        for group in range(model.rowCount()):
            self.setFirstColumnSpanned(group, QModelIndex(), True)
        self.expandAll()
        self.fit_columns()

    def wrap_column(self, column: int) -> None:
        """Wrap ``column``'s text onto more lines instead of eliding it; rows grow to fit it.
        Other columns then wrap too, within the height the row has, and elide the rest."""
        self._wraps = True
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setItemDelegateForColumn(column, ColumnWrapDelegate(self))

    def set_column_floor(self, column: int, width: int) -> None:
        """Never make ``column`` narrower than ``width`` (e.g. the widest dose schedule, while
        free-text dosages in the same column may elide)."""
        self._floors[column] = width

    def text_width(self, texts: Iterable[str]) -> int:
        """Room a cell needs for the widest of ``texts``, margins included."""
        widest = max((self.fontMetrics().horizontalAdvance(t) for t in texts), default=0)
        return widest + 24 if widest else 0

    def fit_columns(self) -> None:
        """Size the columns to the content and the current width (see the module docstring)."""
        fit_view_columns(
            self,
            keep=self._keep,
            grow=self._stretch_column,
            max_width=self._max_column_width,
            at_least=self._floors,
        )
        if self._wraps:
            # Row heights follow the new widths. Taller rows may bring in the scroll bar; the
            # narrower viewport then comes back through resizeEvent and fits the columns again.
            self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()
