"""``pleiepunkt self-test``: a throw-away encrypted store with the bundled synthetic ward.

The installers run it to prove the installed app works: a real SQLCipher store in a temporary
directory (its key never leaves memory), loaded with three synthetic residents, served through
the same services a window uses, checked for integrity, synced by the window's sync process
(its own connection, the key over its pipe: the installed interpreter can start it), and removed
again.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from app.clock import clinical_clock
from app.fhir_clients import PlatformAddress
from app.records.conflicts import StoreConflictResolver
from app.services import ClinicalServices, workstation_context
from app.settings import UserSettings
from app.syncing.sync_process import SyncProcess
from clinical.clock import ClinicalClock
from clinical.records import Staff
from config import Settings
from offline import DataKey, Store, UserId, store_paths
from sync import SyncOutcome

SELF_TEST_USER = UserId("self-test")
NO_PLATFORM = PlatformAddress("http://127.0.0.1:9/fhir/R4")
"""The discard port: refused at once, so the sync process's run ends without the network."""


class SelfTestFailed(Exception):
    """A self-test step did not hold (the message says which and how)."""


@dataclass(frozen=True)
class SelfTestStore:
    """The loaded throw-away store: its services, how much was loaded, its integrity check."""

    services: ClinicalServices
    loaded: int
    store: Store
    settings: UserSettings
    clock: ClinicalClock

    @property
    def conflicts(self) -> StoreConflictResolver:
        """The store's sync conflicts (none: nothing was ever synced)."""
        return StoreConflictResolver(lambda: self.store)

    def verify_integrity(self) -> None:
        """SQLCipher's and SQLite's integrity checks; raises if the file is damaged."""
        self.store.verify_integrity()

    def sync_process_answers(self) -> str:
        """Start the window's sync process over the store and run a push-only sync there (the
        platform is out of reach, so it ends with nothing to send or offline); what it said."""
        process = SyncProcess(
            self.store, user=self.store.user, platform=NO_PLATFORM, signer=None, purpose="push"
        )
        try:
            summary = process.run(trigger="self-test", today=self.clock.today(), push_only=True)
            pid = process.pid
        finally:
            process.stop()
        if summary.outcome not in (SyncOutcome.OK, SyncOutcome.OFFLINE) or pid is None:
            raise SelfTestFailed(f"the sync process answered {summary.outcome.value}")
        unsent = summary.status.pending_changes
        return f"process {pid} opened the store, {unsent} unsent, {summary.outcome.value}"


def bundled_ward() -> list[dict[str, Any]]:
    """The small synthetic ward shipped in ``resources/selftest`` (three residents)."""
    sample = files("resources").joinpath("selftest", "ward.ndjson").read_text("utf-8")
    return [json.loads(line) for line in sample.splitlines() if line.strip()]


@contextmanager
def self_test_store(settings: Settings) -> Iterator[SelfTestStore]:
    """A throw-away store loaded with the bundled ward; everything is removed at exit."""
    resources = bundled_ward()
    nurse = next(r for r in resources if r["resourceType"] == "Practitioner")
    user = Staff(practitioner_id=nurse["id"], name="Selvtest", hpr=None, role="SP")
    with tempfile.TemporaryDirectory(prefix="pleiepunkt-self-test-") as tmp:
        paths = store_paths(SELF_TEST_USER, directory=Path(tmp))
        with Store.open(paths, DataKey.generate(), user=SELF_TEST_USER, create=True) as store:
            store.apply_server_resources(resources)
            clock = clinical_clock(settings)
            context = workstation_context(lambda: store, user=user, settings=settings, clock=clock)
            services = ClinicalServices(context)
            yield SelfTestStore(services, len(resources), store, UserSettings(settings), clock)
