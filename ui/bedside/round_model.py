"""Table model of a patient's round: one row per dose, pouch, as-needed item or follow-up.

Cells are computed once in ``set_round`` (row view-models); ``data`` only looks them up and
never raises into Qt. Status is always a word (and a symbol), never only a colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from clinical import doses
from clinical.allergy_check import check_drug
from clinical.doses import DoseStatus
from ui.bedside.config import BedsideConfig
from ui.bedside.fhir_read import allergy_drug, concept_text
from ui.bedside.round_plan import OrderLine, RoundPlan, RoundRow, RowKind
from ui.bedside.texts import clinical_text
from ui.presenters.formatting import format_decimal, format_time

_Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_OVERDUE_BACKGROUND = QColor("#fdecec")
_OVERDUE_TEXT = QColor("#9b1c1c")
_DUE_BACKGROUND = QColor("#fff4d6")
_MUTED_TEXT = QColor("#55606b")


@dataclass(frozen=True)
class _Cells:
    texts: tuple[str, ...]
    accessible: str
    tooltip: str
    background: QColor | None
    foreground: QColor | None


def dose_text(line: OrderLine | None, amount: doses.DoseAmount | None) -> str:
    """ "2 tablett", "1-2 tablett", or the dosage text when no amount is coded."""
    if amount is not None:
        value = format_decimal(amount.low)
        if amount.high != amount.low:
            value = f"{value}–{format_decimal(amount.high)}"
        return f"{value} {amount.unit or ''}".strip()
    return "" if line is None else line.dosage_text


class RoundModel(QAbstractTableModel):
    """The round as a table: time, status, medicine, dose, route, checks."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RoundRow] = []
        self._cells: list[_Cells] = []

    def headers(self) -> tuple[str, ...]:
        """Column titles."""
        return (
            self.tr("Time"),
            self.tr("Status"),
            self.tr("Medicine"),
            self.tr("Dose"),
            self.tr("Route"),
            self.tr("Checks"),
        )

    def set_round(
        self,
        plan: RoundPlan,
        *,
        now: datetime,
        allergies: Sequence[Mapping[str, Any]],
        config: BedsideConfig,
    ) -> None:
        """Replace every row (after a load or a save)."""
        self.beginResetModel()
        self._rows = list(plan.rows)
        self._cells = [self._cells_for(row, now, allergies, config) for row in self._rows]
        self.endResetModel()

    def row_at(self, row: int) -> RoundRow | None:
        """The round row shown at ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _status(self, row: RoundRow, now: datetime) -> str:  # noqa: PLR0911 - one per state
        if row.kind is RowKind.PROBLEM:
            return self.tr("⚠ Check the order")
        if row.kind is RowKind.FOLLOWUP:
            return self.tr("Assess effect")
        if row.kind is RowKind.PRN:
            allowance = row.allowance
            if allowance is None or allowance.may_give_now:
                return self.tr("As needed")
            return self.tr("As needed: limit reached")
        due = row.due_at
        if row.status is DoseStatus.OVERDUE and due is not None:
            minutes = int((now - due).total_seconds() // 60)
            return (
                self.tr("⚠ Overdue %1 h %2 min")
                .replace("%1", str(minutes // 60))
                .replace("%2", str(minutes % 60))
            )
        if row.status is DoseStatus.DUE:
            return self.tr("● Due now")
        return self.tr("Later")

    def _medicine(self, row: RoundRow) -> str:
        if row.kind is RowKind.POUCH:
            names = ", ".join(item.line.display for item in row.pouch)
            return (
                self.tr("Multidose pouch (%1): %2")
                .replace("%1", str(len(row.pouch)))
                .replace("%2", names)
            )
        if row.kind is RowKind.FOLLOWUP and row.task is not None:
            return str(row.task.get("description") or concept_text(row.task.get("code")))
        return "" if row.line is None else row.line.display

    def _dose(self, row: RoundRow) -> str:
        if row.kind is RowKind.POUCH:
            return self.tr("%n medicine(s)", "", len(row.pouch))
        if row.kind is RowKind.PRN and row.line is not None and row.allowance is not None:
            text = dose_text(row.line, row.allowance.dose)
            remaining = row.allowance.remaining_amount
            if remaining is None:
                remaining = row.allowance.remaining_doses
            if remaining is not None:
                text += self.tr(" (%1 left in 24 h)").replace("%1", format_decimal(remaining))
            return text
        if row.kind is RowKind.DOSE and row.dose is not None:
            return dose_text(row.line, row.dose.dose)
        return ""

    def _checks(
        self, row: RoundRow, allergies: Sequence[Mapping[str, Any]], config: BedsideConfig
    ) -> str:
        lines = [item.line for item in row.pouch] or ([row.line] if row.line else [])
        marks = []
        if any(
            check_drug(allergies, allergy_drug(line.medication, line.atc)).interrupts
            for line in lines
        ):
            marks.append(self.tr("⚠ Allergy"))
        if any(config.needs_double_signature(line.atc) for line in lines):
            marks.append(self.tr("✍ Double signature"))
        if row.kind is RowKind.PROBLEM and row.problem_key:
            marks.append(clinical_text(doses.MESSAGES, row.problem_key))
        return "  ".join(marks)

    def _cells_for(
        self,
        row: RoundRow,
        now: datetime,
        allergies: Sequence[Mapping[str, Any]],
        config: BedsideConfig,
    ) -> _Cells:
        due = row.due_at
        time_text = format_time(due) if due is not None else ""
        if (
            due is not None
            and due.astimezone(config.zone).date() != now.astimezone(config.zone).date()
        ):
            time_text = self.tr("%1 (yesterday)").replace("%1", time_text)
        line = row.line or (row.pouch[0].line if row.pouch else None)
        texts = (
            time_text,
            self._status(row, now),
            self._medicine(row),
            self._dose(row),
            "" if line is None else line.route_text,
            self._checks(row, allergies, config),
        )
        background = foreground = None
        if row.status is DoseStatus.OVERDUE or row.kind is RowKind.PROBLEM:
            background, foreground = _OVERDUE_BACKGROUND, _OVERDUE_TEXT
        elif row.status is DoseStatus.DUE:
            background = _DUE_BACKGROUND
        elif row.status is DoseStatus.UPCOMING:
            foreground = _MUTED_TEXT
        accessible = ", ".join(t for t in texts if t)
        tooltip = "" if line is None else line.dosage_text
        return _Cells(texts, accessible, tooltip, background, foreground)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else 6

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: PLR0911
        if not index.isValid() or not 0 <= index.row() < len(self._cells):
            return None
        cells = self._cells[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.texts[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cells.accessible
        if role == Qt.ItemDataRole.ToolTipRole:
            return cells.tooltip or None
        if role == Qt.ItemDataRole.BackgroundRole and cells.background is not None:
            return QBrush(cells.background)
        if role == Qt.ItemDataRole.ForegroundRole and cells.foreground is not None:
            return QBrush(cells.foreground)
        if role == ROW_ROLE:
            return self._rows[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 6
        ):
            return self.headers()[section]
        return None
