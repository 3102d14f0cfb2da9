"""The engine's side of bench_mobile_link.py: syncs a route through the shaped link.

Run by the benchmark as a fresh Python process whose ``sys.path`` starts at the code under test
(this worktree, or a checkout of the code before #21, for the "before" figures), so only APIs
both have are used here. Talks to the benchmark over stdin/stdout: ``MARK <phase>`` (the
benchmark reads the link's counters, then answers with a line), and a last line
``RESULT <json>`` with requests and seconds per phase.

    python mobile_link_child.py --base URL --dir DIR --route Location/x --day 2026-03-02
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from client import FhirClient
from offline import BULK_MEMORY, choose_memory_budget
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from sync import SyncConfig, SyncScope
from sync.engine import SyncEngine
from sync.scheduler import SyncScheduler
from sync.scope import VisitPlan


class Counting(httpx.HTTPTransport):
    """Counts requests; notes when the first answer to a write arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.requests = 0
        self.received = 0  # response bodies as they came (compressed)
        self.decoded = 0  # the same, decoded
        self.written = 0  # write bodies as sent (compressed where the server decodes gzip)
        self.written_json = 0  # the same, as JSON
        self.write_answered: float | None = None
        self.timeline: list[dict[str, Any]] = []  # one entry a request (see ``timeline``)
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        plain = gzip.decompress(body) if request.headers.get("content-encoding") == "gzip" else body
        events: dict[str, float] = {}

        def trace(name: str, _info: object) -> None:
            events.setdefault(name, time.monotonic())

        request.extensions = {**request.extensions, "trace": trace}
        started = time.monotonic()
        response = super().handle_request(request)
        content = response.read()
        ended = time.monotonic()
        with self._lock:
            self.timeline.append(
                {
                    "what": _label(request, plain),
                    "thread": threading.current_thread().name,
                    "start": started,
                    "connect": "connection.connect_tcp.started" in events,
                    "sent": events.get("http11.send_request_body.complete", started),
                    "first_byte": events.get("http11.receive_response_headers.complete", ended),
                    "end": ended,
                    "down": response.num_bytes_downloaded,
                    "decoded": len(content),
                }
            )
            self.requests += 1
            self.received += response.num_bytes_downloaded
            self.decoded += len(content)
            if request.method in ("POST", "PUT"):
                self.written += len(body)
                self.written_json += len(plain)
            if request.method in ("POST", "PUT") and self.write_answered is None:
                self.write_answered = time.monotonic()
        return response


MOMENTS = ("start", "sent", "first_byte", "end")


def _label(request: httpx.Request, body: bytes) -> str:
    """``GET Type?param,param`` (parameter names only), or a batch's entries in brief."""
    path = request.url.path.rsplit("/R4/", 1)[-1] or "/"
    names = sorted({k for k, _v in request.url.params.multi_items()})
    label = f"{request.method} {path}" + (f"?{','.join(names)}" if names else "")
    if request.method == "POST" and path == "/" and body:
        bundle = json.loads(body)
        urls = [e.get("request", {}).get("url", "") for e in bundle.get("entry", [])]
        kinds = sorted({u.split("?")[0] or "system" for u in urls})
        label += f" {bundle.get('type')}[{len(urls)}: {' '.join(kinds)}]"
    return label


def mark(phase: str) -> None:
    print(f"MARK {phase}", flush=True)
    sys.stdin.readline()


def observation(patient: str) -> dict[str, Any]:
    """A body temperature recorded at the bedside (LOINC 8310-5), for ``patient``."""
    return {
        "resourceType": "Observation",
        "id": str(uuid.uuid4()),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "vital-signs",
                    }
                ]
            }
        ],
        "code": {"coding": [{"system": "http://loinc.org", "code": "8310-5"}]},
        "subject": {"reference": f"Patient/{patient}"},
        "effectiveDateTime": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "valueQuantity": {
            "value": 37.2,
            "unit": "Cel",
            "system": "http://unitsofmeasure.org",
            "code": "Cel",
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--route", required=True)
    parser.add_argument("--day", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--overlap", type=float, default=2.0)
    args = parser.parse_args()
    # Sized as the application's sync process sizes its store (app.syncing.child_main): the
    # window's smaller budget would time a bulk load the application never runs that way.
    choose_memory_budget(BULK_MEMORY)
    transport = Counting()
    user = UserId("bench")
    args.dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, dict[str, Any]] = {}
    scope = SyncScope(visit_plans=(VisitPlan(route=args.route, day=args.day),))
    config = SyncConfig(overlap=dt.timedelta(seconds=args.overlap))
    with (
        Store.open(
            store_paths(user, directory=args.dir), DataKey.generate(), user=user, create=True
        ) as store,
        FhirClient(args.base, transport=transport) as client,
    ):
        engine = SyncEngine(store, client, scope, lock_path=args.dir / "sync.lock", config=config)
        stores: list[tuple[float, float, int]] = []  # (start, end, records) of each page stored
        apply_server_resources = store.apply_server_resources

        def timed_apply(resources: Any, **kwargs: Any) -> Any:
            started = time.monotonic()
            try:
                return apply_server_resources(resources, **kwargs)
            finally:
                stores.append((started, time.monotonic(), len(resources)))

        store.apply_server_resources = timed_apply  # type: ignore[method-assign]

        def phase(name: str, run: Any) -> Any:
            mark(f"{name}:start")
            seen, stored = len(transport.timeline), len(stores)
            before = (
                transport.requests,
                transport.received,
                transport.decoded,
                transport.written,
                transport.written_json,
            )
            started = time.perf_counter()
            started_mono = time.monotonic()
            summary = run()
            seconds = time.perf_counter() - started
            mark(f"{name}:end")
            assert summary.ok, summary.error
            result[name] = {
                "requests": transport.requests - before[0],
                "seconds": seconds,
                "received": transport.received - before[1],
                "decoded": transport.decoded - before[2],
                "written": transport.written - before[3],
                "written_json": transport.written_json - before[4],
                "timeline": [
                    {**t, **{k: t[k] - started_mono for k in MOMENTS}}
                    for t in transport.timeline[seen:]
                ],
                "stores": [(a - started_mono, b - started_mono, n) for a, b, n in stores[stored:]],
            }
            return summary

        first = phase("first", engine.run)
        result["first"]["resources"] = first.pulled
        result["first"]["members"] = first.members
        time.sleep(args.overlap + 0.5)  # the first sync's changes fall out of the overlap
        noop = phase("noop", engine.run)
        assert noop.pulled == 0, noop.pulled
        patient = sorted(store.held_patients())[0]
        record = observation(patient)
        text = json.dumps(record, separators=(",", ":")).encode()
        result["record_bytes"] = {"json": len(text), "gzip": len(gzip.compress(text))}

        def push_one() -> Any:
            store.create(record)
            return engine.run(push_only=True)

        phase("push", push_one)

        def push_round() -> Any:
            # A round of vital signs (pulse, blood pressure, temperature...): six records.
            store.write_all([observation(patient) for _ in range(6)])
            return engine.run(push_only=True)

        phase("round", push_round)
        # The background push: the application's scheduler, a local write, the time until the
        # platform has answered the write (the record is on the platform).
        scheduler = SyncScheduler(engine, periodic=dt.timedelta(hours=1))
        scheduler.start()
        deadline = time.monotonic() + 120
        while scheduler.last_summary is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the start-up sync
        mark("background:start")
        transport.write_answered = None
        saved = time.monotonic()
        store.create(observation(patient))
        scheduler.local_write_happened()
        while transport.write_answered is None and time.monotonic() < deadline:
            time.sleep(0.01)
        mark("background:end")
        scheduler.stop()
        answered = transport.write_answered
        result["background"] = {"seconds": (answered - saved) if answered else float("nan")}
    result["code"] = {"client": str(Path(sys.modules["client"].__file__ or "").parent)}
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
