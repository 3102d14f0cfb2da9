"""The engine's tunables, with the defaults the design notes argue for (sync.md §D, §E)."""

from __future__ import annotations

import datetime as dt
import random as random_module
from collections.abc import Callable
from dataclasses import dataclass, field

from sync.backoff import Backoff
from sync.conflicts import ConflictPolicies


@dataclass(frozen=True)
class SyncConfig:
    """How the engine batches, pages, retries and resolves.

    ``bundle_size`` stays at or under the platform's limit of 50 update operations per
    transaction (every PUT counts). ``overlap`` is subtracted from the watermark: rows a server
    commits late with an earlier ``lastUpdated`` are still seen; replays are skipped by version.
    ``chunk_size`` patients (or ids) at most go into one search, and ``max_list_chars`` bounds
    the length of their list in the URL.
    ``reconcile_every``: on a platform without ``_history``, how often the ids in scope are
    compared with the platform's to find what it deleted (a full sync always compares).
    ``audit_retention``: how long a local audit line about a patient no longer held is kept (see
    ``offline`` ``prune_audit_log`` for the policy).
    ``prefetch``: fetch and parse the next page on a helper thread while this one is stored
    (``sync.prefetch``); off, pages are fetched inline on the sync thread. The window turns it
    off: a second CPU-bound Python thread competes with the GUI thread for the GIL.
    """

    bundle_size: int = 50
    claim_size: int = 200
    max_push_rounds: int = 50
    page_size: int = 1000
    chunk_size: int = 100
    max_list_chars: int = 4000
    overlap: dt.timedelta = dt.timedelta(minutes=2)
    reconcile_every: dt.timedelta = dt.timedelta(days=1)
    audit_retention: dt.timedelta = dt.timedelta(days=90)
    backoff: Backoff = field(default_factory=Backoff)
    policies: ConflictPolicies = field(default_factory=ConflictPolicies)
    random: Callable[[], float] = random_module.random
    prefetch: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.bundle_size <= 500:
            raise ValueError("bundle_size must be between 1 and 500")
        if self.page_size < 1 or self.chunk_size < 1 or self.claim_size < 1:
            raise ValueError("page_size, chunk_size and claim_size must be positive")
        if self.max_list_chars < 100:
            raise ValueError("max_list_chars must be at least 100")
