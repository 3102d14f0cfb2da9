"""The patient list as a table whose cells are painted from C++ (``ui.models.cell_table``).

Every cell is computed once in Python when rows or due doses are set, or a row is selected.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.values import DueDoses, PlaceKind, VitalsAlert
from clinical import news2
from ui.clinical_texts import clinical_text
from ui.models.cell_table import CellTableModel
from ui.models.roles import ROW_ROLE, SORT_ROLE
from ui.presenters.formatting import format_datetime, format_time
from ui.presenters.patient_list import PatientRow
from ui.theme import CRITICAL_TEXT


class Column(IntEnum):
    """Columns in display order; where/when depends on the kind of place."""

    WHERE = 0
    NAME = 1
    AGE = 2
    NATIONAL_ID = 3
    CRITICAL = 4
    DUE = 5
    VITALS = 6


COLUMN_COUNT = len(Column)

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DESCRIPTION = int(Qt.ItemDataRole.AccessibleDescriptionRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# One cell: role -> value (None: no value; setItemData clears an old one, a tooltip, a colour).
_Cell = dict[int, Any]


class PatientListModel(CellTableModel):
    """Rows of one place of work. The selected patient's national id is shown in full.

    Every cell also answers ``ROW_ROLE`` (its ``PatientRow``, the one place rows are kept, so
    they can never fall out of step with the cells) and ``SORT_ROLE``. Change it only through
    ``set_rows``, ``set_due`` and ``reveal``; sorting and filtering are the proxy's.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMN_COUNT, parent)
        self._kind = PlaceKind.UNIT
        self._revealed = ""
        self._set_headers()

    def set_rows(self, rows: list[PatientRow], *, kind: PlaceKind) -> None:
        """Replace all rows (after a place change or a sync)."""
        self._kind = kind
        self._revealed = ""
        critical = QBrush(QColor(CRITICAL_TEXT))
        self._set_headers()
        self.set_cells(
            [{**self._cell(row, column, critical=critical), ROW_ROLE: row} for column in Column]
            for row in rows
        )

    @property
    def kind(self) -> PlaceKind:
        """Unit (rooms) or route (visit times and addresses)."""
        return self._kind

    def row_at(self, row: int) -> PatientRow | None:
        """The presenter row, or None out of range."""
        found = self.value_at(row, ROW_ROLE)
        return found if isinstance(found, PatientRow) else None

    def set_due(
        self,
        counts: Mapping[str, DueDoses],
        vitals: Mapping[str, VitalsAlert] | None = None,
    ) -> None:
        """Show freshly counted due doses (a patient left out has nothing due) and, when given,
        the newest vital signs (a patient left out has none recent)."""
        critical = QBrush(QColor(CRITICAL_TEXT))
        for number, old in self._numbered_rows():
            row = replace(old, due=counts.get(old.id, DueDoses()))
            if vitals is not None:
                row = replace(row, vitals=vitals.get(old.id))
            for column in Column:
                cell: _Cell = {ROW_ROLE: row}
                if column is Column.DUE or (column is Column.VITALS and vitals is not None):
                    cell |= self._cell(row, column, critical=critical)
                # One dataChanged per cell: every role at once, the ones now empty cleared.
                self.setItemData(self.index(number, column), cell)

    def reveal(self, patient_id: str) -> None:
        """Show this patient's national id in full and mask the others."""
        if patient_id == self._revealed:
            return
        previous, self._revealed = self._revealed, patient_id
        for number, row in self._numbered_rows():
            if row.id not in (patient_id, previous):
                continue
            if row.id == patient_id:
                shown = spoken = row.summary.national_id_formatted
            else:
                shown = self._text(row, Column.NATIONAL_ID, accessible=False)
                spoken = self._text(row, Column.NATIONAL_ID, accessible=True)
            index = self.index(number, Column.NATIONAL_ID)
            self.setItemData(index, {_DISPLAY: shown, _ACCESSIBLE: spoken})

    def _numbered_rows(self) -> Iterator[tuple[int, PatientRow]]:
        for number in range(self.rowCount()):
            if (row := self.row_at(number)) is not None:
                yield number, row

    def _set_headers(self) -> None:
        titles = [self._header(column) for column in Column]
        tooltips = list(titles)  # a heading that elides is whole in its tooltip
        tooltips[Column.DUE] = self.tr(
            "Medication doses still to document this shift (as on the round page)"
        )
        tooltips[Column.VITALS] = self.tr(
            "The newest vital signs: NEWS2, and every parameter scoring 3 even in an incomplete set"
        )
        self.set_titles(titles, tooltips)

    def _header(self, column: Column) -> str:
        if column is Column.WHERE:
            return self.tr("Room") if self._kind is PlaceKind.UNIT else self.tr("Visit")
        return {
            Column.NAME: self.tr("Name"),
            Column.AGE: self.tr("Age"),
            Column.NATIONAL_ID: self.tr("National ID"),
            Column.CRITICAL: self.tr("Critical information"),
            Column.DUE: self.tr("Due doses"),
            Column.VITALS: self.tr("Vital signs"),
        }[column]

    def _cell(self, row: PatientRow, column: Column, *, critical: QBrush) -> _Cell:
        """Every role's value in one cell, None where it has none (the national id masked)."""
        tooltip = self._tooltip(row, column)
        overdue = row.due is not None and row.due.overdue
        urgent_vitals = row.vitals is not None and row.vitals.urgent
        return {
            _DISPLAY: self._text(row, column, accessible=False),
            _ACCESSIBLE: self._text(row, column, accessible=True),
            SORT_ROLE: self._sort_key(row, column),
            _TOOLTIP: tooltip,
            _FOREGROUND: critical
            if (column is Column.CRITICAL and row.critical.has_any)
            or (column is Column.DUE and overdue)
            or (column is Column.VITALS and urgent_vitals)
            else None,
            _DESCRIPTION: tooltip if column in (Column.DUE, Column.VITALS) else None,
            _ALIGNMENT: _RIGHT if column is Column.AGE else None,
        }

    def _text(self, row: PatientRow, column: Column, *, accessible: bool) -> str:  # noqa: PLR0911 - one return per role or column
        """The cell's text; the national id masked (``reveal`` shows the selected one in full)."""
        summary = row.summary
        if column is Column.WHERE:
            if self._kind is PlaceKind.UNIT:
                return summary.room
            return " ".join(p for p in (format_time(summary.visit_start), summary.address) if p)
        if column is Column.NAME:
            return summary.sort_name
        if column is Column.AGE:
            # No registered birth date: say so, never work one out from the person number.
            return self.tr("unknown") if summary.age is None else str(summary.age)
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
        if column is Column.VITALS:
            return self._vitals_text(row.vitals, accessible=accessible)
        return ""

    def _vitals_text(self, alert: VitalsAlert | None, *, accessible: bool) -> str:
        """ "NEWS2 2"; "⚠ NEWS2 7"; for a partial set "⚠ 3 red (incomplete)" or "incomplete"."""
        if alert is None:
            return self.tr("No recent vital signs") if accessible else ""
        result = alert.result
        mark = "⚠ " if alert.urgent else ""
        if result.aggregate is not None:
            return mark + self.tr("NEWS2 %1").replace("%1", str(result.aggregate))
        if alert.red_count:
            return mark + self.tr("%n red (incomplete set)", "", alert.red_count)
        if alert.urgent:
            return mark + self.tr("≥ 5 (incomplete set)")
        return self.tr("incomplete set")

    def _vitals_tooltip(self, alert: VitalsAlert | None) -> str:
        if alert is None:
            return self.tr("No vital signs in the last days.")
        lines = [self.tr("Measured %1").replace("%1", format_datetime(alert.at))]
        if alert.urgent or alert.result.complete:
            lines.append(clinical_text(news2.MESSAGES, alert.result.message_key))
        return "\n".join(lines)

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
            # Only the marker: what it is comes after opening the record with an access basis.
            return self.tr("Open the record to read the critical information.")
        if column is Column.WHERE and self._kind is PlaceKind.ROUTE:
            return row.summary.address
        if column is Column.DUE:
            return self._due_tooltip(row.due)
        if column is Column.VITALS:
            return self._vitals_tooltip(row.vitals)
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
        if column is Column.VITALS:
            return (-1, 0) if row.vitals is None else row.vitals.sort_key()
        if row.due is None:
            return -1
        weight = 0
        for count in row.due.sort_key():
            weight = weight * 100 + min(count, 99)
        return weight
