"""Trend of each vital sign and the NEWS2 score over the last days: chart and table."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

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

from app.bedside.vitals_history import MeasurementSet, Series, measurement_sets
from clinical.news2 import SpO2Scale
from ui.bedside.trend_chart import TrendChart
from ui.bedside.trend_model import TrendModel
from ui.bedside.view_base import BedsideView
from ui.errors import failure_text
from ui.widgets.plain import plain_label


class VitalsTrendView(BedsideView):
    """Choose a series (Alt+V); the chart shows it, the table shows every set."""

    def _build(self) -> None:
        """The page's widgets (called once, by ``BedsideView.__init__``)."""
        self._patient_id: str | None = None
        self._sets: list[MeasurementSet] = []
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
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # When it was measured is never elided; the values share what is left.
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
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
        }

    def set_patient(self, patient_id: str) -> None:
        """Load the patient's last days of measurements (on a worker); the old ones go at once."""
        self._patient_id = patient_id
        self._sets = []
        self.model.set_sets(self._sets)
        self._plot()
        self.reload()

    def reload(self) -> None:
        """Read the measurements again (after a new set was saved)."""
        patient_id = self._patient_id
        if patient_id is None:
            return
        since = self._clock() - timedelta(days=self._config.trend_days)
        self.status.setText(self.tr("Loading…"))

        def read() -> tuple[Any, SpO2Scale]:
            found = self._source.vital_signs(patient_id, since=since)
            decided = self._source.spo2_scale_2_decision(patient_id) is not None
            return found, SpO2Scale.SCALE_2 if decided else SpO2Scale.SCALE_1

        self._runner.run(
            read,
            on_success=lambda found: self._show(patient_id, *found),
            on_failure=lambda error: self.status.setText(failure_text(error)),
        )

    def _show(self, patient_id: str, observations: Any, scale: SpO2Scale) -> None:
        if patient_id != self._patient_id:
            return
        self._sets = measurement_sets(observations)
        self.model.set_sets(self._sets, scale=scale)
        self.status.setText(
            self.tr("%1 measurement sets in the last %2 days")
            .replace("%1", str(len(self._sets)))
            .replace("%2", str(self._config.trend_days))
        )
        self._plot()

    def _plot(self) -> None:
        series = Series(self.series.currentData())
        points = [(s.at, s.values[series]) for s in self._sets if series in s.values]
        thresholds: list[tuple[float, str]] = []
        floor = None
        if series is Series.NEWS2:
            thresholds = [(5, self.tr("5: urgent response")), (7, self.tr("7: emergency"))]
            floor = 0
        self.chart.set_series(self._titles()[series], points, thresholds=thresholds, floor=floor)
