"""The ISBAR form: prefilled from the shift, edited and signed by the nurse; one patient's, or
every patient of a unit or route as one report.

Each part (Identifikasjon, Situasjon, Bakgrunn, Aktuell vurdering, Råd) is a plain-text field
prefilled with the lines the shift's data gave (``ShiftWorkSource.*_handover_draft``), one line
each. Beside them the sources table lists every prefilled line with where it came from (the
kind of record and when it was recorded) and whether it is still in the report: a line the
nurse keeps word for word keeps its source, which is signed with it (``Composition.section
.entry``); a line she rewrites or deletes is hers alone. On a unit's or route's form the
patient list on the left moves between patients (Alt+Up / Alt+Down), and the whole report is
signed at once (Ctrl+Enter). Ctrl+P prints the plain view of what is written now.

The form is read when opened and on F5 only: a sync finishing in the background never throws
away what the nurse has written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.contract import ShiftWorkSource
from app.errors import EntryRefused
from app.shift.entries import HandoverEntry, HandoverPart, PatientHandoverEntry
from app.shift.values import HandoverDraft, PatientHandoverDraft, PrefillLine
from app.values import PlaceOfWork
from clinical.patient_guard import PatientGuard
from clinical.records.handover import IsbarPart
from ui.errors import explain, failure_text
from ui.models.cell_table import CellTableModel, Roles
from ui.presenters.formatting import format_time
from ui.shift.ctrl_enter import let_ctrl_enter_through
from ui.shift.guard_check import patient_check
from ui.shift.handover_print import PrintedPatient, print_with_dialog, report_document
from ui.shift.wording import line_text, part_text, source_text
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label

LINE_ROLE: Final = Qt.ItemDataRole.UserRole + 1


def kept(line: PrefillLine, text: str) -> bool:
    """Whether the nurse kept ``line`` word for word in the part's ``text``."""
    words = line_text(line).strip()
    return any(row.strip() == words for row in text.split("\n"))


def prefilled(patient: PatientHandoverDraft) -> dict[IsbarPart, str]:
    """Each part's starting text: its lines, one per line."""
    return {part: "\n".join(line_text(line) for line in patient.part(part)) for part in IsbarPart}


class SourcesModel(CellTableModel):
    """Line, source, whether it is still in the report; every cell answers ``LINE_ROLE``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(3, parent)
        self.set_titles([self.tr("Prefilled line"), self.tr("Source"), self.tr("In the report")])

    def set_lines(self, patient: PatientHandoverDraft | None, texts: dict[IsbarPart, str]) -> None:
        """Replace every row (a few dozen at most: cheap to redo as the nurse types)."""
        lines = patient.lines if patient is not None else ()
        self.set_cells(self._cells(line, texts.get(line.part, "")) for line in lines)

    def _cells(self, line: PrefillLine, text: str) -> list[Roles]:
        words = line_text(line)
        texts = [
            f"{line.part.value} · {words}",
            source_text(line).replace(" · ", "\n"),
            self.tr("✓ yes") if kept(line, text) else self.tr("– changed"),
        ]
        return [
            {Qt.ItemDataRole.DisplayRole: t, Qt.ItemDataRole.ToolTipRole: words, LINE_ROLE: line}
            for t in texts
        ]


class HandoverForm(QWidget):
    """The ISBAR form of a patient (``set_patient``) or of a place (``reload`` with ``place``)."""

    loaded = Signal()
    signed = Signal()

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
        self.draft: HandoverDraft | None = None
        self.texts: dict[str, dict[IsbarPart, str]] = {}
        self._current = -1
        self._filling = False
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.title = plain_label(self.tr("ISBAR report"))
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        bar.addWidget(self.title, 1)
        self.reload_button = QPushButton(self.tr("Pre&fill again"))
        self.reload_button.setToolTip(
            self.tr("Read the shift's data again; what you wrote is replaced (F5)")
        )
        self.reload_button.clicked.connect(self.reload)
        self.print_button = QPushButton(self.tr("Pri&nt…"))
        self.print_button.setToolTip(self.tr("Print the report as it is written now (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_report)
        self.sign_button = QPushButton(self.tr("&Sign the report"))
        self.sign_button.setToolTip(
            self.tr("Sign and save the report for the next shift (Ctrl+Enter)")
        )
        self.sign_button.clicked.connect(self.sign)
        for button in (self.reload_button, self.print_button, self.sign_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.subtitle = plain_label()
        layout.addWidget(self.subtitle)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.patients = QListWidget()
        self.patients.setAccessibleName(self.tr("Patients in the report"))
        self.patients.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 16))
        self.patients.currentRowChanged.connect(self._patient_chosen)
        if place is not None:
            splitter.addWidget(self.patients)
        else:
            self.patients.hide()
        splitter.addWidget(self._build_parts())
        splitter.addWidget(self._build_sources())
        splitter.setStretchFactor(splitter.count() - 2, 1)
        splitter.setStretchFactor(splitter.count() - 1, 1)
        layout.addWidget(splitter, 1)
        self.message = plain_label()
        layout.addWidget(self.message)
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(300)
        self._recount.timeout.connect(self._refresh_sources)
        for keys, slot in (
            ("Ctrl+Return", self.sign),
            ("Ctrl+Enter", self.sign),
            ("Ctrl+P", self.print_report),
            ("F5", self.reload),
            ("Alt+Down", lambda: self._step(1)),
            ("Alt+Up", lambda: self._step(-1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _build_sources(self) -> QTableView:
        self.sources_model = SourcesModel(self)
        self.sources = QTableView()
        self.sources.setModel(self.sources_model)
        self.sources.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sources.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sources.setWordWrap(True)
        rows = self.sources.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 14)
        header = self.sources.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sources.setAccessibleName(self.tr("Where each prefilled line comes from"))
        return self.sources

    def _build_parts(self) -> QScrollArea:
        holder = QWidget()
        column = QVBoxLayout(holder)
        self.editors: dict[IsbarPart, QPlainTextEdit] = {}
        for number, part in enumerate(IsbarPart, start=1):
            label = QLabel(f"&{number} {part_text(part)}")
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            let_ctrl_enter_through(editor)
            editor.setAccessibleName(part_text(part))
            editor.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
            editor.textChanged.connect(self._edited)
            label.setBuddy(editor)
            column.addWidget(label)
            column.addWidget(editor, 1)
            self.editors[part] = editor
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        return scroll

    # Reading -------------------------------------------------------------------------------

    def set_patient(self, patient_id: str) -> None:
        """Prefill ``patient_id``'s form (a patient's tab)."""
        self._patient_id = patient_id
        self.reload()

    def reload(self) -> None:
        """Prefill again from the shift's data (what was written is replaced)."""
        self._generation += 1
        generation = self._generation
        self.draft = None
        self.texts = {}
        self._current = -1
        self.patients.clear()
        self._fill(None)
        self.message.setText(self.tr("Reading the shift's data…"))
        source, place, patient_id = self._source, None, self._patient_id
        if self._place is not None:
            place = self._place()
            if place is None:
                self.message.setText(self.tr("Choose a unit or route in the patient list."))
                return
        elif patient_id is None:
            self.message.setText(self.tr("No patient chosen."))
            return

        def read() -> HandoverDraft:
            if place is not None:
                return source.place_handover_draft(place)
            return source.patient_handover_draft(patient_id or "")

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.message.setText(failure_text(error))

        self._runner.run(read, on_success=lambda d: self._show(d, generation), on_failure=failed)

    def _show(self, draft: HandoverDraft, generation: int) -> None:
        if generation != self._generation:
            return
        self.draft = draft
        self.texts = {p.patient_id: prefilled(p) for p in draft.patients}
        shift = f"{format_time(draft.shift[0])}–{format_time(draft.shift[1])}"
        self.subtitle.setText(
            (
                self.tr("%1: the shift %2, %n patient(s).", "", len(draft.patients))
                if draft.place_name
                else self.tr("The shift %2.")
            )
            .replace("%1", draft.place_name)
            .replace("%2", shift)
        )
        self.message.setText(
            self.tr("Prefilled from the shift's data. Edit what you need, then sign.")
        )
        for patient in draft.patients:
            self.patients.addItem(
                patient.patient_name + (f" – {patient.room}" if patient.room else "")
            )
        if draft.patients:
            self._current = -1
            self.patients.setCurrentRow(0)
            self._patient_chosen(0)
        self.loaded.emit()

    # Editing -------------------------------------------------------------------------------

    def current_patient(self) -> PatientHandoverDraft | None:
        if self.draft is None or not 0 <= self._current < len(self.draft.patients):
            return None
        return self.draft.patients[self._current]

    def _patient_chosen(self, row: int) -> None:
        if self.draft is None or row == self._current or not 0 <= row < len(self.draft.patients):
            return
        self._keep_current()
        self._current = row
        self._fill(self.draft.patients[row])

    def _step(self, delta: int) -> None:
        if self.draft is not None and self.draft.patients:
            row = max(0, min(len(self.draft.patients) - 1, self._current + delta))
            self.patients.setCurrentRow(row)

    def _keep_current(self) -> None:
        patient = self.current_patient()
        if patient is not None:
            self.texts[patient.patient_id] = {p: e.toPlainText() for p, e in self.editors.items()}

    def _fill(self, patient: PatientHandoverDraft | None) -> None:
        self._filling = True
        texts = self.texts.get(patient.patient_id, {}) if patient is not None else {}
        for part, editor in self.editors.items():
            editor.setPlainText(texts.get(part, ""))
        self._filling = False
        self.sources_model.set_lines(patient, texts)

    def _edited(self) -> None:
        if not self._filling:
            self._recount.start()

    def _refresh_sources(self) -> None:
        self._keep_current()
        patient = self.current_patient()
        if patient is not None:
            self.sources_model.set_lines(patient, self.texts[patient.patient_id])

    # Signing and printing ------------------------------------------------------------------

    def entry(self) -> HandoverEntry | None:
        """What is written now, as the handover to sign (None before it is read)."""
        self._keep_current()
        draft = self.draft
        if draft is None:
            return None
        patients = []
        for patient in draft.patients:
            texts = self.texts.get(patient.patient_id, {})
            parts = tuple(
                HandoverPart(
                    part,
                    texts.get(part, ""),
                    tuple(
                        source
                        for line in patient.part(part)
                        if kept(line, texts.get(part, ""))
                        for source in line.sources
                    ),
                )
                for part in IsbarPart
            )
            patients.append(PatientHandoverEntry(patient.patient_id, parts))
        return HandoverEntry(tuple(patients), shift=draft.shift, place_id=draft.place_id)

    def sign(self) -> None:
        """Sign the report on a worker (every patient's handover in one transaction)."""
        entry = self.entry()
        if entry is None or not self.sign_button.isEnabled():
            return
        checks = [patient_check(self._guard, p.patient_id) for p in entry.patients]
        source = self._source

        def write() -> object:
            for check in checks:
                check()
            return source.sign_handover(entry)

        self.sign_button.setEnabled(False)
        self.message.setText(self.tr("Signing…"))
        self._runner.run(write, on_success=self._signed, on_failure=self._sign_failed)

    def _signed(self, _resources: object) -> None:
        self.sign_button.setEnabled(True)
        self.message.setText(
            self.tr("Report signed at %1; the next shift sees it once it is synced.").replace(
                "%1", format_time(self._clock())
            )
        )
        self.signed.emit()

    def _sign_failed(self, error: BaseException) -> None:
        self.sign_button.setEnabled(True)
        self.message.setText(
            explain(error) if isinstance(error, EntryRefused) else failure_text(error)
        )

    def printed(self) -> list[PrintedPatient]:
        """What is written now, for the printable view."""
        self._keep_current()
        if self.draft is None:
            return []
        return [
            PrintedPatient(p.patient_name, p.room, self.texts.get(p.patient_id, {}))
            for p in self.draft.patients
        ]

    def print_report(self) -> None:
        """Print the plain view of the report as it is written now."""
        if self.draft is None:
            return
        document = report_document(self.tr("ISBAR report"), self.subtitle.text(), self.printed())
        print_with_dialog(document, self)
