"""Shared-workstation safety: sign-in window, lock screen, idle and OS-session lock, user switch,
the quit question about unsynced records, and the user's own record openings.

Everything that signs in or unlocks is reached through ``app.contract.SessionServices``
(``app.session.Session`` serves it over ``client.oidc`` and ``offline``); these widgets never
talk HTTP or SQL.

- ``SessionController(window, services=, runner=, window_factory=, idle=)``: ``lock()``,
  ``is_locked()``; signals ``locked``, ``unlocked``, ``user_switched(user)``; Ctrl+L locks.
- ``IdleWatcher(app, minutes=AUTO_LOCK_MINUTES)``: ``idle`` signal; the controller starts it.
- ``os_session_lock_watcher()``: this platform's ``SessionLockWatcher`` (Windows session
  notifications, or logind); ``start() -> bool``, ``stop()``; ``os_locked`` -> ``controller.lock``.
- ``QuitGuard(window, pending_count=)``: asks before a close with unsynced records.
- ``SignInDialog(sign_in=, cancel=, runner=)`` and ``OwnAccessesDialog(list_accesses=, runner=)``.
"""

from ui.session.controller import SessionController, WindowFactory
from ui.session.idle import IdleWatcher
from ui.session.lock_screen import LockScreen
from ui.session.os_lock import OsSessionLockWatcher, SessionLockWatcher
from ui.session.os_lock_platform import os_session_lock_watcher
from ui.session.own_accesses import AccessEntry, OwnAccessesDialog, OwnAccessesModel
from ui.session.quit_guard import QuitGuard, ask_with_dialog, quit_question
from ui.session.sign_in_dialog import SignInDialog

__all__ = [
    "AccessEntry",
    "IdleWatcher",
    "LockScreen",
    "OsSessionLockWatcher",
    "OwnAccessesDialog",
    "OwnAccessesModel",
    "QuitGuard",
    "SessionController",
    "SessionLockWatcher",
    "SignInDialog",
    "WindowFactory",
    "ask_with_dialog",
    "os_session_lock_watcher",
    "quit_question",
]
