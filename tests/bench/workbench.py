"""The main window over a plain open store, built as the app builds the signed-in person's."""

from __future__ import annotations

from app.clock import clinical_clock
from app.records.conflicts import StoreConflictResolver
from app.services import ClinicalServices, workstation_context
from app.settings import UserSettings
from clinical.records import Staff
from config import Settings
from offline.store import Store
from ui.event_bridge import EventBridge
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.workbench import build_workbench


def workbench_over(
    store: Store, *, user: Staff, settings: Settings, runner: TaskRunner, bridge: EventBridge
) -> MainWindow:
    """``ui.workbench.build_workbench`` over ``store``'s services with ``settings`` applied."""
    clock = clinical_clock(settings)
    context = workstation_context(lambda: store, user=user, settings=settings, clock=clock)
    return build_workbench(
        ClinicalServices(context),
        runner=runner,
        bridge=bridge,
        ward=context.ward,
        conflicts=StoreConflictResolver(lambda: store),
        settings=UserSettings(settings),
        clock=clock,
    )
