"""A desktop session from the first screen to quit: sign-in, the window, lock and switch.

The person signs in (or unlocks with the PIN), chooses a PIN at a first sign-in here, and gets
their window (a second start of the app only brings it to the front: ``activation``); idle
time, the OS session lock and Ctrl+L lock it, another person may sign in or unlock at the lock
screen, and quitting with unsynced records asks first. Returns the exit code of the event loop
(0 when nobody signed in).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from ui.app import tune_for_gui
from ui.session.controller import SessionController
from ui.session.idle import IdleWatcher
from ui.session.os_lock_platform import os_session_lock_watcher
from ui.session.quit_guard import QuitGuard
from ui.session.start import SessionStart, StartServices
from ui.tasks import TaskRunner


def run_desktop(
    app: QApplication,
    services: StartServices,
    *,
    runner: TaskRunner,
    window: Callable[[], QMainWindow],
    idle_minutes: int,
    pending_count: Callable[[], int],
    activation: SignalInstance | None = None,
    end_emergency_access_at_lock: bool = True,
) -> int:
    """Sign a person in, show their window and run the event loop until they quit."""
    start = SessionStart(services, runner=runner, window=window)
    user = start.first_sign_in()
    first = start.window_for(user) if user is not None else None
    if first is None:
        return 0
    controller = SessionController(
        first,
        services=services,
        runner=runner,
        window_factory=start.window_for_switch,
        idle=IdleWatcher(app, minutes=idle_minutes),
        end_emergency_access_at_lock=end_emergency_access_at_lock,
    )
    if activation is not None:
        activation.connect(controller.bring_to_front)
    os_lock = os_session_lock_watcher()
    if os_lock.start():
        os_lock.os_locked.connect(controller.lock)
    guard = QuitGuard(first, pending_count=pending_count)
    first.show()
    tune_for_gui()
    code = app.exec()
    os_lock.stop()
    del guard
    return code if isinstance(code, int) and code != QDialog.DialogCode.Rejected else 0
