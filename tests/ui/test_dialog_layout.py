"""Dialogs never draw one widget over another, also when the screen is narrow (200 %)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tests.ui.conflict_data import CONFLICT
from tests.ui.ward import NOW
from ui.dialogs.access_basis_dialog import AccessBasisDialog
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.tasks import TaskRunner


def _overlaps(dialog: QDialog) -> list[tuple[str, str]]:
    """Pairs of visible widgets laid out directly in the dialog whose rectangles intersect."""
    layout = dialog.layout()
    assert layout is not None
    widgets: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget = item.widget() if item is not None else None
        if widget is not None and widget.isVisible():
            widgets.append(widget)
    return [
        (a.objectName() or type(a).__name__, b.objectName() or type(b).__name__)
        for a, b in itertools.combinations(widgets, 2)
        if a.geometry().intersects(b.geometry())
    ]


@pytest.mark.parametrize("width", [300, 420, 700])
def test_access_dialog_fits_its_wrapped_text(qtbot, english: None, width: int) -> None:
    dialog = AccessBasisDialog("Ingrid Marie Solberg-Kristiansen", now=NOW)
    qtbot.addWidget(dialog)
    dialog.setMinimumWidth(0)
    dialog.show()
    dialog.resize(width, 100)
    for _ in range(3):
        QApplication.processEvents()
    assert _overlaps(dialog) == []


def test_conflict_dialog_fits(qtbot, runner: TaskRunner, english: None) -> None:
    dialog = ConflictDialog([CONFLICT], resolver=None, runner=runner)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(520, 360)
    for _ in range(3):
        QApplication.processEvents()
    assert _overlaps(dialog) == []
