"""Which failures are retried for which requests, how long we wait, and Retry-After parsing."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from client import Repeatable, RetryPolicy
from client.retry import parse_retry_after, retries_exception, retries_status
from tests.client.fakes import NOW

SAFE, IDEMPOTENT, UNSAFE = Repeatable.SAFE, Repeatable.IDEMPOTENT, Repeatable.UNSAFE
REQUEST = httpx.Request("GET", "https://fhir.example.test/")


@pytest.mark.parametrize(
    ("repeatable", "status", "retried"),
    [
        (SAFE, 429, True),
        (SAFE, 500, True),
        (SAFE, 502, True),
        (SAFE, 503, True),
        (SAFE, 504, True),
        (SAFE, 501, False),
        (SAFE, 404, False),
        (SAFE, 412, False),
        (IDEMPOTENT, 429, True),
        (IDEMPOTENT, 500, False),
        (IDEMPOTENT, 503, True),
        (IDEMPOTENT, 412, False),
        (UNSAFE, 429, False),
        (UNSAFE, 500, False),
        (UNSAFE, 503, False),
    ],
)
def test_status_retry_decision(repeatable: Repeatable, status: int, retried: bool) -> None:
    assert retries_status(repeatable, status) is retried


@pytest.mark.parametrize(
    ("exc", "safe", "idempotent", "unsafe"),
    [
        (httpx.ConnectError("refused", request=REQUEST), True, True, True),
        (httpx.ConnectTimeout("slow", request=REQUEST), True, True, True),
        (httpx.PoolTimeout("busy", request=REQUEST), True, True, True),
        (httpx.ReadError("reset", request=REQUEST), True, True, False),
        (httpx.ReadTimeout("slow", request=REQUEST), True, True, False),
        (httpx.WriteTimeout("slow", request=REQUEST), True, True, False),
        (httpx.RemoteProtocolError("closed", request=REQUEST), True, True, False),
    ],
)
def test_transport_failure_retry_decision(
    exc: httpx.TransportError, safe: bool, idempotent: bool, unsafe: bool
) -> None:
    assert retries_exception(SAFE, exc) is safe
    assert retries_exception(IDEMPOTENT, exc) is idempotent
    assert retries_exception(UNSAFE, exc) is unsafe


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, None),
        ("0", 0.0),
        ("7", 7.0),
        (" 120 ", 120.0),
        ("-3", None),
        ("soon", None),
        ("1.5", None),
        ("Mon, 02 Mar 2026 12:00:30 GMT", 30.0),
        ("Mon, 02 Mar 2026 11:59:00 GMT", 0.0),
    ],
)
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == seconds


def test_parse_retry_after_http_date_is_relative_to_now() -> None:
    later = NOW + timedelta(seconds=90)
    header = later.strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert parse_retry_after(header, now=NOW) == 90.0


@pytest.mark.parametrize("retry_number", [1, 2, 3, 5, 8, 40])
@pytest.mark.parametrize("random_value", [0.0, 0.3, 0.999999])
def test_backoff_is_full_jitter_within_the_exponential_cap(
    retry_number: int, random_value: float
) -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=20.0)
    delay = policy.backoff(retry_number, random_value)
    assert 0.0 <= delay <= min(20.0, 0.5 * 2 ** (retry_number - 1))
    assert delay == pytest.approx(random_value * min(20.0, 0.5 * 2 ** (retry_number - 1)))


def test_backoff_grows_exponentially_until_the_cap() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=3.0)
    assert [policy.backoff(n, 1.0) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]
