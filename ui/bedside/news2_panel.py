"""The live NEWS2 result: aggregate, response in plain words, when to measure next."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from clinical import news2
from clinical.news2 import News2Result, Parameter, ResponseBand, next_measurement_due
from ui.clinical_texts import clinical_text
from ui.presenters.formatting import format_datetime
from ui.widgets.plain import plain_label

# Background per band; the number, the risk word and the text carry the meaning.
_BAND_STYLE = {
    None: ("#f3f4f6", "#1f2933"),
    ResponseBand.ZERO: ("#eef7ee", "#1f2933"),
    ResponseBand.LOW: ("#eef7ee", "#1f2933"),
    ResponseBand.LOW_MEDIUM: ("#fff4d6", "#5a3b00"),
    ResponseBand.MEDIUM: ("#ffe3c2", "#5a2a00"),
    ResponseBand.HIGH: ("#fdecec", "#9b1c1c"),
}


class News2Panel(QFrame):
    """Shows a ``News2Result``; partial sets show no aggregate, but the band they reach at
    least when that already needs an urgent response, and which parameters score 3."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("news2Panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.score = plain_label(selectable=False)
        self.score.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.risk = plain_label(selectable=False)
        self.risk.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.response = plain_label()
        self.next_due = plain_label()
        self.next_due.setStyleSheet("font-weight: bold;")
        self.subscores = plain_label(selectable=False)
        for label in (self.response, self.next_due, self.subscores):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
        for widget in (self.score, self.risk, self.response, self.next_due, self.subscores):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.show_result(None, measured_at=None)

    def _risk_word(self, band: ResponseBand | None) -> str:
        return {
            None: self.tr("No total yet"),
            ResponseBand.ZERO: self.tr("Low risk (0)"),
            ResponseBand.LOW: self.tr("Low risk"),
            ResponseBand.LOW_MEDIUM: self.tr("Low–medium risk: a single parameter scores 3"),
            ResponseBand.MEDIUM: self.tr("Medium risk"),
            ResponseBand.HIGH: self.tr("High risk"),
        }[band]

    def _names(self) -> dict[Parameter, str]:
        return {
            Parameter.RESPIRATION_RATE: self.tr("Respiration rate"),
            Parameter.SPO2: self.tr("SpO₂"),
            Parameter.AIR_OR_OXYGEN: self.tr("Air or oxygen"),
            Parameter.SYSTOLIC_BP: self.tr("Systolic BP"),
            Parameter.PULSE: self.tr("Pulse"),
            Parameter.CONSCIOUSNESS: self.tr("Consciousness"),
            Parameter.TEMPERATURE: self.tr("Temperature"),
        }

    def _subscore_lines(
        self, result: News2Result | None, refused: Collection[Parameter] = ()
    ) -> str:
        if result is None:
            return ""
        lines = []
        for parameter, name in self._names().items():
            score = result.subscore(parameter)
            shown = self.tr("not measured") if score is None else str(score)
            if parameter in refused:
                shown = self.tr("✖ value refused")
            mark = "  ⚠" if score == 3 else ""
            lines.append(f"{name}: {shown}{mark}")
        scale = self.tr("SpO₂ scale %1").replace("%1", str(int(result.spo2_scale)))
        return self.tr("Subscores") + f" ({scale})\n" + "\n".join(lines)

    def show_result(
        self,
        result: News2Result | None,
        *,
        measured_at: datetime | None,
        refused: Collection[Parameter] = (),
    ) -> None:
        """Show the score of the values entered so far."""
        band = None if result is None else result.band
        aggregate = None if result is None else result.aggregate
        urgent_partial = result is not None and result.urgent_while_partial
        self.score.setText(
            self.tr("NEWS2: %1").replace("%1", "–" if aggregate is None else str(aggregate))
        )
        if result is not None and urgent_partial:
            risk = "⚠ " + self.tr("At least: %1 (incomplete set)").replace(
                "%1", self._risk_word(result.least_band)
            )
        else:
            risk = ("⚠ " if band is not None and band.rank >= 2 else "") + self._risk_word(band)
        if result is not None and result.red_parameters and not result.complete:
            names = self._names()
            risk += "\n" + self.tr("Scores 3 (red): %1").replace(
                "%1", ", ".join(names[p] for p in result.red_parameters)
            )
        self.risk.setText(risk)
        if result is None:
            self.response.setText(self.tr("Enter the measurements to see the score."))
        else:
            self.response.setText(clinical_text(news2.MESSAGES, result.message_key))
        due = None
        if result is not None and measured_at is not None and band is not None:
            due = next_measurement_due(result, measured_at=measured_at)
            self.next_due.setText(
                self.tr("Continuous monitoring.")
                if due is None
                else self.tr("Next full set of measurements by %1.").replace(
                    "%1", format_datetime(due)
                )
            )
        else:
            self.next_due.setText("")
        self.subscores.setText(self._subscore_lines(result, refused))
        shown_band = result.least_band if result is not None and urgent_partial else band
        background, text = _BAND_STYLE[shown_band]
        self.setStyleSheet(
            f"#news2Panel {{ background: {background}; border: 1px solid #9aa5b1; "
            f"border-radius: 4px; }} #news2Panel QLabel {{ color: {text}; }}"
        )
        self.setAccessibleDescription(
            f"{self.score.text()}. {self.risk.text()}. "
            f"{self.response.text()} {self.next_due.text()}"
        )
