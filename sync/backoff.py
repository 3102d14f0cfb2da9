"""Retry timing for the platform: exponential backoff with full jitter, honouring Retry-After.

The client already retries single requests a few times; this is the engine's outer loop around
a whole bundle or page, so a flaky network costs a short pause instead of a failed sync. The
sleep is the cancel token's wait, so ``cancel()`` interrupts a pause at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sync.errors import SyncCancelled


@dataclass(frozen=True, slots=True)
class Backoff:
    """How often and how long to wait: ``random() * min(cap, base * 2**(attempt-1))``."""

    max_attempts: int = 5
    base: float = 1.0
    cap: float = 60.0
    max_retry_after: float = 300.0

    def delay(self, attempt: int, random_value: float, *, retry_after: float | None) -> float:
        """The pause before retry ``attempt`` (1 = first retry); Retry-After wins, capped."""
        if retry_after is not None:
            return min(max(0.0, retry_after), self.max_retry_after)
        return float(random_value * min(self.cap, self.base * 2.0 ** (attempt - 1)))


class CancelToken:
    """Set once to stop a sync; its ``sleep`` returns early (raising) when cancelled."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the running sync to stop at the next safe point."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise SyncCancelled if cancel() was called."""
        if self._event.is_set():
            raise SyncCancelled("the sync was cancelled")

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` unless cancelled first (then raise SyncCancelled)."""
        if self._event.wait(max(0.0, seconds)):
            raise SyncCancelled("the sync was cancelled")
