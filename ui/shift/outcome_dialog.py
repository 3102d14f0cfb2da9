"""Done, not done or postponed: the dialog collects a ``TaskOutcomeEntry``; the source writes the
Task (and a finding) with its outbox entry in one transaction.

Keyboard first: Alt+1/2/3 choose the outcome, the reason list follows with the arrow keys, and
Ctrl+Enter saves. A not-done or postponed task needs a reason from the list ("Other" also needs
words); a postponed one needs a later time. An activity that measures (weighing, blood glucose)
asks for the value in its unit; any task takes a finding in words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.contract import ShiftWorkSource
from app.shift.entries import TaskOutcomeEntry
from app.shift.values import ShiftTask
from clinical.records.task_writer import NotDoneReason, TaskOutcome
from ui.bedside.entry_dialog import EntryDialog
from ui.presenters.formatting import format_decimal
from ui.shift.ctrl_enter import let_ctrl_enter_through
from ui.shift.wording import outcome_text, reason_text, task_detail, task_title
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label


def datetime_edit(moment: datetime) -> QDateTimeEdit:
    """A date-time field in Norwegian form set to ``moment`` (its own zone's wall clock)."""
    edit = QDateTimeEdit(
        QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))
    )
    edit.setDisplayFormat("dd.MM.yyyy HH:mm")
    edit.setCalendarPopup(True)
    return edit


def edited(edit: QDateTimeEdit, zone: ZoneInfo) -> datetime:
    """The field's wall-clock time as an aware datetime in ``zone``."""
    value = edit.dateTime()
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=zone)


class TaskOutcomeDialog(EntryDialog):
    """What became of one task; ``saved`` holds what was written once accepted."""

    def __init__(
        self,
        *,
        task: ShiftTask,
        source: ShiftWorkSource,
        runner: TaskRunner,
        now: datetime,
        zone: ZoneInfo,
        outcome: TaskOutcome = TaskOutcome.DONE,
        check: Callable[[], None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner=runner, parent=parent)
        self._task, self._source, self._zone, self._check = task, source, zone, check
        self.setWindowTitle(self.tr("Task: %1").replace("%1", task.patient_name))
        layout = QVBoxLayout(self)
        heading = plain_label(task_title(task))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        if detail := task_detail(task):
            layout.addWidget(plain_label(detail))
        self.group = QButtonGroup(self)
        self.choices: dict[TaskOutcome, QRadioButton] = {}
        for number, choice in enumerate(TaskOutcome, start=1):
            radio = QRadioButton(f"&{number} {outcome_text(choice)}")
            radio.setAccessibleName(outcome_text(choice))
            self.group.addButton(radio)
            self.choices[choice] = radio
            layout.addWidget(radio)
            radio.toggled.connect(self._show_fields)
        form = QFormLayout()
        local = now.astimezone(zone)
        self.when = datetime_edit(local)
        form.addRow(self.tr("&Time:"), self.when)
        self.measured = QLineEdit()
        self.measured.setAccessibleName(self.tr("Measured value"))
        if task.measures:
            form.addRow(self.tr("&Measured (%1):").replace("%1", task.measures), self.measured)
        self.finding = QPlainTextEdit()
        self.finding.setTabChangesFocus(True)
        let_ctrl_enter_through(self.finding)
        self.finding.setAccessibleName(self.tr("Finding or note"))
        self.finding.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(self.tr("&Finding / note:"), self.finding)
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.addItem(self.tr("Choose a reason…"), None)
        for reason in NotDoneReason:
            self.reason.addItem(reason_text(reason), reason.value)
        form.addRow(self.tr("&Reason:"), self.reason)
        self.reason_text = QLineEdit()
        self.reason_text.setAccessibleName(self.tr("Reason in your own words"))
        form.addRow(self.tr("&Describe:"), self.reason_text)
        self.until = datetime_edit(local + timedelta(hours=1))
        form.addRow(self.tr("Do it &at:"), self.until)
        self.form = form
        layout.addLayout(form)
        self.finish_layout(layout, save_text=self.tr("&Save"), cancel_text=self.tr("Cancel"))
        self.choices[outcome].setChecked(True)
        self._show_fields()
        self.choices[outcome].setFocus()

    def _show_fields(self) -> None:
        outcome = self.outcome()
        done = outcome is TaskOutcome.DONE
        rows = (
            (self.measured, done and bool(self._task.measures)),
            (self.finding, done),
            (self.reason, not done),
            (self.reason_text, not done),
            (self.until, outcome is TaskOutcome.POSTPONED),
        )
        for widget, shown in rows:
            if self.form.indexOf(widget) >= 0:
                self.form.setRowVisible(widget, shown)

    def outcome(self) -> TaskOutcome:
        """The outcome chosen."""
        for choice, radio in self.choices.items():
            if radio.isChecked():
                return choice
        return TaskOutcome.DONE

    def save(self) -> None:
        """Collect the entry and hand it over (the Task and any finding together)."""
        outcome = self.outcome()
        measured = None
        if outcome is TaskOutcome.DONE and self._task.measures and self.measured.text().strip():
            try:
                measured = Decimal(self.measured.text().strip().replace(",", "."))
            except InvalidOperation:
                self.refuse(
                    self.tr("Write the measured value as a number, e.g. %1.").replace(
                        "%1", format_decimal("72.5")
                    ),
                    self.measured,
                )
                return
        code = self.reason.currentData()
        if outcome is not TaskOutcome.DONE and code is None:
            self.refuse(self.tr("Choose why the task was not done."), self.reason)
            return
        entry = TaskOutcomeEntry(
            task=self._task,
            outcome=outcome,
            at=edited(self.when, self._zone),
            reason=None if code is None else NotDoneReason(code),
            reason_text=self.reason_text.text() if outcome is not TaskOutcome.DONE else "",
            until=edited(self.until, self._zone) if outcome is TaskOutcome.POSTPONED else None,
            finding=self.finding.toPlainText() if outcome is TaskOutcome.DONE else "",
            measured=measured,
        )
        source, check = self._source, self._check

        def write() -> object:
            check()
            return source.record_task_outcome(entry)

        self.submit(write)  # type: ignore[arg-type]
