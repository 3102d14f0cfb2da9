"""Table of measurement sets over time, newest first, painted from C++ (see ``cell_table``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from ui.bedside.vitals_history import MeasurementSet, Series
from ui.models.cell_table import CellTableModel, Roles
from ui.presenters.formatting import format_datetime, format_decimal

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


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

    def set_sets(self, sets: Sequence[MeasurementSet]) -> None:
        """Replace the rows (newest first)."""
        self.set_cells(self._roles(self._cells(s)) for s in reversed(sets))

    @staticmethod
    def _roles(texts: tuple[str, ...]) -> list[Roles]:
        """Each value read aloud as shown; numbers right-aligned (all but the time)."""
        return [
            {
                Qt.ItemDataRole.DisplayRole: text,
                Qt.ItemDataRole.AccessibleTextRole: text,
                Qt.ItemDataRole.TextAlignmentRole: _RIGHT if column else None,
            }
            for column, text in enumerate(texts)
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
