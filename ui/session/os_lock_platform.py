"""The operating-system lock watcher for the platform the app runs on."""

from __future__ import annotations

import sys

from ui.session.os_lock import OsSessionLockWatcher, SessionLockWatcher
from ui.session.os_lock_windows import WindowsSessionLockWatcher


def os_session_lock_watcher(*, platform: str = sys.platform) -> SessionLockWatcher:
    """Windows session notifications on Windows, logind everywhere else."""
    if platform == "win32":
        return WindowsSessionLockWatcher()
    return OsSessionLockWatcher()
