"""Benchmark: requests and bytes per sync at 30, 300 and 3,000 patients in scope.

    python tests/bench/bench_sync_scope.py [--sizes 30 300 3000] [--outside 300]

One platform holds ``max(sizes) + outside`` synthetic patients (``generate``); each size syncs a
scope of that many patients (explicit ids) into a fresh encrypted store, three times:

1. the first sync (everything in scope),
2. an incremental sync after ten of the scope's observations and ten of patients outside it
   changed on the platform,
3. the next sync: nothing changed since, but the changes fell within the watermark overlap
   before sync 2, so they are counted (and searched for) once more, by design,
4. a sync with nothing changed.

For each: requests, bytes on the wire (as received, compressed) and decoded, seconds, and how
many resources in the answers belong to a patient outside the scope (must be 0: the pull never
fetches another patient's data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from client import FhirClient
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from sync import SyncConfig, SyncScope
from sync.engine import SyncEngine
from sync.scope import patient_of
from tests.platform.launcher import Platform
from tests.synthetic import generate
from tests.synthetic.ndjson import ndjson_line

REFERENCE_DATE = dt.date(2026, 3, 2)
OVERLAP = dt.timedelta(seconds=2)


class Metering(httpx.HTTPTransport):
    """Counts requests and bytes; keeps who each answered resource belongs to."""

    def __init__(self) -> None:
        super().__init__()
        self.requests = 0
        self.wire = 0
        self.decoded = 0
        self.owners: list[str | None] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        content = response.read()
        self.requests += 1
        self.wire += response.num_bytes_downloaded
        self.decoded += len(content)
        if content and request.method == "GET":
            self.owners.extend(_owners(json.loads(content)))
        return response

    def reset(self) -> None:
        self.requests = self.wire = self.decoded = 0
        self.owners = []


def _owners(node: Any) -> Iterator[str | None]:
    if isinstance(node, dict) and node.get("resourceType") == "Bundle":
        for entry in node.get("entry", []):
            resource = entry.get("resource")
            if isinstance(resource, dict):
                yield patient_of(resource)


@dataclass
class Measured:
    requests: int
    wire: int
    decoded: int
    seconds: float
    outsiders: int


def load(platform: Platform, patients: int) -> tuple[list[str], list[dict[str, Any]]]:
    ids: list[str] = []
    observations: list[dict[str, Any]] = []

    def lines() -> Iterator[str]:
        for resource in generate(patients=patients, seed=3, reference_date=REFERENCE_DATE):
            if resource["resourceType"] == "Patient":
                ids.append(resource["id"])
            elif resource["resourceType"] == "Observation" and len(observations) < 100_000:
                observations.append(resource)
            yield ndjson_line(resource)

    stream = lines()
    while chunk := list(itertools.islice(stream, 20_000)):
        platform.load_ndjson(chunk)
    return ids, observations


def sync(engine: SyncEngine, meter: Metering, members: set[str]) -> Measured:
    meter.reset()
    started = time.perf_counter()
    summary = engine.run()
    seconds = time.perf_counter() - started
    assert summary.ok, summary.error
    outsiders = sum(1 for owner in meter.owners if owner is not None and owner not in members)
    return Measured(meter.requests, meter.wire, meter.decoded, seconds, outsiders)


def change(platform: Platform, observations: list[dict[str, Any]]) -> None:
    with httpx.Client(timeout=60) as http:
        for obs in observations:
            body = {k: v for k, v in obs.items() if k != "meta"}
            body["status"] = "amended"
            answer = http.put(
                f"{platform.fhir_base}/Observation/{obs['id']}",
                json=body,
                headers={"Content-Type": "application/fhir+json"},
            )
            answer.raise_for_status()


def measure(
    platform: Platform, size: int, ids: list[str], observations: list[dict[str, Any]], tmp: Path
) -> list[tuple[str, Measured]]:
    members = set(ids[:size])
    mine = [o for o in observations if patient_of(o) in members][:10]
    theirs = [o for o in observations if patient_of(o) not in members][:10]
    meter = Metering()
    user = UserId("bench")
    directory = tmp / f"scope-{size}"
    directory.mkdir()
    with (
        Store.open(
            store_paths(user, directory=directory), DataKey.generate(), user=user, create=True
        ) as store,
        FhirClient(platform.fhir_base + "/", transport=meter) as client,
    ):
        engine = SyncEngine(
            store,
            client,
            SyncScope(patients=tuple(sorted(members))),
            lock_path=directory / "sync.lock",
            config=SyncConfig(overlap=OVERLAP),
        )
        first = sync(engine, meter, members)
        time.sleep(OVERLAP.total_seconds() + 0.5)
        change(platform, [*mine, *theirs])
        changed = sync(engine, meter, members)
        time.sleep(OVERLAP.total_seconds() + 0.5)
        echo = sync(engine, meter, members)
        time.sleep(OVERLAP.total_seconds() + 0.5)
        quiet = sync(engine, meter, members)
    return [
        ("first", first),
        ("10+10 changed", changed),
        ("overlap echo", echo),
        ("nothing changed", quiet),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 3000])
    parser.add_argument("--outside", type=int, default=300, help="patients outside every scope")
    args = parser.parse_args()
    with Platform.start() as platform, tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        ids, observations = load(platform, max(args.sizes) + args.outside)
        print(f"loaded {len(ids)} patients in {time.perf_counter() - started:.0f} s", flush=True)
        time.sleep(OVERLAP.total_seconds() + 0.5)  # the load lies outside every watermark
        print(f"{'scope':>6} {'sync':<16} {'requests':>9} {'wire KB':>9} {'decoded KB':>11} "
              f"{'seconds':>8} {'outsiders':>10}")  # fmt: skip
        outsiders = 0
        for size in args.sizes:
            for name, m in measure(platform, size, ids, observations, Path(tmp)):
                print(f"{size:>6} {name:<16} {m.requests:>9} {m.wire / 1024:>9.0f} "
                      f"{m.decoded / 1024:>11.0f} {m.seconds:>8.1f} {m.outsiders:>10}",
                      flush=True)  # fmt: skip
                outsiders += m.outsiders
    if outsiders:
        sys.exit(f"{outsiders} resources of patients outside the scope were fetched")


if __name__ == "__main__":
    main()
