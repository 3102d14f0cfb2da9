"""The installers' smoke test, on screen: the real main window renders a synthetic ward.

``main.py`` hands over a window built over a throw-away store (``app.self_test``); this waits
until the patient list has loaded (on the worker, as always), renders the window offscreen, and
checks the store's integrity after the reads.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer
from PySide6.QtWidgets import QApplication

from app.bedside.config import BedsideConfig
from app.contract import ClinicalSource, ConflictResolver, SettingsSource
from ui.app import prepare_application
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.workbench import build_workbench

Step = Callable[[str, str], None]


class SelfTestFailed(Exception):
    """A step of the smoke test failed; the message says which."""


def render_workbench(
    window: MainWindow,
    app: QApplication,
    *,
    runner: TaskRunner,
    integrity: Callable[[], None],
    step: Step,
    screenshot: str | None = None,
) -> None:
    """Load the patient list, render the window and check integrity; ``SelfTestFailed``."""
    window.start()
    deadline = QDeadlineTimer(15_000)
    while window.patient_list.model.rowCount() == 0 and not deadline.hasExpired():
        app.processEvents()
    rows = window.patient_list.model.rowCount()
    if rows == 0:
        raise SelfTestFailed("the patient list stayed empty")
    step("patient list", f"{rows} patients")
    image = window.grab()
    runner.wait_for_done()
    integrity()
    step("integrity check", "ok")
    if image.isNull() or image.width() < 800:
        raise SelfTestFailed("the main window did not render")
    if screenshot:
        image.save(screenshot)
    step("main window rendered", f"{image.width()}x{image.height()}")
    window.close()


def run_self_test(
    services: ClinicalSource,
    *,
    ward: BedsideConfig,
    clock: Callable[[], datetime],
    conflicts: ConflictResolver,
    settings: SettingsSource,
    language: Language,
    integrity: Callable[[], None],
    step: Step,
    screenshot: str | None = None,
) -> int:
    """The real main window over ``services``, rendered offscreen: 0 passed, 1 failed."""
    _offscreen_fonts_on_windows()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    translators = prepare_application(app, language=language)
    runner = TaskRunner()
    window = build_workbench(
        services,
        runner=runner,
        bridge=None,
        ward=ward,
        conflicts=conflicts,
        settings=settings,
        clock=clock,
    )
    try:
        render_workbench(
            window, app, runner=runner, integrity=integrity, step=step, screenshot=screenshot
        )
    except SelfTestFailed as failure:
        print(f"self-test FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        runner.wait_for_done()
        del translators
    return 0


def _offscreen_fonts_on_windows() -> None:
    """Point Qt's offscreen platform on Windows at the system fonts: it reads only
    QT_QPA_FONTDIR there, and without it every glyph of the self-test's window is a box."""
    if sys.platform == "win32" and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        windows = os.environ.get("SYSTEMROOT") or r"C:\Windows"  # names are case-blind there
        os.environ.setdefault("QT_QPA_FONTDIR", str(Path(windows) / "Fonts"))
