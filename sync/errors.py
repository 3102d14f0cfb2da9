"""The one exception tree of the sync layer.

Expected outcomes of a run (offline, sign-in needed, cancelled, busy) are reported in the
``SyncSummary``, not raised to callers of ``SyncEngine.run``; these exceptions travel inside the
engine and out of the lower-level ``Pusher``/``Puller`` calls. Messages never carry resource
bodies or patient identifiers.

    SyncError
    ├── SyncBusy            another sync (this or another process) holds the lock
    ├── SyncCancelled       cancel() was called; the current step stopped cleanly
    ├── SignInRequired      the platform answered 401/403; nothing was dropped
    └── PlatformUnavailable network errors, timeouts, 5xx or 429 outlasted the retries
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every error raised by the sync engine."""


class SyncBusy(SyncError):
    """Another sync is running (in this process or another one); nothing was done."""


class SyncCancelled(SyncError):
    """The sync was cancelled; finished steps are kept, unfinished ones are retried next time."""


class SignInRequired(SyncError):
    """The platform refused the credentials (401/403); local data stays queued."""


class PlatformUnavailable(SyncError):
    """The platform could not be reached or kept failing after the retries of this run."""
