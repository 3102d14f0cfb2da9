"""Fixtures for UI tests: the synthetic ward behind a fake source, a real TaskRunner, a window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.fake_source import FakeSource
from tests.ui.ward import NOW
from ui.app import build_main_window, prepare_application
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


@pytest.fixture
def source() -> FakeSource:
    return FakeSource()


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner(max_threads=2)
    yield task_runner
    task_runner.wait_for_done(5_000)
    QApplication.processEvents()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The source language (English) with the app style sheet."""
    translators = prepare_application(qapp, language=Language.ENGLISH)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def window(qtbot, source: FakeSource, runner: TaskRunner, english: None) -> MainWindow:
    main = build_main_window(source=source, runner=runner, clock=lambda: NOW)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    main.start()
    qtbot.waitUntil(lambda: main.patient_list.panel.state == "content", timeout=5_000)
    return main
