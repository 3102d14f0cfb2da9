"""The patient list's "doses this shift" column: counted off the GUI thread, overdue in words."""

from __future__ import annotations

import threading
from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from app.values import DueDoses, PlaceKind
from tests.ui.fake_source import FakeSource
from tests.ui.ward import NOW, TODAY, UNIT
from ui.main_window import MainWindow
from ui.models.patient_list_model import Column, PatientListModel
from ui.models.roles import SORT_ROLE
from ui.presenters.patient_list import patient_rows
from ui.tasks import TaskRunner
from ui.theme import CRITICAL_TEXT
from ui.views.patient_list_view import PatientListView


def _due_index(model: PatientListModel, patient_id: str) -> QModelIndex:
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == patient_id)  # type: ignore[union-attr]
    return model.index(row, Column.DUE)


def test_due_doses_fill_the_column_from_a_worker(
    qtbot, window: MainWindow, source: FakeSource
) -> None:
    model = window.patient_list.model
    index = _due_index(model, "pas-ingrid")
    qtbot.waitUntil(lambda: index.data() != "–", timeout=5_000)

    assert source.due_threads
    assert all(t is not threading.main_thread() for t in source.due_threads)
    text = index.data()
    assert text.startswith("⚠ ")
    assert "overdue" in text
    foreground = index.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(foreground, QBrush)
    assert foreground.color().name() == CRITICAL_TEXT
    spoken = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "overdue" in spoken
    assert "⚠" in spoken
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.splitlines()[0].startswith("Overdue: ")
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == tooltip
    assert model.headerData(Column.DUE, Qt.Orientation.Horizontal) == "Due doses"


def test_due_column_words_and_sorting(qtmodeltester, english: None) -> None:
    model = PatientListModel()
    rows = patient_rows(FakeSource().patients_at(UNIT), today=TODAY)
    model.set_rows(rows, kind=PlaceKind.UNIT)
    qtmodeltester.check(model)
    first, second, third = rows[0].id, rows[1].id, rows[2].id
    assert model.index(0, Column.DUE).data() == "–"
    assert model.index(0, Column.DUE).data(Qt.ItemDataRole.AccessibleTextRole) == "not counted"

    model.set_due(
        {
            first: DueDoses(overdue=2, due_now=1, later=3),
            second: DueDoses(due_now=1, unclear=1, followups=1),
        }
    )
    qtmodeltester.check(model)

    def cell(patient_id: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
        return _due_index(model, patient_id).data(role)

    assert cell(first) == "⚠ 2 overdue, 1 now, 3 later"
    assert cell(second) == "1 to check, 1 now"
    assert "1 effect to assess" in str(cell(second, Qt.ItemDataRole.AccessibleTextRole))
    # A patient left out of the counts has nothing due: said in words, never an empty cell.
    assert cell(third) == "None"
    assert cell(third, Qt.ItemDataRole.AccessibleTextRole) == "No doses left this shift"
    assert cell(second, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(first, SORT_ROLE) > cell(second, SORT_ROLE) > cell(third, SORT_ROLE)


def test_due_doses_are_counted_again_as_time_passes(
    qtbot, source: FakeSource, runner: TaskRunner, english: None
) -> None:
    source.now = NOW - timedelta(hours=2)
    view = PatientListView(source=source, runner=runner, today=lambda: TODAY, due_refresh_ms=50)
    qtbot.addWidget(view)
    view.show()
    view.load_places()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5_000)
    index = lambda: _due_index(view.model, "pas-ingrid")  # noqa: E731 - re-read after resets
    qtbot.waitUntil(lambda: index().data() not in ("–", None), timeout=5_000)
    early = view.model.row_at(index().row()).due  # type: ignore[union-attr]
    assert early is not None

    # Two hours later the morning doses are past their window: the timer counts them again.
    source.now = NOW

    def more_overdue() -> bool:
        due = view.model.row_at(index().row()).due  # type: ignore[union-attr]
        return due is not None and due.overdue > early.overdue

    qtbot.waitUntil(more_overdue, timeout=5_000)


def test_a_failed_count_leaves_the_list_usable(
    qtbot, source: FakeSource, runner: TaskRunner, english: None
) -> None:
    class Failing:
        def due_doses(self, place, patient_ids):
            raise RuntimeError("store locked")

    view = PatientListView(source=source, runner=runner, today=lambda: TODAY, due=Failing())
    qtbot.addWidget(view)
    view.load_places()
    qtbot.waitUntil(lambda: view.panel.state == "content", timeout=5_000)
    runner.wait_for_done(5_000)
    qtbot.wait(50)
    assert view.model.index(0, Column.DUE).data() == "–"
    assert "not been counted" in view.model.index(0, Column.DUE).data(Qt.ItemDataRole.ToolTipRole)


def test_returning_to_the_list_counts_again(
    qtbot, source: FakeSource, runner: TaskRunner, english: None
) -> None:
    source.now = NOW - timedelta(hours=2)
    view = PatientListView(
        source=source, runner=runner, today=lambda: TODAY, due_refresh_ms=3_600_000
    )
    qtbot.addWidget(view)
    view.show()
    view.load_places()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5_000)
    qtbot.waitUntil(lambda: view.model.row_at(0).due is not None, timeout=5_000)  # type: ignore[union-attr]
    counted = len(source.due_threads)

    view.hide()
    source.now = NOW
    view.show()

    qtbot.waitUntil(lambda: len(source.due_threads) > counted, timeout=5_000)


def test_the_screenshot_ward_shows_a_morning_round_half_done(source: FakeSource) -> None:
    ids = [str(entry.patient["id"]) for entry in source.patients_at(UNIT)]
    due = source.due_doses(UNIT, ids)
    assert due["pas-olav"] == DueDoses(), "his 08:00 dose is documented"
    assert due["pas-arne"] == DueDoses(), "refused and documented as not given"
    assert due["pas-sigrid"] == DueDoses(overdue=1)
    assert due["pas-bjorg"] == DueDoses(later=1), "her midday dose is still to come"
    assert due["pas-ingrid"].overdue > 1
    source.now = NOW - timedelta(hours=2)  # 07:40
    assert source.due_doses(UNIT, ["pas-olav"])["pas-olav"] == DueDoses(due_now=1), (
        "a dose documented at 08:05 does not count before then"
    )
