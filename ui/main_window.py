"""The main window: patient list or one open patient, and sync status always in the status bar.

Composed from widgets in their own files; this file only wires them: choosing a patient asks for
the access basis once per visit, Esc goes back to the list, and sync events refresh what is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.contract import ConflictResolver, RecordSource, SettingsSource
from app.values import (
    AccessBasis,
    AccessGrant,
    Conflict,
    OwnAccess,
    PlaceOfWork,
    SyncStatus,
    SyncSummary,
)
from ui.access import AccessMemory
from ui.dialogs.access_basis_dialog import AccessBasisDialog
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.errors import show_error
from ui.event_bridge import EventBridge
from ui.patient_workspace import PatientWorkspace
from ui.presenters.patient_list import PatientRow
from ui.session.own_accesses import OwnAccessesDialog, access_entries
from ui.tasks import TaskRunner
from ui.views.patient_list_view import PatientListView
from ui.widgets.sync_status import SyncStatusWidget

Clock = Callable[[], datetime]


def changed_the_store(summary: SyncSummary) -> bool:
    """Whether a finished sync (whatever its outcome: finished work is kept) changed what the
    views show; a sync that only confirmed the store is up to date changes nothing."""
    return (
        summary.pulled
        + summary.deleted
        + summary.purged_patients
        + summary.conflicts_detected
        + summary.bootstrapped
        > 0
    )


class MainWindow(QMainWindow):
    """Patient list and patient workspace on one stack; status bar with sync status."""

    def __init__(
        self,
        *,
        source: RecordSource,
        runner: TaskRunner,
        clock: Clock,
        access: AccessMemory | None = None,
        conflicts: ConflictResolver | None = None,
        settings: SettingsSource | None = None,
        own_accesses: Callable[[], Sequence[OwnAccess]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Pleiepunkt"))
        self._runner = runner
        self._clock = clock
        self._conflicts = conflicts
        self.access = access or AccessMemory()
        self.patient_list = PatientListView(
            source=source, runner=runner, today=lambda: clock().date()
        )
        self.workspace = PatientWorkspace(source=source, runner=runner, clock=clock)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.patient_list)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)
        self.sync_status = SyncStatusWidget()
        self.statusBar().addPermanentWidget(self.sync_status, 1)
        self.statusBar().setSizeGripEnabled(False)
        self._last_status: SyncStatus | None = None
        self.patient_list.patient_chosen.connect(self.request_open)
        self.patient_list.place_changed.connect(self._on_place_changed)
        self.workspace.closed.connect(self.show_patient_list)
        self.workspace.renewal_sent.connect(self._on_renewal_sent)
        self.sync_status.conflicts_requested.connect(self.show_conflicts)
        self._add_workspace_keys()
        self._pending_dialog: AccessBasisDialog | None = None
        self._settings = settings
        if settings is not None:
            button = QPushButton(self.tr("Settings…"))
            button.setObjectName("settingsButton")
            button.setAccessibleName(self.tr("Settings"))
            button.setToolTip(self.tr("Settings (Ctrl+,)"))
            button.clicked.connect(self.show_settings)
            self.statusBar().addPermanentWidget(button)
            opener = QShortcut(QKeySequence("Ctrl+,"), self)
            opener.setContext(Qt.ShortcutContext.WindowShortcut)
            opener.activated.connect(self.show_settings)
        self._unit_round: QWidget | None = None
        self._unit_round_page: QWidget | None = None
        self._followup_page: QWidget | None = None
        self._followup_page_view: QWidget | None = None
        self._reload_followups: Callable[[], None] = lambda: None
        self._reload_unit_round: Callable[[], None] = lambda: None
        self._own_accesses = own_accesses
        if own_accesses is not None:
            self._add_own_accesses_opener()
        self._pending_tab: tuple[str, str] | None = None
        self._place_pages: dict[str, tuple[QWidget, QWidget, Callable[[], None]]] = {}
        self.place_banner: QWidget | None = None
        self._reload_banner: Callable[[], None] = lambda: None

    def _add_own_accesses_opener(self) -> None:
        """Status-bar button and Ctrl+Shift+A for the user's own record openings."""
        mine = QPushButton(self.tr("My record openings…"))
        mine.setObjectName("ownAccessesButton")
        mine.setAccessibleName(self.tr("My record openings"))
        mine.setToolTip(self.tr("My recent record openings (Ctrl+Shift+A)"))
        mine.clicked.connect(self.show_own_accesses)
        self.statusBar().addPermanentWidget(mine)
        lister = QShortcut(QKeySequence("Ctrl+Shift+A"), self)
        lister.setContext(Qt.ShortcutContext.WindowShortcut)
        lister.activated.connect(self.show_own_accesses)

    def add_unit_round(self, view: QWidget, *, reload: Callable[[], None]) -> None:
        """The round for the whole unit or route, as a page of its own (Ctrl+R, Esc back).

        ``ui.workbench`` supplies the bedside view; ``reload`` is called each time the page opens.
        Choosing a patient there opens that patient (access basis asked as always).
        """
        self._unit_round = view
        self._reload_unit_round = reload
        # A visible way back, as on a patient's page (Esc does the same).
        self.unit_round_back = QPushButton(self.tr("← &Patient list"))
        self.unit_round_back.setObjectName("backButton")
        self.unit_round_back.setAccessibleName(self.tr("Back to the patient list"))
        self.unit_round_back.setToolTip(self.tr("Back to the patient list (Esc)"))
        self.unit_round_back.clicked.connect(self.show_patient_list)
        page = QWidget()
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 8, 8, 0)
        bar.addWidget(self.unit_round_back)
        bar.addStretch(1)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(view, 1)
        self._unit_round_page = page
        self.stack.addWidget(page)
        opener = QPushButton(self.tr("Medication round for the unit…"))
        opener.setObjectName("unitRoundButton")
        opener.setAccessibleName(self.tr("Medication round for the unit or route"))
        opener.setToolTip(self.tr("Due doses for everyone here (Ctrl+R)"))
        opener.clicked.connect(self.show_unit_round)
        self.statusBar().addPermanentWidget(opener)
        shortcut = QShortcut(QKeySequence("Ctrl+R"), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.show_unit_round)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), view)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.show_patient_list)

    def _add_workspace_keys(self) -> None:
        """Esc back to the list; the record tabs, the bedside tabs, the shift's tabs and remote
        follow-up on Ctrl+1 … 9 and Ctrl+0 for the tenth, as browsers and editors number tabs."""
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.workspace)
        back.setContext(Qt.ShortcutContext.WindowShortcut)
        back.activated.connect(self.show_patient_list)
        for number in range(10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{(number + 1) % 10}"), self.workspace)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda n=number: self.workspace.tabs.setCurrentIndex(n))

    def add_followup_page(self, view: QWidget, *, reload: Callable[[], None]) -> None:
        """The remote follow-up list of the route, unit or district, as a page of its own
        (Ctrl+Shift+F, or the button beside the patient search; Esc back). ``reload`` is called
        each time the page opens; choosing a patient there opens them (access basis asked)."""
        self._followup_page_view = view
        self._reload_followups = reload
        self._followup_page = self._page_with_back(view)
        opener = QPushButton(self.tr("Remote follow-up (Ctrl+Shift+F)"))
        opener.setObjectName("followUpButton")
        opener.setAccessibleName(self.tr("Remote follow-up for the route, unit or district"))
        opener.clicked.connect(self.show_followups)
        self.patient_list.add_tool(opener)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+F"), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.show_followups)

    def show_followups(self) -> None:
        """Show the remote follow-up list, read afresh."""
        if self._followup_page is None or self._followup_page_view is None:
            return
        self._reload_followups()
        self.stack.setCurrentWidget(self._followup_page)
        self._followup_page_view.setFocus()

    def add_shift_pages(
        self,
        *,
        tasks: QWidget,
        handover: QWidget,
        banner: QWidget,
        reload_tasks: Callable[[], None],
        reload_handover: Callable[[], None],
        reload_banner: Callable[[], None],
    ) -> None:
        """The shift's pages for the whole unit or route (tasks, ISBAR report), and above the
        patient list the report from the previous shift with buttons to both pages.

        ``reload_tasks`` runs each time the task page opens; ``reload_handover`` only the first
        time (and on F5 there), so a sync never replaces a report being written;
        ``reload_banner`` when the place changes and after each sync."""
        bar = QWidget()
        bar.setObjectName("shiftBar")
        column = QVBoxLayout(bar)
        column.setContentsMargins(0, 0, 0, 4)
        column.addWidget(banner)
        buttons = QHBoxLayout()
        for key, view, text, name, tip, keys, reload in (
            (
                "tasks",
                tasks,
                self.tr("Tasks for the unit or route…"),
                self.tr("Tasks for the unit or route"),
                self.tr("Everything due this shift, overdue first (Ctrl+T)"),
                "Ctrl+T",
                reload_tasks,
            ),
            (
                "handover",
                handover,
                self.tr("ISBAR report for the unit or route…"),
                self.tr("ISBAR report for the unit or route"),
                self.tr("Write and sign the report for the next shift (Ctrl+H)"),
                "Ctrl+H",
                reload_handover,
            ),
        ):
            page = self._page_with_back(view)
            self._place_pages[key] = (page, view, reload)
            opener = QPushButton(text)
            opener.setObjectName(f"{key}PageButton")
            opener.setAccessibleName(name)
            opener.setToolTip(tip)
            opener.clicked.connect(lambda _c=False, k=key: self.show_place_page(k))
            buttons.addWidget(opener)
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda k=key: self.show_place_page(k))
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.patient_list.add_above(bar)
        self.place_banner = banner
        self._reload_banner = reload_banner
        reader = QShortcut(QKeySequence("Ctrl+Shift+R"), self)
        reader.setContext(Qt.ShortcutContext.WindowShortcut)
        reader.activated.connect(self.read_previous_report)
        self.patient_list.place_changed.connect(lambda _place: reload_banner())

    def read_previous_report(self) -> None:
        """Open the report from the previous shift shown at the top (patient or list)."""
        on_patient = self.stack.currentWidget() is self.workspace
        banner = self.workspace.banner if on_patient else self.place_banner
        read = getattr(banner, "read", None)
        if banner is not None and banner.isVisible() and callable(read):
            read()

    def _page_with_back(self, view: QWidget) -> QWidget:
        back = QPushButton(self.tr("← &Patient list"))
        back.setObjectName("backButton")
        back.setAccessibleName(self.tr("Back to the patient list"))
        back.setToolTip(self.tr("Back to the patient list (Esc)"))
        back.clicked.connect(self.show_patient_list)
        page = QWidget()
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 8, 8, 0)
        bar.addWidget(back)
        bar.addStretch(1)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(view, 1)
        self.stack.addWidget(page)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), view)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.show_patient_list)
        return page

    def show_place_page(self, key: str) -> None:
        """Show the unit's or route's task list (``tasks``) or ISBAR report (``handover``)."""
        found = self._place_pages.get(key)
        if found is None:
            return
        page, view, reload = found
        if key == "tasks" or not getattr(view, "draft", None):
            reload()
        self.stack.setCurrentWidget(page)
        view.setFocus()

    def open_patient_tab(self, patient_id: str, tab: str) -> None:
        """Open a patient on one tab (from a task list: their round, vital signs…)."""
        row = self.workspace.patient
        if row is not None and row.id == patient_id and self.workspace.grant is not None:
            self.stack.setCurrentWidget(self.workspace)
            self.workspace.show_tab(tab)
            return
        self._pending_tab = (patient_id, tab)
        self.open_patient_by_id(patient_id)

    def show_unit_round(self) -> None:
        """Show the unit's round, read afresh."""
        if self._unit_round is None or self._unit_round_page is None:
            return
        self._reload_unit_round()
        self.stack.setCurrentWidget(self._unit_round_page)
        self._unit_round.setFocus()

    def open_patient_by_id(self, patient_id: str) -> None:
        """Open a patient chosen outside the list (the unit round): same path as the list."""
        if self.patient_list.select_patient(patient_id):
            row = self.patient_list.selected_row()
            if row is not None:
                self.request_open(row)

    def start(self) -> None:
        """Read the places of work and the first patient list (on workers)."""
        self.patient_list.load_places()
        self.patient_list.focus_search()

    def connect_events(self, bridge: EventBridge) -> None:
        """Follow the core's events: sync status, and fresh data after a sync."""
        bridge.event_received.connect(self._on_event)

    def _on_event(self, name: str, payload: dict[str, Any]) -> None:
        if name == "sync_status_changed" and isinstance(payload.get("status"), SyncStatus):
            self.set_sync_status(payload["status"])
        elif name == "sync_did_finish":
            summary = payload.get("summary")
            if isinstance(summary, SyncSummary) and changed_the_store(summary):
                self.refresh()

    def set_sync_status(self, status: SyncStatus) -> None:
        """Show a new sync status (the status bar only; data is re-read when a sync finishes)."""
        if status == self._last_status:
            return  # the engine repeats unchanged statuses; re-polishing labels is not free
        self._last_status = status
        self.sync_status.set_status(status)

    def refresh(self) -> None:
        """Re-read the list and the open patient from the store, quietly (and the unit's task
        list when it is shown; never a report being written)."""
        self.patient_list.reload()
        if self.stack.currentWidget() is self.workspace:
            self.workspace.reload()
        tasks = self._place_pages.get("tasks")
        if tasks is not None and self.stack.currentWidget() is tasks[0]:
            tasks[2]()
        if self.place_banner is not None:
            self._reload_banner()

    def request_open(self, row: PatientRow) -> None:
        """Open a patient: ask for the access basis unless given earlier in this visit."""
        now = self._clock()
        grant = self.access.grant_for(row.id, now=now)
        if grant is not None:
            self._open(row, grant)
            return
        dialog = AccessBasisDialog(row.summary.full_name, now=now, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._pending_dialog = dialog

        def accepted() -> None:
            given = dialog.grant()
            if given is not None:
                self.access.remember(row.id, given)
                self._open(row, given)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(self._forget_dialog)
        dialog.open()

    @property
    def access_dialog(self) -> AccessBasisDialog | None:
        """The access-basis dialog while it is open."""
        return self._pending_dialog

    def _forget_dialog(self, _result: int) -> None:
        self._pending_dialog = None
        if self.stack.currentWidget() is self.patient_list:
            self.patient_list.table.setFocus()

    def _open(self, row: PatientRow, grant: AccessGrant) -> None:
        self.workspace.open_patient(row, grant)
        self.stack.setCurrentWidget(self.workspace)
        self.workspace.tabs.setFocus(Qt.FocusReason.OtherFocusReason)
        pending, self._pending_tab = self._pending_tab, None
        if pending is not None and pending[0] == row.id:
            self.workspace.show_tab(pending[1])

    def end_emergency_access(self) -> None:
        """Locking ends emergency access (policy ``EmergencyAccessEndsAtLock``): the grants are
        forgotten, and a record open on one is closed, so a reason is asked for again."""
        self.access.end_emergency()
        grant = self.workspace.grant
        if grant is not None and grant.basis is AccessBasis.EMERGENCY:
            self.workspace.forget_patient()
            self.stack.setCurrentWidget(self.patient_list)

    def show_patient_list(self) -> None:
        """Close the patient and return to the list, with the same patient highlighted."""
        row = self.workspace.patient
        self.stack.setCurrentWidget(self.patient_list)
        if row is not None:
            self.patient_list.select_patient(row.id)
        self.patient_list.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_place_changed(self, place: PlaceOfWork) -> None:
        self.access.forget_all()
        self.setWindowTitle(self.tr("Pleiepunkt – %1").replace("%1", place.name))

    def _on_renewal_sent(self, name: str) -> None:
        self.statusBar().showMessage(
            self.tr("Renewal request for %1 saved; it is sent with the next sync.").replace(
                "%1", name
            ),
            10_000,
        )

    def show_conflicts(self) -> None:
        """Read open conflicts and show them side by side."""
        resolver = self._conflicts
        if resolver is None:
            return

        def shown(conflicts: list[Conflict]) -> None:
            if conflicts:
                dialog = ConflictDialog(
                    conflicts, resolver=resolver, runner=self._runner, parent=self
                )
                dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                dialog.open()

        self._runner.run(
            lambda: list(resolver.open_conflicts()),
            on_success=shown,
            on_failure=lambda exc: show_error(self, exc),
        )

    def show_settings(self) -> SettingsDialog | None:
        """Open the settings dialog (window-modal); None when no settings were given."""
        if self._settings is None:
            return None
        dialog = SettingsDialog(self._settings, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_own_accesses(self) -> OwnAccessesDialog | None:
        """Open the list of the user's own recent record openings; None when not wired."""
        listing = self._own_accesses
        if listing is None:
            return None
        dialog = OwnAccessesDialog(
            list_accesses=lambda: access_entries(listing()), runner=self._runner, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
