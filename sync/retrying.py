"""The engine's retry loop around one platform call, and the error mapping it implies.

Retries have one owner, here. The engine talks to the platform through a client that sends
every request exactly once (``FhirClient.without_retries``); this loop repeats a call at most
``Backoff.max_attempts`` times (5 by default), waiting with full jitter or for the platform's
Retry-After (capped at ``max_retry_after``), every wait on the run's cancel token, so a cancel
ends it at once. Attempts per batch: at most ``max_attempts`` per run (an entry the platform
answers 5xx inside a Bundle likewise, ``sync.push``); a failed run is repeated by whoever
schedules runs (``SyncScheduler`` with capped backoff, ``sync.drain`` for a locked person).

Network errors, timeouts, 5xx, 429 and incomplete bundle answers are retried; when the
attempts run out the call raises PlatformUnavailable. 401/403 raise SignInRequired at once.
Every other client error passes through for the caller to handle (400/412/404...).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from client import AuthError, IncompleteAnswer, RateLimited, ServerError, TransportError
from sync.backoff import Backoff, CancelToken
from sync.errors import PlatformUnavailable, SignInRequired

logger = logging.getLogger(__name__)

T = TypeVar("T")


def call_with_retry(
    call: Callable[[], T],
    *,
    backoff: Backoff,
    cancel: CancelToken,
    random: Callable[[], float],
    what: str,
) -> T:
    """Return ``call()``, retrying transient failures; ``what`` names it in logs (no data)."""
    attempt = 0
    while True:
        cancel.check()
        try:
            return call()
        except AuthError as exc:
            raise SignInRequired(
                f"{what}: the platform refused the sign-in ({exc.status})"
            ) from exc
        except (TransportError, ServerError, RateLimited, IncompleteAnswer) as exc:
            attempt += 1
            if attempt >= backoff.max_attempts:
                raise PlatformUnavailable(
                    f"{what}: the platform kept failing ({type(exc).__name__}) after "
                    f"{attempt} attempts"
                ) from exc
            retry_after = exc.retry_after if isinstance(exc, RateLimited) else None
            delay = backoff.delay(attempt, random(), retry_after=retry_after)
            logger.info("%s failed (%s); retrying in %.2f s", what, type(exc).__name__, delay)
            cancel.sleep(delay)
