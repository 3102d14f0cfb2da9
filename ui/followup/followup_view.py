"""The remote follow-up list: of the route or unit (or the whole district), or of one patient.

Keyboard first: the table has focus; Enter opens the follow-up dialog of the selected item,
Ctrl+O opens its patient (on the district page), F5 reads again; Alt+H shows handled items too,
Alt+W widens the list from the route to the whole district. Reads and saves run on workers;
a result that arrives after the user moved on is dropped.

On a patient's page the list follows the patient in the header (``set_patient``), and a save
passes the header's ``PatientGuard`` first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.contract import FollowUpSource
from app.followup.values import FollowUpEntry, FollowUpItem, FollowUpList
from app.values import PlaceOfWork
from clinical import patient_guard
from clinical.patient_guard import PatientGuard, WrongPatientError
from ui.clinical_texts import clinical_text
from ui.errors import failure_text
from ui.followup.followup_dialog import FollowUpDialog
from ui.followup.followup_model import FollowUpModel
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label
from ui.widgets.row_table import set_up_row_table

_FITTED = (0, 4)  # time, urgency


class FollowUpView(QWidget):
    """The follow-up list; ``place`` for the district page, ``set_patient`` for a patient."""

    patient_activated = Signal(str)
    recorded = Signal()

    def __init__(
        self,
        *,
        source: FollowUpSource,
        runner: TaskRunner,
        clock: Callable[[], datetime],
        place: Callable[[], PlaceOfWork | None] | None = None,
        guard: PatientGuard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source, self._runner, self._clock = source, runner, clock
        self._place, self._guard = place, guard
        self._patient_id: str | None = None
        self._generation = 0
        self._listed: FollowUpList | None = None
        self._notice = ""
        self.dialog: FollowUpDialog | None = None
        self._build()

    @property
    def for_district(self) -> bool:
        return self._place is not None

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = plain_label(self.tr("Remote follow-up"), wrap=False)
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.title)
        options = QHBoxLayout()
        self.show_handled = QCheckBox(self.tr("Show &handled"))
        self.show_handled.toggled.connect(lambda _on: self._fill())
        options.addWidget(self.show_handled)
        self.whole_district = QCheckBox(self.tr("&Whole district"))
        self.whole_district.setToolTip(
            self.tr("Every patient on this computer, not only the chosen route or unit")
        )
        self.whole_district.toggled.connect(lambda _on: self.reload())
        self.whole_district.setVisible(self.for_district)
        options.addWidget(self.whole_district)
        options.addStretch(1)
        layout.addLayout(options)
        self.model = FollowUpModel(self)
        self.table = self._build_table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_buttons())
        self.status = plain_label()
        self.status.setAccessibleName(self.tr("Follow-up status"))
        layout.addWidget(self.status)
        QShortcut(QKeySequence("F5"), self).activated.connect(self.reload)
        if self.for_district:
            QShortcut(QKeySequence("Ctrl+O"), self).activated.connect(self.open_patient)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        set_up_row_table(table, wrap=True)
        header = table.horizontalHeader()
        # When and how urgent fit on one line; who, what, the value and the follow-up share
        # the rest and wrap, so nothing is cut off at 200 %.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in _FITTED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        table.setAccessibleName(self.tr("Alerts to follow up, most urgent first"))
        table.activated.connect(lambda _index: self.open_current())
        table.setColumnHidden(1, not self.for_district)
        return table

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.follow_up_button = QPushButton(self.tr("&Follow up… (Enter)"))
        self.follow_up_button.clicked.connect(self.open_current)
        buttons.addWidget(self.follow_up_button)
        self.open_patient_button = QPushButton(self.tr("&Open patient (Ctrl+O)"))
        self.open_patient_button.clicked.connect(self.open_patient)
        self.open_patient_button.setVisible(self.for_district)
        buttons.addWidget(self.open_patient_button)
        self.reload_button = QPushButton(self.tr("Re&load (F5)"))
        self.reload_button.clicked.connect(self.reload)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        return buttons

    def set_patient(self, patient_id: str) -> None:
        """Show this patient's items (a patient's page); the previous patient's go at once."""
        self._patient_id = patient_id
        self._listed = None
        self.model.set_items([], now=self._clock())
        self.reload()

    def reload(self) -> None:
        """Read the list again (on a worker)."""
        if not self.for_district and self._patient_id is None:
            return
        self._generation += 1
        generation = self._generation
        place = None if self._place is None or self.whole_district.isChecked() else self._place()
        patient_id = self._patient_id if not self.for_district else None
        self.status.setText(self.tr("Loading…"))
        self._runner.run(
            lambda: self._source.followup_list(place, patient_id=patient_id),
            on_success=lambda listed: self._show(generation, listed, place),
            on_failure=lambda error: self._failed(generation, error),
        )

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.status.setText(failure_text(error))

    def _show(self, generation: int, listed: Any, place: PlaceOfWork | None) -> None:
        if generation != self._generation or not isinstance(listed, FollowUpList):
            return
        self._listed = listed
        if self.for_district:
            where = place.name if place is not None else self.tr("the whole district")
            self.title.setText(self.tr("Remote follow-up: %1").replace("%1", where))
        self._fill()
        self.table.setFocus()

    def _fill(self) -> None:
        listed = self._listed
        if listed is None:
            return
        key = self._current_key()
        items = listed.items if self.show_handled.isChecked() else listed.open_items
        self.model.set_items(items, now=listed.read_at)
        self._fit_columns()
        self.table.resizeRowsToContents()
        handled = len(listed.items) - len(listed.open_items)
        if not listed.items:
            summary = self.tr("Nothing to follow up in the last three days.")
        else:
            summary = (
                self.tr("%1 to follow up, %2 handled (last three days).")
                .replace("%1", str(len(listed.open_items)))
                .replace("%2", str(handled))
            )
        self.status.setText(f"{self._notice} {summary}".strip())
        self._notice = ""
        rows = [self.model.item_at(r) for r in range(self.model.rowCount())]
        row = next((i for i, item in enumerate(rows) if item and item.key == key), 0)
        if rows:
            self.table.selectRow(row)
        self._update_buttons()

    def _fit_columns(self) -> None:
        """The short columns to their text on one line (measured unwrapped: wrapped, a cell
        would measure to the column's current width)."""
        self.table.setWordWrap(False)
        for column in _FITTED:
            self.table.resizeColumnToContents(column)
        self.table.setWordWrap(True)

    def _current_key(self) -> str | None:
        item = self.current_item()
        return None if item is None else item.key

    def current_item(self) -> FollowUpItem | None:
        """The selected item."""
        return self.model.item_at(self.table.currentIndex().row())

    def _update_buttons(self) -> None:
        item = self.current_item()
        self.follow_up_button.setEnabled(item is not None)
        self.open_patient_button.setEnabled(item is not None and item.patient_id is not None)

    def open_patient(self) -> None:
        """Open the selected item's patient (the main window asks for the access basis)."""
        item = self.current_item()
        if item is not None and item.patient_id is not None:
            self.patient_activated.emit(item.patient_id)

    def open_current(self) -> FollowUpDialog | None:
        """Open the follow-up dialog of the selected item (window-modal, not blocking)."""
        item = self.current_item()
        if item is None:
            return None
        dialog = FollowUpDialog(item, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save(item, *dialog.chosen()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, item: FollowUpItem, action: Any, note: str) -> None:
        if self._guard is not None and item.patient_id is not None:
            try:
                self._guard.check(item.patient_id)
            except WrongPatientError as error:
                self.status.setText("✖ " + clinical_text(patient_guard.MESSAGES, error.key))
                return
        entry = FollowUpEntry(
            key=item.key,
            focus=item.focus,
            patient_id=item.patient_id,
            action=action,
            note=note,
            at=self._clock(),
            slot=item.slot,
        )
        self._runner.run(
            lambda: self._source.record_followup(entry),
            on_success=lambda _saved: self._saved(),
            on_failure=lambda error: self.status.setText(failure_text(error)),
        )

    def _saved(self) -> None:
        # Shown with the list read afresh (``_fill``), which now holds the follow-up.
        self._notice = self.tr("✔ Saved. It is sent when the computer is online.")
        self.recorded.emit()
        self.reload()

    def showEvent(self, event: Any) -> None:
        """The table takes the keyboard when the page shows."""
        super().showEvent(event)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
