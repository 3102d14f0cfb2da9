"""Errors are worded in one place, in Bokmål and English, from the codes the layers carry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.errors import (
    AppError,
    ColleagueNotVerified,
    EntryRefused,
    NotConfigured,
    NotSaved,
    PatientNotFound,
    PrescriptionNotFound,
    SessionLocked,
    SettingProblem,
    SettingRefused,
    SignInFailed,
    StoreReadFailed,
    UnlockProblem,
    UnlockRefused,
)
from app.values import PinProblem, PinState
from client import errors as client_errors
from client.oidc import errors as sign_in_errors
from clinical import nonadministration
from tests.ui.compiled_translation import installed
from ui.errors import describe, explain, pin_state_text

EXAMPLES: list[AppError] = [
    StoreReadFailed("x"),
    NotSaved("x"),
    PatientNotFound("x"),
    PrescriptionNotFound("x"),
    SessionLocked("x"),
    EntryRefused("dose.reason_required", messages=nonadministration.MESSAGES),
    ColleagueNotVerified("x"),
    *(UnlockRefused(problem, attempts_left=2) for problem in UnlockProblem),
    NotConfigured("x", setting="server_url"),
    *(SettingRefused("language", problem, accepts="nb or en") for problem in SettingProblem),
]
SIGN_IN_CODES = sorted(
    {
        cls.code
        for cls in vars(sign_in_errors).values()
        if isinstance(cls, type) and issubclass(cls, client_errors.FhirError)
    }
)
GENERIC = ("Something went wrong", "Try again.")


def _words(error: AppError) -> tuple[str, str]:
    title, detail = describe(error)
    assert title
    assert detail
    assert (title, detail) != GENERIC, f"{type(error).__name__} has no words of its own"
    return title, detail


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: f"{e.code}")
def test_every_application_error_has_words_of_its_own(english: None, error: AppError) -> None:
    _words(error)


@pytest.mark.parametrize("code", SIGN_IN_CODES)
def test_every_sign_in_failure_the_client_can_raise_is_worded(english: None, code: str) -> None:
    assert explain(SignInFailed(code))


def test_every_application_error_reads_in_bokmal(
    qapp: QApplication, english: None, tmp_path: Path
) -> None:
    in_english = [describe(error) for error in EXAMPLES]
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
    try:
        with installed(qapp, "pleiepunkt_nb", tmp_path):
            in_bokmal = [_words(error) for error in EXAMPLES]
            assert explain(UnlockRefused(UnlockProblem.WRONG_PIN, attempts_left=2)) == (
                "Feil PIN-kode. 2 forsøk igjen."
            )
            pin_texts = {pin_state_text(PinState(False, problem)) for problem in PinProblem}
            sign_in = {explain(SignInFailed(code)) for code in SIGN_IN_CODES}
    finally:
        QLocale.setDefault(previous)
    for error, english_words, bokmal_words in zip(EXAMPLES, in_english, in_bokmal, strict=True):
        assert bokmal_words[0] != english_words[0], f"{type(error).__name__}: title in English"
        assert bokmal_words[1] != english_words[1], f"{type(error).__name__}: detail in English"
    assert len(pin_texts) == len(PinProblem)
    assert all("HelseID" in text for text in pin_texts)
    assert "Innloggingen ble avbrutt." in sign_in


def test_the_lock_screen_offers_the_pin_without_a_word(english: None) -> None:
    assert pin_state_text(PinState(True)) == ""


def test_an_unexpected_failure_is_logged_by_type_and_said_calmly(english: None) -> None:
    title, detail = describe(RuntimeError("patient 13917499758 broke"))
    assert "13917499758" not in title + detail
    assert "Nothing you recorded has been lost" in detail
