"""When a failed request may be sent again, and how long to wait first.

A request is repeated only when repeating it cannot change the outcome on the server:

- ``Repeatable.SAFE``: GET and HEAD. Retried on connection errors, timeouts, 429, 500, 502,
  503 and 504.
- ``Repeatable.IDEMPOTENT``: a PUT or DELETE carrying ``If-Match`` (a replay after the first
  attempt committed meets a changed version and gets 412, never a lost update); a PUT-create
  to a fresh client-generated UUID (nobody else writes that id, so a replay rewrites the same
  content); a conditional create with ``If-None-Exist`` (a replay finds the resource the first
  attempt made and writes nothing); a transaction or batch whose entries are all of these kinds.
  Retried like SAFE except on 500, which may mean "failed after committing part of the work".
- ``Repeatable.UNSAFE``: everything else, notably a PUT or DELETE without ``If-Match`` (a replay
  could overwrite or delete what someone else wrote in between) and a plain POST (a replay makes
  a duplicate). Retried only when the request provably never reached the server: the TCP
  connection could not be opened, or no pooled connection was free. A reset, a read timeout or
  any error status is raised to the caller, who knows whether to check and resend.

What a replay can look like to the caller: if the response to an ``If-Match`` write was lost
after the server committed, the replay raises VersionConflict (or Gone, for a delete) although
the write landed; the caller reads the current version and compares it with what it sent.

Delays use exponential backoff with full jitter (``random() * min(cap, base * 2**n)``). A
``Retry-After`` header (seconds or HTTP date) replaces the computed delay; one longer than
``max_retry_after`` is not waited for, and the caller gets the error with ``retry_after`` set.
"""

from __future__ import annotations

import email.utils
import enum
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

RETRY_STATUSES_SAFE = frozenset({429, 500, 502, 503, 504})
RETRY_STATUSES_IDEMPOTENT = frozenset({429, 502, 503, 504})


class Repeatable(enum.Enum):
    """How safe it is to send a request again (see the module docstring)."""

    SAFE = "safe"
    IDEMPOTENT = "idempotent"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class RetryPolicy:
    """Attempt limits and backoff bounds; ``max_attempts=1`` turns retries off."""

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 20.0
    max_retry_after: float = 120.0

    def backoff(self, retry_number: int, random_value: float) -> float:
        """Return the full-jitter delay before retry ``retry_number`` (1 for the first retry)."""
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (retry_number - 1))
        return float(random_value * ceiling)


def retries_status(repeatable: Repeatable, status: int) -> bool:
    """Return True when a response with ``status`` may be retried for this kind of request."""
    if repeatable is Repeatable.SAFE:
        return status in RETRY_STATUSES_SAFE
    if repeatable is Repeatable.IDEMPOTENT:
        return status in RETRY_STATUSES_IDEMPOTENT
    return False


def never_sent(exc: httpx.TransportError) -> bool:
    """Return True when the request cannot have reached the server (connect or pool failure)."""
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def retries_exception(repeatable: Repeatable, exc: httpx.TransportError) -> bool:
    """Return True when a transport failure may be retried for this kind of request."""
    if never_sent(exc):
        return True
    if repeatable is Repeatable.UNSAFE:
        return False
    return isinstance(exc, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError)


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Return the wait in seconds a ``Retry-After`` value asks for, or None if absent/invalid."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
