"""Writing a nursing note: category, when it happened, what it concerns, the text; kept as a
draft in the encrypted store as it is typed, and signed with Ctrl+Enter.

Every change stages the draft in memory at once (``ShiftWorkSource.stage_note_draft``, which
never blocks) and a worker writes it into the store, one write at a time (the newest text wins;
a change made while a write runs is written right after). A lock or a user switch writes what
is staged before the store closes, and a crash or kill loses at most the keystrokes of the one
write in flight. The text is plain text: nothing typed is ever read as markup.

A correction is the same editor with the original's text to start from; signing it keeps the
original visible, marked as corrected.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.contract import ShiftWorkSource
from app.errors import EntryRefused
from app.shift.entries import NoteEntry
from app.shift.values import NoteDraft, NoteLink
from clinical.records.nursing_note import NoteCategory
from ui.errors import explain, failure_text
from ui.presenters.formatting import format_time
from ui.shift.ctrl_enter import let_ctrl_enter_through
from ui.shift.outcome_dialog import datetime_edit, edited
from ui.shift.wording import category_text, link_text
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label


class NoteEditor(QWidget):
    """One note being written for one patient (or one correction)."""

    signed = Signal()
    closed = Signal()

    def __init__(
        self,
        *,
        source: ShiftWorkSource,
        runner: TaskRunner,
        clock: Callable[[], datetime],
        zone: ZoneInfo,
        check: Callable[[str], Callable[[], None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source, self._runner, self._clock, self._zone = source, runner, clock, zone
        self._check = check
        self._patient_id = ""
        self._note_id = ""
        self._correcting: str | None = None
        self._writing = False
        self._again = False
        self._loading = False
        layout = QVBoxLayout(self)
        self.heading = plain_label()
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        form = QFormLayout()
        self.category = QComboBox()
        for category in NoteCategory:
            self.category.addItem(category_text(category), category.value)
        self.observed = datetime_edit(clock().astimezone(zone))
        self.related = QComboBox()
        self.related.addItem(self.tr("Nothing in particular"), "")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        let_ctrl_enter_through(self.text)
        self.text.setAccessibleName(self.tr("Note text"))
        form.addRow(self.tr("Categor&y:"), self.category)
        form.addRow(self.tr("Happened &at:"), self.observed)
        form.addRow(self.tr("Concern&s:"), self.related)
        form.addRow(self.tr("Te&xt:"), self.text)
        layout.addLayout(form, 1)
        self.status = plain_label(object_name="draftStatus")
        layout.addWidget(self.status)
        self.message = plain_label()
        self.message.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.sign_button = QPushButton(self.tr("Sign"))
        self.sign_button.setToolTip(self.tr("Sign the note (Ctrl+Enter)"))
        self.sign_button.clicked.connect(self.sign)
        self.discard_button = QPushButton(self.tr("&Discard the draft"))
        self.discard_button.clicked.connect(self.discard)
        self.close_button = QPushButton(self.tr("C&lose (keep the draft)"))
        self.close_button.clicked.connect(self.closed)
        for button in (self.sign_button, self.discard_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.sign)
        for changed in (
            self.text.textChanged,
            self.category.currentIndexChanged,
            self.observed.dateTimeChanged,
            self.related.currentIndexChanged,
        ):
            changed.connect(self._changed)

    @property
    def correcting(self) -> str | None:
        return self._correcting

    def start(
        self,
        patient_id: str,
        *,
        draft: NoteDraft | None,
        links: Sequence[NoteLink] = (),
        correcting: str | None = None,
        original_text: str = "",
        original_category: NoteCategory | None = None,
    ) -> None:
        """Begin (or go on with ``draft``) a note for ``patient_id``; a correction of the note
        ``correcting`` starts from ``original_text``."""
        self._loading = True
        self._patient_id = patient_id
        self._correcting = correcting
        self.message.setText("")
        self.heading.setText(self.tr("Correct the note") if correcting else self.tr("New note"))
        self.related.clear()
        self.related.addItem(self.tr("Nothing in particular"), "")
        for link in links:
            self.related.addItem(link_text(link), link.reference)
        if draft is not None:
            self._note_id = draft.note_id
            self._select(self.category, draft.category.value)
            if draft.observed_at is not None:
                self.observed.setDateTime(
                    datetime_edit(draft.observed_at.astimezone(self._zone)).dateTime()
                )
            if draft.related:
                self._select(self.related, draft.related[0])
            self.text.setPlainText(draft.text)
            saved = format_time(draft.saved_at) if draft.saved_at else ""
            self.status.setText(
                self.tr("Your unsigned draft from %1.").replace("%1", saved)
                if saved
                else self.tr("Your unsigned draft.")
            )
        else:
            self._note_id = str(uuid.uuid4())
            self._select(self.category, (original_category or NoteCategory.OBSERVATION).value)
            self.observed.setDateTime(
                datetime_edit(self._clock().astimezone(self._zone)).dateTime()
            )
            self.text.setPlainText(original_text)
            self.status.setText("")
        self._loading = False
        self.sign_button.setEnabled(True)
        self.text.setFocus()
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def draft(self) -> NoteDraft:
        """What is typed now, as a draft."""
        related = self.related.currentData()
        return NoteDraft(
            patient_id=self._patient_id,
            note_id=self._note_id,
            category=NoteCategory(self.category.currentData()),
            text=self.text.toPlainText(),
            observed_at=edited(self.observed, self._zone),
            related=(related,) if related else (),
            correcting=self._correcting,
            saved_at=self._clock(),
        )

    def _changed(self) -> None:
        if self._loading or not self._patient_id:
            return
        self._source.stage_note_draft(self.draft())
        self._write_staged()

    def _write_staged(self) -> None:
        if self._writing:
            self._again = True
            return
        self._writing = True
        self._again = False
        self.status.setText(self.tr("Saving the draft…"))
        self._runner.run(
            self._source.save_note_drafts, on_success=self._written, on_failure=self._not_written
        )

    def _written(self, _count: object) -> None:
        self._writing = False
        if self._again:
            self._write_staged()
            return
        self.status.setText(
            self.tr("Draft saved on this computer at %1 (encrypted, not signed).").replace(
                "%1", format_time(self._clock())
            )
        )

    def _not_written(self, error: BaseException) -> None:
        self._writing = False
        # The draft stays staged and is written at the next change, or before a lock.
        self.status.setText(
            self.tr("The draft is not saved yet: %1").replace("%1", failure_text(error))
        )

    def sign(self) -> None:
        """Sign the note (or the correction) on a worker; the list reloads when it is saved."""
        if not self._patient_id or not self.sign_button.isEnabled():
            return
        if not self.text.toPlainText().strip():
            self.message.setText(self.tr("The note is empty."))
            self.text.setFocus()
            return
        draft = self.draft()
        entry = NoteEntry(
            patient_id=draft.patient_id,
            note_id=draft.note_id,
            category=draft.category,
            text=draft.text,
            observed_at=draft.observed_at or self._clock(),
            related=draft.related,
            correcting=draft.correcting,
        )
        source, check = self._source, self._check(draft.patient_id)

        def write() -> object:
            check()
            return source.sign_note(entry)

        self.sign_button.setEnabled(False)
        self.message.setText(self.tr("Signing…"))
        self._runner.run(write, on_success=self._signed, on_failure=self._sign_failed)

    def _signed(self, _note: object) -> None:
        self.message.setText("")
        self.status.setText(
            self.tr("Signed at %1; sent with the next sync.").replace(
                "%1", format_time(self._clock())
            )
        )
        self._loading = True
        self.text.clear()
        self._loading = False
        self._patient_id = ""
        self.signed.emit()

    def _sign_failed(self, error: BaseException) -> None:
        self.sign_button.setEnabled(True)
        self.message.setText(
            explain(error) if isinstance(error, EntryRefused) else failure_text(error)
        )

    def discard(self) -> None:
        """Throw the draft away (on a worker) and close the editor."""
        if not self._patient_id:
            self.closed.emit()
            return
        patient_id, correcting = self._patient_id, self._correcting
        self._loading = True
        self.text.clear()
        self._loading = False
        self._patient_id = ""
        self._runner.run(
            lambda: self._source.discard_note_draft(patient_id, correcting=correcting),
            on_success=lambda _r: self.closed.emit(),
            on_failure=lambda e: self.message.setText(failure_text(e)),
        )
