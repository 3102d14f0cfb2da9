"""``WorkstationSync``: the signed-in person's store kept in sync while the window is open.

Started when a store opens (sign-in, unlock, a new PIN) and stopped before it closes (lock,
sign-out, user switch, quit); a running sync ends at its next safe point. The scope is found on
the sync thread at the first run (``discover_scope``), never on the GUI thread. When each run
happens is the ``sync.SyncScheduler``'s decision, and retries within a run the engine's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta

from app.fhir_clients import FhirFactory
from app.syncing.scope import discover_scope
from app.syncing.window_sync import gui_sync_config, sync_lock_path
from client import FhirClient
from client.oidc import DpopAuth, TokenSession
from offline import Store
from sync import Connectivity, Listener, SyncEngine, SyncScheduler, SyncSummary


class ScopedEngine:
    """Finds the scope on the sync thread at its first run, then syncs it (a ``Runnable``)."""

    def __init__(
        self,
        store: Store,
        fhir: FhirClient,
        *,
        places: Collection[str],
        today: Callable[[], date],
        listener: Listener | None,
    ) -> None:
        self._store = store
        self._fhir = fhir
        self._places = tuple(places)
        self._today = today
        self._listener = listener
        self._engine: SyncEngine | None = None

    def run(self, *, trigger: str = "manual") -> SyncSummary:
        if self._engine is None:
            scope = discover_scope(self._fhir, wanted=self._places, today=self._today())
            self._engine = SyncEngine(
                self._store,
                self._fhir,
                scope,
                lock_path=sync_lock_path(self._store.paths),
                config=gui_sync_config(),
            )
            if self._listener is not None:
                self._engine.add_listener(self._listener)
        return self._engine.run(trigger=trigger)

    def cancel(self) -> None:
        if self._engine is not None:
            self._engine.cancel()


class WorkstationSync:
    """Runs the sync of one open store at a time, and remembers how the last one went."""

    def __init__(
        self,
        *,
        fhir_factory: FhirFactory,
        places: Collection[str],
        interval: timedelta,
        today: Callable[[], date],
        listener: Listener | None = None,
    ) -> None:
        self._fhir_factory = fhir_factory
        self._places = tuple(places)
        self._interval = interval
        self._today = today
        self._listener = listener
        self._lock = threading.Lock()
        self._scheduler: SyncScheduler | None = None
        self._fhir: FhirClient | None = None
        self._previous_summary: SyncSummary | None = None

    @property
    def places(self) -> tuple[str, ...]:
        """The places of work synced (``PlacesOfWork``; empty: all)."""
        return self._places

    @property
    def interval(self) -> timedelta:
        """Time between background syncs (``SyncIntervalSeconds``)."""
        return self._interval

    def start(self, store: Store, tokens: TokenSession | None) -> None:
        """Sync ``store`` from now on (signed with ``tokens``); safe from any thread."""
        self.stop()
        fhir = self._fhir_factory(DpopAuth(tokens) if tokens else None)
        engine = ScopedEngine(
            store, fhir, places=self._places, today=self._today, listener=self._listener
        )
        scheduler = SyncScheduler(engine, periodic=self._interval)
        with self._lock:
            self._fhir, self._scheduler = fhir, scheduler
        scheduler.start()

    def stop(self) -> None:
        """Stop syncing; a running sync ends at its next safe point. The last summary stays."""
        self.last_summary()
        with self._lock:
            scheduler, self._scheduler = self._scheduler, None
            fhir, self._fhir = self._fhir, None
        if scheduler is not None:
            scheduler.cancel()
            scheduler.stop()
        if fhir is not None:
            fhir.close()

    def last_summary(self) -> SyncSummary | None:
        """The newest sync summary, kept across a lock (which stops the scheduler)."""
        scheduler = self._scheduler
        summary = scheduler.last_summary if scheduler is not None else None
        if summary is not None:
            self._previous_summary = summary
        return self._previous_summary

    def last_success(self) -> datetime | None:
        """When a sync last succeeded; None before the first."""
        summary = self.last_summary()
        return summary.status.last_success_at if summary else None

    def platform_reachable(self) -> bool:
        """Whether the last sync reached the platform; False before the first sync ends."""
        summary = self.last_summary()
        return summary is not None and summary.status.connectivity is Connectivity.ONLINE
