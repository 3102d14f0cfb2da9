"""A tree view for ``GroupedModel``: headings span the row, everything expanded, keyboard first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from ui.models.grouped_model import GroupedModel


class GroupedTree(QTreeView):
    """Shows groups with their rows; headings are bold and span all columns."""

    def __init__(
        self,
        model: GroupedModel,
        *,
        stretch_column: int = 0,
        max_column_width: int = 320,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._stretch_column = stretch_column
        self._max_column_width = max_column_width
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
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        model.modelReset.connect(self._after_reset)

    def _after_reset(self) -> None:
        model = self.model()
        for group in range(model.rowCount()):
            self.setFirstColumnSpanned(group, QModelIndex(), True)
        self.expandAll()
        header = self.header()
        for column in range(model.columnCount()):
            if column == self._stretch_column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.resizeColumnToContents(column)
            width = self.columnWidth(column)
            heading = header.fontMetrics().horizontalAdvance(
                str(model.headerData(column, Qt.Orientation.Horizontal)) + "MM"
            )
            self.setColumnWidth(column, max(min(width, self._max_column_width), heading))
