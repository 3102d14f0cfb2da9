"""A partial set with red parameters is never silent (RCP NEWS2 Chart 2: a single parameter
scoring 3 needs an urgent ward-based response, complete set or not): the form, its save message
and the trend all say so, in words and not only in colour."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinical.vitals import VitalSign
from tests.ui.bedside.test_vitals import type_into
from ui.bedside.trend_model import NEWS2_COLUMN

# The set from the issue: RR 29, SpO2 82, BP 83/59, pulse 117, ACVPU V, 39.6 °C; air or oxygen
# not recorded.
ISSUE_SET = {
    VitalSign.RESPIRATION_RATE: "29",
    VitalSign.SPO2: "82",
    VitalSign.SYSTOLIC_BP: "83",
    VitalSign.DIASTOLIC_BP: "59",
    VitalSign.PULSE: "117",
    VitalSign.TEMPERATURE: "39,6",
}


def enter_issue_set(view) -> None:
    for vital, text in ISSUE_SET.items():
        type_into(view, vital, text)
    view.acvpu.setCurrentIndex(view.acvpu.findData("V"))


def test_the_form_warns_on_a_partial_set_with_red_parameters(qtbot, vitals_view, tmp_path):
    enter_issue_set(vitals_view)
    panel = vitals_view.panel
    assert panel.score.text() == "NEWS2: –"
    assert panel.risk.text().startswith("⚠ At least: High risk (incomplete set)")
    assert "Scores 3 (red): Respiration rate, SpO₂, Systolic BP, Consciousness" in panel.risk.text()
    assert "Incomplete set, but the measured parameters already score 7" in panel.response.text()
    assert vitals_view.fields[VitalSign.RESPIRATION_RATE].score.text() == "⚠ score 3"
    assert vitals_view.fields[VitalSign.PULSE].score.text() == "score 2"
    out = Path(os.environ.get("PLEIEPUNKT_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    qtbot.wait(50)  # let the panel's layout take the new texts
    assert vitals_view.grab().save(str(out / "vitals_partial_red_set.png"))

    QTest.keyClick(vitals_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Saved" in vitals_view.status.text(), timeout=5_000)
    assert "incomplete set" in vitals_view.status.text()
    assert "⚠ 4 parameter(s) score 3: respond now." in vitals_view.status.text()
    # The panel keeps the response in view after the form is cleared for the next set.
    assert panel.risk.text().startswith("⚠ At least: High risk")


def test_a_partial_set_without_red_parameters_stays_an_incomplete_notice(vitals_view):
    type_into(vitals_view, VitalSign.PULSE, "95")
    assert vitals_view.panel.risk.text() == "No total yet"
    assert "Incomplete NEWS2" in vitals_view.panel.response.text()


def test_the_trend_marks_red_values_of_a_partial_set(qtbot, vitals_view, trend_view, store):
    enter_issue_set(vitals_view)
    vitals_view.save()  # the trend is the active window now, so Ctrl+Enter would go there
    qtbot.waitUntil(lambda: "Saved" in vitals_view.status.text(), timeout=5_000)
    trend_view.set_patient(vitals_view._patient_id)
    qtbot.waitUntil(
        lambda: (
            trend_view.model.rowCount() > 0
            and trend_view.model.index(0, NEWS2_COLUMN).data() == "⚠ incomplete"
        ),
        timeout=5_000,
    )
    newest = [trend_view.model.index(0, column).data() for column in range(NEWS2_COLUMN + 1)]
    assert newest[1] == "Staff"
    assert newest[2] == "⚠ 29"
    assert newest[3] == "⚠ 82"
    assert newest[5] == "⚠ 83/59"
    assert newest[6] == "117"
    assert newest[7] == "⚠ V"
    tooltip = trend_view.model.index(0, NEWS2_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "already score 7 or more" in tooltip
    assert trend_view.model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is not None
