"""Table of measurement sets over time, newest first, painted from C++ (see ``cell_table``).

A home measurement's row says so in its source column ("⌂ Home"), and is never scored with
NEWS2. A value outside the patient's own limits is marked with its direction and level (▲ above,
▼ below; doubled past a red limit), in colour, with the limit in its tooltip; a NEWS2 parameter
scoring 3 keeps its ⚠.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.bedside.vitals_history import MeasurementSet, Series, news2_of
from app.followup.trend import JudgedSet
from clinical import codes, news2
from clinical.news2 import News2Result, Parameter, SpO2Scale
from clinical.welfare.limits import Judgement, Level
from clinical.welfare.measurements import LOINC_BODY_WEIGHT, LOINC_GLUCOSE
from ui.clinical_texts import clinical_text
from ui.models.cell_table import CellTableModel, Roles
from ui.presenters.formatting import format_datetime, format_decimal
from ui.theme import CRITICAL_TEXT

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DISPLAY = Qt.ItemDataRole.DisplayRole
_YELLOW_TEXT = "#8a5a00"
SOURCE_COLUMN = 1
# The table column of each NEWS2 parameter (BP: its systolic, which is what is scored).
_COLUMN_OF = {
    Parameter.RESPIRATION_RATE: 2,
    Parameter.SPO2: 3,
    Parameter.AIR_OR_OXYGEN: 4,
    Parameter.SYSTOLIC_BP: 5,
    Parameter.PULSE: 6,
    Parameter.CONSCIOUSNESS: 7,
    Parameter.TEMPERATURE: 8,
}
# The LOINC codes whose limits each value column shows.
_CODES_OF = {
    2: (codes.LOINC_RESPIRATORY_RATE,),
    3: (codes.LOINC_OXYGEN_SATURATION_ARTERIAL,),
    5: (codes.LOINC_SYSTOLIC, codes.LOINC_DIASTOLIC),
    6: (codes.LOINC_HEART_RATE,),
    8: (codes.LOINC_BODY_TEMPERATURE,),
    9: (LOINC_BODY_WEIGHT,),
    10: (LOINC_GLUCOSE,),
}
NEWS2_COLUMN = 11


class TrendModel(CellTableModel):
    """Columns: time, source, respiration, SpO2, air/oxygen, BP, pulse, ACVPU, temperature,
    weight, glucose, NEWS2."""

    COLUMNS = 12

    def __init__(self, parent: Any = None) -> None:
        super().__init__(self.COLUMNS, parent)
        self.set_titles(self.headers())
        self._filled: set[int] = set()

    def empty_columns(self) -> set[int]:
        """Value columns no row of the period has a value in (the view hides them)."""
        return set(range(SOURCE_COLUMN + 1, self.COLUMNS)) - self._filled

    def headers(self) -> tuple[str, ...]:
        """Column titles with units."""
        return (
            self.tr("Time"),
            self.tr("Measured by"),
            self.tr("Resp. /min"),
            self.tr("SpO₂ %"),
            self.tr("Air / O₂"),
            self.tr("BP mmHg"),
            self.tr("Pulse /min"),
            self.tr("ACVPU"),
            self.tr("Temp. °C"),
            self.tr("Weight kg"),
            self.tr("Glucose mmol/L"),
            self.tr("NEWS2"),
        )

    def set_sets(self, sets: Sequence[JudgedSet], *, scale: SpO2Scale = SpO2Scale.SCALE_1) -> None:
        """Replace the rows (newest first). A parameter scoring 3 is marked ⚠ in every staff
        set, and a partial set that already needs an urgent response says so in the NEWS2
        column (RCP Chart 2: a red score needs a response whether or not the set is complete).
        Values outside the patient's limits are marked ▲/▼ (see the module docstring)."""
        rows = [
            self._roles(
                judged, self._cells(judged.measured), news2_of(judged.measured, scale=scale)
            )
            for judged in reversed(sets)
        ]
        self._filled = {column for row in rows for column, cell in enumerate(row) if cell[DISPLAY]}
        self.set_cells(rows)

    def _limit_mark(self, judged: JudgedSet, column: int) -> tuple[Judgement | None, str]:
        """The worst judgement among the column's values, and its marker (▲, ▼, doubled red)."""
        found = [
            judged.judgements[code]
            for code in _CODES_OF.get(column, ())
            if code in judged.judgements and judged.judgements[code].outside
        ]
        if not found:
            return None, ""
        worst = max(found, key=lambda j: j.level)
        limit = worst.limit
        value = next(
            (v.value for v in judged.measured.measured if limit and v.code == limit.code), None
        )
        above = (
            limit is not None
            and limit.high is not None
            and value is not None
            and value > limit.high
        )
        arrow = "▲" if above else "▼"
        return worst, arrow * (2 if worst.level is Level.RED else 1)

    def _limit_tip(self, judgement: Judgement) -> str:
        limit = judgement.limit
        if limit is None:
            return ""
        low = "–" if limit.low is None else format_decimal(limit.low)
        high = "–" if limit.high is None else format_decimal(limit.high)
        if judgement.level is Level.RED:
            text = self.tr("Outside the patient's red limit (%1 to %2)")
        else:
            text = self.tr("Outside the patient's yellow limit (%1 to %2)")
        return text.replace("%1", low).replace("%2", high)

    def _roles(
        self, judged: JudgedSet, texts: tuple[str, ...], result: News2Result | None
    ) -> list[Roles]:
        """Each value read aloud as shown; numbers right-aligned (all but time and source)."""
        shown = list(texts)
        red_columns: set[int] = set()
        yellow_columns: set[int] = set()
        tooltips: dict[int, str] = {}
        if result is not None:
            red_columns = {_COLUMN_OF[p] for p in result.red_parameters}
            for column in red_columns:
                if shown[column]:
                    shown[column] = f"⚠ {shown[column]}"
            if result.urgent_while_partial and not shown[NEWS2_COLUMN]:
                shown[NEWS2_COLUMN] = self.tr("⚠ incomplete")
                red_columns.add(NEWS2_COLUMN)
                tooltips[NEWS2_COLUMN] = clinical_text(news2.MESSAGES, result.message_key)
        for column in _CODES_OF:
            judgement, mark = self._limit_mark(judged, column)
            if judgement is None or not shown[column]:
                continue
            shown[column] = f"{mark} {shown[column]}"
            tooltips[column] = self._limit_tip(judgement)
            (red_columns if judgement.level is Level.RED else yellow_columns).add(column)
        red = QBrush(QColor(CRITICAL_TEXT))
        yellow = QBrush(QColor(_YELLOW_TEXT))
        return [
            {
                Qt.ItemDataRole.DisplayRole: text,
                Qt.ItemDataRole.AccessibleTextRole: text,
                Qt.ItemDataRole.TextAlignmentRole: _RIGHT if column > SOURCE_COLUMN else None,
                Qt.ItemDataRole.ForegroundRole: red
                if column in red_columns
                else yellow
                if column in yellow_columns
                else None,
                Qt.ItemDataRole.ToolTipRole: tooltips.get(column),
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
        source = self.tr("⌂ Home") if measured.home else self.tr("Staff")
        return (
            format_datetime(measured.at),
            source,
            value(Series.RESPIRATION_RATE),
            value(Series.SPO2),
            air,
            pressure,
            value(Series.PULSE),
            measured.acvpu or "",
            value(Series.TEMPERATURE),
            value(Series.WEIGHT),
            value(Series.GLUCOSE),
            value(Series.NEWS2),
        )
