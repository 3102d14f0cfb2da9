"""What the sync engine tells the rest of the app about its state, as plain values.

The engine publishes a fresh ``SyncStatus`` after every step through its listeners (event name
``sync_status_changed``, payload ``status=SyncStatus``); ``ui/`` shows it, ``main.py sync`` prints
it. Counts come from the store, so they are true after a restart too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Connectivity(StrEnum):
    """Whether the last contact with the platform worked, and if not, why not."""

    ONLINE = "online"
    OFFLINE = "offline"  # network unreachable, timeouts, 5xx after retries
    SIGN_IN_REQUIRED = "sign_in_required"  # 401/403: nothing is dropped, the user must sign in
    SYNCING = "syncing"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """A snapshot of sync state; every field is safe to show to any signed-in user."""

    connectivity: Connectivity
    pending_changes: int
    quarantined: int
    conflicts: int
    last_success_at: datetime | None
    last_error: str | None = None
    unreadable: int = 0  # records from the platform that could not be read (kept, retried)
