"""The first screens of a session: PIN unlock or online sign-in, a new PIN, then the window.

Everything here is asked of ``StartServices`` (``app.session.Session``); building the window is
the caller's ``window`` callable, so these screens know nothing of the store or the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QMainWindow

from app.contract import SessionServices, SessionUser
from ui.session.pin_setup_dialog import PinSetupDialog
from ui.session.sign_in_dialog import SignInDialog
from ui.session.unlock_dialog import UnlockDialog
from ui.tasks import TaskRunner


class StartServices(SessionServices, Protocol):
    """The session as the first screens need it: ``SessionServices`` and a first PIN."""

    def needs_new_pin(self) -> bool:
        """Signed in online for the first time here: a PIN must be chosen."""
        ...

    def create_store(self, pin: str) -> None:
        """A new encrypted store for the signed-in person, protected by ``pin``."""
        ...


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
        """The person starting the app: PIN unlock if allowed here, else online sign-in."""
        if self._services.current_user() is None:
            return self._sign_in_online()
        dialog = UnlockDialog(
            services=self._services, runner=self._runner, sign_in=self._sign_in_online
        )
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
        """The main window for ``user``; asks for a new PIN at a first sign-in here."""
        if self._services.needs_new_pin():
            dialog = PinSetupDialog(user_name=user.display_name)
            if dialog.exec() != dialog.DialogCode.Accepted:
                return None
            self._services.create_store(dialog.pin)
        return self._window()

    def window_for_switch(self, user: SessionUser) -> QMainWindow:
        """A user switch from the lock screen: the new person's window (or an empty one)."""
        return self.window_for(user) or QMainWindow()
