"""Painting the patient list runs no Python, so it never waits for the GIL a worker holds."""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

from ui.main_window import MainWindow


def test_repainting_the_list_calls_no_python(qtbot, window: MainWindow) -> None:
    """Qt asks for about ten roles per visible cell on every paint. While a worker runs Python
    (reading the list, counting due doses, a sync), each call into Python would first wait for
    the GIL: the list's first paint after a load took 40 ms instead of 10
    (tests/bench/bench_list_first_paint.py). The cells live in C++ instead."""
    view = window.patient_list
    qtbot.waitUntil(lambda: view.proxy.rowCount() > 0, timeout=5_000)
    qtbot.waitUntil(lambda: view.model.row_at(0).due is not None, timeout=5_000)  # type: ignore[union-attr]
    viewport = view.table.viewport()
    header = view.table.horizontalHeader().viewport()
    called: list[str] = []

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call":
            called.append(f"{frame.f_code.co_filename}:{frame.f_code.co_name}")

    sys.setprofile(profile)
    try:
        viewport.repaint()
        header.repaint()
    finally:
        sys.setprofile(None)
    assert called == []
