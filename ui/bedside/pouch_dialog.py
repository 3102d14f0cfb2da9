"""Confirm a multidose pouch as a unit, with per-drug exceptions.

Each drug in the pouch is written as its own MedicationAdministration (so a drug that was
not given carries its own reason), all sharing one pouch-event identifier and saved in one
``record`` call. Drugs given outside the pouch are ordinary rows of the round.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinical import nonadministration
from clinical.allergy_check import MESSAGES as ALLERGY_MESSAGES
from clinical.allergy_check import check_drug
from clinical.nonadministration import DoseOutcome, DoseRecordError, NotGiven, NotGivenReason
from clinical.records import (
    OverrideCheck,
    Performer,
    PerformerFunction,
    medication_administration,
    new_id,
)
from ui.bedside.context import BedsideContext, edited_time, time_edit
from ui.bedside.double_signature import CosignBox
from ui.bedside.errors import failure_text
from ui.bedside.fhir_read import allergy_drug
from ui.bedside.round_model import dose_text
from ui.bedside.round_plan import PouchItem, RoundRow, ordered_dose
from ui.bedside.stop_panel import StopPanel
from ui.bedside.texts import clinical_text, language
from ui.presenters.formatting import format_time
from ui.widgets.plain import plain_label

_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1


class PouchDialog(QDialog):
    """All drugs of one pouch: ticked = given; an unticked drug needs a reason."""

    def __init__(
        self, *, context: BedsideContext, row: RoundRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context, self._items = context, list(row.pouch)
        self._reasons: dict[int, tuple[str | None, str]] = {}
        self.saved: list[dict[str, Any]] = []
        due = self._items[0].dose.due_at
        self.setWindowTitle(self.tr("Multidose pouch %1").replace("%1", format_time(due)))
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        title = plain_label(self.tr("Multidose pouch %1").replace("%1", format_time(due)))
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Check the pouch label (name, date, time). Confirm the pouch as a whole; "
                    "untick (Space) a medicine that was not given and give the reason."
                )
            )
        )
        self.stop_panel = StopPanel()
        layout.addWidget(self.stop_panel)
        self.items = QListWidget()
        self.items.setAccessibleName(self.tr("Medicines in the pouch"))
        self.items.setWordWrap(True)
        for index in range(len(self._items)):
            entry = QListWidgetItem()
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            entry.setData(_INDEX_ROLE, index)
            self.items.addItem(entry)
        self.items.itemChanged.connect(lambda _item: self._refresh_items())
        self.items.currentRowChanged.connect(lambda _row: self._load_exception())
        layout.addWidget(self.items)
        self._build_exception(layout)
        form = QFormLayout()
        self.time_edit = time_edit(context)
        form.addRow(self.tr("&Time given:"), self.time_edit)
        layout.addLayout(form)
        self.cosign: CosignBox | None = None
        if any(context.config.needs_double_signature(i.line.atc) for i in self._items):
            self.cosign = CosignBox(
                source=context.source,
                runner=context.runner,
                current_user=context.user,
                medicine=self.tr("the pouch"),
            )
            layout.addWidget(self.cosign)
        self.message = plain_label()
        self.message.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Confirm pouch"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        self._check_allergies()
        self._refresh_items()
        self.items.setCurrentRow(0)
        self.items.setFocus()

    def _build_exception(self, layout: QVBoxLayout) -> None:
        self.exception_box = QGroupBox(self.tr("Not given from the pouch"))
        form = QFormLayout(self.exception_box)
        self.reason = QComboBox()
        self.reason.addItem(self.tr("Choose a reason…"), None)
        for reason in NotGivenReason:
            self.reason.addItem(reason.label(language()), reason.value)
        self.reason_text = QLineEdit()
        self.reason_text.setPlaceholderText(self.tr("Required for “Other”"))
        form.addRow(self.tr("R&eason:"), self.reason)
        form.addRow(self.tr("&Describe:"), self.reason_text)
        self.reason.currentIndexChanged.connect(lambda _i: self._store_exception())
        self.reason_text.textChanged.connect(lambda _t: self._store_exception())
        self.none_button = QPushButton(self.tr("N&othing from the pouch was given"))
        self.none_button.clicked.connect(self._none_given)
        form.addRow(self.none_button)
        layout.addWidget(self.exception_box)

    def _check_allergies(self) -> None:
        messages = []
        for item in self._items:
            result = check_drug(self._context.allergies, allergy_drug(item.line.medication))
            if result.interrupts:
                messages.append(
                    f"{item.line.display}: {clinical_text(ALLERGY_MESSAGES, result.message_key)}"
                )
        self.stop_panel.set_stop(OverrideCheck.ALLERGY, "\n• ".join(messages) or None)

    def _given(self, index: int) -> bool:
        entry = self.items.item(index)
        return entry is not None and entry.checkState() == Qt.CheckState.Checked

    def _refresh_items(self) -> None:
        self.items.blockSignals(True)
        for index, item in enumerate(self._items):
            entry = self.items.item(index)
            amount = dose_text(item.line, item.dose.dose)
            if self._given(index):
                entry.setText(
                    self.tr("✔ Given: %1 – %2")
                    .replace("%1", item.line.display)
                    .replace("%2", amount)
                )
            else:
                code, text = self._reasons.get(index, (None, ""))
                reason = (
                    NotGivenReason(code).label(language()) if code else self.tr("reason missing")
                )
                if text:
                    reason += f": {text}"
                entry.setText(
                    self.tr("✖ Not given: %1 – %2")
                    .replace("%1", item.line.display)
                    .replace("%2", reason)
                )
        self.items.blockSignals(False)
        self._load_exception()

    def _load_exception(self) -> None:
        index = self.items.currentRow()
        active = index >= 0 and not self._given(index)
        self.exception_box.setEnabled(active or index >= 0)
        for widget in (self.reason, self.reason_text):
            widget.setEnabled(active)
        code, text = self._reasons.get(index, (None, ""))
        for widget in (self.reason, self.reason_text):
            widget.blockSignals(True)
        self.reason.setCurrentIndex(max(0, self.reason.findData(code)) if code else 0)
        self.reason_text.setText(text)
        for widget in (self.reason, self.reason_text):
            widget.blockSignals(False)

    def _store_exception(self) -> None:
        index = self.items.currentRow()
        if index < 0 or self._given(index):
            return
        self._reasons[index] = (self.reason.currentData(), self.reason_text.text())
        self._refresh_items()

    def _none_given(self) -> None:
        current = (self.reason.currentData(), self.reason_text.text())
        for index in range(self.items.count()):
            self.items.item(index).setCheckState(Qt.CheckState.Unchecked)
            if current[0] is not None:
                self._reasons[index] = current
        self._refresh_items()
        self.reason.setFocus()

    def _refuse(self, text: str, focus: QWidget | None = None) -> None:
        self.message.setText(text)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        """Write one administration per drug (one transaction)."""
        effective = edited_time(self.time_edit, self._context)
        any_given = any(self._given(i) for i in range(len(self._items)))
        if any_given and not self.stop_panel.satisfied:
            self._refuse(
                self.tr("A check stopped this pouch. Give a reason to go on, or cancel."),
                self.stop_panel.reason_field,
            )
            return
        if any_given and self.cosign is not None and self.cosign.colleague is None:
            self._refuse(
                self.tr("The pouch holds a drug that needs a second person's signature."),
                self.cosign.button,
            )
            return
        try:
            resources = self._build(effective)
        except DoseRecordError as error:
            self._refuse(clinical_text(nonadministration.MESSAGES, error.key), self.items)
            return
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        self._context.runner.run(
            lambda: self._context.source.record(resources),
            on_success=lambda _none: self._saved(resources),
            on_failure=self._save_failed,
        )

    def _build(self, effective: Any) -> list[dict[str, Any]]:
        pouch_id = new_id()
        resources = []
        for index, item in enumerate(self._items):
            resources.append(self._administration(index, item, effective, pouch_id))
        return resources

    def _administration(
        self, index: int, item: PouchItem, effective: Any, pouch_id: str
    ) -> dict[str, Any]:
        given = self._given(index)
        not_given = None
        if not given:
            code, text = self._reasons.get(index, (None, ""))
            if code is None:
                self.items.setCurrentRow(index)
                raise DoseRecordError("dose.reason_required")
            not_given = NotGiven(NotGivenReason(code), text)
        performers = [Performer(self._context.user)]
        if (
            given
            and self.cosign is not None
            and self.cosign.colleague is not None
            and self._context.config.needs_double_signature(item.line.atc)
        ):
            performers.append(Performer(self.cosign.colleague, PerformerFunction.VERIFIER))
        ordered = ordered_dose(item.dose.dose)
        return medication_administration(
            patient_id=self._context.patient_id,
            medication=item.line.source(),
            performers=performers,
            effective=effective,
            outcome=DoseOutcome.GIVEN if given else DoseOutcome.NOT_GIVEN,
            given=ordered if given else None,
            not_given=not_given,
            route=item.line.route,
            dosage_text=item.line.dosage_text or None,
            scheduled_at=item.dose.due_at,
            overrides=self.stop_panel.overrides() if given else (),
            pouch_event_id=pouch_id,
        )

    def _saved(self, resources: list[dict[str, Any]]) -> None:
        self.saved = resources
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._refuse(failure_text(error))
