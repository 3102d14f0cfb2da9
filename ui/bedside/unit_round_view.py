"""Due doses per patient for the unit or route in this shift, most overdue first.

``place`` is the unit or route whose patients are counted (the patient list's current place).
Enter (or double-click) on a patient emits ``patient_activated(patient_id)``; the main window
then shows that patient's ``MedicationRoundView``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from app.bedside.config import BedsideConfig
from app.bedside.due_counts import due_doses_of
from app.bedside.round_plan import build_round
from app.contract import BedsideSource
from app.followup.dispenser import dispenser_of
from app.values import PlaceOfWork
from clinical.fhir_read import patient_name
from ui.bedside.view_base import BedsideView
from ui.errors import failure_text
from ui.models.cell_table import CellTableModel, Roles
from ui.presenters.formatting import format_time
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label

PATIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNCLEAR_COLUMN = 6
UNIT_COLUMNS = 7


@dataclass(frozen=True)
class UnitRow:
    """One patient's counts for the shift."""

    patient_id: str
    name: str
    overdue: int
    due: int
    later: int
    prn: int
    followups: int
    unclear: int = 0
    """Orders whose dosage cannot be scheduled safely (the patient's round says why)."""


def unit_rows(
    source: BedsideSource, place: PlaceOfWork | None, *, now: datetime, config: BedsideConfig
) -> list[UnitRow]:
    """Every patient of ``place`` with their round counts (runs on a worker)."""
    if place is None:
        return []
    window = config.round_window(now)
    rows = []
    for patient in source.round_patients(place):
        patient_id = str(patient.get("id"))
        dispenser = source.dispenser_records(patient_id, since=window[0], until=window[1])
        plan = build_round(
            source.medication_data(patient_id),
            administrations=source.administrations(patient_id, since=window[0], until=window[1]),
            followups=source.open_followups(patient_id),
            window=window,
            now=now,
            tolerance=config.tolerance,
            dispenser=dispenser_of(dispenser),
        )
        due = due_doses_of(plan)
        rows.append(
            UnitRow(
                patient_id,
                patient_name(patient),
                due.overdue,
                due.due_now,
                due.later,
                plan.prn_count,
                due.followups,
                due.unclear,
            )
        )
    return sorted(rows, key=lambda r: (-r.overdue, -r.unclear, -r.due, -r.followups, r.name))


class UnitRoundModel(CellTableModel):
    """Patient, overdue, due now, later, as needed, effects to assess, dosages to check.

    Every cell answers ``PATIENT_ID_ROLE``.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(UNIT_COLUMNS, parent)
        self.set_titles(self.headers())

    def set_rows(self, rows: Sequence[UnitRow]) -> None:
        """Replace all rows."""
        self.set_cells(self._cells(row) for row in rows)

    def headers(self) -> tuple[str, ...]:
        """Column titles."""
        return (
            self.tr("Patient"),
            self.tr("Overdue"),
            self.tr("Due now"),
            self.tr("Later"),
            self.tr("As needed"),
            self.tr("Effect to assess"),
            self.tr("Dosage to check"),
        )

    def _cells(self, row: UnitRow) -> list[Roles]:
        texts = [
            row.name,
            f"⚠ {row.overdue}" if row.overdue else str(row.overdue),
            str(row.due),
            str(row.later),
            str(row.prn),
            str(row.followups),
            f"! {row.unclear}" if row.unclear else str(row.unclear),
        ]  # the last is UNCLEAR_COLUMN
        cells: list[Roles] = [
            {Qt.ItemDataRole.DisplayRole: text, PATIENT_ID_ROLE: row.patient_id} for text in texts
        ]
        if row.overdue:
            cells[1] = {**cells[1], Qt.ItemDataRole.BackgroundRole: QBrush(QColor("#fdecec"))}
        return cells


class UnitRoundView(BedsideView):
    """Overview of the round for every patient of the unit or route."""

    patient_activated = Signal(str)

    def __init__(
        self,
        *,
        source: BedsideSource,
        runner: TaskRunner,
        clock: Callable[[], datetime],
        place: Callable[[], PlaceOfWork | None],
        config: BedsideConfig | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._place = place
        super().__init__(source=source, runner=runner, clock=clock, config=config, parent=parent)

    def _build(self) -> None:
        """The page's widgets (called once, by ``BedsideView.__init__``)."""
        layout = QVBoxLayout(self)
        self.title = plain_label(self.tr("Medication round for the unit"))
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.title)
        self.model = UnitRoundModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Patients and their doses this shift"))
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        self.status = plain_label()
        layout.addWidget(self.status)
        QShortcut(QKeySequence("F5"), self).activated.connect(self.reload)

    def reload(self) -> None:
        """Count every patient's doses again (on a worker)."""
        now = self._clock()
        place = self._place()
        self.status.setText(self.tr("Loading…"))
        self._runner.run(
            lambda: unit_rows(self._source, place, now=now, config=self._config),
            on_success=lambda rows: self._show(rows, now),
            on_failure=lambda error: self.status.setText(failure_text(error)),
        )

    def _show(self, rows: Any, now: datetime) -> None:
        self.model.set_rows(rows)
        start, end = self._config.shift(now)
        self.status.setText(
            self.tr("Shift %1–%2. Enter opens the patient's round.")
            .replace("%1", format_time(start))
            .replace("%2", format_time(end))
        )
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()

    def _activated(self, index: QModelIndex) -> None:
        patient_id = self.model.data(index, PATIENT_ID_ROLE)
        if isinstance(patient_id, str):
            self.patient_activated.emit(patient_id)
