"""Access and its log are one act, the list shows only a marker, and a locked window is locked
(#15 findings 6 and 7), on the real main window with the fake record source."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QLabel, QStatusBar
from pytestqt.qtbot import QtBot

from app.errors import NotSaved
from app.values import AccessBasis, AccessGrant, PatientId, RecordView
from tests.ui.fake_source import FakeSource
from tests.ui.session.fakes import FakeServices
from tests.ui.ward import NOW
from ui.app import build_main_window
from ui.main_window import MainWindow
from ui.models.patient_list_model import Column
from ui.session import SessionController
from ui.tasks import TaskRunner

CRITICAL_WORDS = ("Penicilliner", "Sulfonamider", "Lateks", "HLR")


def open_ingrid(qtbot: QtBot, window: MainWindow, basis: AccessBasis) -> None:
    window.patient_list.select_patient("pas-ingrid")
    row = window.patient_list.selected_row()
    assert row is not None
    window.request_open(row)
    dialog = window.access_dialog
    assert dialog is not None
    dialog.choose(basis)
    if basis is AccessBasis.EMERGENCY:
        dialog.reason_field.setPlainText("Akutt forverring")
    dialog.accept()


class UnloggedSource(FakeSource):
    """A store whose access log cannot be written (a full disk, a locked database)."""

    def record_access(
        self, patient_id: PatientId, *, view: RecordView, grant: AccessGrant, at: object
    ) -> None:
        raise NotSaved("the access log could not be written")


def test_finding_6_no_access_log_means_no_record_shown(
    qtbot: QtBot, runner: TaskRunner, english: None
) -> None:
    window = build_main_window(source=UnloggedSource(), runner=runner, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.patient_list.panel.state == "content", timeout=5_000)
    open_ingrid(qtbot, window, AccessBasis.CONSENT)
    panel = window.workspace.panels[0]
    qtbot.waitUntil(lambda: panel.state == "error", timeout=5_000)
    shown = " ".join(label.text() for label in window.workspace.findChildren(QLabel))
    assert "access log" in shown
    assert not any(word in shown for word in CRITICAL_WORDS)  # neither tab nor banner


def test_finding_6_the_list_shows_only_that_critical_information_exists(
    window: MainWindow,
) -> None:
    model = window.patient_list.model
    texts = []
    for row in range(model.rowCount()):
        index = model.index(row, Column.CRITICAL)
        for role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.AccessibleDescriptionRole,
        ):
            value = model.data(index, role)
            if isinstance(value, str):
                texts.append(value)
    assert any("Critical" in t or "CRITICAL" in t for t in texts)  # the marker is there
    assert not any(word in t for t in texts for word in CRITICAL_WORDS)


def test_finding_7_nothing_but_unlock_works_while_locked(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, tmp_path: Path
) -> None:
    opened: list[str] = []
    window.show_own_accesses = lambda: opened.append("own")  # type: ignore[method-assign]
    window.show_settings = lambda: opened.append("settings")  # type: ignore[method-assign]
    window.statusBar().showMessage("Renewal request for Paracetamol saved", 60_000)
    controller = SessionController(
        window, services=FakeServices(tmp_path), runner=runner, window_factory=lambda _u: window
    )
    enabled = [
        c for c in [*window.findChildren(QShortcut), *window.findChildren(QAction)] if c.isEnabled()
    ]
    assert len(enabled) > 3
    controller.lock()
    status = window.findChild(QStatusBar)
    assert status is not None
    assert status.currentMessage() == ""  # a lingering message may name a drug
    assert not status.isVisible()  # Settings and "My record openings" live there
    live = [
        c for c in [*window.findChildren(QShortcut), *window.findChildren(QAction)] if c.isEnabled()
    ]
    assert [c.key().toString() for c in live if isinstance(c, QShortcut)] == ["Ctrl+L"]
    assert not [c for c in live if isinstance(c, QAction)]
    qtbot.keyClick(
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert opened == []
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(screen.pin.isEnabled)
    qtbot.keyClicks(screen.pin, "4827")
    with qtbot.waitSignal(controller.unlocked, timeout=5_000):
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert status.isVisible()
    assert all(c.isEnabled() for c in enabled)


def test_finding_7_locking_ends_emergency_access(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, tmp_path: Path
) -> None:
    open_ingrid(qtbot, window, AccessBasis.EMERGENCY)
    qtbot.waitUntil(lambda: window.workspace.panels[0].state == "content", timeout=5_000)
    controller = SessionController(
        window, services=FakeServices(tmp_path), runner=runner, window_factory=lambda _u: window
    )
    controller.lock()
    assert window.workspace.grant is None
    assert window.access.grant_for("pas-ingrid", now=NOW) is None
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(screen.pin.isEnabled)
    qtbot.keyClicks(screen.pin, "4827")
    with qtbot.waitSignal(controller.unlocked, timeout=5_000):
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    window.patient_list.select_patient("pas-ingrid")
    row = window.patient_list.selected_row()
    assert row is not None
    window.request_open(row)
    assert window.access_dialog is not None  # a new reason is asked for
