"""Trend table and chart of the vital signs and NEWS2."""

from __future__ import annotations

from tests.ui.bedside.ward_data import INGRID, NOW, UNIT
from ui.bedside.unit_round_view import UnitRoundView
from ui.bedside.vitals_history import Series


def test_trend_table_and_chart(qtbot, trend_view, qtmodeltester):
    qtmodeltester.check(trend_view.model)
    assert trend_view.model.rowCount() == 7
    newest = [trend_view.model.data(trend_view.model.index(0, c)) for c in range(9)]
    assert newest[0].startswith("12.03.2025")
    assert newest[8] != ""
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
