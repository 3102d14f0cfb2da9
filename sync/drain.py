"""The engine's settings for a background push: push-only runs of a locked person's store.

When a person locks the window with unsent records, their records are pushed under their own
sign-in while nobody reads their store; the application's background push owns the store, the
tokens and the schedule between runs (one run, then a wait on its stop event, until the outbox
is empty or its time limit). Retries have one owner: inside a run, the engine retries each
request at most ``DRAIN_BACKOFF.max_attempts`` times, with waits a cancel ends at once
(``sync.retrying``); the client under it never retries.

Attempts per batch, at most: ``DRAIN_BACKOFF.max_attempts`` per run, one run per retry wait
within the time limit (2 x 60 runs with the application's 30 s and 30 minutes).
"""

from __future__ import annotations

from typing import Final

from sync.backoff import Backoff
from sync.config import SyncConfig

DRAIN_BACKOFF: Final = Backoff(max_attempts=2, base=1.0, cap=5.0)
"""Short retries inside one background run: the schedule between runs is the long wait."""


def drain_config() -> SyncConfig:
    """The engine's settings for one background push run (``DRAIN_BACKOFF``)."""
    return SyncConfig(backoff=DRAIN_BACKOFF)
