"""Keyboard helpers: a wedge scanner's burst (with GS separators) and row selection."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def scan(widget: QWidget, code: str) -> None:
    """Type ``code`` as a wedge scanner does: fast, ``\\x1d`` as a control key, then Enter."""
    for part_index, part in enumerate(code.split("\x1d")):
        if part_index:
            event = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, "\x1d"
            )
            QApplication.sendEvent(widget, event)
        if part:
            QTest.keyClicks(widget, part)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def datamatrix(gtin: str, *, expiry: str, lot: str, serial: str) -> str:
    """A GS1 element string as a scanner types it: 01, 17, 10 then GS, then 21."""
    return f"01{gtin}17{expiry}10{lot}\x1d21{serial}"


def select_row(view, predicate) -> int:
    """Select the first round row for which ``predicate(row)`` holds; return its index."""
    for index, row in enumerate(view.model_rows()):
        if predicate(row):
            view.table.selectRow(index)
            view.table.setFocus()
            return index
    raise AssertionError("no such row")


def named(name: str):
    """Predicate: a dose or PRN row of the medicine whose name starts with ``name``."""
    return lambda row: row.line is not None and row.line.display.startswith(name)


def active(qtbot, dialog):
    """Wait until ``dialog`` is the active window (offscreen activates asynchronously)."""
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    return dialog
