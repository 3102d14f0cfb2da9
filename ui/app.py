"""Construction helpers for ``main.py``: style, translations, the main window, GUI tuning.

``main.py`` creates the QApplication, the application's services (a ``ClinicalSource``), the
``TaskRunner`` and the ``EventBridge``, then calls these helpers.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app.contract import ConflictResolver, RecordSource, SettingsSource
from app.values import OwnAccess
from clinical.clock import ClinicalClock
from ui.access import DEFAULT_VISIT_LENGTH, AccessMemory
from ui.event_bridge import EventBridge
from ui.i18n import Language, install_translators
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.theme import style_sheet

__all__ = ["DEFAULT_CLOCK", "build_main_window", "prepare_application", "tune_for_gui"]

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
    settings: SettingsSource | None = None,
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


FULL_COLLECTION_EVERY = 1_000
"""Middle-generation collections between two full ones considered (CPython's default: 10)."""


def tune_for_gui() -> None:
    """Keep the GUI thread's waits for the GIL short; call once, after start-up, before exec()."""
    # Everything alive now (Qt wrappers, modules, FHIR model classes) lives as long as the app.
    # Freezing it keeps it out of every later full collection: the sync's collections then visit
    # only the sync's own objects, and a collection holds the GIL, so the GUI thread waits for it.
    gc.collect()
    gc.freeze()
    # A full collection is weighed after every 10 young ones by default; in this process it is
    # weighed after 1,000. A large read on a worker (a district's task list: ~20,000 young
    # collections' worth of objects) then never stops every thread half-way for a full pass
    # over what it has read so far (70-170 ms each on a busy machine); such reads settle the
    # heap themselves as they go (``app.heap``), and the young collections still free cycles.
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
    # A thread running Python keeps the GIL until the switch interval asks it to let go (5 ms by
    # default); at 1 ms the GUI thread waits at most ~1 ms per hand-over while the sync runs.
    sys.setswitchinterval(0.001)
