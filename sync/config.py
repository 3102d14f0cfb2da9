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
    ``chunk_size`` patients go into one reference search (it bounds the URL length).
    """

    bundle_size: int = 50
    claim_size: int = 200
    max_push_rounds: int = 50
    page_size: int = 1000
    chunk_size: int = 100
    overlap: dt.timedelta = dt.timedelta(minutes=2)
    backoff: Backoff = field(default_factory=Backoff)
    policies: ConflictPolicies = field(default_factory=ConflictPolicies)
    random: Callable[[], float] = random_module.random

    def __post_init__(self) -> None:
        if not 1 <= self.bundle_size <= 500:
            raise ValueError("bundle_size must be between 1 and 500")
        if self.page_size < 1 or self.chunk_size < 1 or self.claim_size < 1:
            raise ValueError("page_size, chunk_size and claim_size must be positive")
