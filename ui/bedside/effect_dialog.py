"""Record the effect of an as-needed dose: the dialog collects an ``EffectEntry``; the source
writes the effect Observation and completes the follow-up Task, together."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.entries import EffectEntry
from clinical.fhir_read import reference_id
from clinical.records import PrnEffect
from ui.bedside.context import BedsideContext, edited_time, time_edit
from ui.bedside.entry_dialog import EntryDialog
from ui.clinical_texts import language
from ui.widgets.plain import plain_label


class EffectDialog(EntryDialog):
    """Effective / partly / not effective / too early, with an optional note."""

    def __init__(
        self,
        *,
        context: BedsideContext,
        task: Mapping[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner=context.runner, parent=parent)
        self._context, self._task = context, task
        self.setWindowTitle(self.tr("Effect of as-needed dose"))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(str(task.get("description") or "")))
        self.group = QButtonGroup(self)
        mnemonics = {
            "effective": "&1",
            "partly-effective": "&2",
            "not-effective": "&3",
            "too-early": "&4",
        }
        for effect in PrnEffect:
            radio = QRadioButton(f"{mnemonics[effect.value]} {effect.label(language())}")
            radio.setProperty("effect", effect.value)
            self.group.addButton(radio)
            layout.addWidget(radio)
        form = QFormLayout()
        self.time_edit = time_edit(context)
        self.note = QLineEdit()
        form.addRow(self.tr("&Time assessed:"), self.time_edit)
        form.addRow(self.tr("N&ote:"), self.note)
        layout.addLayout(form)
        self.finish_layout(layout, save_text=self.tr("&Save"), cancel_text=self.tr("Cancel"))
        self.group.buttons()[0].setFocus()

    def save(self) -> None:
        """Collect the effect and hand it over (Observation and completed Task together)."""
        checked = self.group.checkedButton()
        if checked is None:
            self.refuse(self.tr("Choose how well the dose worked."))
            return
        if not reference_id(self._task.get("focus"), "MedicationAdministration"):
            self.refuse(self.tr("The follow-up does not name its dose."))
            return
        entry = EffectEntry(
            patient_id=self._context.patient_id,
            task=self._task,
            effect=PrnEffect(checked.property("effect")),
            at=edited_time(self.time_edit, self._context),
            note=self.note.text(),
        )
        source = self._context.source
        self.submit(lambda: source.record_effect(entry))
