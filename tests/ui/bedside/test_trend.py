"""Trend table and chart of the vital signs and NEWS2."""

from __future__ import annotations

import pytest

from app.bedside.vitals_history import Series
from tests.ui.bedside.ward_data import INGRID, NOW, UNIT
from ui.bedside.axis_ticks import nice_ticks
from ui.bedside.unit_round_view import UnitRoundView


def test_trend_table_and_chart(qtbot, trend_view, qtmodeltester):
    qtmodeltester.check(trend_view.model)
    assert trend_view.model.rowCount() == 7
    newest = [trend_view.model.data(trend_view.model.index(0, c)) for c in range(12)]
    assert newest[0].startswith("12.03.2025")
    assert newest[1] == "Staff"
    assert newest[11] != ""
    assert "Observation" not in " ".join(newest)
    assert trend_view.chart.accessibleDescription().count(":") >= 5
    trend_view.series.setCurrentIndex(trend_view.series.findData(Series.PULSE.value))
    assert "Pulse" in trend_view.chart.accessibleName()
    trend_view.chart.grab()


def test_unit_overview_orders_by_overdue(qtbot, store, runner, english, qtmodeltester):
    view = UnitRoundView(source=store, runner=runner, clock=lambda: NOW, place=lambda: UNIT)
    qtbot.addWidget(view)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5_000)
    qtmodeltester.check(view.model)
    with qtbot.waitSignal(view.patient_activated) as signal:
        view.table.activated.emit(view.model.index(0, 0))
    assert signal.args == [INGRID]


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (1.9, 7.7, [0, 2, 4, 6, 8]),  # the NEWS2 axis the issue showed as 1,9 / 3,9 / 5,8 / 7,7
        (0, 9.9, [0, 2, 4, 6, 8, 10]),
        (35.6, 39.4, [35, 36, 37, 38, 39, 40]),
        (86.2, 99.8, [85, 90, 95, 100]),
        (36.9, 37.3, [36.9, 37.0, 37.1, 37.2, 37.3]),
        (98, 182, [80, 100, 120, 140, 160, 180, 200]),
    ],
)
def test_axis_ticks_are_round_numbers(low: float, high: float, ticks: list[float]) -> None:
    found = nice_ticks(low, high)
    assert found == pytest.approx(ticks)
    assert found[0] <= low
    assert found[-1] >= high
