"""The suite-wide log scan (tests/log_guard.py) finds what it is there to find."""

from __future__ import annotations

import logging

import pytest

from tests.log_guard import LogGuard

FNR = "15833849821"  # synthetic: month + 80, valid check digits


@pytest.mark.parametrize(
    ("message", "label"),
    [
        (f"opened patient {FNR}", "fødselsnummer"),
        (f"opened patient {FNR[:6]} {FNR[6:]}", "fødselsnummer"),
        ("token eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiI5MTAwMDAxIn0.c2lnbmF0dXJlLXZhbHVl", "JWT"),
        ("header Authorization: DPoP Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5", "Authorization value"),
        ("PRAGMA key = \"x'" + "ab" * 32 + "'\"", "raw key"),
        ("unlock with PIN 4827 failed", "PIN"),
    ],
)
def test_each_kind_of_secret_is_found(message: str, label: str) -> None:
    guard = LogGuard()
    guard.emit(logging.LogRecord("pleiepunkt", logging.INFO, __file__, 1, message, None, None))
    [finding] = guard.findings()
    assert label in finding
    assert message not in finding  # the report masks what it found


def test_ordinary_records_pass() -> None:
    guard = LogGuard()
    for message in (
        "sync ended ok: 1,204 resources in 12 pages",
        "HTTP Request: GET https://127.0.0.1:41233/fhir/Observation?_count=1000",
        "12345678901 is not a valid fødselsnummer",  # fails the check digits
        "PIN attempts left: 3",
    ):
        guard.emit(logging.LogRecord("pleiepunkt", logging.INFO, __file__, 1, message, None, None))
    assert guard.findings() == []
