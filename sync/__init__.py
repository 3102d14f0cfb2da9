"""The sync engine: outbox to platform, platform to store, conflicts. Plain Python, no Qt.

The package root exports what ``ui/`` may use without pulling in HTTP (values, events, the
scheduler, conflict policies). The engine itself talks HTTP through ``client`` and is built by
``main.py``: ``from sync.engine import SyncEngine`` and ``from sync.headless import run_once``.
"""

from sync.backoff import Backoff, CancelToken
from sync.config import SyncConfig
from sync.conflicts import (
    ConflictPolicies,
    ConflictPolicy,
    Decision,
    Deferred,
    Merged,
    SameAsRemote,
    three_way_policy,
)
from sync.errors import PlatformUnavailable, SignInRequired, SyncBusy, SyncCancelled, SyncError
from sync.events import EventHub, Listener
from sync.merge import MergeResult, same_content, three_way_merge
from sync.scheduler import Runnable, SyncScheduler
from sync.scope import SyncScope, VisitPlan
from sync.status import Connectivity, SyncStatus
from sync.summary import SyncOutcome, SyncSummary

__all__ = [
    "Backoff",
    "CancelToken",
    "ConflictPolicies",
    "ConflictPolicy",
    "Connectivity",
    "Decision",
    "Deferred",
    "EventHub",
    "Listener",
    "MergeResult",
    "Merged",
    "PlatformUnavailable",
    "Runnable",
    "SameAsRemote",
    "SignInRequired",
    "SyncBusy",
    "SyncCancelled",
    "SyncConfig",
    "SyncError",
    "SyncOutcome",
    "SyncScheduler",
    "SyncScope",
    "SyncStatus",
    "SyncSummary",
    "VisitPlan",
    "same_content",
    "three_way_merge",
    "three_way_policy",
]
