"""The follow-up list page and tab: keyboard first, worded, painted from C++, saving through
the source; the trend's home values; the dispenser patient's round."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.bedside.vitals_history import Series
from app.followup.values import AlertKind, FollowUpAction, FollowUpState
from clinical.patient_guard import PatientGuard
from tests.ui.bedside.helpers import active
from tests.ui.followup.scenario import NOW, District
from tests.ui.paint_probe import python_called_while_repainting
from ui.bedside import MedicationRoundView, VitalsTrendView
from ui.bedside.trend_chart import Style
from ui.followup import FollowUpView


def _district_view(qtbot: Any, home_care: District, runner: Any) -> FollowUpView:
    view = FollowUpView(
        source=home_care.services, runner=runner, clock=lambda: NOW, place=lambda: None
    )
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    return view


def test_the_district_list_leads_with_the_pressure_and_the_missed_dose(
    qtbot: Any, home_care: District, runner: Any, english: None, qtmodeltester: Any
) -> None:
    view = _district_view(qtbot, home_care, runner)
    qtmodeltester.check(view.model)
    top = {view.model.item_at(r).key for r in range(2)}  # type: ignore[union-attr]
    assert top == {home_care.pressure_key, home_care.missed_key}
    texts = [view.model.index(r, c).data() for r in range(2) for c in range(6)]
    joined = " ".join(texts)
    assert "192/104 mmHg" in joined
    assert "red limit" in joined
    assert "Posen ble ikke tatt ut av dispenseren" in joined
    assert "▲▲▲ High" in joined
    assert "● New" in joined
    unmatched = [
        r
        for r in range(view.model.rowCount())
        if view.model.item_at(r).kind is AlertKind.UNMATCHED  # type: ignore[union-attr]
    ]
    assert unmatched
    assert view.model.index(unmatched[0], 1).data().startswith("⚠ Not matched:")
    assert python_called_while_repainting(view.table) == []


def test_enter_follows_up_by_keyboard_and_the_list_says_so(
    qtbot: Any, home_care: District, runner: Any, english: None
) -> None:
    view = _district_view(qtbot, home_care, runner)
    row = next(
        r
        for r in range(view.model.rowCount())
        if view.model.item_at(r).key == home_care.missed_key  # type: ignore[union-attr]
    )
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5_000)
    view.table.selectRow(row)
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    dialog = active(qtbot, view.dialog)
    QTest.keyClick(dialog.focusWidget() or dialog, "2", Qt.KeyboardModifier.AltModifier)
    # A mnemonic clicks with animation: the radio is checked a moment later.
    qtbot.waitUntil(lambda: dialog.chosen()[0] is FollowUpAction.CONTACTED_PATIENT, timeout=2_000)
    QTest.keyClicks(dialog.note, "Ringte, gir posen ved kveldsbesøket")
    view.show_handled.setChecked(True)
    QTest.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    def handled() -> bool:
        items = [view.model.item_at(r) for r in range(view.model.rowCount())]
        return any(
            i is not None and i.key == home_care.missed_key and i.state is FollowUpState.HANDLED
            for i in items
        )

    qtbot.waitUntil(handled, timeout=10_000)
    assert "Saved" in view.status.text()
    assert home_care.store.resources_of_type("Communication")


def test_the_patient_tab_shows_one_patient_and_saves_only_for_the_header_s_patient(
    qtbot: Any, home_care: District, runner: Any, english: None
) -> None:
    guard = PatientGuard()
    view = FollowUpView(source=home_care.services, runner=runner, clock=lambda: NOW, guard=guard)
    qtbot.addWidget(view)
    view.show()
    guard.show("somebody-else")
    view.set_patient(home_care.monitored)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    assert {
        view.model.item_at(r).patient_id
        for r in range(view.model.rowCount())  # type: ignore[union-attr]
    } == {home_care.monitored}
    assert view.table.isColumnHidden(1)
    dialog = view.open_current()
    assert dialog is not None
    dialog.accept()
    qtbot.waitUntil(lambda: view.status.text().startswith("✖"), timeout=5_000)


def test_the_trend_draws_home_values_apart_with_the_patient_s_limits(
    qtbot: Any, home_care: District, runner: Any, english: None
) -> None:
    trend = VitalsTrendView(source=home_care.services, runner=runner, clock=lambda: NOW)
    qtbot.addWidget(trend)
    trend.resize(1366, 768)
    trend.show()
    trend.set_patient(home_care.monitored)
    qtbot.waitUntil(lambda: trend.model.rowCount() > 0, timeout=10_000)
    trend.series.setCurrentIndex(trend.series.findData(Series.SYSTOLIC.value))
    points = trend.chart.points
    assert any(p.home for p in points)
    assert any(p.level == 2 for p in points)  # the proof's 192 is past the red limit
    styles = {t.style for t in trend.chart.thresholds}
    assert styles == {Style.RED, Style.YELLOW}
    newest = [trend.model.index(0, c).data() for c in range(12)]
    assert newest[1] == "⌂ Home"
    assert newest[5].startswith("▲▲ 192/104")
    assert "red limit" in trend.model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert python_called_while_repainting(trend.table) == []
    trend.period.setCurrentIndex(trend.period.findData(30))
    qtbot.waitUntil(lambda: "30 days" in trend.status.text(), timeout=10_000)


def test_the_dispenser_patient_s_round(
    qtbot: Any, home_care: District, runner: Any, english: None
) -> None:
    view = MedicationRoundView(source=home_care.services, runner=runner, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    with qtbot.waitSignal(view.round_loaded, timeout=10_000):
        view.set_patient(home_care.with_dispenser)
    texts = [
        [view.model.index(r, c).data() for c in range(6)] for r in range(view.model.rowCount())
    ]
    missed = next(t for t in texts if "Not dispensed" in t[1])
    assert missed[1] == "⚠ Not dispensed 18:05"
    assert missed[2].startswith("Dispenser pouch")
    assert "“Posen ble ikke tatt ut av dispenseren” – give the pouch by hand" in missed[2]
    handed = [t for t in texts if t[1].startswith("✔ Dispenser")]
    assert handed
    assert all("Handed over by the dispenser, not by staff" in t[2] for t in handed)
    # Enter on a handed-over pouch opens nothing: it was not given by staff.
    row = next(r for r, t in enumerate(texts) if t[1].startswith("✔ Dispenser"))
    view.table.selectRow(row)
    assert view.open_current() is None
    assert "nothing to give" in view.status.text()
    assert not view.give_button.isEnabled()
    assert python_called_while_repainting(view.table) == []
