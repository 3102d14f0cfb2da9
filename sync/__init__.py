"""The sync engine: outbox to platform, platform to store, conflicts. Plain Python, no Qt.

The package root exports what ``ui/`` may use without pulling in HTTP (values, events, the
scheduler, conflict policies). The engine itself talks HTTP through ``client``: ``SyncEngine``
and ``run_once`` (one headless sync), and ``strategy_for`` (how the sync uses what a platform's
CapabilityStatement offers) are loaded on first use, so importing the package still
pulls in no HTTP; the application layer (``app``) builds them.
"""

import importlib
from typing import TYPE_CHECKING, Any

from sync.backoff import Backoff, CancelToken
from sync.config import SyncConfig
from sync.conflicts import (
    ConflictPolicies,
    ConflictPolicy,
    Decision,
    Deferred,
    KeepLocal,
    Merged,
    SameAsRemote,
    three_way_policy,
)
from sync.drain import DRAIN_BACKOFF, drain_config
from sync.errors import PlatformUnavailable, SignInRequired, SyncBusy, SyncCancelled, SyncError
from sync.events import EventHub, Listener
from sync.merge import MergeResult, same_content, three_way_merge
from sync.scheduler import Runnable, SyncScheduler
from sync.scope import SyncScope, VisitPlan
from sync.status import Connectivity, SyncStatus
from sync.summary import SyncOutcome, SyncSummary

if TYPE_CHECKING:
    from sync.engine import SyncEngine
    from sync.headless import run_once
    from sync.strategy import Strategy, strategy_for

_LAZY = {
    "SyncEngine": "sync.engine",
    "run_once": "sync.headless",
    "Strategy": "sync.strategy",
    "strategy_for": "sync.strategy",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sync' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DRAIN_BACKOFF",
    "Backoff",
    "CancelToken",
    "ConflictPolicies",
    "ConflictPolicy",
    "Connectivity",
    "Decision",
    "Deferred",
    "EventHub",
    "KeepLocal",
    "Listener",
    "MergeResult",
    "Merged",
    "PlatformUnavailable",
    "Runnable",
    "SameAsRemote",
    "SignInRequired",
    "Strategy",
    "SyncBusy",
    "SyncCancelled",
    "SyncConfig",
    "SyncEngine",
    "SyncError",
    "SyncOutcome",
    "SyncScheduler",
    "SyncScope",
    "SyncStatus",
    "SyncSummary",
    "VisitPlan",
    "drain_config",
    "run_once",
    "same_content",
    "strategy_for",
    "three_way_merge",
    "three_way_policy",
]
