"""Search and sort over the patient list: name words, room, or a full valid national id."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from ui.models.patient_list_model import PatientListModel
from ui.models.roles import SORT_ROLE
from ui.presenters.patient_list import matches


class PatientFilter(QSortFilterProxyModel):
    """Filters rows with ``ui.presenters.patient_list.matches`` and sorts by ``SORT_ROLE``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""
        self.setSortRole(SORT_ROLE)

    def set_query(self, query: str) -> None:
        """Filter by what the user typed."""
        if query == self._query:
            return
        self._query = query
        # Qt 6.12: the incremental begin/endFilterChange path corrupts the row mapping when the
        # selected row is filtered out (rowCount() == -1), so re-filter everything; lists are short.
        self.invalidate()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PatientListModel) or source_parent.isValid():
            return False
        row = model.row_at(source_row)
        return row is not None and matches(row, self._query)
