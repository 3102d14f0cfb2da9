"""Table of measurement sets over time, newest first, painted from C++ (see ``cell_table``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.bedside.vitals_history import MeasurementSet, Series, news2_of
from clinical import news2
from clinical.news2 import News2Result, Parameter, SpO2Scale
from ui.clinical_texts import clinical_text
from ui.models.cell_table import CellTableModel, Roles
from ui.presenters.formatting import format_datetime, format_decimal
from ui.theme import CRITICAL_TEXT

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# The table column of each NEWS2 parameter (BP: its systolic, which is what is scored).
_COLUMN_OF = {
    Parameter.RESPIRATION_RATE: 1,
    Parameter.SPO2: 2,
    Parameter.AIR_OR_OXYGEN: 3,
    Parameter.SYSTOLIC_BP: 4,
    Parameter.PULSE: 5,
    Parameter.CONSCIOUSNESS: 6,
    Parameter.TEMPERATURE: 7,
}
NEWS2_COLUMN = 8


class TrendModel(CellTableModel):
    """Columns: time, respiration, SpO2, air/oxygen, BP, pulse, ACVPU, temperature, NEWS2."""

    COLUMNS = 9

    def __init__(self, parent: Any = None) -> None:
        super().__init__(self.COLUMNS, parent)
        self.set_titles(self.headers())

    def headers(self) -> tuple[str, ...]:
        """Column titles with units."""
        return (
            self.tr("Time"),
            self.tr("Resp. /min"),
            self.tr("SpO₂ %"),
            self.tr("Air / O₂"),
            self.tr("BP mmHg"),
            self.tr("Pulse /min"),
            self.tr("ACVPU"),
            self.tr("Temp. °C"),
            self.tr("NEWS2"),
        )

    def set_sets(
        self, sets: Sequence[MeasurementSet], *, scale: SpO2Scale = SpO2Scale.SCALE_1
    ) -> None:
        """Replace the rows (newest first). A parameter scoring 3 is marked ⚠ in every set,
        and a partial set that already needs an urgent response says so in the NEWS2 column
        (RCP Chart 2: a red score needs a response whether or not the set is complete)."""
        self.set_cells(
            self._roles(self._cells(s), news2_of(s, scale=scale)) for s in reversed(sets)
        )

    def _roles(self, texts: tuple[str, ...], result: News2Result | None) -> list[Roles]:
        """Each value read aloud as shown; numbers right-aligned (all but the time)."""
        shown = list(texts)
        red_columns = set()
        tooltip = None
        if result is not None:
            red_columns = {_COLUMN_OF[p] for p in result.red_parameters}
            for column in red_columns:
                if shown[column]:
                    shown[column] = f"⚠ {shown[column]}"
            if result.urgent_while_partial and not shown[NEWS2_COLUMN]:
                shown[NEWS2_COLUMN] = self.tr("⚠ incomplete")
                red_columns.add(NEWS2_COLUMN)
                tooltip = clinical_text(news2.MESSAGES, result.message_key)
        red = QBrush(QColor(CRITICAL_TEXT))
        return [
            {
                Qt.ItemDataRole.DisplayRole: text,
                Qt.ItemDataRole.AccessibleTextRole: text,
                Qt.ItemDataRole.TextAlignmentRole: _RIGHT if column else None,
                Qt.ItemDataRole.ForegroundRole: red if column in red_columns else None,
                Qt.ItemDataRole.ToolTipRole: tooltip if column == NEWS2_COLUMN else None,
            }
            for column, text in enumerate(shown)
        ]

    def _cells(self, measured: MeasurementSet) -> tuple[str, ...]:
        def value(series: Series) -> str:
            number = measured.values.get(series)
            return "" if number is None else format_decimal(number)

        if measured.oxygen_flow is None:
            air = ""
        elif measured.oxygen_flow == 0:
            air = self.tr("Air")
        else:
            air = self.tr("O₂ %1 l/min").replace("%1", format_decimal(measured.oxygen_flow))
        systolic = value(Series.SYSTOLIC)
        diastolic = "" if measured.diastolic is None else format_decimal(measured.diastolic)
        pressure = f"{systolic}/{diastolic}" if systolic or diastolic else ""
        return (
            format_datetime(measured.at),
            value(Series.RESPIRATION_RATE),
            value(Series.SPO2),
            air,
            pressure,
            value(Series.PULSE),
            measured.acvpu or "",
            value(Series.TEMPERATURE),
            value(Series.NEWS2),
        )
