"""Table model of a patient's round: one row per dose, pouch, as-needed item or follow-up.

Cells are computed once in ``set_round`` and painted from C++ (``ui.models.cell_table``), so a
sync running beside the round never slows its repaints. Status is always a word (and a symbol),
never only a colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.bedside.config import BedsideConfig
from app.bedside.round_plan import OrderLine, RoundPlan, RoundRow, RowKind
from clinical import doses
from clinical.allergy_check import check_drug
from clinical.doses import DoseStatus
from clinical.fhir_read import concept_text
from clinical.medication_read import allergy_drug
from clinical.welfare.dispenser import DispenserState
from ui.clinical_texts import clinical_text
from ui.models.cell_table import CellTableModel, Roles
from ui.presenters.formatting import format_date, format_decimal, format_time

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_OVERDUE_BACKGROUND = QColor("#fdecec")
_OVERDUE_TEXT = QColor("#9b1c1c")
_DUE_BACKGROUND = QColor("#fff4d6")
_MUTED_TEXT = QColor("#55606b")


def dose_text(line: OrderLine | None, amount: doses.DoseAmount | None) -> str:
    """ "2 tablett", "1-2 tablett", or the dosage text when no amount is coded."""
    if amount is not None:
        value = format_decimal(amount.low)
        if amount.high != amount.low:
            value = f"{value}–{format_decimal(amount.high)}"
        return f"{value} {amount.unit or ''}".strip()
    return "" if line is None else line.dosage_text


class RoundModel(CellTableModel):
    """The round as a table: time, status, medicine, dose, route, checks.

    Every cell answers ``ROW_ROLE`` with its ``RoundRow``.
    """

    COLUMNS = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(self.COLUMNS, parent)
        self._zone = BedsideConfig().zone
        self.set_titles(self.headers())

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
        self._zone = config.zone
        self.set_cells(self._cells_for(row, now, allergies, config) for row in plan.rows)

    def row_at(self, row: int) -> RoundRow | None:
        """The round row shown at ``row``."""
        found = self.value_at(row, ROW_ROLE)
        return found if isinstance(found, RoundRow) else None

    def _dispenser_status(self, row: RoundRow) -> str:
        """What the dispenser reported for a pouch, in a word or two, with its time (the words
        and what to do are under the medicines: ``_dispenser_detail``)."""
        report = row.dispenser
        assert report is not None
        at = "" if report.event is None else format_time(report.event.at)
        if report.state is DispenserState.DISPENSED:
            return self.tr("✔ Dispenser %1").replace("%1", at)
        if report.state is DispenserState.AWAITING:
            return self.tr("◌ Dispenser")
        if report.state is DispenserState.NOT_DISPENSED:
            return self.tr("⚠ Not dispensed %1").replace("%1", at)
        if report.state is DispenserState.STOPPED:
            return self.tr("⚠ Stopped %1").replace("%1", at)
        return self.tr("⚠ No report")

    def _dispenser_detail(self, row: RoundRow) -> str:
        """Who handed the pouch over (never staff), or the dispenser's own words and what the
        nurse should do, under the medicines."""
        report = row.dispenser
        assert report is not None
        text = "" if report.event is None else report.event.text
        if report.state is DispenserState.DISPENSED:
            return self.tr("Handed over by the dispenser, not by staff")
        if report.state is DispenserState.AWAITING:
            return self.tr("The dispenser hands it over; nothing reported yet")
        if report.state is DispenserState.NOT_DISPENSED:
            return self.tr("Dispenser: “%1” – give the pouch by hand").replace("%1", text)
        if report.state is DispenserState.STOPPED:
            return self.tr("Dispenser: “%1” – give by hand if it is not running").replace(
                "%1", text
            )
        return self.tr("Nothing came from the dispenser – check the pouch at the visit")

    def _status(self, row: RoundRow, now: datetime) -> str:  # noqa: PLR0911 - one per state
        if row.dispenser is not None:
            return self._dispenser_status(row)
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
        if row.kind is RowKind.POUCH and row.dispenser is not None:
            names = ", ".join(item.line.display for item in row.pouch)
            pouch = (
                self.tr("Dispenser pouch (%1): %2")
                .replace("%1", str(len(row.pouch)))
                .replace("%2", names)
            )
            detail = self._dispenser_detail(row)
            return f"{pouch}\n{detail}" if detail else pouch
        if row.kind is RowKind.POUCH:
            names = ", ".join(item.line.display for item in row.pouch)
            return (
                self.tr("Multidose pouch (%1): %2")
                .replace("%1", str(len(row.pouch)))
                .replace("%2", names)
            )
        if row.kind is RowKind.FOLLOWUP and row.task is not None:
            return str(row.task.get("description") or concept_text(row.task.get("code")))
        name = "" if row.line is None else row.line.display
        ending = self._course_end(row)
        return f"{name}\n{ending}" if ending else name

    def _course_end(self, row: RoundRow) -> str:
        """Whether the order's end has this dose: "Last dose of the course" or when it is."""
        final = row.last_dose
        if final is None or row.kind is not RowKind.DOSE:
            return ""
        if row.is_last_dose:
            return self.tr("⏹ Last dose of the course")
        when = final.due_at
        return (
            self.tr("Course ends: last dose %1 at %2")
            .replace("%1", format_date(when.astimezone(self._zone)))
            .replace("%2", format_time(when, zone=self._zone))
        )

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
    ) -> list[Roles]:
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
        elif row.status is DoseStatus.UPCOMING or row.by_dispenser:
            foreground = _MUTED_TEXT
        shared = {
            Qt.ItemDataRole.AccessibleTextRole: ", ".join(t for t in texts if t),
            Qt.ItemDataRole.ToolTipRole: (line.dosage_text or None) if line else None,
            Qt.ItemDataRole.BackgroundRole: None if background is None else QBrush(background),
            Qt.ItemDataRole.ForegroundRole: None if foreground is None else QBrush(foreground),
            ROW_ROLE: row,
        }
        return [{**shared, Qt.ItemDataRole.DisplayRole: text} for text in texts]
