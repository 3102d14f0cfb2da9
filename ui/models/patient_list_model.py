"""The patient list as a table: every cell computed once per row set, looked up by ``data()``.

Qt asks ``data()`` for about ten roles per visible cell on every repaint and re-filter, and each
call into Python needs the GIL, which a running sync holds most of the time: a keystroke in the
search box must cost as little Python as possible (tests/bench/bench_gui_stall.py). So the cells
are computed when rows are set, and ``data()`` is a lookup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
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
from ui.presenters.due_doses import DueDoses
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


COLUMN_COUNT = len(Column)

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DESCRIPTION = int(Qt.ItemDataRole.AccessibleDescriptionRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROW = int(ROW_ROLE)
_SORT = int(SORT_ROLE)
# Every role data() answers; any other is refused before any other work.
_ROLES = frozenset(
    {_DISPLAY, _ACCESSIBLE, _TOOLTIP, _FOREGROUND, _DESCRIPTION, _ALIGNMENT, _SORT, _ROW}
)
_NATIONAL_ID = int(Column.NATIONAL_ID)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

# One row's cells: role -> one value per column.
_Cells = dict[int, tuple[Any, ...]]


class PatientListModel(QAbstractTableModel):
    """Rows of one place of work. The selected patient's national id is shown in full."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PatientRow] = []
        self._cells: list[_Cells] = []
        self._kind = PlaceKind.UNIT
        self._revealed = ""

    def set_rows(self, rows: list[PatientRow], *, kind: PlaceKind) -> None:
        """Replace all rows (after a place change or a sync)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._kind = kind
        self._revealed = ""
        self._cells = self._all_cells()
        self.endResetModel()

    @property
    def kind(self) -> PlaceKind:
        """Unit (rooms) or route (visit times and addresses)."""
        return self._kind

    def row_at(self, row: int) -> PatientRow | None:
        """The presenter row, or None out of range."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_due(self, counts: Mapping[str, DueDoses]) -> None:
        """Show freshly counted due doses; a patient left out has nothing due."""
        if not self._rows:
            return
        self._rows = [replace(r, due=counts.get(r.id, DueDoses())) for r in self._rows]
        self._cells = self._all_cells()
        self.dataChanged.emit(
            self.index(0, Column.DUE), self.index(len(self._rows) - 1, Column.DUE)
        )

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
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(  # noqa: PLR0911 - one return per role or column
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.DUE:
            return self.tr("Medication doses still to document this shift (as on the round page)")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
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
            return self.tr("Due doses")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None
        row = index.row()
        column = index.column()
        if not (0 <= row < len(self._cells) and 0 <= column < COLUMN_COUNT and index.isValid()):
            return None
        if role == _ROW:
            return self._rows[row]
        if column == _NATIONAL_ID and role in (_DISPLAY, _ACCESSIBLE):
            summary = self._rows[row].summary
            if summary.id == self._revealed:
                return summary.national_id_formatted
        return self._cells[row][role][column]

    def _all_cells(self) -> list[_Cells]:
        critical = QBrush(QColor(CRITICAL_TEXT))
        return [self._row_cells(row, critical=critical) for row in self._rows]

    def _row_cells(self, row: PatientRow, *, critical: QBrush) -> _Cells:
        """Every role's value in every column of one row (the national id masked)."""
        tooltips = tuple(self._tooltip(row, column) for column in Column)
        return {
            _DISPLAY: tuple(self._text(row, column, accessible=False) for column in Column),
            _ACCESSIBLE: tuple(self._text(row, column, accessible=True) for column in Column),
            _TOOLTIP: tooltips,
            _SORT: tuple(self._sort_key(row, column) for column in Column),
            _FOREGROUND: tuple(
                critical
                if (column is Column.CRITICAL and row.critical.has_any)
                or (column is Column.DUE and row.due and row.due.overdue)
                else None
                for column in Column
            ),
            _DESCRIPTION: tuple(
                tooltips[column] if column is Column.DUE else None for column in Column
            ),
            _ALIGNMENT: tuple(_RIGHT if column is Column.AGE else None for column in Column),
        }

    def _text(self, row: PatientRow, column: Column, *, accessible: bool) -> str:  # noqa: PLR0911 - one return per role or column
        """The cell's text; the national id masked (``data()`` shows the revealed one in full)."""
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
            return self._due_text(row.due, accessible=accessible)
        return ""

    def overdue_text(self, count: int) -> str:
        """ "⚠ 2 overdue": the part of the due-doses cell that must always stay in view."""
        return self.tr("⚠ %1 overdue").replace("%1", str(count))

    def _due_text(self, due: DueDoses | None, *, accessible: bool) -> str:
        if due is None:
            return self.tr("not counted") if accessible else "–"
        if due.nothing_due:
            return self.tr("No doses left this shift") if accessible else self.tr("None")
        parts = []
        if due.overdue:
            parts.append(self.overdue_text(due.overdue))
        if due.unclear:
            parts.append(self.tr("%1 to check").replace("%1", str(due.unclear)))
        if due.due_now:
            parts.append(self.tr("%1 now").replace("%1", str(due.due_now)))
        if due.later:
            parts.append(self.tr("%1 later").replace("%1", str(due.later)))
        if due.followups and (accessible or not parts):
            parts.append(self.tr("%1 effect to assess").replace("%1", str(due.followups)))
        return ", ".join(parts)

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
        if column is Column.DUE:
            return self._due_tooltip(row.due)
        return None

    def _due_tooltip(self, due: DueDoses | None) -> str:
        if due is None:
            return self.tr("Due doses have not been counted. The round page (Ctrl+R) shows them.")
        lines = [
            self.tr("Overdue: %1").replace("%1", str(due.overdue)),
            self.tr("Due now: %1").replace("%1", str(due.due_now)),
            self.tr("Later this shift: %1").replace("%1", str(due.later)),
        ]
        if due.unclear:
            lines.append(
                self.tr("Dosage to check (cannot be scheduled): %1").replace("%1", str(due.unclear))
            )
        if due.followups:
            lines.append(self.tr("Effect to assess: %1").replace("%1", str(due.followups)))
        return "\n".join(lines)

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
        if row.due is None:
            return -1
        weight = 0
        for count in row.due.sort_key():
            weight = weight * 100 + min(count, 99)
        return weight
