"""Leave a task for a patient (this shift or the next): the dialog collects a ``NewTaskEntry``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from app.contract import ShiftWorkSource
from app.shift.entries import NewTaskEntry
from ui.bedside.entry_dialog import EntryDialog
from ui.shift.outcome_dialog import datetime_edit, edited
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label


class NewTaskDialog(EntryDialog):
    """What is to be done, by when, and a note for whoever does it."""

    def __init__(
        self,
        *,
        patient_id: str,
        patient_name: str,
        source: ShiftWorkSource,
        runner: TaskRunner,
        now: datetime,
        zone: ZoneInfo,
        check: Callable[[], None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner=runner, parent=parent)
        self._patient_id, self._source, self._zone, self._check = patient_id, source, zone, check
        self.setWindowTitle(self.tr("New task: %1").replace("%1", patient_name))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("The task shows in the list of whoever works here.")))
        form = QFormLayout()
        self.description = QLineEdit()
        self.description.setAccessibleName(self.tr("What is to be done"))
        self.due = datetime_edit(now.astimezone(zone) + timedelta(hours=1))
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note"))
        form.addRow(self.tr("&What:"), self.description)
        form.addRow(self.tr("&By:"), self.due)
        form.addRow(self.tr("N&ote:"), self.note)
        layout.addLayout(form)
        self.finish_layout(layout, save_text=self.tr("&Save"), cancel_text=self.tr("Cancel"))
        self.description.setFocus()

    def save(self) -> None:
        """Collect the task and hand it over."""
        if not self.description.text().strip():
            self.refuse(self.tr("Write what is to be done."), self.description)
            return
        entry = NewTaskEntry(
            patient_id=self._patient_id,
            description=self.description.text(),
            due=edited(self.due, self._zone),
            note=self.note.text(),
        )
        source, check = self._source, self._check

        def write() -> list[object]:
            check()
            return [source.create_task(entry)]

        self.submit(write)
