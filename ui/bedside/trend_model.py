"""Table of measurement sets over time, newest first; checked with qtmodeltester."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.bedside.vitals_history import MeasurementSet, Series
from ui.presenters.formatting import format_datetime, format_decimal

_Index = QModelIndex | QPersistentModelIndex
_COLUMNS = 8


class TrendModel(QAbstractTableModel):
    """Columns: time, respiration, SpO2, air/oxygen, BP, pulse, ACVPU, temperature, NEWS2."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, ...]] = []

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
        self.beginResetModel()
        self._rows = [self._cells(s) for s in reversed(sets)]
        self.endResetModel()

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

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else _COLUMNS + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section <= _COLUMNS
        ):
            return self.headers()[section]
        return None
