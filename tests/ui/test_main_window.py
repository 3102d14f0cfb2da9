"""The main window driven by keyboard and mouse against the synthetic ward."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QWidget

from app.values import AccessBasis, PatientId, RecordView
from sync import Connectivity, SyncOutcome, SyncStatus, SyncSummary
from tests.ui.fake_source import FakeSource
from tests.ui.ward import NOW, TODAY, UNIT, ingrid
from ui.app import build_main_window
from ui.event_bridge import EventBridge
from ui.main_window import MainWindow
from ui.models.patient_list_model import Column
from ui.presenters.national_id import format_national_id
from ui.presenters.patient_list import patient_rows
from ui.tasks import TaskRunner


def _accept_access(qtbot, window: MainWindow, basis: AccessBasis = AccessBasis.CONSENT) -> None:
    qtbot.waitUntil(lambda: window.access_dialog is not None, timeout=2_000)
    dialog = window.access_dialog
    assert dialog is not None
    dialog.choose(basis)
    if basis is AccessBasis.EMERGENCY:
        dialog.reason_field.setPlainText("Bevisstløs, trenger legemiddelliste")
    dialog.accept()


def _open_ingrid(qtbot, window: MainWindow) -> None:
    table = window.patient_list.table
    table.setFocus()
    qtbot.keyClicks(table, "ingrid")
    assert window.patient_list.search_field.text() == "ingrid"
    qtbot.keyClick(window.patient_list.search_field, Qt.Key.Key_Return)
    _accept_access(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace.panels[0].state == "content", timeout=5_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2_000)


def test_patient_list_masks_national_id_until_selected(window: MainWindow) -> None:
    model = window.patient_list.model
    data = ingrid()
    fnr = data.patient["identifier"][0]["value"]
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == "pas-ingrid")  # type: ignore[union-attr]
    index = model.index(row, Column.NATIONAL_ID)
    window.patient_list.select_patient("pas-olav")
    assert index.data().endswith("*****")
    window.patient_list.select_patient("pas-ingrid")
    assert index.data() == format_national_id(fnr)
    assert model.index(row, Column.CRITICAL).data().startswith("⚠")


def test_type_to_search_arrows_and_enter_open_the_patient(
    qtbot, window: MainWindow, source: FakeSource
) -> None:
    _open_ingrid(qtbot, window)
    header = window.workspace.header
    assert header.name_text() == "Ingrid Marie Solberg"
    assert "Rom 204" in header.facts_text()
    assert header.isVisible()
    lines = header.banner.lines()
    assert any("Penicilliner" in line and line.startswith("⚠") for line in lines)
    assert any("HLR-minus" in line for line in lines)
    qtbot.waitUntil(lambda: bool(source.accesses), timeout=2_000)
    assert source.accesses[0][:2] == (PatientId("pas-ingrid"), RecordView.CORE_RECORD)
    qtbot.waitUntil(lambda: header.synced_text() != "", timeout=2_000)
    assert "12.03.2025 09:34" in header.synced_text()


def test_the_banner_folds_to_one_line_at_200_percent_and_is_never_hidden(
    qtbot, window: MainWindow
) -> None:
    window.resize(683, 384)  # a 1366x768 laptop at 200 %
    _open_ingrid(qtbot, window)
    banner = window.workspace.header.banner
    qtbot.waitUntil(lambda: len(banner.lines()) >= 2, timeout=2_000)
    qtbot.wait(20)
    full = banner.height()
    qtbot.mouseClick(banner.toggle, Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    assert banner.collapsed
    assert banner.isVisible()
    one_line = banner.fontMetrics().height()
    assert banner.height() < full
    assert banner.height() <= one_line * 2 + 24
    shown = [label.text() for label in banner.findChildren(QLabel) if label.isVisible()]
    assert len(shown) == 1
    assert shown[0].startswith("⚠ ALLERGIES")
    assert "more)" in shown[0]
    # Space on the toggle (or a click) shows everything again.
    banner.toggle.setFocus()
    qtbot.keyClick(banner.toggle, Qt.Key.Key_Space)
    assert not banner.collapsed
    assert all(
        label.isVisible() for label in banner.findChildren(QLabel) if label.text() in banner.lines()
    )


def test_search_by_full_national_id_and_arrow_down(qtbot, window: MainWindow) -> None:
    fnr = ingrid().patient["identifier"][0]["value"]
    search = window.patient_list.search_field
    qtbot.keyClicks(search, fnr[:10])
    assert window.patient_list.proxy.rowCount() == 0
    assert window.patient_list.panel.state == "empty"
    qtbot.keyClicks(search, fnr[10])
    assert window.patient_list.proxy.rowCount() == 1
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert window.patient_list.table.hasFocus()
    selected = window.patient_list.selected_row()
    assert selected is not None
    assert selected.id == "pas-ingrid"
    qtbot.keyClick(window.patient_list.table, Qt.Key.Key_Return)
    assert window.access_dialog is not None
    window.access_dialog.reject()
    assert window.stack.currentWidget() is window.patient_list


def test_access_basis_asked_once_per_visit_and_emergency_needs_reason(
    qtbot,
    window: MainWindow,
    source: FakeSource,
) -> None:
    window.patient_list.select_patient("pas-ingrid")
    row = window.patient_list.selected_row()
    assert row is not None
    window.request_open(row)
    dialog = window.access_dialog
    assert dialog is not None
    dialog.choose(AccessBasis.EMERGENCY)
    dialog.accept()
    assert dialog.isVisible()  # no reason yet: the dialog stays open
    dialog.reason_field.setPlainText("Akutt forverring")
    dialog.accept()
    qtbot.waitUntil(lambda: window.workspace.panels[0].state == "content", timeout=5_000)
    window.show_patient_list()
    window.request_open(row)
    assert window.access_dialog is None  # remembered for this visit
    qtbot.waitUntil(lambda: len(source.accesses) == 2, timeout=2_000)
    assert all(a[2].basis is AccessBasis.EMERGENCY for a in source.accesses)
    assert source.accesses[0][2].reason == "Akutt forverring"


def test_patient_text_is_plain_text(qtbot, window: MainWindow) -> None:
    window.patient_list.select_patient("pas-ola")
    row = window.patient_list.selected_row()
    assert row is not None
    window.request_open(row)
    _accept_access(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace.panels[0].state == "content", timeout=5_000)
    assert window.workspace.header.name_text() == "<b>Ola</b> Nordmann <img src=x>"
    labels = window.findChildren(QLabel)
    assert labels
    for label in labels:
        assert label.textFormat() in (Qt.TextFormat.PlainText, Qt.TextFormat.AutoText)
        if "<b>" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText


def test_medication_list_marks_changes_and_shows_stopped_on_request(
    qtbot,
    window: MainWindow,
    source: FakeSource,
) -> None:
    _open_ingrid(qtbot, window)
    qtbot.keyClick(window.workspace.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.workspace.panels[1].state == "content", timeout=5_000)
    meds = window.workspace.medications
    assert meds.notice_text().startswith("● 4")
    titles = [g.title for g in meds.model.groups()]
    assert titles == ["Regular use", "Course", "As needed"]
    meds.show_stopped_box.click()
    assert [g.title for g in meds.model.groups()][-1] == "Stopped and ended"
    qtbot.waitUntil(lambda: bool(source.seen), timeout=2_000)
    assert source.seen[0][0] == "pas-ingrid"


def test_nurse_can_ask_for_renewal_but_not_prescribe(
    qtbot, window: MainWindow, source: FakeSource
) -> None:
    _open_ingrid(qtbot, window)
    window.workspace.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: window.workspace.panels[2].state == "content", timeout=5_000)
    rx = window.workspace.prescriptions
    assert rx.renew_button.isEnabled()
    rx.renew_button.click()
    dialog = rx.findChild(QDialog, "renewalDialog") or window.workspace.findChild(
        QDialog, "renewalDialog"
    )
    assert dialog is not None
    dialog.note_field.setPlainText("Går tom om en uke")  # type: ignore[attr-defined]
    dialog.accept()
    qtbot.waitUntil(lambda: bool(source.renewals), timeout=2_000)
    assert source.renewals[0] == ("pas-ingrid", "rx-oxynorm", "Går tom om en uke")
    actions = [b.text().lower() for b in window.findChildren(QAbstractButton)]
    assert not [t for t in actions if "prescri" in t and "ask" not in t]


def test_escape_returns_to_the_list_with_the_patient_selected(qtbot, window: MainWindow) -> None:
    _open_ingrid(qtbot, window)
    qtbot.keyClick(window.workspace.tabs, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.patient_list
    selected = window.patient_list.selected_row()
    assert selected is not None
    assert selected.id == "pas-ingrid"


def test_loading_then_error_states_are_real(qtbot, runner: TaskRunner, english: None) -> None:
    gate = threading.Event()
    source = FakeSource(gate=gate)
    window = build_main_window(source=source, runner=runner, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert window.patient_list.panel.state == "loading"
    source.fail_reads = True
    gate.set()
    qtbot.waitUntil(lambda: window.patient_list.panel.state == "error", timeout=5_000)
    assert window.patient_list.panel.message == "Could not read the local record"
    source.fail_reads = False
    source.gate = None
    window.patient_list.load_places()
    qtbot.waitUntil(lambda: window.patient_list.panel.state == "content", timeout=5_000)


def _summary(status: SyncStatus, *, pulled: int) -> SyncSummary:
    return SyncSummary(
        outcome=SyncOutcome.OK,
        trigger="manual",
        started_at=NOW,
        finished_at=NOW,
        pushed=0,
        quarantined=0,
        lost_answers_recovered=0,
        pulled=pulled,
        unchanged=0,
        deleted=0,
        members=4,
        bootstrapped=0,
        purged_patients=0,
        conflicts_detected=0,
        conflicts_merged=0,
        pages=1,
        deletes_supported=True,
        status=status,
    )


def _sync_through_bridge(
    window: MainWindow, source: FakeSource, monkeypatch, *, pulled: int
) -> tuple[EventBridge, list[str]]:
    """A sync's events sent from a worker thread as the engine sends them; returns the bridge
    (the caller keeps it alive, as ``main.py`` does) and the patient list's reads that follow."""
    bridge = EventBridge(min_interval_ms=50)
    window.connect_events(bridge)
    reads: list[str] = []
    read = source.patients_at

    def counted(place):
        reads.append(place.id)
        return read(place)

    monkeypatch.setattr(source, "patients_at", counted)
    syncing = SyncStatus(Connectivity.SYNCING, 0, 0, 0, last_success_at=None)
    done = SyncStatus(Connectivity.ONLINE, 0, 0, 0, last_success_at=NOW)

    def sync() -> None:
        bridge("sync_did_start", trigger="manual")
        for page in range(2_000):
            bridge("sync_status_changed", status=syncing)
            bridge("sync_progressed", phase="pull", done=page, total=None)
        bridge("sync_status_changed", status=done)
        bridge("sync_did_finish", summary=_summary(done, pulled=pulled))

    worker = threading.Thread(target=sync)
    worker.start()
    worker.join(timeout=10)
    return bridge, reads


def test_a_sync_seen_through_the_bridge_ends_on_its_last_status_and_rereads_once(
    qtbot, window: MainWindow, source: FakeSource, monkeypatch
) -> None:
    _bridge, reads = _sync_through_bridge(window, source, monkeypatch, pulled=12)
    qtbot.waitUntil(lambda: window.sync_status.texts()[0] == "● Online", timeout=2_000)
    qtbot.waitUntil(lambda: window.patient_list.panel.state == "content" and bool(reads))
    qtbot.wait(100)
    assert reads == [UNIT.id]


def test_a_sync_that_brought_nothing_new_does_not_reread_the_list(
    qtbot, window: MainWindow, source: FakeSource, monkeypatch
) -> None:
    _bridge, reads = _sync_through_bridge(window, source, monkeypatch, pulled=0)
    qtbot.waitUntil(lambda: window.sync_status.texts()[0] == "● Online", timeout=2_000)
    qtbot.wait(200)
    assert reads == []


def test_sync_status_always_in_view(window: MainWindow) -> None:
    window.set_sync_status(
        SyncStatus(
            connectivity=Connectivity.OFFLINE,
            pending_changes=3,
            quarantined=1,
            conflicts=2,
            last_success_at=NOW,
        )
    )
    texts = window.sync_status.texts()
    assert texts[0].startswith("○ Offline")
    assert "↑ 3 change(s) waiting" in texts
    assert any(t.startswith("⚠ 1 item") for t in texts)
    assert any(t.startswith("⚠ 2 conflict") for t in texts)
    assert texts[-1] == "Last sync 12.03.2025 09:40"


def test_every_focusable_control_has_an_accessible_name(qtbot, window: MainWindow) -> None:
    _open_ingrid(qtbot, window)
    for widget in window.findChildren(QWidget):
        if widget.isVisibleTo(window) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            assert name, widget.objectName() or type(widget).__name__


def test_rows_are_in_walking_order() -> None:
    rows = patient_rows(FakeSource().patients_at(UNIT), today=TODAY)
    assert [r.summary.room for r in rows][:3] == ["Rom 201", "Rom 202", "Rom 203"]


def test_the_unit_round_is_a_page_of_its_own_and_opens_a_patient_the_usual_way(
    qtbot, window: MainWindow
) -> None:
    reloads: list[int] = []
    page = QWidget()
    window.add_unit_round(page, reload=lambda: reloads.append(1))
    qtbot.waitUntil(lambda: window.patient_list.model.rowCount() > 0, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget().isAncestorOf(page)
    assert reloads == [1]
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.patient_list
    # The way back is on the page too, not only behind Escape.
    window.show_unit_round()
    assert window.unit_round_back.isVisible()
    window.unit_round_back.click()
    assert window.stack.currentWidget() is window.patient_list

    window.open_patient_by_id("pas-ingrid")
    _accept_access(qtbot, window)  # the usual access question, then the core record
    qtbot.waitUntil(lambda: window.workspace.panels[0].state == "content", timeout=5_000)
    assert window.stack.currentWidget() is window.workspace
