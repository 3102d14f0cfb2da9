"""The one place that turns an exception into words, in Bokmål or English (Qt translations).

The application raises ``app.errors.AppError`` subclasses carrying codes; the client below it
carries codes too (``SignInFailed.reason``). Views call ``describe`` for (title, detail),
``failure_text`` for one line, ``show_error`` for a message box; the session screens call
``pin_state_text``. Messages never contain patient data. Anything that is not an ``AppError`` is
a bug: only its type is logged, and a calm generic message says nothing was lost.
"""

from __future__ import annotations

import logging
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import (
    AccessNotLogged,
    AppError,
    ColleagueNotVerified,
    EntryRefused,
    FreshStoreRefused,
    NotConfigured,
    NotSaved,
    PatientNotFound,
    PolicyRefused,
    PrescriptionNotFound,
    RecoveryFailed,
    RecoveryProblem,
    SessionLocked,
    SettingProblem,
    SettingRefused,
    SignInFailed,
    StoreReadFailed,
    UnlockProblem,
    UnlockRefused,
)
from app.values import PinProblem, PinState
from ui.clinical_texts import clinical_text

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


_NOT_SAVED: Final = str(QT_TRANSLATE_NOOP("Errors", "Not saved"))
_SIGN_IN: Final = {
    "sign_in.cancelled": str(QT_TRANSLATE_NOOP("Errors", "Sign-in was cancelled.")),
    "sign_in.not_completed": str(
        QT_TRANSLATE_NOOP(
            "Errors",
            "Sign-in was not completed in the browser. Try again. If you do not come back to "
            "Pleiepunkt after signing in, contact IT.",
        )
    ),
    "sign_in.unreachable": str(
        QT_TRANSLATE_NOOP(
            "Errors",
            "Cannot reach the sign-in service. You can unlock with your PIN and work offline.",
        )
    ),
    "sign_in.expired": str(QT_TRANSLATE_NOOP("Errors", "Your sign-in has expired. Sign in again.")),
    "sign_in.invalid_token": str(
        QT_TRANSLATE_NOOP(
            "Errors", "The answer from the sign-in service could not be accepted. Contact IT."
        )
    ),
    "sign_in.secret_storage": str(
        QT_TRANSLATE_NOOP(
            "Errors", "The sign-in key on this computer cannot be read. Contact the IT department."
        )
    ),
    "sign_in.not_signed_in": str(QT_TRANSLATE_NOOP("Errors", "You are not signed in.")),
    "sign_in.online_required": str(
        QT_TRANSLATE_NOOP("Errors", "Sign in online before you can unlock with a PIN.")
    ),
}
"""Words for the client's sign-in codes (``client.oidc.errors``); others get the generic one."""
_SIGN_IN_FAILED: Final = str(
    QT_TRANSLATE_NOOP("Errors", "Sign-in failed. Try again, or contact IT if it keeps happening.")
)
_PIN_PROBLEMS: Final = {
    PinProblem.OFFLINE_TOO_LONG: str(
        QT_TRANSLATE_NOOP(
            "Errors", "Sign in with HelseID: the PIN has expired after a time without network."
        )
    ),
    PinProblem.NO_KEY_HERE: str(QT_TRANSLATE_NOOP("Errors", "Sign in with HelseID to unlock.")),
    PinProblem.TOO_MANY_WRONG_PINS: str(
        QT_TRANSLATE_NOOP("Errors", "Too many wrong PINs. Sign in with HelseID.")
    ),
}
_UNLOCK: Final = {
    UnlockProblem.TOO_SOON: str(QT_TRANSLATE_NOOP("Errors", "Wait a moment before trying again.")),
    UnlockProblem.TOO_MANY_WRONG: _PIN_PROBLEMS[PinProblem.TOO_MANY_WRONG_PINS],
    UnlockProblem.OFFLINE_TOO_LONG: _PIN_PROBLEMS[PinProblem.OFFLINE_TOO_LONG],
    UnlockProblem.NO_KEY_HERE: _PIN_PROBLEMS[PinProblem.NO_KEY_HERE],
    UnlockProblem.KEY_UNREADABLE: str(
        QT_TRANSLATE_NOOP("Errors", "The PIN could not be checked. Sign in with HelseID.")
    ),
}
_FIXED: Final[dict[type[AppError], tuple[str, str]]] = {
    PatientNotFound: (
        str(QT_TRANSLATE_NOOP("Errors", "This patient is not on this computer")),
        str(
            QT_TRANSLATE_NOOP(
                "Errors", "The patient may have moved to another unit. Sync and try again."
            )
        ),
    ),
    StoreReadFailed: (
        str(QT_TRANSLATE_NOOP("Errors", "Could not read the local record")),
        str(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The local store could not be read. Try again; if it keeps failing, sign in again.",
            )
        ),
    ),
    NotSaved: (
        _NOT_SAVED,
        str(QT_TRANSLATE_NOOP("Errors", "Saving on this computer failed. Nothing was changed.")),
    ),
    PrescriptionNotFound: (
        _NOT_SAVED,
        str(QT_TRANSLATE_NOOP("Errors", "This prescription is not on this computer.")),
    ),
    ColleagueNotVerified: (
        str(QT_TRANSLATE_NOOP("Errors", "Not confirmed")),
        str(QT_TRANSLATE_NOOP("Errors", "Unknown user or wrong PIN.")),
    ),
    SessionLocked: (
        str(QT_TRANSLATE_NOOP("Errors", "Pleiepunkt is locked")),
        str(QT_TRANSLATE_NOOP("Errors", "Unlock with your PIN.")),
    ),
    AccessNotLogged: (
        str(QT_TRANSLATE_NOOP("Errors", "The record was not opened")),
        str(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The opening could not be written to the access log, so the record is not "
                "shown. Try again; if it keeps failing, contact IT.",
            )
        ),
    ),
    FreshStoreRefused: (
        str(QT_TRANSLATE_NOOP("Errors", "No new store")),
        str(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Records on this computer may not have been sent yet, so the store cannot be "
                "replaced. IT can recover it with the organisation's key.",
            )
        ),
    ),
}
"""Errors whose words need no values from the error."""


def pin_state_text(state: PinState) -> str:
    """Why the lock screen offers no PIN now ("" when it does)."""
    if state.allowed or state.problem is None:
        return ""
    return _tr(_PIN_PROBLEMS[state.problem])


def _unlock_words(error: UnlockRefused) -> str:
    if error.reason is UnlockProblem.WRONG_PIN:
        return QCoreApplication.translate("Errors", "Wrong PIN. %1 attempts left.").replace(
            "%1", str(error.attempts_left or 0)
        )
    return _tr(_UNLOCK[error.reason])


def _recovery_words(error: RecoveryFailed) -> str:
    if error.reason is RecoveryProblem.WRONG_KEY:
        return QCoreApplication.translate(
            "Errors", "The recovery key or its passphrase is wrong. Nothing was changed."
        )
    if error.reason is RecoveryProblem.NO_RECOVERY_WRAP:
        return QCoreApplication.translate(
            "Errors", "This store was made before a recovery key was set up. Nothing was changed."
        )
    if error.reason is RecoveryProblem.PIN_TOO_SHORT:
        return QCoreApplication.translate("Errors", "The new PIN is too short.")
    return QCoreApplication.translate("Errors", "There is no store for this person here.")


def setting_refusal_text(error: SettingRefused, *, label: str) -> str:
    """Why the setting shown as ``label`` was not saved."""
    if error.problem is SettingProblem.INVALID:
        return (
            QCoreApplication.translate("Errors", "%1 was not saved: use %2.")
            .replace("%1", label)
            .replace("%2", error.accepts)
        )
    if error.problem is SettingProblem.MANAGED:
        return QCoreApplication.translate(
            "Errors",
            "%1 was not saved: it is decided by your organisation or by IT for this computer.",
        ).replace("%1", label)
    if error.problem is SettingProblem.NOT_WRITTEN:
        return QCoreApplication.translate(
            "Errors", "Your settings could not be saved on this computer (%1)."
        ).replace("%1", error.detail)
    return QCoreApplication.translate("Errors", "%1 was not saved.").replace("%1", label)


def _worded(error: AppError) -> tuple[str, str]:  # noqa: PLR0911 - one return per kind
    """(title, detail) of an error whose words carry its values."""
    if isinstance(error, EntryRefused):
        return _tr(_NOT_SAVED), clinical_text(error.messages, error.rule)
    if isinstance(error, UnlockRefused):
        return QCoreApplication.translate("Errors", "Not unlocked"), _unlock_words(error)
    if isinstance(error, SignInFailed):
        return QCoreApplication.translate("Errors", "Not signed in"), _tr(
            _SIGN_IN.get(error.reason, _SIGN_IN_FAILED)
        )
    if isinstance(error, NotConfigured):
        return (
            QCoreApplication.translate("Errors", "Pleiepunkt is not set up on this computer"),
            QCoreApplication.translate(
                "Errors", "Ask IT to set %1 in this computer's configuration."
            ).replace("%1", error.setting),
        )
    if isinstance(error, SettingRefused):
        return _tr(_NOT_SAVED), setting_refusal_text(error, label=error.setting)
    if isinstance(error, PolicyRefused):
        return (
            QCoreApplication.translate("Errors", "Refused by your organisation's policy"),
            QCoreApplication.translate(
                "Errors", "%1 is decided by policy on this computer (https only)."
            ).replace("%1", error.setting),
        )
    if isinstance(error, RecoveryFailed):
        return QCoreApplication.translate("Errors", "Not recovered"), _recovery_words(error)
    return QCoreApplication.translate("Errors", "Something went wrong"), QCoreApplication.translate(
        "Errors", "Try again."
    )


def _app_words(error: AppError) -> tuple[str, str]:
    for kind, (title, detail) in _FIXED.items():
        if isinstance(error, kind):
            return _tr(title), _tr(detail)
    return _worded(error)


def describe(exc: BaseException) -> tuple[str, str]:
    """(title, detail) to show for a failure; logs unexpected ones by type only."""
    if isinstance(exc, AppError):
        return _app_words(exc)
    log.error("unexpected failure in a view: %s", type(exc).__name__, exc_info=exc)
    return (
        QCoreApplication.translate("Errors", "Something went wrong"),
        QCoreApplication.translate(
            "Errors", "The error was logged. Nothing you recorded has been lost."
        ),
    )


def explain(exc: BaseException) -> str:
    """The detail alone: what to do now (for a message line under a form or a PIN field)."""
    return describe(exc)[1]


def failure_text(exc: BaseException) -> str:
    """One line: the title and what to do."""
    title, detail = describe(exc)
    return f"{title}. {detail}" if detail else title


def startup_failure_text(exc: BaseException) -> str:
    """Why the app cannot start, for the message box before any window (for IT: technical)."""
    return QCoreApplication.translate("Errors", "Pleiepunkt cannot start:") + f"\n{exc}"


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user about a failure in a window-modal message box (does not block)."""
    title, detail = describe(exc)
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{title}\n\n{detail}")
    box.open()
