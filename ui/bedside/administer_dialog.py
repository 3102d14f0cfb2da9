"""Record one dose: given, partly given or not given; or an as-needed (PRN) dose.

Safety checks stop the user in words (``StopPanel``): a drug the patient has a recorded
reaction to, a wrong product (substance, strength or form), an expired or unknown pack, a PRN
limit reached. Going on needs a reason, which is written into the administration. A substitute
from the ordered product's byttegruppe needs the nurse's confirmation, which is recorded too.
A controlled drug needs a second person's PIN (``CosignBox``). The dialog collects a
``DoseEntry``; the source decides what it means and saves it (``app.bedside.dose_records``), on
a worker; on failure the dialog stays open with every value kept.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.bedside.dose_records import dose_outcome
from app.bedside.round_plan import RoundRow, RowKind, ordered_dose
from app.entries import DoseEntry
from clinical import nonadministration
from clinical.allergy_check import MESSAGES as ALLERGY_MESSAGES
from clinical.allergy_check import check_drug
from clinical.doses import MESSAGES as DOSE_MESSAGES
from clinical.medication_read import allergy_drug
from clinical.nonadministration import DoseOutcome, DoseRecordError, NotGiven, NotGivenReason
from clinical.records import OverrideCheck
from ui.bedside.context import BedsideContext, edited_time, time_edit
from ui.bedside.double_signature import CosignBox
from ui.bedside.entry_dialog import EntryDialog
from ui.bedside.pack_check import PackCheckBox
from ui.bedside.round_model import dose_text
from ui.bedside.stop_panel import StopPanel
from ui.clinical_texts import clinical_text, language
from ui.presenters.formatting import format_decimal, format_time
from ui.widgets.plain import plain_label

_FUTURE_SLACK = timedelta(minutes=5)


class AdministerDialog(EntryDialog):
    """One dose (``RowKind.DOSE``) or one as-needed dose (``RowKind.PRN``).

    ``saved`` holds the resources written once the dialog has been accepted.
    """

    def __init__(
        self,
        *,
        context: BedsideContext,
        row: RoundRow,
        outcome: DoseOutcome = DoseOutcome.GIVEN,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner=context.runner, parent=parent)
        assert row.line is not None
        assert row.kind in (RowKind.DOSE, RowKind.PRN)
        self._context, self._row, self._line = context, row, row.line
        self._prn = row.kind is RowKind.PRN
        self._order_allergy: str | None = None
        self._pack_allergy: str | None = None
        self.setWindowTitle(
            (self.tr("As-needed dose: %1") if self._prn else self.tr("Give: %1")).replace(
                "%1", self._line.display
            )
        )
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        title = plain_label(self._line.display)
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(plain_label(self._order_summary()))
        self.stop_panel = StopPanel()
        layout.addWidget(self.stop_panel)
        self._build_outcome(layout, outcome)
        self._build_form(layout)
        self.pack_box = PackCheckBox(
            source=context.source,
            runner=context.runner,
            ordered=self._line.medication,
            ordered_name=self._line.display,
            dose=dose_text(self._line, self._ordered_amount_raw()),
            allergies=context.allergies,
            today=context.today,
            check_patient=context.check_patient,
        )
        self.pack_box.stops_changed.connect(self._pack_stops)
        layout.addWidget(self.pack_box)
        self.cosign: CosignBox | None = None
        if context.config.needs_double_signature(self._line.atc):
            self.cosign = CosignBox(
                source=context.source,
                runner=context.runner,
                current_user=context.user,
                medicine=self._line.display,
            )
            layout.addWidget(self.cosign)
        self.finish_layout(layout, save_text=self.tr("&Save"), cancel_text=self.tr("Cancel"))
        self.save_button.setToolTip(self.tr("Ctrl+Enter"))
        self._check_order_allergy()
        self._check_prn_limit()
        self._outcome_changed()
        self.pack_box.scan_field.setFocus()
        self._fit()

    def _fit(self) -> None:
        """Grow to show everything (a stop, the dose beside the pack) within the screen.

        ``adjustSize`` caps a window at two thirds of the screen, which squeezes the rows of
        the comparison on a 768-pixel laptop screen.
        """
        hint = self.sizeHint()
        screen = self.screen().availableGeometry()
        self.resize(
            max(self.width(), min(hint.width(), screen.width())),
            min(max(hint.height(), self.minimumSizeHint().height()), screen.height()),
        )

    def _order_summary(self) -> str:
        line = self._line
        parts = [dose_text(line, self._ordered_amount_raw()), line.route_text]
        if self._row.due_at is not None:
            parts.append(self.tr("due %1").replace("%1", format_time(self._row.due_at)))
        summary = " · ".join(p for p in parts if p)
        if line.dosage_text:
            summary += f"\n{line.dosage_text}"
        if self._prn and self._row.allowance is not None:
            allowance = self._row.allowance
            summary += "\n" + clinical_text(DOSE_MESSAGES, allowance.message_key)
            remaining = allowance.remaining_amount
            if remaining is not None:
                summary += " " + self.tr("Left in the last 24 h: %1.").replace(
                    "%1", format_decimal(remaining)
                )
        return summary

    def _ordered_amount_raw(self) -> Any:
        if self._prn:
            return None if self._row.allowance is None else self._row.allowance.dose
        return None if self._row.dose is None else self._row.dose.dose

    def _build_outcome(self, layout: QVBoxLayout, outcome: DoseOutcome) -> None:
        row = QHBoxLayout()
        self.given_radio = QRadioButton(self.tr("&Given"))
        self.partial_radio = QRadioButton(self.tr("&Partly given"))
        self.not_given_radio = QRadioButton(self.tr("&Not given"))
        self.outcome_group = QButtonGroup(self)
        for radio, value in (
            (self.given_radio, DoseOutcome.GIVEN),
            (self.partial_radio, DoseOutcome.PARTIAL),
            (self.not_given_radio, DoseOutcome.NOT_GIVEN),
        ):
            self.outcome_group.addButton(radio)
            radio.setProperty("outcome", value.value)
            row.addWidget(radio)
            radio.setChecked(value is outcome)
            radio.setVisible(not self._prn)
        row.addStretch(1)
        self.outcome_group.buttonToggled.connect(lambda *_: self._outcome_changed())
        layout.addLayout(row)

    def _build_form(self, layout: QVBoxLayout) -> None:
        form = QFormLayout()
        self.time_edit = time_edit(self._context)
        form.addRow(self.tr("&Time given:"), self.time_edit)
        self.amount = QDoubleSpinBox()
        self.amount.setDecimals(2)
        self.amount.setRange(0, 1000)
        ordered = ordered_dose(self._ordered_amount_raw())
        self._unit = None if ordered is None else ordered.unit
        if ordered is not None:
            self.amount.setValue(float(ordered.value))
        if self._unit:
            self.amount.setSuffix(f" {self._unit}")
        self.amount.valueChanged.connect(lambda _v: self._check_prn_limit())
        form.addRow(self.tr("&Amount given:"), self.amount)
        self.reason = QComboBox()
        self.reason.addItem(self.tr("Choose a reason…"), None)
        for reason in NotGivenReason:
            self.reason.addItem(reason.label(language()), reason.value)
        self.reason_text = QLineEdit()
        self.reason_text.setPlaceholderText(self.tr("Required for “Other”"))
        form.addRow(self.tr("R&eason:"), self.reason)
        form.addRow(self.tr("&Describe:"), self.reason_text)
        self.indication = QLineEdit()
        indication = self._line.indication
        if indication is not None:
            self.indication.setText(str(indication.get("text") or ""))
        self.indication.setVisible(self._prn)
        if self._prn:
            form.addRow(self.tr("&Indication (why now):"), self.indication)
        self.note = QLineEdit()
        form.addRow(self.tr("N&ote:"), self.note)
        self._form = form
        layout.addLayout(form)

    def outcome(self) -> DoseOutcome:
        """The chosen outcome (always given for an as-needed dose)."""
        if self._prn:
            return DoseOutcome.GIVEN
        checked = self.outcome_group.checkedButton()
        return DoseOutcome(checked.property("outcome")) if checked else DoseOutcome.GIVEN

    def _outcome_changed(self) -> None:
        outcome = self.outcome()
        self.amount.setEnabled(outcome is not DoseOutcome.NOT_GIVEN)
        needs_reason = outcome is not DoseOutcome.GIVEN
        for widget in (self.reason, self.reason_text):
            self._form.setRowVisible(widget, needs_reason)
        self.pack_box.setVisible(outcome is not DoseOutcome.NOT_GIVEN)
        if self.cosign is not None:
            self.cosign.setVisible(outcome is not DoseOutcome.NOT_GIVEN)
        self._fit()
        if outcome is DoseOutcome.PARTIAL and self.amount.value() > 0:
            ordered = ordered_dose(self._ordered_amount_raw())
            if ordered is not None and Decimal(str(self.amount.value())) == ordered.value:
                self.amount.setValue(0)
        if outcome is DoseOutcome.GIVEN:
            ordered = ordered_dose(self._ordered_amount_raw())
            if ordered is not None and not self._prn:
                self.amount.setValue(float(ordered.value))
        if needs_reason:
            self.reason.setFocus()

    def _check_order_allergy(self) -> None:
        result = check_drug(self._context.allergies, allergy_drug(self._line.medication))
        if result.interrupts:
            names = ", ".join(m.display or m.matched_code for m in result.matches)
            self._order_allergy = (
                clinical_text(ALLERGY_MESSAGES, result.message_key) + f" ({names})"
            )
        self._update_allergy_stop()

    def _update_allergy_stop(self) -> None:
        messages = [m for m in (self._order_allergy, self._pack_allergy) if m]
        self.stop_panel.set_stop(
            OverrideCheck.ALLERGY, "\n• ".join(dict.fromkeys(messages)) if messages else None
        )

    def _pack_stops(self, stops: dict[str, str | None]) -> None:
        # Enum keys arrive as their string values after crossing the Qt signal.
        for key, message in stops.items():
            check = OverrideCheck(key)
            if check is OverrideCheck.ALLERGY:
                self._pack_allergy = message
                self._update_allergy_stop()
            else:
                self.stop_panel.set_stop(check, message)
        self._fit()

    def _check_prn_limit(self) -> None:
        allowance = self._row.allowance
        if not self._prn or allowance is None:
            return
        remaining = allowance.remaining_amount
        over = remaining is not None and Decimal(str(self.amount.value())) > remaining
        remaining_doses = allowance.remaining_doses
        if not allowance.may_give_now or over or remaining_doses == 0:
            text = clinical_text(DOSE_MESSAGES, "doses.prn.limit_reached")
            if allowance.next_allowed_at is not None:
                text += " " + self.tr("Next dose allowed from %1.").replace(
                    "%1", format_time(allowance.next_allowed_at)
                )
            self.stop_panel.set_stop(OverrideCheck.PRN_LIMIT, text)
        else:
            self.stop_panel.set_stop(OverrideCheck.PRN_LIMIT, None)

    def refusal_focus(self) -> QWidget:
        """A rule that refuses the dose is about the outcome: its reason is the field to fix."""
        return self.reason

    def _not_given(self, outcome: DoseOutcome) -> NotGiven | None:
        if outcome is DoseOutcome.GIVEN:
            return None
        code = self.reason.currentData()
        if code is None:
            raise DoseRecordError("dose.reason_required")
        return NotGiven(NotGivenReason(code), self.reason_text.text())

    def _given_amount(self) -> Decimal:
        try:
            return Decimal(str(self.amount.value())).normalize()
        except InvalidOperation:
            return Decimal(0)

    def save(self) -> None:
        """Check the form, collect the dose and hand it over; stays open if anything is off."""
        outcome = self.outcome()
        effective = edited_time(self.time_edit, self._context)
        if effective > self._context.now() + _FUTURE_SLACK:
            self.refuse(self.tr("The time given cannot be in the future."), self.time_edit)
            return
        giving = outcome is not DoseOutcome.NOT_GIVEN
        if giving and not self.stop_panel.satisfied:
            self.refuse(
                self.tr("A check stopped this dose. Give a reason to go on, or cancel."),
                self.stop_panel.reason_field,
            )
            return
        if giving and self.pack_box.needs_confirmation:
            self.refuse(
                self.tr("The pack is a substitute: confirm the substitution before saving."),
                self.pack_box.confirm_substitute,
            )
            return
        if giving and self.cosign is not None and self.cosign.colleague is None:
            self.refuse(
                self.tr("This drug needs a second person's signature before it is saved."),
                self.cosign.button,
            )
            return
        if self._prn and not self.indication.text().strip():
            self.refuse(self.tr("Write why the as-needed dose is given."), self.indication)
            return
        try:
            entry = self.entry(outcome, effective)
            dose_outcome(entry)  # a rule refuses at once, with the reason field in focus
        except DoseRecordError as error:
            self.refuse(clinical_text(nonadministration.MESSAGES, error.key), self.reason)
            return
        source = self._context.source
        self.submit(lambda: source.record_dose(entry))

    def entry(self, outcome: DoseOutcome, effective: datetime) -> DoseEntry:
        """What the nurse chose and typed, as a plain value (``DoseRecordError`` when the
        reason for a dose not given is missing)."""
        line = self._line
        return DoseEntry(
            patient_id=self._context.patient_id,
            medication=line.source(),
            effective=effective,
            chosen=outcome,
            given=self._given_amount(),
            unit=self._unit,
            ordered=ordered_dose(self._ordered_amount_raw()),
            not_given=self._not_given(outcome),
            route=line.route,
            dosage_text=line.dosage_text or None,
            scheduled_at=None if self._row.dose is None else self._row.dose.due_at,
            pack=self.pack_box.pack,
            overrides=tuple(self.stop_panel.overrides()),
            note=self.note.text(),
            verifier=None if self.cosign is None else self.cosign.colleague,
            as_needed=self._prn,
            indication=self.indication.text(),
            ordered_indication=line.indication,
            substitution=self.pack_box.substitution,
        )
