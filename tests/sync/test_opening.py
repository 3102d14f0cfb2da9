"""The pull's opening batch travels beside ``/metadata``; a first sync's references and the
total for the next quiet check ride in the rounds that are made anyway.

Requests are counted and ordered, never timed (the timings are
tests/bench/bench_mobile_link.py's): the metadata answer is held back until the opening batch has
been sent, which only a run that sends both at once gets past.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import httpx

from offline.store import Store
from sync import SyncScope
from sync.pull.bootstrap import in_arrival_order
from sync.pull.opening import guessed_strategy
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine
from tests.sync.world import load_ward, new_observation

SERVER_TIME = "Patient?_count=0"  # the prelude's first entry: the run's watermark


class HeldMetadata(httpx.HTTPTransport):
    """Holds the CapabilityStatement back until a prelude batch has been sent (or 10 s have
    passed), and records every request: ``(method, path, its Bundle's entries as
    "METHOD url")``."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str, list[str]]] = []
        self.batch_sent = threading.Event()
        self.held_until_batch: list[bool] = []
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.split("/fhir/R4", 1)[1].strip("/")
        body = request.read()
        if request.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        entries: list[str] = []
        if request.method == "POST" and path == "" and body:
            bundle = json.loads(body)
            entries = [
                f"{e['request']['method']} {e['request']['url']}"
                for e in bundle.get("entry", [])
                if "request" in e
            ]
        with self._lock:
            self.sent.append((request.method, path, entries))
        if f"GET {SERVER_TIME}" in entries:
            self.batch_sent.set()
        if path == "metadata":
            self.held_until_batch.append(self.batch_sent.wait(timeout=10))
        return super().handle_request(request)

    def preludes(self, mark: int = 0) -> list[int]:
        """Indexes of the batches that asked for the server's clock (a run's prelude)."""
        return [
            i
            for i, (_m, _p, entries) in enumerate(self.sent)
            if i >= mark and f"GET {SERVER_TIME}" in entries
        ]


def test_the_first_sync_sends_its_opening_batch_beside_the_capability_statement(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=3)
    transport = HeldMetadata()
    with make_client(platform, transport=transport) as client:
        summary = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir).run()
    assert summary.ok, summary.error
    assert transport.held_until_batch == [True]  # the batch went before metadata came back
    assert len(transport.preludes()) == 1  # the guess was right: no prelude asked again
    for pid in ward.residents:
        assert store.get("Patient", pid) is not None
    # The system counts went in batches; the next quiet check's total rode with the rounds
    # made anyway (no count of its own at the end).
    assert ("GET", "") not in [(method, path) for method, path, _e in transport.sent]


def test_the_opening_is_not_sent_before_a_push(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    # The server's clock read before the push would make the next run find its own uploads.
    ward = load_ward(platform, patients=2)
    transport = HeldMetadata()
    transport.batch_sent.set()  # nothing to hold back for
    with make_client(platform, transport=transport) as client:
        engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
        assert engine.run().ok
        store.create(new_observation(ward.residents[0]))
        mark = len(transport.sent)
        summary = engine.run()
    assert summary.ok, summary.error
    assert summary.pushed == 1
    asked = transport.sent[mark:]
    assert asked[0][:2] == ("GET", "metadata")
    upload = next(
        i for i, (_m, _p, entries) in enumerate(asked) if any(e.startswith("PUT") for e in entries)
    )
    preludes = transport.preludes(mark)
    assert len(preludes) == 1
    assert preludes[0] - mark > upload


def test_a_refused_opening_changes_nothing_the_pull_asks_as_before(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    platform.set_profile("default", bundles="none")  # the guessed batch is refused
    ward = load_ward(platform, patients=2)
    transport = HeldMetadata()
    with make_client(platform, transport=transport) as client:
        engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
        first = engine.run()
        time.sleep(1.2)  # past the watermark overlap
        mark = len(transport.sent)
        second = engine.run()
    assert first.ok, first.error
    assert second.ok, second.error
    assert first.pulled > 0
    for pid in ward.residents:
        assert store.get("Patient", pid) is not None
    # The last run's strategy says no batches: the second run sends no opening at all.
    assert all(method == "GET" for method, _p, _u in transport.sent[mark:])


def test_the_guessed_strategy_asks_for_every_compartment_type_by_its_parameters() -> None:
    guess = guessed_strategy(only=None)
    assert (guess.batch_search, guess.keyset, guess.count_probes) == (True, True, True)
    assert (guess.system_search, guess.incremental) == (True, True)
    assert {"Observation", "Patient"} <= set(guess.pulled_types)
    assert "Practitioner" not in guess.pulled_types  # not in the Patient compartment
    narrowed = guessed_strategy(only=("Patient", "Observation"))
    assert narrowed.pulled_types == ("Observation", "Patient")


def test_batches_are_taken_in_the_order_they_arrive() -> None:
    slow: Future[None] = Future()
    fast: Future[None] = Future()
    order: list[str] = []
    asked: list[tuple[str, Future[None] | None]] = [("slow", slow), ("none", None), ("fast", fast)]
    items = in_arrival_order(asked)
    fast.set_result(None)
    order.append(next(items))
    order.append(next(items))
    slow.set_result(None)
    order.extend(items)
    assert order == ["none", "fast", "slow"]
