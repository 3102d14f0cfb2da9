"""Drug names, doses, patient names and rooms stay readable at 200 % (960x540) and up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QStyle,
    QStyleOptionFrame,
    QTableView,
    QTreeView,
)

from app.values import PatientId
from tests.ui.fake_source import FakeSource
from tests.ui.ward import ROUTE, TODAY, UNIT
from ui.app import prepare_application
from ui.i18n import Language
from ui.models.grouped_model import GroupedModel
from ui.models.patient_list_model import Column
from ui.presenters.medication_list import medication_list_view
from ui.presenters.prescriptions import prescriptions_view
from ui.tasks import TaskRunner
from ui.views.medication_list_view import DOSE_COLUMN, DRUG_COLUMN, MedicationListWidget
from ui.views.patient_list_view import PatientListView
from ui.views.prescriptions_view import NAME_COLUMN, PrescriptionsWidget
from ui.widgets.column_fit import ColumnNeed, fit_widths
from ui.widgets.wrap_delegate import ITEM_PADDING, PaddedWrapDelegate

# Logical widths of the list area: a 1920x1080 panel at 200 %, 1366x768, and 1920x1080.
WIDTHS = [936, 1340, 1890]


@pytest.mark.parametrize(
    ("needs", "available", "grow", "expected"),
    [
        # Everything fits: the grow column takes what is left.
        ([(100, 50), (200, 200), (80, 40)], 500, 1, [100, 320, 80]),
        # Too narrow: only columns with room to give shrink, in proportion to that room.
        ([(100, 50), (200, 200), (80, 40)], 340, 1, [77, 200, 63]),
        # Narrower than all minimums: minimums (the view scrolls sideways).
        ([(100, 50), (200, 200), (80, 40)], 200, 1, [50, 200, 40]),
        # Exactly the room there is.
        ([(100, 50), (200, 200)], 300, None, [100, 200]),
    ],
)
def test_fit_widths(
    needs: list[tuple[int, int]], available: int, grow: int | None, expected: list[int]
) -> None:
    widths = fit_widths([ColumnNeed(p, m) for p, m in needs], available=available, grow=grow)
    assert widths == expected
    if sum(m for _p, m in needs) <= available:
        assert sum(widths) <= available


def _rows(model: GroupedModel) -> list[QModelIndex]:
    found = []
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        found += [model.index(row, 0, parent) for row in range(model.rowCount(parent))]
    return found


def _assert_full(view: QAbstractItemView, index: QModelIndex) -> None:
    """The cell's whole text fits its column (no elision)."""
    text = str(index.data())
    needed = view.fontMetrics().horizontalAdvance(text)
    assert view.columnWidth(index.column()) >= needed + 8, text  # type: ignore[attr-defined]


def _assert_wrapped_in_full(view: QTreeView, index: QModelIndex) -> None:
    """The cell's row is tall enough for its whole text wrapped in the column's width."""
    text = str(index.data())
    column = view.columnWidth(index.column()) - ITEM_PADDING
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    needed = view.fontMetrics().boundingRect(QRect(0, 0, column, 10_000), flags, text).height()
    assert view.visualRect(index).height() >= needed, text


@pytest.mark.parametrize("width", WIDTHS)
def test_drug_names_and_doses_are_never_cut(qtbot, english: None, width: int) -> None:
    widget = MedicationListWidget()
    qtbot.addWidget(widget)
    widget.resize(width, 500)
    widget.show()
    data = FakeSource().medication_list(PatientId("pas-ingrid"))
    widget.show_stopped_box.setChecked(True)
    widget.show_list(medication_list_view(data, today=TODAY))
    tree = widget.tree
    qtbot.waitUntil(lambda: tree.viewport().width() > 0)
    # Wrapped doses make rows taller, which may bring in the scroll bar: the columns follow.
    tree.scheduleDelayedItemsLayout()
    qtbot.wait(50)
    header = tree.header()
    assert header.length() <= tree.viewport().width() + 1
    free_text = 0
    for first in _rows(widget.model):
        drug = first.siblingAtColumn(DRUG_COLUMN)
        _assert_full(tree, drug)
        item = widget.model.row_payload(first)
        dose = first.siblingAtColumn(DOSE_COLUMN)
        if getattr(item, "schedule", None) is not None:
            _assert_full(tree, dose)
        elif dose.data():
            free_text += 1
            _assert_wrapped_in_full(tree, dose)
        for column in range(widget.model.columnCount()):
            cell = first.siblingAtColumn(column)
            if cell.data():
                # Whatever elides still has its whole text for the mouse and screen readers.
                full = cell.data(Qt.ItemDataRole.AccessibleDescriptionRole)
                assert cell.data(Qt.ItemDataRole.ToolTipRole) == full
                assert str(cell.data()) in str(full)
    assert free_text, "the ward must have a free-text dose for this test to mean anything"


def test_prescription_names_fit_at_200_percent(qtbot, english: None) -> None:
    widget = PrescriptionsWidget()
    qtbot.addWidget(widget)
    widget.resize(WIDTHS[0], 500)
    widget.show()
    widget.show_prescriptions(
        prescriptions_view(FakeSource().prescriptions(PatientId("pas-ingrid")), today=TODAY)
    )
    widget.tree.fit_columns()
    for first in _rows(widget.model):
        _assert_full(widget.tree, first.siblingAtColumn(NAME_COLUMN))
    # The dosage may elide in its column; the selected prescription's detail has it in full.
    selected = widget.selected()
    assert selected is not None
    detail = widget.findChild(QLabel, "itemDetail")
    assert f"Dosage: {selected.dosage}" in detail.text()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("place", [UNIT, ROUTE])
def test_patient_names_and_rooms_fit(
    qtbot, runner: TaskRunner, english: None, width: int, place
) -> None:
    source = FakeSource(places=[place])
    view = PatientListView(source=source, runner=runner, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.show()
    view.load_places()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5_000)
    runner.wait_for_done(5_000)
    qtbot.waitUntil(lambda: view.model.index(0, Column.DUE).data() != "–", timeout=5_000)
    table = view.table
    assert table.horizontalHeader().length() <= table.viewport().width() + 1
    for row in range(view.model.rowCount()):
        _assert_full(table, view.model.index(row, Column.NAME))
        _assert_full(table, view.model.index(row, Column.CRITICAL))
        due = view.model.index(row, Column.DUE)
        if str(due.data()).startswith("⚠"):
            shown = view.model.overdue_text(99)
            assert table.columnWidth(Column.DUE) >= table.fontMetrics().horizontalAdvance(shown)
        if place is UNIT:
            _assert_full(table, view.model.index(row, Column.WHERE))
        else:
            where = view.model.index(row, Column.WHERE)
            assert where.data(Qt.ItemDataRole.ToolTipRole)  # the whole address


def test_wrapped_rows_fit_their_padded_text(qtbot, english: None) -> None:
    """The longest name Qt's own measure keeps on one line needs two inside the padding."""
    model = QStandardItemModel(1, 1)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setWordWrap(True)
    table.resize(400, 200)
    table.show()
    table.setColumnWidth(0, 200)

    def height(text: str) -> int:
        model.setItem(0, 0, QStandardItem(text))
        table.resizeRowsToContents()
        return table.rowHeight(0)

    one = height("Apocillin")
    tail = "m"
    while height(f"Apocillin {tail}i") == one:
        tail += "i"
    longest_one_line = f"Apocillin {tail}"
    table.setItemDelegate(PaddedWrapDelegate(table))
    assert height(longest_one_line) > one
    assert height("Apocillin") == one


@pytest.fixture(params=[Language.ENGLISH, Language.BOKMAL])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Language]:
    """The app's style in each interface language (Bokmål has the longer search hint)."""
    translators = prepare_application(qapp, language=request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    qapp.setStyleSheet("")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_hint_is_never_cut_by_the_place_chooser(
    qtbot, runner: TaskRunner, language: Language, width: int
) -> None:
    view = PatientListView(source=FakeSource(), runner=runner, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.show()
    view.load_places()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5_000)
    runner.wait_for_done(5_000)
    search = view.search_field
    option = QStyleOptionFrame()
    search.initStyleOption(option)
    contents = search.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, search)
    margins = search.textMargins()
    room = contents.width() - margins.left() - margins.right()
    assert search.fontMetrics().horizontalAdvance(search.placeholderText()) <= room


def test_a_long_place_name_is_elided_with_the_whole_name_in_its_tooltip(
    qtbot, runner: TaskRunner, language: Language
) -> None:
    view = PatientListView(source=FakeSource(), runner=runner, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(640, 500)
    view.show()
    view.load_places()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5_000)
    chooser = view.place_chooser
    chooser.setCurrentIndex(1)
    runner.wait_for_done(5_000)
    full = chooser.currentText()
    assert ROUTE.name in full
    assert chooser.fontMetrics().horizontalAdvance(full) > chooser.width(), "a narrow window"
    chooser.grab()  # paints it
    assert chooser.toolTip() == full
    chooser.setCurrentIndex(0)
    view.resize(1890, 500)
    qtbot.waitUntil(lambda: chooser.width() > chooser.fontMetrics().horizontalAdvance(full))
    chooser.grab()
    assert chooser.toolTip() == "", "nothing hidden, nothing to tell"
    runner.wait_for_done(5_000)
