"""Which Python functions run while an item view repaints (there should be none)."""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

from PySide6.QtWidgets import QApplication, QTableView, QTreeView


def python_called_while_repainting(view: QTableView | QTreeView) -> list[str]:
    """Paint the view's cells and its header; every Python function called meanwhile.

    ``grab()`` paints just that widget, where ``repaint()`` would also paint whatever else in
    the window waits for a paint (a combo box, the view's frame with its event filters).
    """
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    # Settle first: lay the rows out (that may ask Python for row heights), deliver pending
    # resizes (the columns fit in Python). What is left to measure is the paint itself.
    QApplication.processEvents()
    view.viewport().grab()
    header.viewport().grab()
    called: list[str] = []

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call":
            called.append(f"{frame.f_code.co_filename}:{frame.f_code.co_name}")

    sys.setprofile(profile)
    try:
        view.viewport().grab()
        header.viewport().grab()
    finally:
        sys.setprofile(None)
    return called
