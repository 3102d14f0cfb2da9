"""``Workstation``: one running app on a (possibly shared) computer, without its windows.

It ties the session (who is signed in, their open store) to the sync of that store, gives the
session the background push of a locked person's unsynced records, and builds the services the
signed-in person's window reads and writes through. Both syncs run in child processes
(``app.syncing.sync_process``); this process keeps its own connection for the views' reads and
the bedside writes. The GUI (``ui``) and the command line (``main.py``) drive it; nothing here
imports Qt.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from app.bedside.config import BedsideConfig, ward_config
from app.clock import clinical_clock
from app.errors import NotConfigured, PolicyRefused
from app.fhir_clients import PlatformAddress, platform_address, server_url
from app.records.conflicts import StoreConflictResolver
from app.services import ClinicalServices, workstation_context
from app.session import Session, unsent_count
from app.shift.drafts import DraftBuffer
from app.syncing.outbox_drain import DRAIN_LIMIT, DRAIN_RETRY, OutboxDrain
from app.syncing.schedule import WorkstationSync
from client.oidc import TokenSession
from clinical.clock import ClinicalClock
from config import (
    CONTROLLED_DRUGS,
    PLACES_OF_WORK,
    SERVER_URL,
    SYNC_INTERVAL_SECONDS,
    Settings,
)
from offline import SecurityLog, Store
from sync import Listener

log = logging.getLogger(__name__)


class Workstation:
    """The signed-in person's store kept in sync, and the services of their window."""

    def __init__(
        self,
        session: Session,
        *,
        settings: Settings,
        platform: PlatformAddress,
        clock: ClinicalClock,
        listener: Listener | None = None,
        drain_retry: timedelta = DRAIN_RETRY,
        drain_limit: timedelta = DRAIN_LIMIT,
    ) -> None:
        self.session = session
        self._settings = settings
        self._platform = platform
        self._clock = clock
        self._drain_retry = drain_retry
        self._drain_limit = drain_limit
        self._last_pending = 0
        self._drafts: list[DraftBuffer] = []
        self.sync = WorkstationSync(
            platform=platform,
            places=settings.get(PLACES_OF_WORK),
            interval=timedelta(seconds=settings.get(SYNC_INTERVAL_SECONDS)),
            today=self._today,
            listener=listener,
        )
        session.watch(self)
        session.background_push = self._drain_for

    @property
    def ward(self) -> BedsideConfig:
        """The ward's rules on this workstation (the same for every page that counts doses)."""
        return ward_config(self._settings.get(CONTROLLED_DRUGS), zone=self._clock.zone)

    @property
    def clock(self) -> ClinicalClock:
        """The clinical clock every view and service of this workstation reads."""
        return self._clock

    def _today(self) -> date:
        return self._clock.today()

    def store_opened(self) -> None:
        """A store opened (sign-in, unlock, new PIN): sync it from now on."""
        self.start_sync()

    def store_closing(self) -> None:
        """The store is about to close (lock, sign-out, user switch): write the note drafts
        still staged in memory into it, then stop syncing it."""
        self.write_drafts()
        self.sync.stop()

    def write_drafts(self) -> None:
        """Write every staged draft of the open store's person into their store (the drafts of
        anyone else's window are never written into it); a failure is logged, never raised:
        closing the store must not fail, and the drafts stay staged for the next attempt."""
        if not self.session.has_open_store():
            return
        owner = self.session.staff().practitioner_id
        store = self.session.store()
        for buffer in self._drafts:
            if buffer.owner != owner or not buffer.pending():
                continue
            try:
                buffer.write(store)
            except Exception as error:  # the lock must go ahead; the text stays staged
                log.error("note drafts not written at close: %s", type(error).__name__)

    def start_sync(self) -> None:
        """(Re)start syncing the open store at once; safe from any thread."""
        self.sync.start(self.session.store(), self.session.tokens)

    def clinical_services(self) -> ClinicalServices:
        """What the signed-in person's window reads and writes (their store, their name)."""
        session = self.session
        user = session.staff()
        drafts = DraftBuffer(user.practitioner_id)
        self._drafts = [b for b in self._drafts if b.pending()] + [drafts]
        context = workstation_context(
            session.store,
            user=user,
            settings=self._settings,
            clock=self._clock,
            last_sync=self.sync.last_success,
            online=self.sync.platform_reachable,
            colleague_verifier=session.verify_colleague,
            drafts=drafts,
        )
        return ClinicalServices(context)

    def conflicts(self) -> StoreConflictResolver:
        """The signed-in person's sync conflicts, for the conflict dialog."""
        return StoreConflictResolver(self.session.store)

    def platform_reachable(self) -> bool:
        """Whether the last sync reached the platform; False before the first sync ends."""
        return self.sync.platform_reachable()

    def pending_count(self) -> int:
        """Unsynced records of the open store (the last count known while locked)."""
        if self.session.has_open_store():
            self._last_pending = unsent_count(self.session.store())
        return self._last_pending

    def stop(self) -> None:
        """Stop syncing (quit) after writing the staged note drafts; a running sync ends at its
        next safe point."""
        self.write_drafts()
        self.sync.stop()

    def _drain_for(self, store: Store, tokens: TokenSession) -> OutboxDrain:
        """A background push of a locked person's records, under their own token session."""
        return OutboxDrain(
            store,
            tokens=tokens,
            platform=self._platform,
            retry_every=self._drain_retry,
            limit=self._drain_limit,
            today=self._today,
        )


def open_workstation(
    settings: Settings,
    *,
    server: str | None,
    data_dir: Path,
    listener: Listener | None = None,
) -> Workstation:
    """The workstation of the window: every setting sound, the platform and sign-in known.

    Raises ``InvalidSettingsError`` (a layer holds bad entries) or ``NotConfigured`` (no
    server, identity provider or client id) before anything is made, so the app never runs
    half-configured.
    """
    settings.raise_for_problems()
    try:
        url = server_url(settings, override=server)
        if url is None:
            raise NotConfigured("server_url is not configured", setting=SERVER_URL.name)
        session = Session(settings=settings, data_dir=data_dir)
    except PolicyRefused as refused:
        SecurityLog(data_dir)("policy-violation", {"setting": refused.setting})
        raise
    return Workstation(
        session,
        settings=settings,
        platform=platform_address(url, settings),
        clock=clinical_clock(settings),
        listener=listener,
    )
