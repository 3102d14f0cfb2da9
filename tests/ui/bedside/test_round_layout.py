"""At 200 % (960 logical pixels wide) and up, no drug name or measurement time is cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from ui.bedside.unit_round_view import UNIT_COLUMNS, UnitRoundModel, UnitRow
from ui.widgets.wrap_delegate import ITEM_PADDING

DRUG_COLUMN = 2


@pytest.mark.parametrize("width", [960, 1366])
def test_round_rows_are_tall_enough_for_wrapped_drug_names(qtbot, round_view, width: int) -> None:
    round_view.resize(width, 540)
    table = round_view.table
    qtbot.waitUntil(lambda: table.columnWidth(DRUG_COLUMN) < width // 2 or width > 1000)
    QApplication.processEvents()
    qtbot.wait(20)  # the coalesced row fit after the resize
    metrics = table.fontMetrics()
    column = table.columnWidth(DRUG_COLUMN) - ITEM_PADDING
    for row in range(round_view.model.rowCount()):
        text = str(round_view.model.index(row, DRUG_COLUMN).data())
        needed = (
            metrics.boundingRect(
                QRect(0, 0, column, 10_000), int(Qt.TextFlag.TextWordWrap), text
            ).height()
            // metrics.lineSpacing()
        )
        # The style sheet pads items by 4 px above and below.
        room = (table.rowHeight(row) - 8) // metrics.lineSpacing()
        assert room >= needed, text


def test_trend_table_shows_whole_times(qtbot, trend_view) -> None:
    trend_view.resize(960, 540)
    QApplication.processEvents()
    table = trend_view.table
    for row in range(trend_view.model.rowCount()):
        text = str(trend_view.model.index(row, 0).data())
        assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(text), text


def test_unit_round_lists_dosages_to_check(qtmodeltester, english: None) -> None:
    model = UnitRoundModel()
    model.set_rows([UnitRow("p1", "Ingrid Solberg", 2, 1, 0, 1, 0, unclear=1)])
    qtmodeltester.check(model)
    assert model.columnCount() == UNIT_COLUMNS
    assert model.headerData(6, Qt.Orientation.Horizontal) == "Dosage to check"
    assert model.index(0, 6).data() == "! 1"
    assert model.index(0, 1).data() == "⚠ 2"
