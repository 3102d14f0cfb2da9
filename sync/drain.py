"""The schedule of a background push: push-only runs of one store until its outbox is empty.

When a person locks the window with unsent records, their records are pushed under their own
sign-in while nobody reads their store (``main.py``'s ``OutboxDrain`` owns the store and the
tokens; this owns the timing). Retries have one owner: inside a run, the engine retries each
request at most ``DRAIN_BACKOFF.max_attempts`` times, with waits a cancel ends at once
(``sync.retrying``); the client under it never retries. Between runs this waits
``retry_every`` on the stop event (``stop`` ends the wait at once), and after ``limit`` it gives
up: the records wait in the store for the person's next sign-in.

Attempts per batch, at most: ``DRAIN_BACKOFF.max_attempts`` per run, one run per
``retry_every`` within ``limit`` (2 x 60 runs with the defaults of 30 s and 30 minutes).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

from sync.backoff import Backoff
from sync.config import SyncConfig

DRAIN_BACKOFF = Backoff(max_attempts=2, base=1.0, cap=5.0)
# How a run ended, as the caller reports it: these end the drain; "pushed" runs again at once.
FINAL = frozenset({"signed out", "stopped", "nothing sendable"})


def drain_config() -> SyncConfig:
    """The engine's settings for one drain run: short retries, the drain's loop is the long wait."""
    return SyncConfig(backoff=DRAIN_BACKOFF)


def run_rounds(
    push_once: Callable[[], str],
    *,
    unsent: Callable[[], int],
    stopped: threading.Event,
    retry_every: timedelta,
    limit: timedelta,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """Run ``push_once`` until the outbox is empty, a final answer, ``limit``, or ``stopped``.

    ``push_once`` runs one push-only sync and says how it ended ("pushed", "offline", "busy",
    or one of ``FINAL``). Returns why the drain ended.
    """
    deadline = clock() + limit.total_seconds()
    reason = "stopped"
    while not stopped.is_set():
        if unsent() == 0:
            return "outbox empty"
        reason = push_once()
        if reason in FINAL:
            return reason
        if clock() >= deadline:
            return "time limit"
        if reason != "pushed":
            stopped.wait(retry_every.total_seconds())
    return "stopped"
