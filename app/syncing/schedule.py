"""``WorkstationSync``: the signed-in person's store kept in sync while the window is open.

Started when a store opens (sign-in, unlock, a new PIN) and stopped before it closes (lock,
sign-out, user switch, quit): the sync runs in a child process (``SyncProcess``), which ends
within a second of ``stop``. The scope is found there at the first run (``discover_scope``),
never on the GUI thread. When each run happens is the ``sync.SyncScheduler``'s decision, and
retries within a run the engine's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta

from app.fhir_clients import PlatformAddress
from app.syncing.signing import PlatformSigner
from app.syncing.sync_process import SyncProcess
from client.oidc import TokenSession
from offline import Store
from sync import Connectivity, Listener, SyncScheduler, SyncSummary


class ProcessEngine:
    """The scheduler's ``Runnable``: each run in the sync process, with today's date."""

    def __init__(self, process: SyncProcess, *, today: Callable[[], date]) -> None:
        self._process = process
        self._today = today

    def run(self, *, trigger: str = "manual") -> SyncSummary:
        return self._process.run(trigger=trigger, today=self._today())

    def cancel(self) -> None:
        self._process.cancel()


class WorkstationSync:
    """Runs the sync of one open store at a time, and remembers how the last one went."""

    def __init__(
        self,
        *,
        platform: PlatformAddress,
        places: Collection[str],
        interval: timedelta,
        today: Callable[[], date],
        listener: Listener | None = None,
    ) -> None:
        self._platform = platform
        self._places = tuple(places)
        self._interval = interval
        self._today = today
        self._listener = listener
        self._lock = threading.Lock()
        self._scheduler: SyncScheduler | None = None
        self._process: SyncProcess | None = None
        self._previous_summary: SyncSummary | None = None

    @property
    def places(self) -> tuple[str, ...]:
        """The places of work synced (``PlacesOfWork``; empty: all)."""
        return self._places

    @property
    def interval(self) -> timedelta:
        """Time between background syncs (``SyncIntervalSeconds``)."""
        return self._interval

    @property
    def process(self) -> SyncProcess | None:
        """The sync process of the open store (None while none is open)."""
        return self._process

    def start(self, store: Store, tokens: TokenSession | None) -> None:
        """Sync ``store`` from now on (signed with ``tokens``); safe from any thread."""
        self.stop()
        signer = PlatformSigner(tokens, base_url=self._platform.base_url) if tokens else None
        process = SyncProcess(
            store,
            user=store.user,
            platform=self._platform,
            signer=signer,
            purpose="window",
            places=self._places,
            listener=self._listener,
        )
        engine = ProcessEngine(process, today=self._today)
        scheduler = SyncScheduler(engine, periodic=self._interval)
        with self._lock:
            self._process, self._scheduler = process, scheduler
        scheduler.start()

    def request(self, trigger: str = "manual") -> None:
        """Sync as soon as possible (a no-op while no store is open)."""
        scheduler = self._scheduler
        if scheduler is not None:
            scheduler.request(trigger)

    def stop(self) -> None:
        """Stop syncing: the sync process ends within a second. The last summary stays."""
        self.last_summary()
        with self._lock:
            scheduler, self._scheduler = self._scheduler, None
            process, self._process = self._process, None
        if process is not None:
            process.stop()
        if scheduler is not None:
            scheduler.stop()

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
