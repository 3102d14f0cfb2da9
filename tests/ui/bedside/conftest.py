"""Fixtures for bedside UI tests: the fake store (GUI-thread guarded), views at a fixed time."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.bedside.fake_source import FakeBedsideSource
from tests.ui.bedside.ward_data import INGRID, NOW, PER
from ui.bedside import MedicationRoundView, VitalSignsView, VitalsTrendView
from ui.tasks import TaskRunner


@pytest.fixture
def store(qapp: QApplication) -> FakeBedsideSource:
    """The unit's data; any store call made on the GUI thread fails the test."""
    return FakeBedsideSource(gui_thread=threading.main_thread())


@pytest.fixture
def round_view(qtbot, store: FakeBedsideSource, runner: TaskRunner, english: None):
    view = MedicationRoundView(source=store, runner=runner, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5_000)
    with qtbot.waitSignal(view.round_loaded, timeout=5_000):
        view.set_patient(INGRID)
    return view


@pytest.fixture
def vitals_view(qtbot, store: FakeBedsideSource, runner: TaskRunner, english: None):
    view = VitalSignsView(source=store, runner=runner, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5_000)
    view.set_patient(PER)
    qtbot.waitUntil(lambda: view.scale.count() > 0, timeout=5_000)
    return view


@pytest.fixture
def trend_view(qtbot, store: FakeBedsideSource, runner: TaskRunner, english: None):
    view = VitalsTrendView(source=store, runner=runner, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5_000)
    view.set_patient(INGRID)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5_000)
    return view
