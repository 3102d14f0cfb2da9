"""Why a PIN did not unlock, as the lock screen hears it: a reason, never the store's text."""

from __future__ import annotations

import pytest

from app.errors import UnlockProblem, UnlockRefused
from app.session.session import _refusal
from offline.errors import (
    KeyFileCorruptError,
    KeyMaterialMissingError,
    KeyringUnavailableError,
    OnlineSignInRequiredError,
    PinRateLimitedError,
    StoreKeyError,
    WrongPinError,
)


@pytest.mark.parametrize(
    ("error", "reason", "online_required", "attempts_left"),
    [
        (
            WrongPinError("wrong PIN (2 attempts left)", attempts_left=2),
            UnlockProblem.WRONG_PIN,
            False,
            2,
        ),
        (
            PinRateLimitedError("too soon", retry_after_seconds=3),
            UnlockProblem.TOO_SOON,
            False,
            None,
        ),
        (OnlineSignInRequiredError("locked out"), UnlockProblem.TOO_MANY_WRONG, True, None),
        (KeyMaterialMissingError("no key"), UnlockProblem.NO_KEY_HERE, False, None),
        (KeyFileCorruptError("damaged"), UnlockProblem.KEY_UNREADABLE, False, None),
        (KeyringUnavailableError("no keyring"), UnlockProblem.KEY_UNREADABLE, False, None),
    ],
)
def test_each_key_failure_becomes_its_reason(
    error: StoreKeyError,
    reason: UnlockProblem,
    online_required: bool,
    attempts_left: int | None,
) -> None:
    refused = _refusal(error)
    assert isinstance(refused, UnlockRefused)
    assert (refused.reason, refused.online_required, refused.attempts_left) == (
        reason,
        online_required,
        attempts_left,
    )
    assert str(error) not in str(refused), "the store's English text never reaches the screen"
