"""Session services for the widget tests: real PIN keys (offline.KeyManager), preset sign-ins.

The identity provider's own flow is tested end to end in tests/client/oidc; here the browser
sign-in returns the next preset person, so the lock and switch logic can be driven by pytest-qt.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QVBoxLayout, QWidget

from app.contract import SessionUser
from app.errors import UnlockProblem, UnlockRefused
from app.values import ForgotPin, PinProblem, PinState
from offline.errors import OnlineSignInRequiredError, PinRateLimitedError, WrongPinError
from offline.keyfile import ScryptParams
from offline.paths import store_paths
from offline.types import UserId
from offline.unlock import KeyManager, KeyPolicy
from tests.idp.fixtures import MemorySecrets

FAST = KeyPolicy(scrypt=ScryptParams(n=2**10), max_failed_attempts=3, free_attempts=3)

# Synthetic patients (fødselsnummer month + 80, valid check digits).
PATIENT_NAME = "Syntetisk Testpasient"
PATIENT_FNR = "13917499758"
OTHER_PATIENT_NAME = "Annen Prøvepasient"


@dataclass(frozen=True)
class User:
    subject: str
    display_name: str
    hpr_number: str | None
    role_label: str


NURSE = User("synthetic-user-0001", "Kari Testpleier", "900000017", "nurse")
PHYSICIAN = User("synthetic-user-0002", "Lars Testlege", "900000025", "physician")


class FakeServices:
    """A shared computer's session: real PIN keys per person, preset online sign-ins."""

    def __init__(self, directory: Path, *, pin: str = "4827", other_pin: str = "1357") -> None:
        self._directory = directory
        self._secrets = MemorySecrets()
        self.user: SessionUser | None = NURSE
        self.pending: SessionUser | None = None
        self.next_sign_in: list[SessionUser] = []
        self.sign_in_gate = threading.Event()
        self.sign_in_gate.set()
        self.locks = 0
        self.pin_allowed = True
        self.keys = self._keys(NURSE)
        self.keys.create(pin).wipe()
        self._keys(PHYSICIAN).create(other_pin).wipe()
        self.created: list[str] = []

    def _keys(self, user: SessionUser) -> KeyManager:
        paths = store_paths(UserId(user.subject), directory=self._directory)
        return KeyManager(paths, policy=FAST, secrets=self._secrets)

    def _who(self, person: str | None) -> SessionUser:
        if person is None:
            assert self.user is not None
            return self.user
        return next(p for p in (NURSE, PHYSICIAN) if p.subject == person)

    def current_user(self) -> SessionUser | None:
        return self.user

    def people(self) -> list[SessionUser]:
        return [NURSE, PHYSICIAN]

    def pin_state(self, person: str | None = None) -> PinState:
        if not self.pin_allowed:
            return PinState(False, PinProblem.OFFLINE_TOO_LONG)
        if self._keys(self._who(person)).status().online_sign_in_required:
            return PinState(False, PinProblem.TOO_MANY_WRONG_PINS)
        return PinState(True)

    def unlock_with_pin(self, pin: str, *, person: str | None = None) -> SessionUser:
        who = self._who(person)
        _unlock(self._keys(who), pin)
        self.user = who
        return who

    def sign_in_online(self) -> SessionUser:
        self.sign_in_gate.wait(10)
        user = self.next_sign_in.pop(0)
        self.pending = user
        return user

    def needs_pin(self) -> bool:
        return self.pending is not None and self._keys(self.pending).has_key()

    def needs_new_pin(self) -> bool:
        return self.pending is not None and not self._keys(self.pending).has_key()

    def complete_sign_in(self, pin: str) -> SessionUser:
        assert self.pending is not None
        _unlock(self._keys(self.pending), pin)
        self.user, self.pending = self.pending, None
        return self.user

    def create_store(self, pin: str) -> None:
        assert self.pending is not None
        self._keys(self.pending).create(pin).wipe()
        self.created.append(self.pending.subject)
        self.user, self.pending = self.pending, None

    def abandon_sign_in(self) -> None:
        self.pending = None

    def cancel_sign_in(self) -> None:
        self.sign_in_gate.set()

    def forgot_pin(self, person: str | None = None) -> ForgotPin:
        status = self._keys(self._who(person)).status()
        return ForgotPin(
            maybe_unsent=not status.nothing_unsent,
            recoverable=status.recoverable,
            fresh_store_allowed=status.nothing_unsent,
            store_reference="store-0123456789abcdef01234567",
        )

    def start_fresh_store(self) -> None:
        raise NotImplementedError

    def recover(
        self, person: str | None, *, key_pem: bytes, passphrase: bytearray, new_pin: str
    ) -> SessionUser:
        raise NotImplementedError

    def lock(self) -> None:
        self.locks += 1

    def sign_out(self) -> None:
        self.user = None


def _unlock(keys: KeyManager, pin: str) -> None:
    try:
        keys.unlock_with_pin(pin).wipe()
    except WrongPinError as exc:
        raise UnlockRefused(UnlockProblem.WRONG_PIN, attempts_left=exc.attempts_left) from None
    except PinRateLimitedError:
        raise UnlockRefused(UnlockProblem.TOO_SOON) from None
    except OnlineSignInRequiredError:
        raise UnlockRefused(UnlockProblem.TOO_MANY_WRONG, online_required=True) from None


def patient_window(user: SessionUser) -> QMainWindow:
    """A stand-in for the main window, showing a synthetic patient the way a record view does."""
    window = QMainWindow()
    window.setWindowTitle(f"Pleiepunkt — {PATIENT_NAME if user is NURSE else OTHER_PATIENT_NAME}")
    content = QWidget()
    layout = QVBoxLayout(content)
    if user is NURSE:
        layout.addWidget(QLabel(PATIENT_NAME))
        layout.addWidget(QLabel(f"Fødselsnummer {PATIENT_FNR}"))
    else:
        layout.addWidget(QLabel(OTHER_PATIENT_NAME))
    layout.addWidget(QLabel(f"Signed in: {user.display_name}"))
    window.setCentralWidget(content)
    window.resize(1366, 768)
    return window


def open_patient_dialog(parent: QWidget) -> QDialog:
    """A non-modal dialog with patient data, as a half-filled vitals form would be."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(f"Vitale tegn — {PATIENT_NAME}")
    QVBoxLayout(dialog).addWidget(QLabel(PATIENT_NAME))
    dialog.show()
    return dialog
