"""A patient's nursing notes: the list (newest first, from every system), the note read whole,
and the editor for a new note or a correction.

A corrected note stays in the list, struck through and marked "Corrected", beside the
correction that replaced it: documentation is never edited in place. Notes another system
wrote show as plain text; an attachment that is not text (a PDF) is named, to be opened in
that system. Keyboard: Ctrl+Shift+J starts a new note (or goes on with the draft), Ctrl+K
corrects the selected note (your own only), Enter reads it, Ctrl+Enter signs in the editor.

The list is painted from C++ (``ui.models.cell_table``): a strike-through is a font role.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.contract import ShiftWorkSource
from app.shift.values import NoteEntryView, NoteList
from clinical.patient_guard import PatientGuard
from clinical.records.nursing_note import NoteCategory
from ui.errors import failure_text
from ui.models.cell_table import CellTableModel, Roles
from ui.presenters.formatting import format_datetime
from ui.shift.guard_check import patient_check
from ui.shift.note_editor import NoteEditor
from ui.shift.wording import note_status_text
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label
from ui.widgets.row_table import set_up_row_table

NOTE_ROLE: Final = Qt.ItemDataRole.UserRole + 1


class NoteListModel(CellTableModel):
    """Time, category, author, status, first line; every cell answers ``NOTE_ROLE``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(5, parent)
        self.set_titles(
            [
                self.tr("Happened"),
                self.tr("Category"),
                self.tr("Author"),
                self.tr("Status"),
                self.tr("Note"),
            ]
        )
        self._struck = QFont()
        self._struck.setStrikeOut(True)

    def set_notes(self, notes: NoteList) -> None:
        """Replace every row."""
        self.set_cells(self._cells(view) for view in notes.notes)

    def _cells(self, view: NoteEntryView) -> list[Roles]:
        note = view.note
        first = note.text.strip().split("\n")[0] if note.text.strip() else note.title
        if note.attachments and not note.text.strip():
            first = self.tr("Attachment: %1").replace(
                "%1", note.attachments[0].title or note.attachments[0].content_type
            )
        status = note_status_text(note.status, corrected_by=view.corrected_by, amended=note.amended)
        texts = [
            format_datetime(note.observed_at),
            note.category_text,
            note.author,
            status,
            first,
        ]
        shared: dict[int, Any] = {
            NOTE_ROLE: view,
            Qt.ItemDataRole.ToolTipRole: note.text[:500] or None,
            Qt.ItemDataRole.AccessibleTextRole: ", ".join(t for t in texts if t),
        }
        if note.withdrawn:
            shared[Qt.ItemDataRole.FontRole] = self._struck
        return [{**shared, Qt.ItemDataRole.DisplayRole: text} for text in texts]

    def note_at(self, row: int) -> NoteEntryView | None:
        found = self.value_at(row, NOTE_ROLE)
        return found if isinstance(found, NoteEntryView) else None


class NotesView(QWidget):
    """A patient's notes and the note editor; ``set_patient`` shows another patient."""

    loaded = Signal()
    signed = Signal()

    def __init__(
        self,
        *,
        source: ShiftWorkSource,
        runner: TaskRunner,
        clock: Callable[[], datetime],
        zone: ZoneInfo,
        guard: PatientGuard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source, self._runner, self._clock, self._zone = source, runner, clock, zone
        self._guard = guard
        self._patient_id: str | None = None
        self._generation = 0
        self.notes = NoteList()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.title = plain_label(self.tr("Notes"))
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        bar.addWidget(self.title)
        bar.addStretch(1)
        self.new_button = QPushButton(self.tr("Ne&w note"))
        self.new_button.setToolTip(self.tr("Write a note, or go on with your draft (Ctrl+Shift+J)"))
        self.new_button.clicked.connect(self.new_note)
        self.correct_button = QPushButton(self.tr("Correctio&n…"))
        self.correct_button.setToolTip(
            self.tr("Correct your own note; the original stays visible (Ctrl+K)")
        )
        self.correct_button.clicked.connect(self.correct_selected)
        bar.addWidget(self.new_button)
        bar.addWidget(self.correct_button)
        layout.addLayout(bar)
        self.draft_notice = plain_label(object_name="draftNotice")
        layout.addWidget(self.draft_notice)
        self.model = NoteListModel(self)
        self._build_table()
        self.reader = QPlainTextEdit()
        self.reader.setReadOnly(True)
        self.reader.setAccessibleName(self.tr("The note"))
        self.editor = NoteEditor(
            source=source,
            runner=runner,
            clock=clock,
            zone=zone,
            check=lambda patient_id: patient_check(self._guard, patient_id),
        )
        self.editor.signed.connect(self._after_sign)
        self.editor.closed.connect(self._close_editor)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.reader)
        self.pages.addWidget(self.editor)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.message = plain_label()
        layout.addWidget(self.message)
        for keys, slot in (("Ctrl+Shift+J", self.new_note), ("Ctrl+K", self.correct_selected)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.table.activated.connect(lambda _i: self._show_selected())

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_row_table(self.table, wrap=False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(2, True)  # the author is read in the note itself
        self.table.setAccessibleName(self.tr("Notes, newest first"))

    def set_patient(self, patient_id: str) -> None:
        """Show ``patient_id``'s notes (emptied at once, read on a worker)."""
        self._patient_id = patient_id
        self.pages.setCurrentWidget(self.reader)
        self.reload()

    def refresh(self) -> None:
        """Read the notes again after a sync brought new data (the editor is left alone)."""
        self.reload()

    def reload(self) -> None:
        """Read the notes (and whether a draft waits) again."""
        patient_id = self._patient_id
        if patient_id is None:
            return
        self._generation += 1
        generation = self._generation
        self.model.set_notes(NoteList())
        self.reader.setPlainText("")
        self.message.setText(self.tr("Reading from this computer…"))
        source = self._source

        def read() -> tuple[NoteList, bool]:
            return source.notes(patient_id), source.note_draft(patient_id) is not None

        def shown(result: tuple[NoteList, bool]) -> None:
            if generation != self._generation:
                return
            notes, has_draft = result
            self.notes = notes
            self.model.set_notes(notes)
            self.message.setText("" if notes.notes else self.tr("No notes yet."))
            self.draft_notice.setText(
                self.tr("✎ You have an unsigned draft for this patient: New note goes on with it.")
                if has_draft
                else ""
            )
            if self.model.rowCount():
                self.table.selectRow(0)
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.message.setText(failure_text(error))

        self._runner.run(read, on_success=shown, on_failure=failed)

    def selected(self) -> NoteEntryView | None:
        return self.model.note_at(self.table.currentIndex().row())

    def _show_selected(self) -> None:
        view = self.selected()
        self.correct_button.setEnabled(view is not None and view.own and not view.note.withdrawn)
        if view is None:
            self.reader.setPlainText("")
            return
        self.reader.setPlainText(self._reading(view))

    def _reading(self, view: NoteEntryView) -> str:
        note = view.note
        lines = [
            f"{note.category_text}  ·  {note.author}".strip(" ·"),
            self.tr("Happened: %1   Written: %2")
            .replace("%1", format_datetime(note.observed_at))
            .replace("%2", format_datetime(note.written_at)),
        ]
        status = note_status_text(note.status, corrected_by=view.corrected_by, amended=note.amended)
        if status:
            lines.append(status)
        lines += ["", note.text]
        for attachment in note.attachments:
            lines.append(
                self.tr("Attachment (%1): %2 – open it in the journal system it came from.")
                .replace("%1", attachment.content_type)
                .replace("%2", attachment.title or "–")
            )
        return "\n".join(lines)

    def new_note(self) -> None:
        """Open the editor: with the unsigned draft when there is one."""
        patient_id = self._patient_id
        if patient_id is None:
            return
        self._open_editor(patient_id, correcting=None)

    def correct_selected(self) -> None:
        """Open the editor to correct the selected note (the user's own, not yet corrected)."""
        view = self.selected()
        if self._patient_id is None or view is None or not view.own or view.note.withdrawn:
            if view is not None and not view.own:
                self.message.setText(
                    self.tr("Only the author can correct a note. Write a new note instead.")
                )
            return
        self._open_editor(self._patient_id, correcting=view)

    def _open_editor(self, patient_id: str, *, correcting: NoteEntryView | None) -> None:
        source = self._source
        corrected = None if correcting is None else correcting.note.id

        def read() -> tuple[Any, Any]:
            return source.note_draft(patient_id, correcting=corrected), source.note_links(
                patient_id
            )

        def opened(result: tuple[Any, Any]) -> None:
            if patient_id != self._patient_id:
                return
            draft, links = result
            category = None
            if correcting is not None:
                try:
                    category = NoteCategory(correcting.note.category)
                except ValueError:
                    category = None
            self.editor.start(
                patient_id,
                draft=draft,
                links=links,
                correcting=corrected,
                original_text="" if correcting is None else correcting.note.text,
                original_category=category,
            )
            self.pages.setCurrentWidget(self.editor)
            self.editor.text.setFocus()

        self._runner.run(
            read, on_success=opened, on_failure=lambda e: self.message.setText(failure_text(e))
        )

    def _close_editor(self) -> None:
        self.pages.setCurrentWidget(self.reader)
        self.table.setFocus()
        self.reload()

    def _after_sign(self) -> None:
        self.pages.setCurrentWidget(self.reader)
        self.signed.emit()
        self.reload()
