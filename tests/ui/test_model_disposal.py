"""Models no view shows any more are destroyed, and their rows freed, off the GUI thread."""

from __future__ import annotations

import threading
import weakref

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from ui.models import disposal as disposal_module
from ui.models.disposal import disposal


class _Row:
    """Stands for a task behind a row (weak-referenceable, to see where it is freed)."""


def _model(rows: int) -> QStandardItemModel:
    model = QStandardItemModel(rows, 4)
    for row in range(rows):
        model.setData(model.index(row, 0), f"rad {row}")
    return model


def test_a_model_and_its_rows_are_freed_on_another_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    destroyed_on: list[int] = []
    freed_on: list[int] = []
    model = _model(2_000)
    model.destroyed.connect(
        lambda: destroyed_on.append(threading.get_ident()), Qt.ConnectionType.DirectConnection
    )
    rows = [_Row() for _ in range(1_000)]
    for row in rows:
        weakref.finalize(row, lambda: freed_on.append(threading.get_ident()))
    del row

    disposal().dispose(model, rows)
    del model, rows

    qtbot.waitUntil(lambda: len(destroyed_on) == 1 and len(freed_on) == 1_000, timeout=5_000)
    assert gui not in destroyed_on
    assert gui not in freed_on


def test_a_view_swapping_models_while_the_gui_makes_objects_keeps_running(qtbot: QtBot) -> None:
    """The way the task list swaps its model after every read, many times over, while the GUI
    thread goes on making QObjects (a crash of an earlier off-thread disposal showed there)."""
    view = QTableView()
    qtbot.addWidget(view)
    destroyed = []
    for _ in range(60):
        old = view.model()
        view.setModel(_model(300))
        if old is not None:
            old.destroyed.connect(lambda: destroyed.append(1), Qt.ConnectionType.DirectConnection)
            disposal().dispose(old, [_Row() for _ in range(300)])
        made = [QObject() for _ in range(50)]
        del made
    qtbot.waitUntil(lambda: len(destroyed) == 59, timeout=10_000)
    assert view.model().rowCount() == 300


def test_after_the_thread_stops_the_next_disposal_starts_a_new_one(qtbot: QtBot) -> None:
    first = disposal()
    disposal_module._stop()
    second = disposal()
    assert second is not first
    destroyed = []
    model = _model(10)
    model.destroyed.connect(lambda: destroyed.append(1), Qt.ConnectionType.DirectConnection)
    second.dispose(model)
    del model
    qtbot.waitUntil(lambda: destroyed == [1], timeout=5_000)
