"""Vital-signs entry with NEWS2 computed live; saved as LOINC Observations + NEWS2 at once.

Every field may be left empty (not measured); a partial set is saved without a total.
Impossible values (``clinical.vitals``) are refused with a message next to the field and
block saving; improbable ones need an explicit confirmation. Nothing typed is lost while a
value is corrected, or when saving fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.entries import RecordedVitals, VitalsEntry
from app.values import FhirJson
from clinical import vitals
from clinical.fhir_read import concept_text
from clinical.news2 import Consciousness, News2Result, Parameter, SpO2Scale, calculate
from clinical.records import VitalSignsSet
from clinical.vitals import Severity, VitalSign, check_vitals
from ui.bedside.context import BedsideContext, edited_time, time_edit
from ui.bedside.news2_panel import News2Panel
from ui.bedside.view_base import BedsideView
from ui.clinical_texts import clinical_text
from ui.errors import failure_text
from ui.presenters.formatting import format_time
from ui.widgets.plain import plain_label

_MAX_OXYGEN_FLOW = 60.0
_FUTURE_SLACK = timedelta(minutes=5)


@dataclass
class _Field:
    vital: VitalSign
    edit: QLineEdit
    score: QLabel
    finding: QLabel
    parameter: Parameter | None


def _number(text: str) -> float | None:
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return float("nan")


class VitalSignsView(BedsideView):
    """Entry form for one patient; call ``set_patient`` when the patient changes.

    Saves pass the view's ``PatientGuard`` (``BedsideView``).
    """

    recorded = Signal(list)

    def _build(self) -> None:
        """The page's widgets (called once, by ``BedsideView.__init__``)."""
        self._patient_id: str | None = None
        self._context: BedsideContext | None = None
        self._decision: FhirJson | None = None
        self._result: News2Result | None = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.title = plain_label(self.tr("Vital signs and NEWS2"))
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        left.addWidget(self.title)
        self.grid = QGridLayout()
        self.fields: dict[VitalSign, _Field] = {}
        self._build_rows()
        left.addLayout(self.grid)
        self.confirm = QCheckBox(self.tr("I &have checked the unusual values and they are right"))
        self.confirm.setVisible(False)
        left.addWidget(self.confirm)
        self.message = plain_label()
        self.message.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        left.addWidget(self.message)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save vital si&gns (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("Clear &form"))
        self.clear_button.clicked.connect(self.clear)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        self.status = plain_label()
        left.addWidget(self.status)
        left.addStretch(1)
        layout.addLayout(left, 3)
        self.panel = News2Panel()
        layout.addWidget(self.panel, 2)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        self._update()

    def _row_widgets(
        self, row: int, label: str, editor: QWidget, unit: str
    ) -> tuple[QLabel, QLabel]:
        caption = QLabel(label)
        caption.setBuddy(editor)
        score = plain_label(selectable=False, wrap=False)
        score.setMinimumWidth(score.fontMetrics().horizontalAdvance("⚠ score 00") + 8)
        finding = plain_label(selectable=False)
        finding.setMinimumWidth(220)
        self.grid.addWidget(caption, row, 0)
        self.grid.addWidget(editor, row, 1)
        self.grid.addWidget(QLabel(unit), row, 2)
        self.grid.addWidget(score, row, 3)
        self.grid.addWidget(finding, row, 4)
        return score, finding

    def _numeric(
        self, row: int, vital: VitalSign, label: str, unit: str, parameter: Parameter | None
    ) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaximumWidth(110)
        edit.setAccessibleName(label.replace("&", ""))
        score, finding = self._row_widgets(row, label, edit, unit)
        self.fields[vital] = _Field(vital, edit, score, finding, parameter)
        edit.textChanged.connect(lambda _t: self._update())
        return edit

    def _build_rows(self) -> None:
        self.time_label = QLabel(self.tr("Measure&d at:"))
        self.time_edit = QDateTimeEdit()
        self.time_edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.time_edit.setCalendarPopup(True)
        self.time_label.setBuddy(self.time_edit)
        self.grid.addWidget(self.time_label, 0, 0)
        self.grid.addWidget(self.time_edit, 0, 1, 1, 2)
        self._numeric(
            1,
            VitalSign.RESPIRATION_RATE,
            self.tr("Respiratio&n rate:"),
            self.tr("/min"),
            Parameter.RESPIRATION_RATE,
        )
        self._numeric(2, VitalSign.SPO2, self.tr("Sp&O₂:"), "%", Parameter.SPO2)
        self.scale = QComboBox()
        self.scale_note = plain_label(selectable=False)
        self.scale_note.setStyleSheet("color: #55606b;")
        self.grid.addWidget(QLabel(self.tr("SpO₂ scale:")), 3, 0)
        self.grid.addWidget(self.scale, 3, 1, 1, 2)
        self.grid.addWidget(self.scale_note, 3, 3, 1, 2)
        self.scale.currentIndexChanged.connect(lambda _i: self._update())
        self.air = QRadioButton(self.tr("A&ir"))
        self.oxygen = QRadioButton(self.tr("O&xygen"))
        self.air_group = QButtonGroup(self)
        self.air_group.setExclusive(False)
        for radio in (self.air, self.oxygen):
            self.air_group.addButton(radio)
        self.air_group.buttonToggled.connect(self._air_toggled)
        self.flow = QLineEdit()
        # The unit stands beside the field; the field itself fits "12,5" at any scaling.
        self.flow.setMaximumWidth(self.flow.fontMetrics().horizontalAdvance("000,0") + 24)
        self.flow.setAccessibleName(self.tr("Oxygen flow, litres per minute"))
        self.flow.textChanged.connect(lambda _t: self._update())
        air_row = QHBoxLayout()
        for widget in (self.air, self.oxygen, self.flow):
            air_row.addWidget(widget)
        air_row.addWidget(QLabel(self.tr("l/min")))
        air_row.addStretch(1)
        air_widget = QWidget()
        air_widget.setLayout(air_row)
        air_row.setContentsMargins(0, 0, 0, 0)
        self.air_score, self.air_finding = self._row_widgets(
            4, self.tr("Air or oxygen:"), air_widget, ""
        )
        self._numeric(
            5, VitalSign.SYSTOLIC_BP, self.tr("S&ystolic BP:"), "mmHg", Parameter.SYSTOLIC_BP
        )
        self._numeric(6, VitalSign.DIASTOLIC_BP, self.tr("Diasto&lic BP:"), "mmHg", None)
        self._numeric(7, VitalSign.PULSE, self.tr("P&ulse:"), self.tr("/min"), Parameter.PULSE)
        self.acvpu = QComboBox()
        self.acvpu.addItem(self.tr("Not assessed"), None)
        for level, text in (
            (Consciousness.ALERT, self.tr("A – Alert")),
            (Consciousness.NEW_CONFUSION, self.tr("C – New confusion")),
            (Consciousness.VOICE, self.tr("V – Responds to voice")),
            (Consciousness.PAIN, self.tr("P – Responds to pain")),
            (Consciousness.UNRESPONSIVE, self.tr("U – Unresponsive")),
        ):
            self.acvpu.addItem(text, level.value)
        self.acvpu.currentIndexChanged.connect(lambda _i: self._update())
        self.acvpu_score, _ = self._row_widgets(
            8, self.tr("Con&sciousness (ACVPU):"), self.acvpu, ""
        )
        self._numeric(
            9, VitalSign.TEMPERATURE, self.tr("Temper&ature:"), "°C", Parameter.TEMPERATURE
        )
        self.grid.setColumnStretch(4, 1)

    def _air_toggled(self, button: Any, checked: bool) -> None:
        if checked:
            other = self.oxygen if button is self.air else self.air
            other.blockSignals(True)
            other.setChecked(False)
            other.blockSignals(False)
        self.flow.setEnabled(self.oxygen.isChecked())
        self._update()

    def set_patient(self, patient_id: str) -> None:
        """Start a new form for this patient (the SpO2 scale 2 decision loads on a worker)."""
        self.show_patient(patient_id)
        self._patient_id = patient_id
        # Until this patient has loaded nothing may be saved: the old context would put the
        # new values on the previous patient.
        self._context = None
        self.scale.blockSignals(True)
        self.scale.clear()
        self.scale.blockSignals(False)
        self.clear()
        self._runner.run(
            lambda: (
                self._source.patient(patient_id),
                self._source.current_user(),
                self._source.spo2_scale_2_decision(patient_id),
            ),
            on_success=lambda result: self._loaded(patient_id, result),
            on_failure=lambda error: self.message.setText(failure_text(error)),
        )

    def _loaded(self, patient_id: str, result: Any) -> None:
        if patient_id != self._patient_id:
            return
        _patient, user, decision = result
        self._context = BedsideContext(
            source=self._source,
            runner=self._runner,
            clock=self._clock,
            config=self._config,
            patient_id=patient_id,
            user=user,
            guard=self._guard,
        )
        self._decision = decision
        self.time_edit.setDateTime(time_edit(self._context).dateTime())
        self.scale.blockSignals(True)
        self.scale.clear()
        self.scale.addItem(self.tr("Scale 1"), int(SpO2Scale.SCALE_1))
        if decision is not None:
            self.scale.addItem(self.tr("Scale 2 (documented decision)"), int(SpO2Scale.SCALE_2))
            self.scale.setCurrentIndex(1)
            self.scale_note.setText(concept_text(decision.get("code")))
        else:
            self.scale_note.setText(self.tr("Scale 2 only when a doctor's decision is documented."))
        self.scale.blockSignals(False)
        self.fields[VitalSign.RESPIRATION_RATE].edit.setFocus()
        self._update()

    def clear(self) -> None:
        """Empty every field (after a save, or on request)."""
        for field in self.fields.values():
            field.edit.blockSignals(True)
            field.edit.clear()
            field.edit.blockSignals(False)
        for radio in (self.air, self.oxygen):
            radio.blockSignals(True)
            radio.setChecked(False)
            radio.blockSignals(False)
        self.flow.clear()
        self.flow.setEnabled(False)
        self.acvpu.setCurrentIndex(0)
        self.confirm.setChecked(False)
        self.message.setText("")
        self._update()

    def _values(self) -> dict[VitalSign, float]:
        values = {}
        for vital, field in self.fields.items():
            number = _number(field.edit.text())
            if number is not None:
                values[vital] = number
        return values

    def _scale(self) -> SpO2Scale:
        data = self.scale.currentData()
        return (
            SpO2Scale(data) if data in (1, 2) and self._decision is not None else SpO2Scale.SCALE_1
        )

    def _on_oxygen(self) -> bool | None:
        if self.oxygen.isChecked():
            return True
        if self.air.isChecked():
            return False
        return None

    def _flow_problem(self) -> str | None:
        if not self.oxygen.isChecked():
            return None
        flow = _number(self.flow.text())
        if flow is None:
            return self.tr("Enter the oxygen flow in l/min.")
        if not (0 < flow <= _MAX_OXYGEN_FLOW):
            return self.tr("The oxygen flow must be between 0 and 60 l/min.")
        return None

    def _update(self) -> None:
        if hasattr(self, "message"):
            self.message.setText("")
        values = self._values()
        findings = check_vitals(values).findings
        refused = {f.vital for f in findings if f.severity is Severity.ERROR}
        for vital, field in self.fields.items():
            mine = [f for f in findings if f.vital is vital]
            if mine:
                finding = mine[0]
                symbol = "✖" if finding.severity is Severity.ERROR else "⚠"
                field.finding.setText(f"{symbol} {clinical_text(vitals.MESSAGES, finding.key)}")
                color = "#9b1c1c" if finding.severity is Severity.ERROR else "#7a4a00"
                field.finding.setStyleSheet(f"color: {color};")
            else:
                field.finding.setText("")
        flow_problem = self._flow_problem()
        self.air_finding.setText("" if flow_problem is None else f"✖ {flow_problem}")
        self.air_finding.setStyleSheet("color: #9b1c1c;")
        accepted = {v: x for v, x in values.items() if v not in refused}
        self._set = self._vital_set(accepted)
        result = calculate(self._set.news2_inputs())
        self._result = result
        for field in self.fields.values():
            score = None if field.parameter is None else result.subscore(field.parameter)
            field.score.setText(self._score_text(score))
        for label, parameter in (
            (self.air_score, Parameter.AIR_OR_OXYGEN),
            (self.acvpu_score, Parameter.CONSCIOUSNESS),
        ):
            label.setText(self._score_text(result.subscore(parameter)))
        warnings = any(f.severity is Severity.WARNING for f in findings)
        self.confirm.setVisible(warnings)
        measured = edited_time(self.time_edit, self._context) if self._context else self._clock()
        self.panel.show_result(
            result if values or self._on_oxygen() is not None else None,
            measured_at=measured,
            refused=[p for v in refused if (p := self.fields[v].parameter) is not None],
        )

    def _vital_set(self, values: dict[VitalSign, float]) -> VitalSignsSet:
        def whole(vital: VitalSign) -> int | None:
            value = values.get(vital)
            return None if value is None else round(value)

        on_oxygen = self._on_oxygen()
        flow = _number(self.flow.text()) if on_oxygen else None
        if flow is not None and not (0 < flow <= _MAX_OXYGEN_FLOW):
            flow = None
        acvpu = self.acvpu.currentData()
        return VitalSignsSet(
            respiration_rate=whole(VitalSign.RESPIRATION_RATE),
            spo2=whole(VitalSign.SPO2),
            on_oxygen=on_oxygen,
            oxygen_flow=flow,
            systolic=whole(VitalSign.SYSTOLIC_BP),
            diastolic=whole(VitalSign.DIASTOLIC_BP),
            pulse=whole(VitalSign.PULSE),
            consciousness=None if acvpu is None else Consciousness(acvpu),
            temperature=values.get(VitalSign.TEMPERATURE),
            spo2_scale=self._scale(),
        )

    def save(self) -> None:
        """Refuse impossible values, ask for confirmation of unusual ones, then write."""
        context = self._context
        if context is None:
            return
        values = self._values()
        result = check_vitals(values)
        if not result.accepted or self._flow_problem() is not None:
            first = next(
                (
                    self.fields[f.vital].edit
                    for f in result.findings
                    if f.severity is Severity.ERROR
                ),
                self.flow,
            )
            self.message.setText(
                self.tr("Correct the values marked ✖ before saving. Nothing has been saved.")
            )
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if result.needs_confirmation and not self.confirm.isChecked():
            self.message.setText(self.tr("Confirm the unusual values (marked ⚠) before saving."))
            self.confirm.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not values and self._on_oxygen() is None and self.acvpu.currentData() is None:
            self.message.setText(self.tr("Enter at least one measurement."))
            return
        effective = edited_time(self.time_edit, context)
        if effective > context.now() + _FUTURE_SLACK:
            self.message.setText(self.tr("The time measured cannot be in the future."))
            self.time_edit.setFocus()
            return
        entry = VitalsEntry(patient_id=context.patient_id, values=self._set, effective=effective)
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        source = self._source
        self._runner.run(
            lambda: source.record_vitals(entry),
            on_success=lambda recorded: self._saved(recorded, effective),
            on_failure=self._save_failed,
        )

    def _score_text(self, score: int | None) -> str:
        """ "score 2"; a red score (3) is marked, complete set or not (RCP Chart 2)."""
        if score is None:
            return ""
        text = self.tr("score %1").replace("%1", str(score))
        return f"⚠ {text}" if score == 3 else text

    def _saved(self, recorded: RecordedVitals, at: datetime) -> None:
        self.save_button.setEnabled(True)
        score = recorded.score
        total = score.aggregate
        self.clear()
        self.panel.show_result(score, measured_at=at)
        saved = (
            self.tr("✔ Saved at %1 with NEWS2 %2.").replace("%2", str(total))
            if total is not None
            else self.tr("✔ Saved at %1 (incomplete set, no NEWS2 total).")
        ).replace("%1", format_time(at))
        if score.urgent_while_partial and score.red_parameters:
            # The panel keeps the urgent response in view; the status line says it too.
            red = len(score.red_parameters)
            saved += " " + self.tr("⚠ %n parameter(s) score 3: respond now.", "", red)
        elif score.urgent_while_partial:
            saved += " " + self.tr("⚠ The measured values already need an urgent response.")
        self.status.setText(saved)
        self.recorded.emit(list(recorded.resources))

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(failure_text(error) + " " + self.tr("Your values are still here."))
