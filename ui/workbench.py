"""The signed-in person's window: the main window with the bedside documentation tabs.

Built over the one contract (``app.contract.ClinicalSource``); ``main.py`` passes the services
of the open store (``app.workstation.Workstation.clinical_services``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from app.bedside.config import BedsideConfig
from app.contract import ClinicalSource, ConflictResolver, SettingsSource
from app.records.walking_order import walking_order
from ui.app import DEFAULT_CLOCK, build_main_window
from ui.bedside import MedicationRoundView, UnitRoundView, VitalSignsView, VitalsTrendView
from ui.event_bridge import EventBridge
from ui.followup import FollowUpView
from ui.main_window import MainWindow
from ui.presenters.formatting import set_display_zone
from ui.shift import HandoverBanner, HandoverForm, NotesView, TaskListView
from ui.tasks import TaskRunner


def build_workbench(
    services: ClinicalSource,
    *,
    runner: TaskRunner,
    bridge: EventBridge | None,
    ward: BedsideConfig,
    conflicts: ConflictResolver | None = None,
    settings: SettingsSource | None = None,
    clock: Callable[[], datetime] = DEFAULT_CLOCK,
) -> MainWindow:
    """The main window over ``services``, with the medication round, vital signs, trend, the
    patient's remote follow-up, the unit's round and the district's follow-up list; ``ward`` is
    the one ward configuration every page counts doses with, and its zone the one every time is
    shown in (``clock`` reads now in it)."""
    set_display_zone(ward.zone)
    window = build_main_window(
        source=services,
        runner=runner,
        bridge=bridge,
        conflicts=conflicts,
        clock=clock,
        settings=settings,
        own_accesses=services.own_accesses,
    )
    guard = window.workspace.guard  # every bedside save and scan is for the header's patient
    rounds = MedicationRoundView(
        source=services, runner=runner, clock=clock, config=ward, guard=guard
    )
    vitals = VitalSignsView(source=services, runner=runner, clock=clock, config=ward, guard=guard)
    trend = VitalsTrendView(source=services, runner=runner, clock=clock, config=ward)
    vitals.recorded.connect(lambda _recorded: trend.reload())
    window.workspace.add_bedside_tabs(rounds=rounds, vitals=vitals, trend=trend)
    unit_round = UnitRoundView(
        source=services,
        runner=runner,
        clock=clock,
        config=ward,
        place=window.patient_list.current_place,
    )
    unit_round.patient_activated.connect(window.open_patient_by_id)
    window.add_unit_round(unit_round, reload=unit_round.reload)
    _add_shift_work(window, services, runner=runner, ward=ward, clock=clock)
    # Remote follow-up: a tab on the patient's page, and a page for the route or district.
    own_followups = FollowUpView(source=services, runner=runner, clock=clock, guard=guard)
    window.workspace.add_followup_tab(own_followups)
    district = FollowUpView(
        source=services, runner=runner, clock=clock, place=window.patient_list.current_place
    )
    district.patient_activated.connect(window.open_patient_by_id)
    window.add_followup_page(district, reload=district.reload)
    return window


def _add_shift_work(
    window: MainWindow,
    services: ClinicalSource,
    *,
    runner: TaskRunner,
    ward: BedsideConfig,
    clock: Callable[[], datetime],
) -> None:
    """The shift's own work: a patient's tasks, notes and ISBAR report as tabs (their writes
    pass the header's patient guard), the unit's or route's task list and report as pages,
    and the report from the previous shift above the patient and the patient list."""
    guard = window.workspace.guard
    zone = ward.zone
    tasks = TaskListView(source=services, runner=runner, clock=clock, zone=zone, guard=guard)
    notes = NotesView(source=services, runner=runner, clock=clock, zone=zone, guard=guard)
    handover = HandoverForm(source=services, runner=runner, clock=clock, zone=zone, guard=guard)
    banner = HandoverBanner(source=services, runner=runner)
    window.workspace.add_shift_tabs(tasks=tasks, notes=notes, handover=handover, banner=banner)
    tasks.open_requested.connect(window.open_patient_tab)
    place = window.patient_list.current_place
    place_tasks = TaskListView(source=services, runner=runner, clock=clock, zone=zone, place=place)
    place_handover = HandoverForm(
        source=services, runner=runner, clock=clock, zone=zone, place=place
    )
    place_banner = HandoverBanner(source=services, runner=runner)
    place_tasks.open_requested.connect(window.open_patient_tab)

    def reload_place_banner() -> None:
        chosen = place()
        if chosen is None:
            place_banner.reload_for(list)
            return
        place_banner.reload_for(
            lambda: [
                str(entry.patient.get("id"))
                for entry in sorted(services.patients_at(chosen), key=walking_order)
            ]
        )

    window.add_shift_pages(
        tasks=place_tasks,
        handover=place_handover,
        banner=place_banner,
        reload_tasks=place_tasks.reload,
        reload_handover=place_handover.reload,
        reload_banner=reload_place_banner,
    )
    for shown in (banner, place_banner):
        shown.acknowledged.connect(reload_place_banner)
        shown.acknowledged.connect(banner.reload)


class WorkbenchServices(Protocol):
    """What the signed-in person's window is built over (``app.workstation.Workstation``)."""

    @property
    def ward(self) -> BedsideConfig: ...

    @property
    def clock(self) -> Callable[[], datetime]: ...

    def clinical_services(self) -> ClinicalSource: ...

    def conflicts(self) -> ConflictResolver: ...


def open_workbench(
    workstation: WorkbenchServices,
    *,
    runner: TaskRunner,
    bridge: EventBridge | None,
    settings: SettingsSource | None,
) -> MainWindow:
    """The signed-in person's window, reading its places and first list (on workers)."""
    window = build_workbench(
        workstation.clinical_services(),
        runner=runner,
        bridge=bridge,
        ward=workstation.ward,
        conflicts=workstation.conflicts(),
        settings=settings,
        clock=workstation.clock,
    )
    window.start()
    return window
