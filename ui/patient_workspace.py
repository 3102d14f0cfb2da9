"""One open patient: the header above, the three record tabs below, each loaded on a worker.

Each tab is read when first shown, in one worker job that writes the opening's access log
(``RecordSource.record_access``: the log line and its AuditEvent) *before* it reads: when the
log cannot be written the tab shows why and no record (``AccessNotLogged``). The header
shows an emergency access grant for as long as the visit lasts. Results that arrive after the
user moved to another patient are dropped, so a slow read can never paint one patient's data
under another patient's header.

The workspace owns the header, so it owns the ``PatientGuard``: opening a patient shows them in
the guard before any tab is told, and the bedside tabs check every scan and save against it.
Going back to the list clears it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.contract import RecordSource
from app.errors import AccessNotLogged, AppError, PatientNotFound, SessionLocked
from app.values import AccessGrant, PatientId, RecordView
from clinical.patient_guard import PatientGuard
from ui.dialogs.renewal_dialog import RenewalDialog
from ui.errors import describe, show_error
from ui.presenters.core_record import CoreRecordView, core_record_view
from ui.presenters.formatting import format_datetime
from ui.presenters.medication_list import MedicationListView, medication_list_view
from ui.presenters.patient_list import PatientRow
from ui.presenters.prescriptions import PrescriptionItem, prescriptions_view
from ui.tasks import TaskRunner
from ui.views.core_record_view import CoreRecordWidget
from ui.views.medication_list_view import MedicationListWidget
from ui.views.prescriptions_view import PrescriptionsWidget
from ui.widgets.patient_header import PatientHeader
from ui.widgets.state_panel import StatePanel

Clock = Callable[[], datetime]


@runtime_checkable
class FollowsPatient(Protocol):
    """A documentation tab: told each newly opened patient, reads its own data."""

    def set_patient(self, patient_id: str) -> None: ...


@runtime_checkable
class RefreshesAfterSync(Protocol):
    """A tab that reads its data again, quietly, when a sync brought new data."""

    def refresh(self) -> None: ...


class PatientWorkspace(QWidget):
    """Header plus tabs for the open patient."""

    closed = Signal()
    renewal_sent = Signal(str)

    def __init__(
        self,
        *,
        source: RecordSource,
        runner: TaskRunner,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._clock = clock
        self._row: PatientRow | None = None
        self._grant: AccessGrant | None = None
        self._generation = 0
        self._loaded: set[int] = set()
        self._bedside_tabs: list[FollowsPatient] = []
        self._named_tabs: dict[str, QWidget] = {}
        self.banner: QWidget | None = None
        self.guard = PatientGuard()
        self.closed.connect(self.guard.clear)
        self.header = PatientHeader()
        self.header.back_requested.connect(self.closed)
        self.core = CoreRecordWidget()
        self.medications = MedicationListWidget()
        self.prescriptions = PrescriptionsWidget()
        self.prescriptions.renewal_requested.connect(self._ask_renewal)
        self.panels = [StatePanel(w) for w in (self.core, self.medications, self.prescriptions)]
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Patient record"))
        self.tabs.tabBar().setAccessibleName(self.tr("Parts of the record"))
        self.tabs.addTab(self.panels[0], self.tr("&Core record"))
        self.tabs.addTab(self.panels[1], self.tr("&Medication list"))
        self.tabs.addTab(self.panels[2], self.tr("Pr&escriptions"))
        for number, name in enumerate(
            (self.tr("Core record"), self.tr("Medication list"), self.tr("Prescriptions"))
        ):
            self.panels[number].setAccessibleName(name)
        self.tabs.currentChanged.connect(self._load_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        self._banner_slot = QVBoxLayout()
        self._banner_slot.setContentsMargins(8, 4, 8, 0)
        layout.addLayout(self._banner_slot)
        layout.addWidget(self.tabs, 1)
        self._named_tabs["prescriptions"] = self.panels[2]

    def add_bedside_tabs(self, *, rounds: QWidget, vitals: QWidget, trend: QWidget) -> None:
        """Append the documentation tabs (medication round, vital signs, trend).

        Each is told the newly opened patient only after the access grant, like the record tabs,
        and reads its own data. Build them with ``guard=workspace.guard``.
        """
        for tab, title, name in (
            (rounds, self.tr("Medication &round"), self.tr("Medication round")),
            (vitals, self.tr("&Vital signs"), self.tr("Vital signs")),
            (trend, self.tr("&Trend"), self.tr("Vital signs trend")),
        ):
            if not isinstance(tab, FollowsPatient):
                raise TypeError(f"{type(tab).__name__} has no set_patient(patient_id)")
            self._bedside_tabs.append(tab)
            tab.setAccessibleName(name)
            self.tabs.addTab(tab, title)
        self._named_tabs["round"], self._named_tabs["vitals"] = rounds, vitals

    def add_shift_tabs(
        self, *, tasks: QWidget, notes: QWidget, handover: QWidget, banner: QWidget
    ) -> None:
        """Append the shift's tabs (tasks, notes, ISBAR report) and put ``banner`` (the report
        from the previous shift) above the tabs; each is told the newly opened patient. The
        tabs have no Alt+letter (Ctrl+7, 8, 9 reach them): every letter is taken by a field
        of a bedside tab in one language or the other."""
        for tab, title, name in (
            (tasks, self.tr("Tasks"), self.tr("Tasks this shift")),
            (notes, self.tr("Notes"), self.tr("Nursing notes")),
            (handover, self.tr("ISBAR"), self.tr("ISBAR report")),
        ):
            if not isinstance(tab, FollowsPatient):
                raise TypeError(f"{type(tab).__name__} has no set_patient(patient_id)")
            self._bedside_tabs.append(tab)
            tab.setAccessibleName(name)
            self.tabs.addTab(tab, title)
        self._named_tabs.update(tasks=tasks, notes=notes, handover=handover)
        self._banner_slot.addWidget(banner)
        self.banner = banner

    def show_tab(self, name: str) -> None:
        """Bring a named tab forward: ``round``, ``vitals``, ``prescriptions``, ``tasks``…"""
        tab = self._named_tabs.get(name)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
            tab.setFocus()

    def add_followup_tab(self, view: QWidget) -> None:
        """Append the patient's remote follow-up list (after the shift's tabs: Ctrl+0), told
        each opened patient after the access grant like the bedside tabs."""
        if not isinstance(view, FollowsPatient):
            raise TypeError(f"{type(view).__name__} has no set_patient(patient_id)")
        self._bedside_tabs.append(view)
        view.setAccessibleName(self.tr("Remote follow-up"))
        # No Alt+letter, like the shift's tabs: every letter is taken by a field of some tab.
        self.tabs.addTab(view, self.tr("Remote follow-up"))

    @property
    def patient(self) -> PatientRow | None:
        """The open patient."""
        return self._row

    def open_patient(self, row: PatientRow, grant: AccessGrant) -> None:
        """Show ``row``'s patient on the core record tab, with the visit's access grant."""
        self._generation += 1
        self._row = row
        self._grant = grant
        self._loaded = set()
        # The guard first: from here on only this patient's scans and saves get through.
        self.guard.show(row.id)
        self.header.set_patient(row.summary)
        self.header.set_access(grant)
        self.header.set_critical(None)  # read with the core record, after its access log
        for panel in self.panels:
            # Never let a tab show the previous patient's data, not even for one frame.
            panel.show_loading(self.tr("Reading from this computer…"))
        self._read(
            self._source.last_synced_at,
            self.header.set_synced_at,
            lambda _exc: self.header.set_synced_at(None, loaded=False),
        )
        self._read_incomplete()
        for tab in self._bedside_tabs:
            tab.set_patient(row.id)
        if isinstance(self.banner, FollowsPatient):
            self.banner.set_patient(row.id)
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(0)
        self.tabs.blockSignals(False)
        self._load_tab(0)

    def reload(self) -> None:
        """Read the shown tabs again (after a sync), without asking for access again."""
        if self._row is None:
            return
        self._loaded = set()
        self._load_tab(self.tabs.currentIndex(), quiet=True)
        for tab in self._bedside_tabs:
            if isinstance(tab, RefreshesAfterSync):
                tab.refresh()
        self._read_incomplete()

    def _read_incomplete(self) -> None:
        """Ask which of the open patient's records came unreadable; the header warns."""
        self._read(
            self._source.unreadable_types,
            self.header.set_incomplete,
            lambda _exc: self.header.set_incomplete(frozenset({""})),
        )

    def _read(
        self,
        read: Callable[[PatientId], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Run ``read`` for the open patient; drop the answer if the patient changed meanwhile."""
        if self._row is None:
            return
        generation = self._generation
        patient_id = PatientId(self._row.id)

        def on_success(result: Any) -> None:
            if generation == self._generation:
                done(result)

        def on_failure(exc: BaseException) -> None:
            if generation == self._generation:
                failed(exc)

        self._runner.run(lambda: read(patient_id), on_success=on_success, on_failure=on_failure)

    def _load_tab(self, index: int, *, quiet: bool = False) -> None:
        if self._row is None or index in self._loaded or not 0 <= index < len(self.panels):
            return
        self._loaded.add(index)
        panel = self.panels[index]
        now = self._clock()
        today = now.date()
        if not quiet:
            panel.show_loading(self.tr("Reading from this computer…"))

        def failed(exc: BaseException) -> None:
            self._loaded.discard(index)
            title, detail = describe(exc)
            panel.show_error(title, detail, lambda: self._load_tab(index))

        if index == 0:

            def read_core(pid: PatientId) -> CoreRecordView:
                self._log_opening(pid, RecordView.CORE_RECORD, now)
                return core_record_view(self._source.core_record(pid), today=today)

            self._read(read_core, self._show_core, failed)
        elif index == 1:

            def read_medications(pid: PatientId) -> tuple[MedicationListView, str]:
                self._log_opening(pid, RecordView.MEDICATION_LIST, now)
                data = self._source.medication_list(pid)
                seen = format_datetime(data.last_seen_at) if data.last_seen_at else ""
                return medication_list_view(data, today=today), seen

            self._read(read_medications, self._show_medications, failed)
        else:

            def read_prescriptions(pid: PatientId) -> Any:
                self._log_opening(pid, RecordView.PRESCRIPTIONS, now)
                return prescriptions_view(self._source.prescriptions(pid), today=today)

            self._read(read_prescriptions, self._show_prescriptions, failed)

    def _log_opening(self, patient_id: PatientId, view: RecordView, now: datetime) -> None:
        """Write the opening's access log first, in the same worker job as the read: no log
        line and AuditEvent, no record (``AccessNotLogged``)."""
        grant = self._grant
        if grant is None:
            raise AccessNotLogged("no access basis was given for this visit")
        try:
            self._source.record_access(patient_id, view=view, grant=grant, at=now)
        except (AccessNotLogged, PatientNotFound, SessionLocked):
            raise
        except AppError as error:
            raise AccessNotLogged("the opening could not be logged") from error

    @property
    def grant(self) -> AccessGrant | None:
        """The access grant of the open visit."""
        return self._grant

    def forget_patient(self) -> None:
        """Close the open patient (an emergency grant ended at lock): nothing of them stays."""
        self._generation += 1
        self._row = None
        self._grant = None
        self._loaded = set()
        self.header.set_access(None)
        for panel in self.panels:
            panel.show_loading("")
        if self.banner is not None:
            self.banner.hide()

    def _show_core(self, view: CoreRecordView) -> None:
        self.header.set_critical(view.critical)
        self.core.show_record(view)
        self.panels[0].show_content()

    def _show_medications(self, result: tuple[MedicationListView, str]) -> None:
        view, seen = result
        self.medications.show_list(view, last_seen_text=seen)
        self.panels[1].show_content()
        now = self._clock()
        self._read(
            lambda pid: self._source.mark_medication_list_seen(pid, at=now),
            lambda _result: None,
            lambda exc: show_error(self, exc),
        )

    def _show_prescriptions(self, view: Any) -> None:
        self.prescriptions.show_prescriptions(view)
        self.panels[2].show_content()

    def _ask_renewal(self, item: PrescriptionItem) -> None:
        if self._row is None:
            return
        dialog = RenewalDialog(item, patient_name=self._row.summary.full_name, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._send_renewal(item, dialog.note()))
        dialog.open()

    def _send_renewal(self, item: PrescriptionItem, note: str) -> None:
        now = self._clock()

        def sent(_result: object) -> None:
            self.renewal_sent.emit(item.name)
            self._loaded.discard(2)
            self._load_tab(2, quiet=True)

        self._read(
            lambda pid: self._source.request_renewal(
                pid, prescription_id=item.id, note=note, at=now
            ),
            sent,
            lambda exc: show_error(self, exc),
        )
