"""Confirm a multidose pouch as a unit, with per-drug exceptions.

The dialog collects a ``PouchEntry``: each drug ticked as given, or not given with its reason.
The source writes each drug as its own MedicationAdministration (so a drug that was not given
carries its own reason), all sharing one pouch-event identifier, in one transaction. Drugs given
outside the pouch are ordinary rows of the round.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bedside.round_plan import PouchItem, RoundRow, ordered_dose
from app.entries import PouchEntry, PouchItemEntry
from clinical import nonadministration
from clinical.allergy_check import MESSAGES as ALLERGY_MESSAGES
from clinical.allergy_check import check_drug
from clinical.medication_read import allergy_drug
from clinical.nonadministration import DoseRecordError, NotGiven, NotGivenReason
from clinical.records import OverrideCheck
from ui.bedside.context import BedsideContext, edited_time, time_edit
from ui.bedside.double_signature import CosignBox
from ui.bedside.entry_dialog import EntryDialog
from ui.bedside.round_model import dose_text
from ui.bedside.stop_panel import StopPanel
from ui.clinical_texts import clinical_text, language
from ui.presenters.formatting import format_time
from ui.widgets.plain import plain_label

_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1


class PouchDialog(EntryDialog):
    """All drugs of one pouch: ticked = given; an unticked drug needs a reason."""

    def __init__(
        self, *, context: BedsideContext, row: RoundRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner=context.runner, parent=parent)
        self._context, self._items = context, list(row.pouch)
        self._reasons: dict[int, tuple[str | None, str]] = {}
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
        self.finish_layout(
            layout, save_text=self.tr("&Confirm pouch"), cancel_text=self.tr("Cancel")
        )
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

    def refusal_focus(self) -> QWidget:
        """A rule that refuses the pouch is about a drug's reason: the list is where to look."""
        return self.items

    def save(self) -> None:
        """Check the pouch, collect it and hand it over (one transaction for every drug)."""
        effective = edited_time(self.time_edit, self._context)
        any_given = any(self._given(i) for i in range(len(self._items)))
        if any_given and not self.stop_panel.satisfied:
            self.refuse(
                self.tr("A check stopped this pouch. Give a reason to go on, or cancel."),
                self.stop_panel.reason_field,
            )
            return
        if any_given and self.cosign is not None and self.cosign.colleague is None:
            self.refuse(
                self.tr("The pouch holds a drug that needs a second person's signature."),
                self.cosign.button,
            )
            return
        try:
            entry = self.entry(effective)
        except DoseRecordError as error:
            self.refuse(clinical_text(nonadministration.MESSAGES, error.key), self.items)
            return
        source = self._context.source
        self.submit(lambda: source.record_pouch(entry))

    def entry(self, effective: datetime) -> PouchEntry:
        """The pouch as a plain value; ``DoseRecordError`` (with that drug selected) when a
        drug not given has no reason."""
        return PouchEntry(
            patient_id=self._context.patient_id,
            effective=effective,
            items=[self._item(index, item) for index, item in enumerate(self._items)],
            overrides=tuple(self.stop_panel.overrides()),
            verifier=None if self.cosign is None else self.cosign.colleague,
        )

    def _item(self, index: int, item: PouchItem) -> PouchItemEntry:
        given = self._given(index)
        not_given = None
        if not given:
            code, text = self._reasons.get(index, (None, ""))
            if code is None:
                self.items.setCurrentRow(index)
                raise DoseRecordError("dose.reason_required")
            not_given = NotGiven(NotGivenReason(code), text)
        return PouchItemEntry(
            medication=item.line.source(),
            given=given,
            not_given=not_given,
            ordered=ordered_dose(item.dose.dose),
            route=item.line.route,
            dosage_text=item.line.dosage_text or None,
            scheduled_at=item.dose.due_at,
            atc=item.line.atc,
        )
