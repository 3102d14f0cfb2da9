"""Record one dose: given, partly given or not given; or an as-needed (PRN) dose.

Safety checks stop the user in words (``StopPanel``): a drug the patient has a recorded
reaction to, a wrong product (substance, strength or form), an expired or unknown pack, a PRN
limit reached. Going on needs a reason, which is written into the administration. A substitute
from the ordered product's byttegruppe needs the nurse's confirmation, which is recorded too.
A controlled drug needs a second person's PIN (``CosignBox``). Everything is saved in one
``record`` call on a worker; on failure the dialog stays open with every value kept.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clinical import nonadministration
from clinical.allergy_check import MESSAGES as ALLERGY_MESSAGES
from clinical.allergy_check import check_drug
from clinical.doses import MESSAGES as DOSE_MESSAGES
from clinical.nonadministration import (
    DoseOutcome,
    DoseRecordError,
    NotGiven,
    NotGivenReason,
    classify_dose,
)
from clinical.records import (
    DoseQuantity,
    OverrideCheck,
    Performer,
    PerformerFunction,
    effect_followup_task,
    medication_administration,
)
from ui.bedside.context import BedsideContext, edited_time, time_edit
from ui.bedside.double_signature import CosignBox
from ui.bedside.errors import failure_text
from ui.bedside.fhir_read import allergy_drug
from ui.bedside.pack_check import PackCheckBox
from ui.bedside.round_model import dose_text
from ui.bedside.round_plan import RoundRow, RowKind, ordered_dose
from ui.bedside.stop_panel import StopPanel
from ui.bedside.texts import clinical_text, language
from ui.presenters.formatting import format_decimal, format_time
from ui.widgets.plain import plain_label

_FUTURE_SLACK = timedelta(minutes=5)


class AdministerDialog(QDialog):
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
        super().__init__(parent)
        assert row.line is not None
        assert row.kind in (RowKind.DOSE, RowKind.PRN)
        self._context, self._row, self._line = context, row, row.line
        self._prn = row.kind is RowKind.PRN
        self.saved: list[dict[str, Any]] = []
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
        self.message = plain_label()
        self.message.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Ctrl+Enter"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
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

    def _refuse(self, text: str, focus: QWidget | None = None) -> None:
        self.message.setText(text)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

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
        """Validate, build and write the record(s); stays open with a message if anything is off."""
        outcome = self.outcome()
        effective = edited_time(self.time_edit, self._context)
        if effective > self._context.now() + _FUTURE_SLACK:
            self._refuse(self.tr("The time given cannot be in the future."), self.time_edit)
            return
        giving = outcome is not DoseOutcome.NOT_GIVEN
        if giving and not self.stop_panel.satisfied:
            self._refuse(
                self.tr("A check stopped this dose. Give a reason to go on, or cancel."),
                self.stop_panel.reason_field,
            )
            return
        if giving and self.pack_box.needs_confirmation:
            self._refuse(
                self.tr("The pack is a substitute: confirm the substitution before saving."),
                self.pack_box.confirm_substitute,
            )
            return
        if giving and self.cosign is not None and self.cosign.colleague is None:
            self._refuse(
                self.tr("This drug needs a second person's signature before it is saved."),
                self.cosign.button,
            )
            return
        if self._prn and not self.indication.text().strip():
            self._refuse(self.tr("Write why the as-needed dose is given."), self.indication)
            return
        try:
            resources = self._build(outcome, effective)
        except DoseRecordError as error:
            self._refuse(clinical_text(nonadministration.MESSAGES, error.key), self.reason)
            return
        self.message.setText(self.tr("Saving…"))
        self.save_button.setEnabled(False)
        self._context.runner.run(
            lambda: self._context.source.record(resources),
            on_success=lambda _none: self._saved(resources),
            on_failure=self._save_failed,
        )

    def _build(self, outcome: DoseOutcome, effective: Any) -> list[dict[str, Any]]:
        giving = outcome is not DoseOutcome.NOT_GIVEN
        given = self._given_amount() if giving else Decimal(0)
        ordered = ordered_dose(self._ordered_amount_raw())
        not_given = self._not_given(outcome)
        if self._prn:
            if given <= 0:
                raise DoseRecordError("dose.given_negative")
        elif ordered is not None:
            outcome = classify_dose(
                prescribed=ordered.value,
                given=given,
                prescribed_unit=ordered.unit or "",
                given_unit=ordered.unit or "",
                not_given=not_given,
            ).outcome
        elif outcome is DoseOutcome.PARTIAL:
            raise DoseRecordError("dose.prescribed_not_positive")
        performers = [Performer(self._context.user)]
        if self.cosign is not None and self.cosign.colleague is not None and given > 0:
            performers.append(Performer(self.cosign.colleague, PerformerFunction.VERIFIER))
        prn_reason = None
        if self._prn:
            prn_reason = {"text": self.indication.text().strip()}
            coded = self._line.indication
            if (
                coded is not None
                and coded.get("coding")
                and coded.get("text") == prn_reason["text"]
            ):
                prn_reason = dict(coded)
        administration = medication_administration(
            patient_id=self._context.patient_id,
            medication=self._line.source(),
            performers=performers,
            effective=effective,
            outcome=outcome,
            given=DoseQuantity(given, self._unit) if outcome is not DoseOutcome.NOT_GIVEN else None,
            prescribed=ordered,
            not_given=not_given,
            route=self._line.route,
            dosage_text=self._line.dosage_text or None,
            scheduled_at=None if self._row.dose is None else self._row.dose.due_at,
            pack=self.pack_box.pack if outcome is not DoseOutcome.NOT_GIVEN else None,
            overrides=self.stop_panel.overrides() if outcome is not DoseOutcome.NOT_GIVEN else (),
            prn_reason=prn_reason,
            note=self.note.text(),
            substitution=self.pack_box.substitution
            if outcome is not DoseOutcome.NOT_GIVEN
            else None,
        )
        resources = [administration]
        if self._prn:
            config = self._context.config
            resources.append(
                effect_followup_task(
                    administration_id=administration["id"],
                    patient_id=self._context.patient_id,
                    requester=self._context.user,
                    authored=self._context.now(),
                    assess_from=effective + config.prn_followup_after,
                    assess_by=effective + config.prn_followup_by,
                    medication_display=self._line.display,
                )
            )
        return resources

    def _saved(self, resources: list[dict[str, Any]]) -> None:
        self.saved = resources
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._refuse(failure_text(error))
