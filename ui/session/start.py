"""The first screens of a session: who is here, their PIN or an online sign-in, then the window.

Everything here is asked of ``StartServices`` (``app.session.Session``); building the window is
the caller's ``window`` callable, so these screens know nothing of the store or the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QMainWindow

from app.contract import SessionServices, SessionUser
from ui.session.sign_in_dialog import SignInDialog
from ui.session.unlock_dialog import UnlockDialog
from ui.tasks import TaskRunner


class StartServices(SessionServices, Protocol):
    """The session as the first screens need it (``SessionServices``)."""


class SessionStart:
    """Gets a person signed in and their window built (dialogs are modal: call from ``main``)."""

    def __init__(
        self,
        services: StartServices,
        *,
        runner: TaskRunner,
        window: Callable[[], QMainWindow],
    ) -> None:
        self._services = services
        self._runner = runner
        self._window = window

    def first_sign_in(self) -> SessionUser | None:
        """The person starting the app, once their own store is open (PIN, or online sign-in
        and then the PIN); None when they gave up. With nobody's store here yet, the sign-in
        window comes first (then a new PIN)."""
        dialog = UnlockDialog(
            services=self._services, runner=self._runner, sign_in=self._sign_in_online
        )
        if not self._services.people():
            user = self._sign_in_online()
            if user is None:
                return None
            if not self._services.needs_pin():
                dialog.after_online(user)  # a new PIN, or (personal computer) already open
                return dialog.user
            dialog.screen_.expect_pin_for(user)  # a store from before, not yet listed here
        if dialog.exec() != dialog.DialogCode.Accepted:
            return None
        return dialog.user

    def _sign_in_online(self) -> SessionUser | None:
        dialog = SignInDialog(
            sign_in=self._services.sign_in_online,
            cancel=self._services.cancel_sign_in,
            runner=self._runner,
        )
        if dialog.exec() != dialog.DialogCode.Accepted:
            return None
        return dialog.user

    def window_for(self, user: SessionUser) -> QMainWindow | None:
        """The main window for ``user`` (their store is open)."""
        return self._window()

    def window_for_switch(self, user: SessionUser) -> QMainWindow:
        """A user switch from the lock screen: the new person's window."""
        return self._window()
