"""Acknowledge or act on one follow-up item: the dialog shows it and returns plain values.

The nurse chooses what was done (acknowledge only, contacted the patient, scheduled a visit,
informed the GP, no action needed) and may add a note; ``chosen()`` returns them. The view
saves them through its source, on a worker. Keyboard: Alt+1 … Alt+5 choose, Ctrl+Enter saves.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.followup.values import FollowUpAction, FollowUpItem, FollowUpState
from ui.followup import words
from ui.widgets.button_row import ButtonRow
from ui.widgets.plain import plain_label

_ORDER = (
    FollowUpAction.ACKNOWLEDGED,
    FollowUpAction.CONTACTED_PATIENT,
    FollowUpAction.VISIT_SCHEDULED,
    FollowUpAction.GP_INFORMED,
    FollowUpAction.NO_ACTION_NEEDED,
)


class FollowUpDialog(QDialog):
    """One item, what was done, a note."""

    def __init__(self, item: FollowUpItem, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        self.setWindowTitle(self.tr("Follow up an alert"))
        self._item = item
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(words.patient(item), object_name="entryTitle"))
        what = f"{words.kind(item.kind)}: {item.title}" if item.title else words.kind(item.kind)
        layout.addWidget(plain_label(what, object_name="dialogIntro"))
        facts = [words.full_time(item.at), words.severity(item.severity), words.detail(item)]
        layout.addWidget(plain_label(" · ".join(f for f in facts if f), object_name="entryDetail"))
        if item.acknowledgements:
            layout.addWidget(plain_label(words.state(item), object_name="hint"))
        if item.state is FollowUpState.CONFLICT:
            layout.addWidget(
                plain_label(
                    self.tr(
                        "Another nurse has followed this up too. Talk to each other; what you "
                        "record here is added to your own follow-up, theirs stays as it is."
                    ),
                    object_name="hint",
                )
            )
        self.group = QButtonGroup(self)
        self.radios: dict[FollowUpAction, QRadioButton] = {}
        for number, choice in enumerate(_ORDER, start=1):
            radio = QRadioButton(f"&{number} {words.action(choice)}")
            self.group.addButton(radio)
            self.radios[choice] = radio
            layout.addWidget(radio)
        mine = [a for a in item.acknowledgements if a.mine]
        first = FollowUpAction.CONTACTED_PATIENT if mine else FollowUpAction.ACKNOWLEDGED
        self.radios[first].setChecked(True)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4)
        note_label = QLabel(self.tr("&Note (optional):"))
        note_label.setBuddy(self.note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(
            plain_label(
                self.tr("Saved on this computer and sent with the next sync."),
                object_name="hint",
            )
        )
        box = ButtonRow(
            action_text=self.tr("&Save"),
            cancel_text=self.tr("Cancel"),
            on_accept=self.accept,
            on_reject=self.reject,
        )
        box.action.setToolTip(self.tr("Save (Ctrl+Enter)"))
        layout.addWidget(box)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

    @property
    def item(self) -> FollowUpItem:
        return self._item

    def chosen(self) -> tuple[FollowUpAction, str]:
        """What was done and the note (trimmed)."""
        action = next(a for a, radio in self.radios.items() if radio.isChecked())
        return action, self.note.toPlainText().strip()
