"""The shift's task list, for one patient or for every patient of a unit or route.

Overdue first, then due now, then later; the counts above the list are words and numbers
("⚠ 3 overdue"), never colour alone. Keyboard first: the table has focus; Enter does the row's
own action (a care-plan activity or a colleague's task: done; a dose or an effect: the
patient's medication round; a NEWS2 re-measurement: the vital signs; a renewal: the
prescriptions), Ctrl+N not done, Ctrl+U postpone, Ctrl+Shift+N a new task (a patient's list),
F5 reloads.

A patient's list writes only for the patient in the header (``guard``); a place's list has no
header patient and writes for the patient of the row. The list is read and its whole model
built on a worker; the GUI thread only swaps the new model in and hands the old one back to a
worker to be destroyed (``ui.shift.task_model``), so its work does not grow with the list.
Reads are coalesced: while a read is under way, any number of requests make one more read
after it, never a pile of reads. A refresh because a sync wrote (``refresh``) also waits after
each read for as long as the read took, at least ``REST_MS``, so a sync that keeps writing never
keeps a worker reading the list without pause (a district's read takes seconds of CPU on a
machine the sync shares); F5 or a saved outcome (``reload``) reads at once. The rows on screen
stay until the new ones replace them, and the selected task stays selected.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.contract import ShiftWorkSource
from app.shift.values import ShiftTask, TaskAction, TaskKind, TaskList, TaskTiming
from app.values import PlaceOfWork
from clinical.patient_guard import PatientGuard
from clinical.records.task_writer import TaskOutcome
from ui.errors import failure_text
from ui.models.disposal import disposal
from ui.presenters.formatting import format_time
from ui.shift.guard_check import patient_check
from ui.shift.new_task_dialog import NewTaskDialog
from ui.shift.outcome_dialog import TaskOutcomeDialog
from ui.shift.task_model import TaskListModel, build_model
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label
from ui.widgets.row_table import set_up_row_table

REST_MS = 2_000
"""Least rest after a read before a sync's refresh reads again (longer after a longer read)."""


@dataclass(frozen=True)
class _Loaded:
    generation: int
    tasks: TaskList
    model: TaskListModel
    counts: str
    """``counts_text`` of ``tasks``, counted on the worker (16,000 tasks: 10 ms of Python)."""


class TaskListView(QWidget):
    """A task list; ``set_patient`` (a patient's) or ``reload`` with ``place`` (a place's)."""

    open_requested = Signal(str, str)
    """(patient id, what to open: ``round``, ``vitals`` or ``prescriptions``)."""
    loaded = Signal()
    recorded = Signal()

    def __init__(
        self,
        *,
        source: ShiftWorkSource,
        runner: TaskRunner,
        clock: Callable[[], datetime],
        zone: ZoneInfo,
        place: Callable[[], PlaceOfWork | None] | None = None,
        guard: PatientGuard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source, self._runner, self._clock, self._zone = source, runner, clock, zone
        self._place, self._guard = place, guard
        self._patient_id: str | None = None
        self._generation = 0
        self._reading = False
        self._again = False
        self._urgent = False
        self._read_for: tuple[PlaceOfWork | None, str | None] = (None, None)
        self._began = 0.0
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.timeout.connect(self._rested)
        self.tasks = TaskList()
        self.dialog: TaskOutcomeDialog | NewTaskDialog | None = None
        layout = QVBoxLayout(self)
        self.title = plain_label(
            self.tr("Tasks for the unit or route") if place else self.tr("Tasks this shift")
        )
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.title)
        self.counts = plain_label(object_name="taskCounts")
        layout.addWidget(self.counts)
        self.model = TaskListModel(with_patient=place is not None)
        layout.addWidget(self._build_table(), 1)
        self.message = plain_label()
        layout.addWidget(self.message)
        layout.addLayout(self._build_buttons(with_new=place is None))
        for keys, outcome in (("Ctrl+N", TaskOutcome.NOT_DONE), ("Ctrl+U", TaskOutcome.POSTPONED)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda o=outcome: self.record(o))
        QShortcut(QKeySequence("F5"), self).activated.connect(self.reload)
        self._enable()

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self._take(self.model)
        set_up_row_table(self.table, wrap=False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 14)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setStretchLastSection(False)
        self._stretch_what()
        self.table.setAccessibleName(self.tr("Tasks, overdue first"))
        self.table.activated.connect(self._activated)
        return self.table

    def _build_buttons(self, *, with_new: bool) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.done_button = QPushButton(self.tr("&Done…"))
        self.done_button.setToolTip(self.tr("Done (Enter)"))
        self.done_button.clicked.connect(lambda: self.record(TaskOutcome.DONE))
        self.not_done_button = QPushButton(self.tr("&Not done…"))
        self.not_done_button.setToolTip(self.tr("Not done (Ctrl+N)"))
        self.not_done_button.clicked.connect(lambda: self.record(TaskOutcome.NOT_DONE))
        self.postpone_button = QPushButton(self.tr("Po&stpone…"))
        self.postpone_button.setToolTip(self.tr("Postpone (Ctrl+U)"))
        self.postpone_button.clicked.connect(lambda: self.record(TaskOutcome.POSTPONED))
        self.open_button = QPushButton(self.tr("Open &where it is documented"))
        self.open_button.setToolTip(self.tr("Medication round, vital signs or prescriptions"))
        self.open_button.clicked.connect(self.open_selected)
        for button in (self.done_button, self.not_done_button, self.postpone_button):
            buttons.addWidget(button)
        buttons.addWidget(self.open_button)
        self.new_button: QPushButton | None = None
        if with_new:
            self.new_button = QPushButton(self.tr("New t&ask…"))
            self.new_button.setToolTip(self.tr("Leave a task for this patient (Ctrl+Shift+N)"))
            self.new_button.clicked.connect(self.new_task)
            buttons.addWidget(self.new_button)
            QShortcut(QKeySequence("Ctrl+Shift+N"), self).activated.connect(self.new_task)
        buttons.addStretch(1)
        return buttons

    # Reading -----------------------------------------------------------------------------

    def set_patient(self, patient_id: str) -> None:
        """Show ``patient_id``'s tasks (emptied at once, read on a worker)."""
        self._patient_id = patient_id
        self.reload()

    @property
    def reading(self) -> bool:
        """Whether a read of the list is under way."""
        return self._reading

    def refresh(self) -> None:
        """Read the list again after a sync brought new data: now, or once the read under way
        and the rest after it are over."""
        if self._switched():
            return
        if self._reading or self._rest.isActive():
            self._again = True
            return
        self._read()

    def reload(self) -> None:
        """Read the list again now; while a read is under way, once more right after it."""
        if self._switched():
            return
        if self._reading:
            self._again = self._urgent = True
            return
        self._read()

    def _subject(self) -> tuple[PlaceOfWork | None, str | None]:
        return (self._place() if self._place is not None else None, self._patient_id)

    def _switched(self) -> bool:
        """Another patient's or place's list is wanted: empty the list at once and read it
        (a read under way for the list shown before is never shown)."""
        if self._subject() == self._read_for:
            return False
        self._generation += 1
        self._swap(TaskListModel(with_patient=self.model.with_patient), TaskList())
        self._reading = False
        self._read()
        return True

    def _read(self) -> None:
        self._rest.stop()
        self._again = self._urgent = False
        self._read_for = self._subject()
        place, patient_id = self._read_for
        if self._place is not None and place is None:
            self.counts.setText(self.tr("Choose a unit or route in the patient list."))
            return
        if self._place is None and patient_id is None:
            self.counts.setText(self.tr("No patient chosen."))
            return
        if self.model.rowCount() == 0:
            self.counts.setText(self.tr("Reading from this computer…"))
        self._reading = True
        self._began = time.monotonic()
        generation = self._generation
        source, with_patient = self._source, self.model.with_patient
        today = self._clock().astimezone(self._zone).date()
        gui = self.thread()

        def read() -> _Loaded:
            tasks = (
                source.place_tasks(place)
                if place is not None
                else source.shift_tasks(patient_id or "")
            )
            model = build_model(tasks.tasks, with_patient=with_patient, today=today, thread=gui)
            return _Loaded(generation, tasks, model, counts_text(tasks))

        self._runner.run(
            read, on_success=self._show, on_failure=lambda e: self._failed(e, generation)
        )

    def _failed(self, error: BaseException, generation: int) -> None:
        if generation == self._generation:
            self._reading = False
            self.counts.setText(failure_text(error))
            self._read_again()

    def _show(self, loaded: _Loaded) -> None:
        if loaded.generation != self._generation:
            self._discard(loaded.model)
            return
        self._reading = False
        self.tasks = loaded.tasks
        self.counts.setText(loaded.counts)
        self._swap(loaded.model, loaded.tasks)
        self.loaded.emit()
        self._read_again()

    def _read_again(self) -> None:
        if self._again and self._urgent:
            self._read()
            return
        took_ms = int((time.monotonic() - self._began) * 1000)
        self._rest.start(max(REST_MS, took_ms))

    def _rested(self) -> None:
        if self._again and not self._reading:
            self._read()

    def _swap(self, model: TaskListModel, tasks: TaskList) -> None:
        """Show ``model`` in place of the current one, the same task still selected."""
        chosen = self.selected()
        old = self.model
        self.tasks = tasks
        self._take(model)
        row = model.row_of(chosen.key) if chosen is not None else None
        if row is None and model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._fit_columns()
        self._enable()
        self._discard(old)

    def _take(self, model: TaskListModel) -> None:
        self.model = model
        self.table.setModel(model)  # deletes the view's old selection model
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self._stretch_what()

    def _stretch_what(self) -> None:
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(self.model.columnCount() - 2, QHeaderView.ResizeMode.Stretch)

    def _discard(self, model: TaskListModel) -> None:
        """Destroy a model no longer shown, and free its tasks, off the GUI thread (a
        district's 16,000 rows take 50-100 ms to free)."""
        disposal().dispose(model, model.forget())

    def _fit_columns(self) -> None:
        metrics = self.fontMetrics()
        widths = [
            metrics.horizontalAdvance("00:00 (00.00.)") + 24,
            metrics.horizontalAdvance(self.tr("⚠ Overdue, postponed")) + 24,
        ]
        if self.model.with_patient:
            widths.append(metrics.horizontalAdvance("M" * 16) + 24)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.table.setColumnWidth(self.model.columnCount() - 1, metrics.horizontalAdvance("M" * 12))

    def selected(self) -> ShiftTask | None:
        """The task of the current row."""
        return self.model.task_at(self.table.currentIndex().row())

    def _enable(self) -> None:
        task = self.selected()
        recordable = task is not None and TaskAction.RECORD in task.actions
        for button in (self.done_button, self.not_done_button, self.postpone_button):
            button.setEnabled(recordable)
        self.open_button.setEnabled(task is not None and bool(task.actions - {TaskAction.RECORD}))

    # Acting ------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        task = self.model.task_at(index.row())
        if task is None:
            return
        if TaskAction.RECORD in task.actions and task.kind is not TaskKind.NEWS2:
            self.record(TaskOutcome.DONE)
        else:
            self.open_selected()

    def open_selected(self) -> None:
        """Open where the selected task is documented (round, vital signs, prescriptions)."""
        task = self.selected()
        if task is None:
            return
        for action in (TaskAction.VITALS, TaskAction.ROUND, TaskAction.PRESCRIPTIONS):
            if action in task.actions:
                self.open_requested.emit(task.patient_id, action.value)
                return

    def record(self, outcome: TaskOutcome) -> None:
        """Open the outcome dialog for the selected task (done, not done, postponed)."""
        task = self.selected()
        if task is None or TaskAction.RECORD not in task.actions:
            if task is not None and outcome is TaskOutcome.DONE:
                self.open_selected()
            return
        dialog = TaskOutcomeDialog(
            task=task,
            source=self._source,
            runner=self._runner,
            now=self._clock(),
            zone=self._zone,
            outcome=outcome,
            check=patient_check(self._guard, task.patient_id),
            parent=self,
        )
        self._open_dialog(dialog)

    def new_task(self) -> None:
        """Leave a task for the shown patient."""
        if self._patient_id is None or self._place is not None:
            return
        name = self.tasks.tasks[0].patient_name if self.tasks.tasks else ""
        dialog = NewTaskDialog(
            patient_id=self._patient_id,
            patient_name=name,
            source=self._source,
            runner=self._runner,
            now=self._clock(),
            zone=self._zone,
            check=patient_check(self._guard, self._patient_id),
            parent=self,
        )
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: TaskOutcomeDialog | NewTaskDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.accepted.connect(self._after_save)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None
        self.table.setFocus()

    def _after_save(self) -> None:
        self.message.setText(
            self.tr("Saved at %1; sent with the next sync.").replace(
                "%1", format_time(self._clock())
            )
        )
        self.recorded.emit()
        self.reload()


def counts_text(tasks: TaskList) -> str:
    """ "⚠ 3 overdue · ● 5 due now · 12 later · ✓ 4 done this shift (07:00–15:00)"."""
    shift = ""
    if tasks.shift is not None:
        shift = f" ({format_time(tasks.shift[0])}–{format_time(tasks.shift[1])})"
    return (
        QCoreApplication.translate(
            "TaskListView", "⚠ %1 overdue · ● %2 due now · %3 later · ✓ %4 done this shift%5"
        )
        .replace("%1", str(tasks.count(TaskTiming.OVERDUE)))
        .replace("%2", str(tasks.count(TaskTiming.DUE_NOW)))
        .replace("%3", str(tasks.count(TaskTiming.LATER)))
        .replace("%4", str(tasks.done))
        .replace("%5", shift)
    )
