"""``OutboxDrain``: a locked person's unsynced records, pushed under their own sign-in.

At a lock (and so before a user switch) the person's open store and token session come here
instead of being dropped, if the outbox holds unsynced records. A thread pushes them (push
only: nobody reads this store now, so nothing is pulled) until the outbox is empty, the
platform or identity provider refuses the sign-in (tokens expired or revoked), the time limit
passes, or ``stop`` is called (the person is back, or the app quits). The store is then closed,
dropping its key, and the tokens are forgotten; the sealed refresh token stays for the person's
next unlock. It sends nothing to the window: no events, no counts, no errors.

Retries: each round is one push-only run of the sync engine, which owns retries within it
(``sync.drain_config``: a short backoff, since this loop is the long wait between rounds); the
client under it never retries. Attempts per batch: ``DRAIN_BACKOFF.max_attempts`` per round,
one round per ``DRAIN_RETRY`` within ``DRAIN_LIMIT``; ``stop`` ends a wait at once.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from enum import StrEnum
from typing import Final

from app.fhir_clients import FhirFactory
from app.syncing.window_sync import sync_lock_path
from client import FhirClient
from client.oidc import DpopAuth, IdentityProviderUnreachable, SignInError, TokenSession
from offline import Store
from sync import SyncEngine, SyncOutcome, SyncScope, drain_config

log = logging.getLogger(__name__)

DRAIN_LIMIT: Final = timedelta(minutes=30)
"""A locked person's records are pushed for at most this long; then their key and tokens are
dropped anyway and the records wait for their next sign-in."""
DRAIN_RETRY: Final = timedelta(seconds=30)
"""The wait between rounds that did not empty the outbox."""


class Round(StrEnum):
    """How one push round ended."""

    PUSHED = "pushed"
    """Records went out (or were set aside as rejected); the outbox may hold more."""
    NOTHING_SENDABLE = "nothing sendable"
    """The outbox holds records, but none can be sent now (waiting for a conflict)."""
    OFFLINE = "offline"
    """The platform or identity provider did not answer; try again after the wait."""
    BUSY = "busy"
    """The person's own sync is still ending; try again shortly."""
    SIGNED_OUT = "signed out"
    """The sign-in was refused (expired or revoked): only the person can sign in again."""
    STOPPED = "stopped"
    """``stop`` was called."""


class DrainEnd(StrEnum):
    """Why a drain ended (logged; the records that are left wait for their owner)."""

    OUTBOX_EMPTY = "outbox empty"
    NOTHING_SENDABLE = "nothing sendable"
    SIGNED_OUT = "signed out"
    STOPPED = "stopped"
    TIME_LIMIT = "time limit"
    FAILED = "failed"


_FINAL: Final = {
    Round.SIGNED_OUT: DrainEnd.SIGNED_OUT,
    Round.STOPPED: DrainEnd.STOPPED,
    Round.NOTHING_SENDABLE: DrainEnd.NOTHING_SENDABLE,
}
_OUTCOME_ROUND: Final = {
    SyncOutcome.BUSY: Round.BUSY,
    SyncOutcome.OFFLINE: Round.OFFLINE,
    SyncOutcome.SIGN_IN_REQUIRED: Round.SIGNED_OUT,
    SyncOutcome.CANCELLED: Round.STOPPED,
}


def _unsent(store: Store) -> int:
    status = store.outbox_status()
    return status.pending + status.inflight


class OutboxDrain:
    """Pushes one locked person's unsynced records under their own sign-in, then forgets both."""

    def __init__(
        self,
        store: Store,
        *,
        tokens: TokenSession,
        fhir_factory: FhirFactory,
        retry_every: timedelta = DRAIN_RETRY,
        limit: timedelta = DRAIN_LIMIT,
    ) -> None:
        self._store = store
        self._tokens = tokens
        self._fhir_factory = fhir_factory
        self._retry_every = retry_every.total_seconds()
        self._limit = limit.total_seconds()
        self._config = drain_config()  # short retries in a round: this loop is the long wait
        self._engine: SyncEngine | None = None  # the round running now, for ``stop``
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-drain", daemon=True)
        self.sent = 0
        self.ended_because: DrainEnd | None = None

    @property
    def subject(self) -> str:
        """Whose records these are (the token session's subject)."""
        return self._tokens.identity.subject

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, *, timeout: float = 30.0) -> None:
        """End at the next safe point and wait for the store to close (from any other thread)."""
        self._stopped.set()
        engine = self._engine
        if engine is not None:
            engine.cancel()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        deadline = time.monotonic() + self._limit
        end = DrainEnd.STOPPED
        fhir: FhirClient | None = None
        try:
            fhir = self._fhir_factory(DpopAuth(self._tokens))
            end = self._drain(fhir, deadline)
        except Exception as error:  # the records stay in the store; their owner's sync sends them
            log.error("outbox drain failed: %s", type(error).__name__)
            end = DrainEnd.FAILED
        finally:
            if fhir is not None:
                fhir.close()
            self._tokens.forget()
            try:
                self._store.close()
            except Exception as error:  # the thread must end; the OS closes the file at exit
                log.error("closing the store after the drain failed: %s", type(error).__name__)
            self.ended_because = end
            log.info("outbox drain ended: %s; %d records sent", end.value, self.sent)

    def _drain(self, fhir: FhirClient, deadline: float) -> DrainEnd:
        """Push rounds until the outbox is empty or a round says to stop."""
        while not self._stopped.is_set():
            if _unsent(self._store) == 0:
                return DrainEnd.OUTBOX_EMPTY
            result = self._push_once(fhir)
            if result in _FINAL:
                return _FINAL[result]
            if time.monotonic() >= deadline:
                return DrainEnd.TIME_LIMIT
            if result is not Round.PUSHED:
                self._stopped.wait(self._retry_every)
        return DrainEnd.STOPPED

    def _push_once(self, fhir: FhirClient) -> Round:
        engine = SyncEngine(
            self._store,
            fhir,
            SyncScope(),
            lock_path=sync_lock_path(self._store.paths),
            config=self._config,
        )
        self._engine = engine
        if self._stopped.is_set():
            return Round.STOPPED
        try:
            summary = engine.run(trigger="drain", push_only=True)
        except IdentityProviderUnreachable:
            return Round.OFFLINE
        except SignInError:
            return Round.SIGNED_OUT
        finally:
            self._engine = None
        self.sent += summary.pushed
        if summary.outcome is SyncOutcome.OK:
            return Round.PUSHED if summary.pushed or summary.quarantined else Round.NOTHING_SENDABLE
        return _OUTCOME_ROUND.get(summary.outcome, Round.OFFLINE)
