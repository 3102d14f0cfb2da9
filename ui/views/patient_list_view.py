"""The patient list: choose a place of work, type to search, arrows to move, Enter to open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.contract import DueDoseSource, RecordSource, VitalsAlertSource
from app.heap import return_free_heap
from app.values import DueDoses, PatientListEntry, PlaceKind, PlaceOfWork, VitalsAlert
from ui import labels
from ui.errors import describe
from ui.models.patient_filter import PatientFilter
from ui.models.patient_list_model import Column, PatientListModel
from ui.models.roles import ROW_ROLE
from ui.presenters.formatting import format_date
from ui.presenters.patient_list import PatientRow, patient_rows
from ui.tasks import TaskRunner
from ui.widgets.column_fit import fit_view_columns
from ui.widgets.plain import plain_label
from ui.widgets.row_table import set_up_row_table
from ui.widgets.state_panel import StatePanel


class _PatientTable(QTableView):
    """Printable keys typed in the table go to the search field (type-to-search)."""

    typed = Signal(str)
    activated_by_key = Signal()
    width_changed = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.width_changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated_by_key.emit()
            return
        typed = event.text()
        no_modifiers = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if typed and typed.isprintable() and not typed.isspace() and no_modifiers:
            self.typed.emit(typed)
            return
        super().keyPressEvent(event)


class _SearchField(QLineEdit):
    """A line edit never laid out narrower than its placeholder (the hint says what to type)."""

    def _placeholder_width(self) -> int:
        metrics = self.fontMetrics()
        # Padding and frame from the style sheet, and room for the clear button.
        return metrics.horizontalAdvance(self.placeholderText()) + 2 * metrics.height() + 8

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._placeholder_width()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._placeholder_width()), hint.height())


class _PlaceChooser(QComboBox):
    """Wide enough for its longest place when there is room, narrower when there is not (the
    search field keeps its width): the chosen place is then elided, with the whole name in the
    tooltip, and the open list is always wide enough to read every place."""

    MIN_CHARACTERS = 16

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        narrow = self.fontMetrics().horizontalAdvance("x" * self.MIN_CHARACTERS) + 40
        return QSize(min(hint.width(), narrow), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        full = option.currentText
        option.currentText = self.fontMetrics().elidedText(
            full, Qt.TextElideMode.ElideRight, field.width()
        )
        self.setToolTip(full if option.currentText != full else "")
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def showPopup(self) -> None:
        view = self.view()
        view.setMinimumWidth(
            view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width()
        )
        super().showPopup()


DUE_REFRESH_MS = 60_000
"""How often the due-doses column is counted again while the list is shown: doses turn overdue
as time passes, not only when data changes."""


class PatientListView(QWidget):
    """Lists the patients of the chosen place; emits ``patient_chosen`` when one is opened.

    Due doses are counted after the list is shown, on a worker, when the source can count them
    (``DueDoseSource``, or ``due`` given explicitly), and again every ``due_refresh_ms``.
    """

    patient_chosen = Signal(object)
    place_changed = Signal(object)

    def __init__(
        self,
        *,
        source: RecordSource,
        runner: TaskRunner,
        today: Callable[[], date],
        due: DueDoseSource | None = None,
        due_refresh_ms: int = DUE_REFRESH_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._today = today
        self._due = (
            due if due is not None else (source if isinstance(source, DueDoseSource) else None)
        )
        self._places: list[PlaceOfWork] = []
        self._request = 0
        self._due_request = 0
        self._due_timer = QTimer(self)
        self._due_timer.setInterval(due_refresh_ms)
        self._due_timer.timeout.connect(self._due_tick)

        self._place = _PlaceChooser()
        self._place.setObjectName("placeChooser")
        self._place.setAccessibleName(self.tr("Place of work"))
        self._place.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        place_label = QLabel(self.tr("Place of &work:"))
        place_label.setBuddy(self._place)
        self._search = _SearchField()
        self._search.setObjectName("patientSearch")
        self._search.setClearButtonEnabled(True)
        self._search.setPlaceholderText(self.tr("Name, room or full national ID"))
        self._search.setAccessibleName(self.tr("Search patients"))
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self._search)
        self._count = plain_label(object_name="patientCount", wrap=False, selectable=False)

        self._build_table()
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated_by_key.connect(self._open_current)
        self.table.typed.connect(self._type_into_search)
        self.table.width_changed.connect(self._fit_columns)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self._search.textChanged.connect(self._on_query)
        self._search.returnPressed.connect(self._open_from_search)
        self._search.installEventFilter(self)
        self._place.currentIndexChanged.connect(self._on_place)

        self.panel = StatePanel(self.table)
        top = self._top = QHBoxLayout()
        top.addWidget(place_label)
        top.addWidget(self._place)
        top.addSpacing(24)
        top.addWidget(search_label)
        top.addWidget(self._search, 1)
        top.addWidget(self._count)
        self._lay_out(top)
        self.setTabOrder(self._place, self._search)
        self.setTabOrder(self._search, self.table)
        for key in (QKeySequence(QKeySequence.StandardKey.Find), QKeySequence("F3")):
            QShortcut(key, self).activated.connect(self.focus_search)

    def add_tool(self, widget: QWidget) -> None:
        """A button of another page's (e.g. the follow-up list's) at the end of the top row."""
        self._top.addSpacing(12)
        self._top.addWidget(widget)

    def _lay_out(self, top: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self._above = QVBoxLayout()  # for ``add_above``
        self._above.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._above)
        layout.addLayout(top)
        layout.addWidget(self.panel, 1)

    def _build_table(self) -> None:
        self.model = PatientListModel(self)
        self.proxy = PatientFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = _PatientTable()
        self.table.setObjectName("patientTable")
        self.table.setAccessibleName(self.tr("Patients"))
        self.table.setModel(self.proxy)
        set_up_row_table(self.table, wrap=False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Vital signs show only where the source can score them (the store can).
        self.table.setColumnHidden(Column.VITALS, not isinstance(self._source, VitalsAlertSource))

    def add_above(self, widget: QWidget) -> None:
        """Put ``widget`` above the place chooser (the report from the previous shift)."""
        self._above.addWidget(widget)

    @property
    def search_field(self) -> QLineEdit:
        """The search box (Ctrl+F)."""
        return self._search

    @property
    def place_chooser(self) -> QComboBox:
        """The place-of-work chooser."""
        return self._place

    def current_place(self) -> PlaceOfWork | None:
        """The place whose patients are listed."""
        index = self._place.currentIndex()
        return self._places[index] if 0 <= index < len(self._places) else None

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected."""
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def load_places(self) -> None:
        """Read the places of work (on a worker) and list the first one's patients."""
        self.panel.show_loading(self.tr("Reading places of work from this computer…"))
        self._runner.run(
            self._source.places_of_work,
            on_success=self._show_places,
            on_failure=lambda exc: self._show_failure(exc, self.load_places),
        )

    def reload(self) -> None:
        """Read the current place's patients again (after a sync); the places too while none is
        known (a first sync brings the units and routes)."""
        place = self.current_place()
        if place is None:
            self.load_places()
        else:
            self._load_patients(place, quiet=True)

    def _show_places(self, places: Sequence[PlaceOfWork]) -> None:
        self._places = list(places)
        self._place.blockSignals(True)
        self._place.clear()
        for place in self._places:
            day = f" – {format_date(place.day)}" if place.day is not None else ""
            self._place.addItem(f"{place.name}{day}  ({labels.place_kind(place.kind)})")
        self._place.blockSignals(False)
        if not self._places:
            self.panel.show_empty(
                self.tr("No places of work on this computer yet"),
                self.tr("Units and routes appear here after the first sync."),
            )
            return
        self._place.setCurrentIndex(0)
        self._on_place(0)

    def _on_place(self, index: int) -> None:
        if 0 <= index < len(self._places):
            self.place_changed.emit(self._places[index])
            self._load_patients(self._places[index], quiet=False)

    def _load_patients(self, place: PlaceOfWork, *, quiet: bool) -> None:
        self._request += 1
        request = self._request
        if not quiet:
            self.panel.show_loading(self.tr("Reading the patient list from this computer…"))
        today = self._today()

        def work() -> list[PatientRow]:
            entries: Sequence[PatientListEntry] = self._source.patients_at(place)
            rows = patient_rows(entries, today=today)
            # The records read for the rows are garbage now; after a sync, the places and the
            # list are the largest reads the window makes (app.heap says why this is needed).
            del entries
            return_free_heap()
            return rows

        def done(rows: list[PatientRow]) -> None:
            if request == self._request:
                self._show_rows(rows, place)

        def failed(exc: BaseException) -> None:
            if request == self._request:
                self._show_failure(exc, lambda: self._load_patients(place, quiet=False))

        self._runner.run(work, on_success=done, on_failure=failed)

    def _show_rows(self, rows: list[PatientRow], place: PlaceOfWork) -> None:
        selected = self.selected_row()
        self.model.set_rows(rows, kind=place.kind)
        self._fit_columns()
        self._update_state()
        if selected is not None:
            self.select_patient(selected.id)
        elif self.proxy.rowCount() > 0:
            self.table.selectRow(0)
        self.refresh_due()

    def showEvent(self, event: QShowEvent) -> None:
        # Back from a patient (perhaps after documenting doses): count again at once.
        super().showEvent(event)
        self.refresh_due()

    def _due_tick(self) -> None:
        if self.isVisible():
            self.refresh_due()

    def refresh_due(self) -> None:
        """Count the listed patients' due doses again (on a worker); the rest of the list stays
        as it is. Does nothing without a source that counts doses."""
        place = self.current_place()
        due = self._due
        if due is None or place is None or self.model.rowCount() == 0:
            return
        ids = [row.id for r in range(self.model.rowCount()) if (row := self.model.row_at(r))]
        self._due_request += 1
        request = self._due_request

        vitals = self._source if isinstance(self._source, VitalsAlertSource) else None

        def count() -> tuple[dict[str, DueDoses], dict[str, VitalsAlert] | None]:
            counts = dict(due.due_doses(place, ids))
            return counts, None if vitals is None else dict(vitals.vitals_alerts(place, ids))

        def done(found: tuple[dict[str, DueDoses], dict[str, VitalsAlert] | None]) -> None:
            if request == self._due_request and place == self.current_place():
                self.model.set_due(*found)
                self._fit_columns()

        # A failure leaves "–" (not counted) with its tooltip; the list itself is still right.
        self._runner.run(count, on_success=done, on_failure=lambda _e: None)
        if not self._due_timer.isActive():
            self._due_timer.start()

    def _fit_columns(self) -> None:
        """Room (in a unit), name, national id and critical information in full; the visit's
        address gives way first (its tooltip has it), and the due doses keep at least their
        overdue count in view (the tooltip has the whole count)."""
        metrics = self.table.fontMetrics()
        # Room for the full number once a row is selected, so revealing it never elides it.
        full_id = metrics.horizontalAdvance("000000 00000") + 32
        overdue = metrics.horizontalAdvance(self.model.overdue_text(99))
        keep = [Column.NAME, Column.NATIONAL_ID, Column.CRITICAL]
        if self.model.kind is PlaceKind.UNIT:
            keep.append(Column.WHERE)
        fit_view_columns(
            self.table,
            keep=keep,
            grow=Column.NAME,
            at_least={
                Column.NATIONAL_ID: full_id,
                Column.DUE: max(
                    overdue + 32, self.table.horizontalHeader().sectionSizeHint(Column.DUE)
                ),
            },
        )

    def _show_failure(self, exc: BaseException, retry: Callable[[], None]) -> None:
        title, detail = describe(exc)
        self.panel.show_error(title, detail, retry)

    def _update_state(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            self.panel.show_empty(
                self.tr("No patients here today"),
                self.tr("Choose another place of work, or sync to get today's list."),
            )
        elif shown == 0:
            self.panel.show_empty(
                self.tr("No patient matches the search"),
                self.tr("A national ID must be typed in full (11 digits)."),
            )
        else:
            self.panel.show_content()
        self._count.setText(self.tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(total)))

    def _on_query(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_state()
        if self.proxy.rowCount() > 0 and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _type_into_search(self, typed: str) -> None:
        self._search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._search.setText(self._search.text() + typed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.table.selectionModel().hasSelection() and self.proxy.rowCount():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def selected_row(self) -> PatientRow | None:
        """The highlighted patient, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].data(ROW_ROLE)
        return row if isinstance(row, PatientRow) else None

    def select_patient(self, patient_id: str) -> bool:
        """Highlight a patient by id; False when not listed."""
        for proxy_row in range(self.proxy.rowCount()):
            row = self.proxy.index(proxy_row, 0).data(ROW_ROLE)
            if isinstance(row, PatientRow) and row.id == patient_id:
                self.table.selectRow(proxy_row)
                return True
        return False

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_row()
        self.model.reveal(row.id if row is not None else "")

    def _open_from_search(self) -> None:
        if self.proxy.rowCount() == 1:
            self.table.selectRow(0)
        self._open_current()

    def _open_current(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.patient_chosen.emit(row)

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, PatientRow):
            self.patient_chosen.emit(row)
