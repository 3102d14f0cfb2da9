"""Retries have one owner, the engine: the client never retries under it, attempts per request
are bounded, and a cancel (or a background push's stop) ends any wait within a second."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import cast

import httpx

from app.syncing.outbox_drain import DrainEnd, OutboxDrain
from client import FhirClient, RetryPolicy
from client.oidc import TokenSession
from offline.store import Store
from sync import DRAIN_BACKOFF, Backoff, SyncConfig, SyncOutcome, SyncScope, drain_config
from sync.engine import SyncEngine
from tests.sync.helpers import capability_statement, fast_config
from tests.sync.world import new_patient

BASE = "https://fhir.example.test/fhir/R4"


class Refusing:
    """Answers /metadata, and every other request with ``status`` (and ``headers``)."""

    def __init__(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.status, self.headers = status, headers or {}
        self.writes = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, json=capability_statement())
        self.writes += request.method == "POST"
        return httpx.Response(
            self.status,
            headers=self.headers,
            json={"resourceType": "OperationOutcome", "issue": []},
        )


def engine_for(store: Store, data_dir: Path, server: Refusing, config: SyncConfig) -> SyncEngine:
    client = FhirClient(
        BASE,
        transport=httpx.MockTransport(server),
        # A client that retries on its own: under the engine it must not.
        retry=RetryPolicy(max_attempts=4, base_delay=0.0, max_delay=0.0),
    )
    pat = store.create(new_patient(71))
    return SyncEngine(
        store, client, SyncScope(patients=(pat["id"],)), lock_path=data_dir / "l", config=config
    )


def test_a_failing_batch_is_sent_exactly_the_engines_number_of_times(
    store: Store, data_dir: Path
) -> None:
    server = Refusing(503)
    config = fast_config()
    summary = engine_for(store, data_dir, server, config).run(push_only=True)
    assert summary.outcome is SyncOutcome.OFFLINE
    assert server.writes == config.backoff.max_attempts  # not 4 x that
    assert store.outbox_status().pending == 1


def test_cancel_ends_a_retry_after_wait_within_a_second(store: Store, data_dir: Path) -> None:
    server = Refusing(429, {"Retry-After": "60"})
    engine = engine_for(store, data_dir, server, SyncConfig(backoff=Backoff(max_retry_after=300)))
    result: list[SyncOutcome] = []
    runner = threading.Thread(target=lambda: result.append(engine.run(push_only=True).outcome))
    runner.start()
    time.sleep(0.5)  # well inside the 60 s the platform asked for
    cancelled_at = time.monotonic()
    engine.cancel()
    runner.join(timeout=5)
    assert not runner.is_alive()
    assert time.monotonic() - cancelled_at < 1.0
    assert result == [SyncOutcome.CANCELLED]
    assert server.writes == 1
    assert store.outbox_status().pending == 1


class _Tokens:
    """Stands in for the locked person's token session: the drain only forgets it."""

    def __init__(self) -> None:
        self.forgotten = False

    def forget(self) -> None:
        self.forgotten = True


def test_a_background_push_retries_briefly_and_stop_ends_its_wait_within_a_second(
    store: Store, data_dir: Path
) -> None:
    server = Refusing(503)
    engine_for(store, data_dir, server, drain_config())  # the unsent record, as locked with
    tokens = _Tokens()
    drain = OutboxDrain(
        store,
        tokens=cast(TokenSession, tokens),
        fhir_factory=lambda _auth: FhirClient(
            BASE,
            transport=httpx.MockTransport(server),
            retry=RetryPolicy(max_attempts=4, base_delay=0.0, max_delay=0.0),
        ),
        retry_every=timedelta(seconds=60),
    )
    drain.start()
    deadline = time.monotonic() + 20
    while server.writes < DRAIN_BACKOFF.max_attempts and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the round has ended: the drain waits its 60 s
    stopped_at = time.monotonic()
    drain.stop(timeout=5)
    assert not drain.is_running()
    assert time.monotonic() - stopped_at < 1.0
    assert server.writes == DRAIN_BACKOFF.max_attempts  # one round, the engine's attempts only
    assert drain.ended_because is DrainEnd.STOPPED
    assert tokens.forgotten
