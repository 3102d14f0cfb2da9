"""One sync without a GUI, for ``pleiepunkt sync`` (main.py) and the crash tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from client import FhirClient
from sync.config import SyncConfig
from sync.engine import SyncEngine
from sync.events import Listener
from sync.ports import SyncStore
from sync.scope import SyncScope
from sync.summary import SyncSummary


def run_once(
    *,
    store: SyncStore,
    client: FhirClient,
    scope: SyncScope,
    lock_path: Path,
    config: SyncConfig | None = None,
    listeners: Iterable[Listener] = (),
    trigger: str = "manual",
) -> SyncSummary:
    """Run one complete sync and return its summary (print ``summary.lines()``).

    ``lock_path`` is the cross-process lock file, conventionally beside the store database
    (``paths.database.with_suffix(".sync.lock")``). Exit code suggestion: 0 when
    ``summary.ok``, 2 for BUSY, 3 for SIGN_IN_REQUIRED, 1 otherwise.
    """
    engine = SyncEngine(store, client, scope, lock_path=lock_path, config=config)
    for listener in listeners:
        engine.add_listener(listener)
    return engine.run(trigger=trigger)
