"""What the session screens need from the rest of the app, as protocols (main.py implements them).

``ui`` may not import the HTTP client, so sign-in, PIN unlock and sign-out reach the widgets as
plain callables behind ``SessionServices``. Every call may block (a browser sign-in, scrypt for
a PIN): the widgets run them through the ``TaskRunner``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class SessionUser(Protocol):
    """The signed-in person as the screens show them (``client.oidc.Identity`` fits)."""

    @property
    def subject(self) -> str: ...

    @property
    def display_name(self) -> str: ...

    @property
    def hpr_number(self) -> str | None: ...

    @property
    def role_label(self) -> str: ...


class UnlockRefused(Exception):
    """The PIN did not unlock; ``message`` is safe to show, ``online_required`` ends PIN use."""

    def __init__(self, message: str, *, online_required: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.online_required = online_required


@dataclass(frozen=True, slots=True)
class PinState:
    """Whether the lock screen offers the PIN, and if not, why (shown to the user)."""

    allowed: bool
    message: str = ""


class SessionServices(Protocol):
    """Sign-in, unlock and sign-out for the session screens. Calls may block."""

    def current_user(self) -> SessionUser | None:
        """Who the session belongs to (the last person who signed in online), if anyone."""
        ...

    def pin_state(self) -> PinState:
        """Whether PIN unlock is allowed now (offline period, lockout)."""
        ...

    def unlock_with_pin(self, pin: str) -> None:
        """Reopen the current user's store with their PIN; raises UnlockRefused."""
        ...

    def sign_in_online(self) -> SessionUser:
        """Interactive sign-in in the system browser; returns who signed in (maybe another)."""
        ...

    def cancel_sign_in(self) -> None:
        """End a pending ``sign_in_online`` (from the GUI thread)."""
        ...

    def lock(self) -> None:
        """The screen locked: the store and tokens leave the window's reach; never loses records.

        Unsynced records may still be pushed in the background under the same person's
        sign-in; that push holds their key and tokens only until it ends.
        """
        ...

    def sign_out(self) -> None:
        """Revoke and forget the sign-in; stored records (also unsynced ones) stay."""
        ...
