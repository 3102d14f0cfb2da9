"""Painting the medication round, the unit's round and the vital-signs trend runs no Python, so a
sync running beside them never makes a repaint wait for the GIL (see ``ui.models.cell_table``)."""

from __future__ import annotations

from tests.ui.bedside.fake_source import FakeBedsideSource
from tests.ui.bedside.ward_data import NOW, UNIT
from tests.ui.paint_probe import python_called_while_repainting
from ui.bedside import UnitRoundView
from ui.tasks import TaskRunner


def test_the_medication_round(round_view) -> None:
    assert round_view.model.rowCount() > 0
    assert python_called_while_repainting(round_view.table) == []


def test_the_unit_round(qtbot, store: FakeBedsideSource, runner: TaskRunner, english: None) -> None:
    view = UnitRoundView(source=store, runner=runner, clock=lambda: NOW, place=lambda: UNIT)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5_000)
    assert python_called_while_repainting(view.table) == []


def test_the_vital_signs_trend(trend_view) -> None:
    assert python_called_while_repainting(trend_view.table) == []
