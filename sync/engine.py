"""The sync engine: one run = push, pull, push again, purge, under the cross-process sync lock.

The platform's CapabilityStatement is read once per run and decides the strategy
(``sync.strategy``). Push goes first (recorded care reaches the platform soonest, sync.md §G
25); the second push sends what the pull's conflict merges queued; patients out of scope are
purged last, so what was just uploaded can go too. The engine owns retries: it talks to the
platform through a client that never retries on its own (``FhirClient.without_retries``).

Plain blocking Python: call ``run`` on a worker thread (``SyncScheduler`` does), never on the
GUI thread. ``cancel`` may be called from any
thread; the run stops at the next safe point, with finished work kept.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from client import FhirClient
from clinical.fhir_time import format_instant, parse_instant
from sync.backoff import CancelToken
from sync.config import SyncConfig
from sync.conflicts import ConflictTally
from sync.errors import PlatformUnavailable, SignInRequired, SyncBusy, SyncCancelled
from sync.events import EventHub, Listener
from sync.lock import SyncLock
from sync.ports import Checkpoint, SyncStore
from sync.pull import Opening, PullCounts, Puller
from sync.pull.opening import guessed_strategy
from sync.push import PushCounts, Pusher
from sync.retrying import call_with_retry
from sync.scope import SyncScope
from sync.status import Connectivity, SyncStatus
from sync.strategy import Strategy, strategy_for
from sync.summary import SyncOutcome, SyncSummary

logger = logging.getLogger(__name__)


class SyncEngine:
    """Syncs one store with one platform for one scope."""

    def __init__(
        self,
        store: SyncStore,
        client: FhirClient,
        scope: SyncScope,
        *,
        lock_path: Path,
        config: SyncConfig | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        # The engine owns retries (one owner: bounded attempts, cancellable waits).
        self._client = client.without_retries()
        self._scope = scope
        self._strategy: Strategy | None = None
        self._lock = SyncLock(lock_path)
        self._config = config or SyncConfig()
        self._clock = clock
        self._events = EventHub()
        self._token_lock = threading.Lock()
        self._token: CancelToken | None = None
        self._connectivity = Connectivity.ONLINE
        self._last_error: str | None = None

    @property
    def scope(self) -> SyncScope:
        return self._scope

    def add_listener(self, listener: Listener) -> None:
        """Receive every event as ``listener(name, **payload)`` (see sync.events)."""
        self._events.add_listener(listener)

    def remove_listener(self, listener: Listener) -> None:
        self._events.remove_listener(listener)

    def cancel(self) -> None:
        """Stop the running sync at the next safe point (no-op when none runs)."""
        with self._token_lock:
            if self._token is not None:
                self._token.cancel()

    def status(self) -> SyncStatus:
        """The current status, counts read from the store."""
        counts = self._store.outbox_status()
        last = self._store.checkpoint(self._success_scope())
        return SyncStatus(
            connectivity=self._connectivity,
            pending_changes=counts.pending + counts.inflight,
            quarantined=counts.quarantined,
            conflicts=counts.open_conflicts,
            last_success_at=_parse(last.watermark) if last and last.watermark else None,
            last_error=self._last_error,
            unreadable=counts.unreadable,
        )

    def run(
        self, *, trigger: str = "manual", full: bool = False, push_only: bool = False
    ) -> SyncSummary:
        """Run one sync; expected failures end up in the summary's outcome, not raised.

        ``full`` (or ``trigger="full"``, for the scheduler) also compares every id in scope
        with the platform's (the reconciliation a platform without ``_history`` gets
        periodically), whatever the platform supports. ``push_only`` sends the outbox and
        pulls nothing (a locked person's records, sent while nobody reads their store); it
        does not count as a successful sync.
        """
        full = full or trigger == "full"
        started = self._clock()
        try:
            self._lock.acquire()
        except SyncBusy:
            return self._summary(
                SyncOutcome.BUSY,
                trigger=trigger,
                started=started,
                push=None,
                pull=None,
                tally=None,
                error=None,
            )
        token = CancelToken()
        with self._token_lock:
            self._token = token
        try:
            return self._run_locked(trigger, started, token, full=full, push_only=push_only)
        finally:
            with self._token_lock:
                self._token = None
            self._lock.release()

    def _run_locked(
        self, trigger: str, started: datetime, token: CancelToken, *, full: bool, push_only: bool
    ) -> SyncSummary:
        self._events.emit("sync_did_start", trigger=trigger)
        previous = self._connectivity
        self._connectivity = Connectivity.SYNCING
        self._emit_status()
        tally = ConflictTally()
        source = self._source()
        pusher: Pusher | None = None
        puller: Puller | None = None
        error: str | None = None
        opening = None if push_only else self._open(token, tally, full=full)
        try:
            strategy = self._read_capabilities(token)
            pusher = Pusher(
                self._store,
                self._client,
                config=self._config,
                strategy=strategy,
                events=self._events,
                cancel=token,
                tally=tally,
                source=source,
            )
            pusher.run()
            self._emit_status()
            if not push_only:
                puller = self._puller(strategy, token, tally, full=full, opening=opening)
                opening = None  # the puller's now
                puller.run()
                pusher.run()
                puller.purge()  # after the last upload: what it sent may go now
            outcome, self._connectivity = SyncOutcome.OK, Connectivity.ONLINE
            if not push_only:
                self._store.save_checkpoint(
                    Checkpoint(self._success_scope(), _format(self._clock()))
                )
        except SignInRequired as exc:
            outcome, self._connectivity, error = (
                SyncOutcome.SIGN_IN_REQUIRED,
                Connectivity.SIGN_IN_REQUIRED,
                str(exc),
            )
        except PlatformUnavailable as exc:
            outcome, self._connectivity, error = SyncOutcome.OFFLINE, Connectivity.OFFLINE, str(exc)
        except SyncCancelled:
            outcome, self._connectivity = SyncOutcome.CANCELLED, previous
        except BaseException:
            self._connectivity = previous
            raise
        finally:
            if opening is not None:
                opening.close()
        self._last_error = error
        if error:
            logger.warning("sync ended %s: %s", outcome.value, error)
        summary = self._summary(
            outcome,
            trigger=trigger,
            started=started,
            push=pusher.counts if pusher else None,
            pull=puller.counts if puller else None,
            tally=tally,
            error=error,
        )
        self._events.emit("sync_status_changed", status=summary.status)
        self._events.emit("sync_did_finish", summary=summary)
        return summary

    @property
    def strategy(self) -> Strategy | None:
        """The strategy of the last run (from the platform's CapabilityStatement), if any."""
        return self._strategy

    def _read_capabilities(self, token: CancelToken) -> Strategy:
        """``/metadata``, read once per run, and the strategy it implies (``sync.strategy``)."""
        capabilities = call_with_retry(
            lambda: self._client.capabilities(refresh=True),
            backoff=self._config.backoff,
            cancel=token,
            random=self._config.random,
            what="CapabilityStatement",
        )
        self._strategy = strategy_for(capabilities, only=self._scope.only_types)
        return self._strategy

    def _open(self, token: CancelToken, tally: ConflictTally, *, full: bool) -> Opening | None:
        """The pull's opening batch, sent now, beside ``/metadata`` (``sync.pull.opening``),
        built from the last run's strategy (else the guess); None when this run pushes first
        (the outbox holds records)."""
        status = self._store.outbox_status()
        if status.pending or status.inflight:
            return None
        strategy = self._strategy or guessed_strategy(only=self._scope.only_types)
        if not strategy.batch_search:
            return None
        requests = self._puller(strategy, token, tally, full=full).opening_requests()
        return Opening(self._client, requests) if len(requests) > 1 else None

    def _puller(
        self,
        strategy: Strategy,
        token: CancelToken,
        tally: ConflictTally,
        *,
        full: bool,
        opening: Opening | None = None,
    ) -> Puller:
        return Puller(
            self._store,
            self._client,
            self._scope,
            config=self._config,
            strategy=strategy,
            events=self._events,
            cancel=token,
            tally=tally,
            full=full,
            opening=opening,
        )

    def _emit_status(self) -> None:
        self._events.emit("sync_status_changed", status=self.status())

    def _summary(
        self,
        outcome: SyncOutcome,
        *,
        trigger: str,
        started: datetime,
        push: PushCounts | None,
        pull: PullCounts | None,
        tally: ConflictTally | None,
        error: str | None,
    ) -> SyncSummary:
        push = push or PushCounts()
        pull = pull or PullCounts()
        tally = tally or ConflictTally()
        return SyncSummary(
            outcome=outcome,
            trigger=trigger,
            started_at=started,
            finished_at=self._clock(),
            pushed=push.sent,
            quarantined=push.quarantined,
            lost_answers_recovered=push.lost_answers_recovered,
            pulled=pull.applied,
            unchanged=pull.skipped,
            deleted=pull.deleted,
            members=pull.members,
            bootstrapped=pull.bootstrapped,
            purged_patients=pull.purged_patients,
            conflicts_detected=tally.detected,
            conflicts_merged=tally.merged,
            pages=pull.pages,
            deletes_supported=pull.deletes_supported,
            status=self.status(),
            error=error,
            reconciled=pull.reconciled,
            unreadable=pull.unreadable,
            unreadable_recovered=pull.unreadable_recovered,
            unpullable=pull.unpullable or (self._strategy.unpullable if self._strategy else ()),
            unfetchable=tuple(sorted(pull.unfetchable_references)),
        )

    def _source(self) -> str:
        """This store's writer mark for ``meta.source``: a random URN kept in the store."""
        found = self._store.checkpoint("sync-client-id")
        if found is not None and found.cursor_url:
            return found.cursor_url
        source = f"urn:uuid:{uuid.uuid4()}"
        self._store.save_checkpoint(Checkpoint("sync-client-id", None, source))
        return source

    def _success_scope(self) -> str:
        return f"last-success:{self._scope.key}"


def _format(moment: datetime) -> str:
    return format_instant(moment)


def _parse(text: str) -> datetime:
    return parse_instant(text).to_datetime()
