"""The signed-in person's window over a real store, wired as the workstation wires it.

``app.workstation.open_workstation`` gives ``ui.workbench.open_workbench`` the services of
``app.services.workstation_context`` and the clinical clock of the settings; this does the same
over a test's store, as the test nurse.
"""

from __future__ import annotations

from typing import Any

from app.clock import clinical_clock
from app.services import ClinicalServices, workstation_context
from config import Settings
from offline.store import Store
from tests.app.conftest import NURSE
from ui.event_bridge import EventBridge
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.workbench import build_workbench


def workbench_over(
    store: Store,
    *,
    settings: Settings,
    runner: TaskRunner,
    bridge: EventBridge | None,
    **context: Any,
) -> MainWindow:
    """The window over ``store`` with the real clinical clock of ``settings``; ``context``
    passes on to ``workstation_context`` (``online=``, ``last_sync=``)."""
    clock = clinical_clock(settings)
    services = workstation_context(
        lambda: store, user=NURSE, settings=settings, clock=clock, **context
    )
    return build_workbench(
        ClinicalServices(services),
        runner=runner,
        bridge=bridge,
        ward=services.ward,
        clock=clock,
    )
