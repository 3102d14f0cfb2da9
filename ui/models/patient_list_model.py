"""The patient list as a table: lazy cells computed from precomputed ``PatientRow``s."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ui.models.roles import ROW_ROLE, SORT_ROLE
from ui.presenters.formatting import format_time
from ui.presenters.patient_list import PatientRow
from ui.record_source import PlaceKind
from ui.theme import CRITICAL_TEXT

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """Columns in display order; where/when depends on the kind of place."""

    WHERE = 0
    NAME = 1
    AGE = 2
    NATIONAL_ID = 3
    CRITICAL = 4
    DUE = 5


class PatientListModel(QAbstractTableModel):
    """Rows of one place of work. The selected patient's national id is shown in full."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PatientRow] = []
        self._kind = PlaceKind.UNIT
        self._revealed = ""

    def set_rows(self, rows: list[PatientRow], *, kind: PlaceKind) -> None:
        """Replace all rows (after a place change or a sync)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._kind = kind
        self._revealed = ""
        self.endResetModel()

    @property
    def kind(self) -> PlaceKind:
        """Unit (rooms) or route (visit times and addresses)."""
        return self._kind

    def row_at(self, row: int) -> PatientRow | None:
        """The presenter row, or None out of range."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def reveal(self, patient_id: str) -> None:
        """Show this patient's national id in full and mask the others."""
        if patient_id == self._revealed:
            return
        changed = [i for i, r in enumerate(self._rows) if r.id in (patient_id, self._revealed)]
        self._revealed = patient_id
        for row in changed:
            index = self.index(row, Column.NATIONAL_ID)
            self.dataChanged.emit(index, index)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: PLR0911 - one return per role or column
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == Column.WHERE:
            return self.tr("Room") if self._kind is PlaceKind.UNIT else self.tr("Visit")
        if section == Column.NAME:
            return self.tr("Name")
        if section == Column.AGE:
            return self.tr("Age")
        if section == Column.NATIONAL_ID:
            return self.tr("National ID")
        if section == Column.CRITICAL:
            return self.tr("Critical information")
        if section == Column.DUE:
            return self.tr("Due")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: PLR0911 - one return per role or column
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(Column):
            return None
        column = Column(index.column())
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column, accessible=role != Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.CRITICAL:
            return QBrush(QColor(CRITICAL_TEXT)) if row.critical.has_any else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.AGE, Column.DUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: PatientRow, column: Column, *, accessible: bool) -> str:  # noqa: PLR0911 - one return per role or column
        summary = row.summary
        if column is Column.WHERE:
            if self._kind is PlaceKind.UNIT:
                return summary.room
            return " ".join(p for p in (format_time(summary.visit_start), summary.address) if p)
        if column is Column.NAME:
            return summary.sort_name
        if column is Column.AGE:
            return "" if summary.age is None else str(summary.age)
        if column is Column.NATIONAL_ID:
            if summary.id == self._revealed:
                return summary.national_id_formatted
            if accessible:
                return self.tr("hidden until selected")
            return summary.national_id_masked
        if column is Column.CRITICAL:
            if not row.critical.has_any:
                return self.tr("None registered") if accessible else ""
            if row.critical.has_high_criticality_allergy:
                return self.tr("⚠ CRITICAL: allergy")
            return self.tr("⚠ Critical information")
        if column is Column.DUE:
            if row.due_count is None:
                return self.tr("not available") if accessible else "–"
            return str(row.due_count)
        return ""

    def _tooltip(self, row: PatientRow, column: Column) -> str | None:
        if column is Column.CRITICAL and row.critical.has_any:
            names = [a.substance for a in row.critical.allergies]
            names += [i.title for i in row.critical.treatment_limitations]
            names += [i.title for i in row.critical.critical_conditions]
            names += [i.title for i in row.critical.treatments_and_implants]
            names += [i.title for i in row.critical.anaesthesia_complications]
            names += [i.title for i in row.critical.procedure_changes]
            return "\n".join(names)
        if column is Column.WHERE and self._kind is PlaceKind.ROUTE:
            return row.summary.address
        return None

    def _sort_key(self, row: PatientRow, column: Column) -> Any:  # noqa: PLR0911 - one return per role or column
        summary = row.summary
        if column is Column.WHERE:
            if self._kind is PlaceKind.ROUTE:
                return summary.visit_start.timestamp() if summary.visit_start else float("inf")
            digits = "".join(ch for ch in summary.room if ch.isdigit())
            return int(digits) if digits else 1 << 30
        if column is Column.NAME:
            return summary.sort_name.casefold()
        if column is Column.AGE:
            return -1 if summary.age is None else summary.age
        if column is Column.NATIONAL_ID:
            return summary.national_id
        if column is Column.CRITICAL:
            return -row.critical.count
        return -1 if row.due_count is None else row.due_count
