"""Construction helpers for ``main.py``: style, translations and the main window, nothing else.

``main.py`` is the composition root: it creates the QApplication, the store adapter (a
``RecordSource``), the ``TaskRunner`` and the ``EventBridge``, then calls these helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from clinical.clock import ClinicalClock
from ui.access import DEFAULT_VISIT_LENGTH, AccessMemory
from ui.conflicts import ConflictResolver
from ui.dialogs.settings_dialog import SettingsView
from ui.event_bridge import EventBridge
from ui.i18n import Language, install_translators
from ui.main_window import MainWindow
from ui.record_source import RecordSource
from ui.session.own_accesses import OwnAccess
from ui.tasks import TaskRunner
from ui.theme import style_sheet

DEFAULT_CLOCK = ClinicalClock()
"""Now in the default clinical zone (Europe/Oslo); the app passes its configured clock."""


def prepare_application(app: QApplication, *, language: Language) -> list[QTranslator]:
    """Apply the style sheet, a readable default font size and the translations.

    Returns the installed translators; keep them referenced for the application's lifetime.
    """
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    app.setFont(font)
    app.setStyleSheet(style_sheet())
    return install_translators(app, language)


def build_main_window(
    *,
    source: RecordSource,
    runner: TaskRunner,
    bridge: EventBridge | None = None,
    conflicts: ConflictResolver | None = None,
    clock: Callable[[], datetime] = DEFAULT_CLOCK,
    visit_length: timedelta = DEFAULT_VISIT_LENGTH,
    settings: SettingsView | None = None,
    own_accesses: Callable[[], Sequence[OwnAccess]] | None = None,
) -> MainWindow:
    """The main window, wired to the store, the worker pool and the core's events; not shown."""
    window = MainWindow(
        source=source,
        runner=runner,
        clock=clock,
        access=AccessMemory(visit_length=visit_length),
        conflicts=conflicts,
        settings=settings,
        own_accesses=own_accesses,
    )
    if bridge is not None:
        window.connect_events(bridge)
    window.resize(1366, 768)
    return window
