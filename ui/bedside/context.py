"""What every bedside dialog needs: the patient, the user, the store, the clock, the rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit

from app.bedside.config import BedsideConfig
from app.contract import BedsideSource
from clinical.patient_guard import PatientGuard
from clinical.records import Staff
from ui.tasks import TaskRunner


@dataclass(frozen=True)
class BedsideContext:
    """Shared dependencies of the round's dialogs for one patient."""

    source: BedsideSource
    runner: TaskRunner
    clock: Callable[[], datetime]
    config: BedsideConfig
    patient_id: str
    user: Staff
    guard: PatientGuard  # the header's patient; checked before each scan and each save
    allergies: Sequence[Mapping[str, Any]] = ()

    def check_patient(self) -> None:
        """Raise ``WrongPatientError`` unless this dialog's patient is the one in the header."""
        self.guard.check(self.patient_id)

    def now(self) -> datetime:
        """The current time in the ward's zone."""
        return self.clock().astimezone(self.config.zone)

    def today(self) -> date:
        """Today's date in the ward's zone."""
        return self.now().date()


def time_edit(context: BedsideContext) -> QDateTimeEdit:
    """A date-time field set to now, in Norwegian form, for when something was done."""
    now = context.now()
    edit = QDateTimeEdit(
        QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute))
    )
    edit.setDisplayFormat("dd.MM.yyyy HH:mm")
    edit.setCalendarPopup(True)
    return edit


def edited_time(edit: QDateTimeEdit, context: BedsideContext) -> datetime:
    """The field's wall-clock time as an aware datetime in the ward's zone."""
    value = edit.dateTime()
    qdate, qtime = value.date(), value.time()
    return datetime(
        qdate.year(),
        qdate.month(),
        qdate.day(),
        qtime.hour(),
        qtime.minute(),
        tzinfo=context.config.zone,
    )
