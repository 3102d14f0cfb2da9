"""The one exception tree the views and the session screens see, rooted at ``AppError``.

Every error the application layer raises for a person to hear about carries a stable ``code``
(and the few values its words need); ``ui.errors`` is the one place that turns it into words,
in Bokmål or English, through Qt's translations. ``str(exc)`` is English for logs: it names
kinds, types and ids, never patient data, tokens or PINs. Anything else reaching a view is a
bug, and the view says so without details.

    AppError
    ├── StoreReadFailed         the local store could not be read (locked, damaged, busy)
    ├── NotSaved                the local store could not save; nothing was changed
    ├── PatientNotFound         the patient is not (or no longer) in the local store
    ├── PrescriptionNotFound    the prescription is not in the local store for this patient
    ├── SessionLocked           the store is closed: the screen is locked or nobody signed in
    ├── EntryRefused            a clinical rule refused what was entered (``rule``: its key)
    ├── ColleagueNotVerified    unknown colleague or wrong PIN (deliberately not saying which)
    ├── UnlockRefused           the PIN did not unlock (``reason``, ``attempts_left``)
    ├── SignInFailed            sign-in or token handling failed (``reason``: the client's code)
    ├── NotConfigured           this computer lacks a setting the app needs (``setting``)
    ├── SettingRefused          a user's setting was not saved (``problem``)
    ├── PolicyRefused           a command-line or environment override that policy forbids
    ├── AccessNotLogged         the record was not shown: its opening could not be logged
    ├── FreshStoreRefused       a fresh store was refused: the old one may hold unsent records
    └── RecoveryFailed          IT's recovery did not work (``reason``)
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, ClassVar


class AppError(Exception):
    """Base of every error the application layer raises for a person to hear about."""

    code: ClassVar[str] = "app.failed"


class StoreReadFailed(AppError):
    """The local store could not be read; nothing was changed."""

    code = "store.read_failed"


class NotSaved(AppError):
    """The local store could not save what was documented; nothing was changed."""

    code = "store.not_saved"


class PatientNotFound(AppError):
    """The patient is not (or no longer) in the local store."""

    code = "record.patient_not_found"


class PrescriptionNotFound(AppError):
    """The prescription is not in the local store for this patient."""

    code = "record.prescription_not_found"


class SessionLocked(AppError):
    """The store is closed because the session is locked or nobody is signed in."""

    code = "session.locked"


class EntryRefused(AppError):
    """A clinical rule refused an entry; ``rule`` is the rule's key, ``messages`` its words
    (the clinical module's ``MESSAGES``, in Bokmål and English)."""

    code = "entry.refused"

    def __init__(self, rule: str, *, messages: Mapping[str, Mapping[Any, str]]) -> None:
        super().__init__(f"refused by rule {rule}")
        self.rule = rule
        self.messages = messages


class ColleagueNotVerified(AppError):
    """Unknown colleague or wrong PIN (deliberately not saying which)."""

    code = "bedside.colleague_not_verified"


class UnlockProblem(StrEnum):
    """Why a PIN did not unlock the store."""

    WRONG_PIN = "wrong-pin"
    TOO_SOON = "too-soon"
    TOO_MANY_WRONG = "too-many-wrong"
    OFFLINE_TOO_LONG = "offline-too-long"
    NO_KEY_HERE = "no-key-here"
    KEY_UNREADABLE = "key-unreadable"


class UnlockRefused(AppError):
    """The PIN did not unlock; ``online_required`` ends PIN use until an online sign-in."""

    code = "session.unlock_refused"

    def __init__(
        self,
        reason: UnlockProblem,
        *,
        attempts_left: int | None = None,
        online_required: bool = False,
    ) -> None:
        super().__init__(f"unlock refused: {reason.value}")
        self.reason = reason
        self.attempts_left = attempts_left
        self.online_required = online_required


class SignInFailed(AppError):
    """Sign-in or token handling failed; ``reason`` is the client's error code."""

    code = "session.sign_in_failed"

    def __init__(self, reason: str) -> None:
        super().__init__(f"sign-in failed: {reason}")
        self.reason = reason


class NotConfigured(AppError):
    """This computer lacks a setting the app needs to start (``setting`` names it)."""

    code = "app.not_configured"

    def __init__(self, message: str, *, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


class SettingProblem(StrEnum):
    """Why a user's setting was not saved."""

    INVALID = "invalid"
    MANAGED = "managed"
    NOT_WRITTEN = "not-written"
    OTHER = "other"


class SettingRefused(AppError):
    """A user's setting was not saved: ``setting`` names it, ``problem`` says why; ``accepts``
    (for an invalid value) says what it takes, ``detail`` (file not written) names the file."""

    code = "settings.refused"

    def __init__(
        self, setting: str, problem: SettingProblem, *, accepts: str = "", detail: str = ""
    ) -> None:
        super().__init__(f"{setting} not saved: {problem.value}")
        self.setting = setting
        self.problem = problem
        self.accepts = accepts
        self.detail = detail


class PolicyRefused(AppError):
    """An override (``--server``, a configuration root, a plain-http address) that this
    computer's policy forbids; nothing was changed. ``setting`` names what was overridden."""

    code = "policy.refused"

    def __init__(self, message: str, *, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


class AccessNotLogged(AppError):
    """The record was not shown, because writing its access log (AuditEvent) failed."""

    code = "record.access_not_logged"


class FreshStoreRefused(AppError):
    """A fresh store was refused: the old store may hold unsent records (IT can recover it)."""

    code = "session.fresh_store_refused"


class RecoveryProblem(StrEnum):
    """Why IT's recovery of a store did not work."""

    WRONG_KEY = "wrong-key"
    NO_RECOVERY_WRAP = "no-recovery-wrap"
    NO_STORE = "no-store"
    PIN_TOO_SHORT = "pin-too-short"


class RecoveryFailed(AppError):
    """IT's recovery of a store did not work; nothing was changed."""

    code = "session.recovery_failed"

    def __init__(self, reason: RecoveryProblem) -> None:
        super().__init__(f"recovery failed: {reason.value}")
        self.reason = reason
