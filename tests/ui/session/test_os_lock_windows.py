"""Windows session notifications lock the app: the native filter fed real ``MSG`` structures.

On Linux there is no wtsapi32, so the Windows API is a recording stand-in; the filter itself is
the production one, called as Qt calls it on Windows (``b"windows_generic_MSG"`` and the
address of a ``MSG``).
"""

from __future__ import annotations

import ctypes
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from pytestqt.qtbot import QtBot

from tests.ui.session.fakes import (
    NURSE,
    PATIENT_FNR,
    PATIENT_NAME,
    FakeServices,
    patient_window,
)
from tests.ui.session.visible_text import visible_texts
from ui.session import OsSessionLockWatcher, SessionController, os_session_lock_watcher
from ui.session.os_lock_windows import (
    MSG,
    WM_WTSSESSION_CHANGE,
    WTS_CONSOLE_DISCONNECT,
    WTS_REMOTE_DISCONNECT,
    WTS_SESSION_LOCK,
    WTS_SESSION_LOGOFF,
    WTS_SESSION_UNLOCK,
    WindowsSessionLockWatcher,
    WtsSessionFilter,
    wtsapi32,
)
from ui.tasks import TaskRunner

WM_ACTIVATE = 0x0006
WTS_SESSION_LOGON = 0x5


@dataclass
class RecordingWtsApi:
    """Stands in for wtsapi32: remembers which windows registered."""

    accept: bool = True
    registered: list[int] = field(default_factory=list)
    unregistered: list[int] = field(default_factory=list)

    def register(self, hwnd: int) -> bool:
        self.registered.append(hwnd)
        return self.accept

    def unregister(self, hwnd: int) -> None:
        self.unregistered.append(hwnd)


@dataclass
class Calls:
    locks: int = 0
    unlocks: int = 0

    def lock(self) -> None:
        self.locks += 1

    def unlock(self) -> None:
        self.unlocks += 1


def feed(session_filter: WtsSessionFilter, *, message: int, change: int, hwnd: int = 0) -> object:
    msg = MSG(hwnd=hwnd or None, message=message, wParam=change, lParam=1)
    return session_filter.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(msg))


@pytest.mark.parametrize(
    "change", [WTS_SESSION_LOCK, WTS_SESSION_LOGOFF, WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT]
)
def test_lock_logoff_and_disconnect_lock_the_app(change: int) -> None:
    calls = Calls()
    session_filter = WtsSessionFilter(on_lock=calls.lock, on_unlock=calls.unlock)
    assert feed(session_filter, message=WM_WTSSESSION_CHANGE, change=change) == (False, 0)
    assert (calls.locks, calls.unlocks) == (1, 0)


def test_unlock_is_reported_and_other_messages_are_ignored() -> None:
    calls = Calls()
    session_filter = WtsSessionFilter(on_lock=calls.lock, on_unlock=calls.unlock)
    feed(session_filter, message=WM_WTSSESSION_CHANGE, change=WTS_SESSION_UNLOCK)
    feed(session_filter, message=WM_WTSSESSION_CHANGE, change=WTS_SESSION_LOGON)
    feed(session_filter, message=WM_ACTIVATE, change=WTS_SESSION_LOCK)
    msg = MSG(message=WM_WTSSESSION_CHANGE, wParam=WTS_SESSION_LOCK)
    # Another platform's event type is never read as a MSG; a null message is ignored.
    session_filter.nativeEventFilter(QByteArray(b"xcb_generic_event_t"), ctypes.addressof(msg))
    session_filter.nativeEventFilter(b"windows_generic_MSG", 0)
    assert (calls.locks, calls.unlocks) == (0, 1)


def test_only_the_registered_window_s_messages_count() -> None:
    calls = Calls()
    session_filter = WtsSessionFilter(on_lock=calls.lock, on_unlock=calls.unlock, hwnd=0x1234)
    feed(session_filter, message=WM_WTSSESSION_CHANGE, change=WTS_SESSION_LOCK, hwnd=0x9999)
    assert calls.locks == 0
    feed(session_filter, message=WM_WTSSESSION_CHANGE, change=WTS_SESSION_LOCK, hwnd=0x1234)
    assert calls.locks == 1


def test_the_watcher_registers_a_window_signals_the_lock_and_unregisters(qtbot: QtBot) -> None:
    api = RecordingWtsApi()
    watcher = WindowsSessionLockWatcher(api=api)
    assert watcher.start() is True
    hwnd = watcher.hwnd
    assert hwnd is not None
    assert api.registered == [hwnd]
    session_filter = watcher.native_filter
    assert session_filter is not None
    with qtbot.waitSignal(watcher.os_locked, timeout=1000):
        feed(session_filter, message=WM_WTSSESSION_CHANGE, change=WTS_SESSION_LOCK, hwnd=hwnd)
    with qtbot.waitSignal(watcher.os_unlocked, timeout=1000):
        feed(session_filter, message=WM_WTSSESSION_CHANGE, change=WTS_SESSION_UNLOCK, hwnd=hwnd)
    watcher.stop()
    watcher.stop()
    assert api.unregistered == [hwnd]
    assert watcher.native_filter is None


def test_a_refused_registration_installs_nothing(qtbot: QtBot) -> None:
    watcher = WindowsSessionLockWatcher(api=RecordingWtsApi(accept=False))
    assert watcher.start() is False
    assert watcher.native_filter is None


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows behaviour")
def test_off_windows_the_windows_watcher_is_not_installed(qtbot: QtBot) -> None:
    assert wtsapi32() is None
    watcher = WindowsSessionLockWatcher()
    assert watcher.start() is False
    assert watcher.native_filter is None
    assert isinstance(os_session_lock_watcher(), OsSessionLockWatcher)


def test_the_platform_picks_the_watcher(qtbot: QtBot) -> None:
    assert isinstance(os_session_lock_watcher(platform="win32"), WindowsSessionLockWatcher)
    assert isinstance(os_session_lock_watcher(platform="linux"), OsSessionLockWatcher)


def test_a_windows_session_lock_locks_the_app_and_hides_the_patient(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner
) -> None:
    """Wired as the desktop session wires it: ``os_locked`` -> ``SessionController.lock``."""
    services = FakeServices(tmp_path)
    window = patient_window(NURSE)
    qtbot.addWidget(window)
    window.show()
    controller = SessionController(
        window, services=services, runner=runner, window_factory=patient_window
    )
    watcher = WindowsSessionLockWatcher(api=RecordingWtsApi())
    assert watcher.start() is True
    watcher.os_locked.connect(controller.lock)
    assert watcher.native_filter is not None
    assert watcher.hwnd is not None
    try:
        feed(
            watcher.native_filter,
            message=WM_WTSSESSION_CHANGE,
            change=WTS_SESSION_LOCK,
            hwnd=watcher.hwnd,
        )
        assert controller.is_locked()
        assert services.locks == 1
        assert not [t for t in visible_texts() if PATIENT_NAME in t or PATIENT_FNR in t]
    finally:
        watcher.stop()
        runner.wait_for_done(5_000)
