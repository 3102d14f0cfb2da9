"""Retries have one owner, the engine: the client never retries under it, attempts per request
are bounded, and a cancel ends any wait within a second."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path

import httpx

from client import FhirClient, RetryPolicy
from offline.store import Store
from sync import Backoff, SyncConfig, SyncOutcome, SyncScope
from sync.drain import run_rounds
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


def test_stopping_a_background_push_ends_its_wait_within_a_second() -> None:
    stopped = threading.Event()
    rounds: list[float] = []

    def offline() -> str:
        rounds.append(time.monotonic())
        return "offline"

    ended: list[str] = []
    drain = threading.Thread(
        target=lambda: ended.append(
            run_rounds(
                offline,
                unsent=lambda: 1,
                stopped=stopped,
                retry_every=timedelta(seconds=60),
                limit=timedelta(minutes=30),
            )
        )
    )
    drain.start()
    time.sleep(0.3)
    stopped_at = time.monotonic()
    stopped.set()
    drain.join(timeout=5)
    assert time.monotonic() - stopped_at < 1.0
    assert ended == ["stopped"]
    assert len(rounds) == 1


def test_a_background_push_gives_up_at_its_limit() -> None:
    now = [0.0]

    def offline() -> str:
        now[0] += 40.0
        return "offline"

    reason = run_rounds(
        offline,
        unsent=lambda: 3,
        stopped=threading.Event(),
        retry_every=timedelta(0),
        limit=timedelta(minutes=2),
        clock=lambda: now[0],
    )
    assert reason == "time limit"
    assert now[0] == 120.0
