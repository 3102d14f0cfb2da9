"""Trend of each vital sign, home measurement and the NEWS2 score over a period: chart and table.

The period (Alt+O: a week, a month, three months, a year) is read in one indexed query
(``BedsideSource.trend_records``), never the whole series. Home measurements are drawn and
listed apart from staff's (shape, line, label and colour); the patient's own limits for the value
shown are drawn, and values outside them are marked.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from app.bedside.vitals_history import SERIES_CODE, Series
from app.followup.trend import JudgedSet, JudgedTrend, judged_trend
from clinical.news2 import SpO2Scale
from clinical.welfare.limits import Level
from ui.bedside.trend_chart import ChartPoint, Style, Threshold, TrendChart
from ui.bedside.trend_model import TrendModel
from ui.bedside.view_base import BedsideView
from ui.errors import failure_text
from ui.presenters.formatting import format_decimal
from ui.widgets.plain import plain_label

PERIOD_DAYS = (7, 30, 90, 365)


class VitalsTrendView(BedsideView):
    """Choose a series (Alt+V) and a period (Alt+O); the chart shows it, the table every set."""

    def _build(self) -> None:
        """The page's widgets (called once, by ``BedsideView.__init__``)."""
        self._patient_id: str | None = None
        self._sets: list[JudgedSet] = []
        self._trend = JudgedTrend((), ())
        self._generation = 0
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        label = QLabel(self.tr("Show va&lue:"))
        self.series = QComboBox()
        label.setBuddy(self.series)
        for series, text in self._titles().items():
            self.series.addItem(text, series.value)
        self.series.currentIndexChanged.connect(lambda _i: self._plot())
        top.addWidget(label)
        top.addWidget(self.series)
        period_label = QLabel(self.tr("Peri&od:"))
        self.period = QComboBox()
        period_label.setBuddy(self.period)
        for days, text in zip(PERIOD_DAYS, self._period_names(), strict=True):
            self.period.addItem(text, days)
        default = self.period.findData(self._config.trend_days)
        self.period.setCurrentIndex(max(default, 0))
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        top.addSpacing(12)
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addStretch(1)
        self.status = plain_label(wrap=False)
        top.addWidget(self.status)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.chart = TrendChart()
        splitter.addWidget(self.chart)
        self.model = TrendModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        # No value is ever elided (a flagged one least of all): columns fit their text, the
        # last takes what is left, and a narrow screen scrolls sideways. Columns no row of
        # the period fills are hidden.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Measurements, newest first"))
        splitter.addWidget(self.table)
        splitter.setSizes([320, 280])
        layout.addWidget(splitter, 1)

    def _titles(self) -> dict[Series, str]:
        return {
            Series.NEWS2: self.tr("NEWS2 score"),
            Series.RESPIRATION_RATE: self.tr("Respiration rate (/min)"),
            Series.SPO2: self.tr("SpO₂ (%)"),
            Series.SYSTOLIC: self.tr("Systolic blood pressure (mmHg)"),
            Series.PULSE: self.tr("Pulse (/min)"),
            Series.TEMPERATURE: self.tr("Temperature (°C)"),
            Series.WEIGHT: self.tr("Weight (kg)"),
            Series.GLUCOSE: self.tr("Blood glucose (mmol/L)"),
        }

    def _period_names(self) -> tuple[str, ...]:
        return (
            self.tr("Last 7 days"),
            self.tr("Last 30 days"),
            self.tr("Last 3 months"),
            self.tr("Last year"),
        )

    @property
    def days(self) -> int:
        """The period shown, in days."""
        return int(self.period.currentData() or self._config.trend_days)

    def set_patient(self, patient_id: str) -> None:
        """Load the patient's measurements of the period (on a worker); the old ones go at once."""
        self._patient_id = patient_id
        self._sets = []
        self._trend = JudgedTrend((), ())
        self.model.set_sets(self._sets)
        self._plot()
        self.reload()

    def reload(self) -> None:
        """Read the period again (after a new set was saved, or another period was chosen)."""
        patient_id = self._patient_id
        if patient_id is None:
            return
        self._generation += 1
        generation = self._generation
        days = self.days
        since = self._clock() - timedelta(days=days)
        self.status.setText(self.tr("Loading…"))

        def read() -> tuple[JudgedTrend, SpO2Scale]:
            found = self._source.trend_records(patient_id, since=since)
            decided = self._source.spo2_scale_2_decision(patient_id) is not None
            return judged_trend(found), SpO2Scale.SCALE_2 if decided else SpO2Scale.SCALE_1

        self._runner.run(
            read,
            on_success=lambda found: self._show(generation, days, *found),
            on_failure=lambda error: self.status.setText(failure_text(error)),
        )

    def _show(self, generation: int, days: int, trend: JudgedTrend, scale: SpO2Scale) -> None:
        if generation != self._generation:
            return  # another patient or period was asked for meanwhile
        self._trend = trend
        self._sets = list(trend.sets)
        self.model.set_sets(self._sets, scale=scale)
        empty = self.model.empty_columns()
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column in empty)
        home = sum(1 for s in self._sets if s.measured.home)
        self.status.setText(
            self.tr("%1 measurement sets (%2 at home) in the last %3 days")
            .replace("%1", str(len(self._sets)))
            .replace("%2", str(home))
            .replace("%3", str(days))
        )
        self._plot()

    def _thresholds(self, series: Series) -> list[Threshold]:
        if series is Series.NEWS2:
            return [
                Threshold(5, self.tr("5: urgent response")),
                Threshold(7, self.tr("7: emergency")),
            ]
        found = []
        for limit in self._trend.limits_of(series):
            style = Style.RED if limit.level is Level.RED else Style.YELLOW
            for bound in (limit.low, limit.high):
                if bound is None:
                    continue
                text = self.tr("Red limit %1") if style is Style.RED else self.tr("Yellow limit %1")
                found.append(Threshold(bound, text.replace("%1", format_decimal(bound)), style))
        return found

    def _plot(self) -> None:
        series = Series(self.series.currentData())
        code = SERIES_CODE.get(series, "")
        points = [
            ChartPoint(
                s.measured.at,
                s.measured.values[series],
                home=s.measured.home,
                level=s.level_of(code) if code else 0,
            )
            for s in self._sets
            if series in s.measured.values
        ]
        floor = 0 if series is Series.NEWS2 else None
        self.chart.set_series(
            self._titles()[series], points, thresholds=self._thresholds(series), floor=floor
        )
