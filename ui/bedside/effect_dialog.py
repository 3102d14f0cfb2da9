"""Record the effect of an as-needed dose: an Observation, and the follow-up Task completed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clinical.records import PrnEffect, completed_followup, effect_observation
from ui.bedside.context import BedsideContext, edited_time, time_edit
from ui.bedside.errors import failure_text
from ui.bedside.fhir_read import reference_id
from ui.bedside.texts import language
from ui.widgets.plain import plain_label


class EffectDialog(QDialog):
    """Effective / partly / not effective / too early, with an optional note."""

    def __init__(
        self,
        *,
        context: BedsideContext,
        task: Mapping[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._task = context, task
        self.saved: list[dict[str, Any]] = []
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
        self.message = plain_label()
        self.message.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        self.group.buttons()[0].setFocus()

    def save(self) -> None:
        """Write the effect Observation and the completed Task together."""
        checked = self.group.checkedButton()
        if checked is None:
            self.message.setText(self.tr("Choose how well the dose worked."))
            return
        administration_id = reference_id(self._task.get("focus"), "MedicationAdministration")
        if administration_id is None:
            self.message.setText(self.tr("The follow-up does not name its dose."))
            return
        at = edited_time(self.time_edit, self._context)
        observation = effect_observation(
            administration_id=administration_id,
            patient_id=self._context.patient_id,
            performer=self._context.user,
            effective=at,
            effect=PrnEffect(checked.property("effect")),
            note=self.note.text(),
        )
        task = completed_followup(
            self._task, observation_id=observation["id"], owner=self._context.user, at=at
        )
        resources = [observation, task]
        self.save_button.setEnabled(False)
        self._context.runner.run(
            lambda: self._context.source.record(resources),
            on_success=lambda _none: self._saved(resources),
            on_failure=self._failed,
        )

    def _saved(self, resources: list[dict[str, Any]]) -> None:
        self.saved = resources
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(failure_text(error))
