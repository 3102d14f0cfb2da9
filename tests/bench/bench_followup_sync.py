"""Benchmark: an incremental sync's requests for a home-care district with the live feed running,
as the history of home measurements grows.

    python tests/bench/bench_followup_sync.py [--patients 3000] [--days 7 90 365]

For each history length the platform is emptied and loaded with ``--patients`` synthetic
patients (``generate``: dispensers, home measurements twice a day for ``days`` days, limits,
alarms); the scope is every home-care patient with a dispenser or home measurements. After the
first sync, the feed (``tests.synthetic.feed.LiveFeed``) writes the next hour of measurements and
pouch events for every one of them, and an incremental sync brings it: its requests, bytes and
seconds are printed. The requests must not grow with the history's length (``days``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from client import FhirClient
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from sync import SyncConfig, SyncScope
from sync.engine import SyncEngine
from tests.platform.launcher import Platform
from tests.synthetic import generate
from tests.synthetic.feed import LiveFeed, roster
from tests.synthetic.ndjson import ndjson_line

OSLO = ZoneInfo("Europe/Oslo")
REFERENCE_DATE = dt.date(2026, 11, 26)
START = dt.datetime.combine(REFERENCE_DATE, dt.time(7), OSLO)
OVERLAP = dt.timedelta(seconds=2)


class Metering(httpx.HTTPTransport):
    """Counts requests and the bytes received."""

    def __init__(self) -> None:
        super().__init__()
        self.requests = 0
        self.wire = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        response.read()
        self.requests += 1
        self.wire += response.num_bytes_downloaded
        return response


def _load(platform: Platform, patients: int, days: int) -> list[dict[str, Any]]:
    resources: list[dict[str, Any]] = []

    def lines() -> Iterator[str]:
        for resource in generate(
            patients=patients, seed=19, reference_date=REFERENCE_DATE, home_days=days
        ):
            if resource["resourceType"] in ("Patient", "Device", "MedicationStatement"):
                resources.append(resource)
            yield ndjson_line(resource)

    stream = lines()
    while chunk := list(itertools.islice(stream, 20_000)):
        platform.load_ndjson(chunk)
    return resources


def _sync(store: Store, platform: Platform, scope: SyncScope, tmp: Path) -> tuple[int, int, float]:
    meter = Metering()
    config = SyncConfig(overlap=OVERLAP)
    with FhirClient(platform.fhir_base + "/", transport=meter) as client:
        engine = SyncEngine(store, client, scope, lock_path=tmp / "sync.lock", config=config)
        started = time.perf_counter()
        summary = engine.run()
        seconds = time.perf_counter() - started
    assert summary.ok, summary.error
    return meter.requests, meter.wire, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=3000)
    parser.add_argument("--days", type=int, nargs="+", default=[7, 90, 365])
    args = parser.parse_args()
    user = UserId("bench")
    print(
        f"{'days':>5} {'scope':>6} {'loaded s':>8} {'first req':>9} {'first s':>8} "
        f"{'feed':>5} {'incr req':>8} {'incr KB':>8} {'incr s':>7}",
        flush=True,
    )
    with Platform.start() as platform:
        for days in args.days:
            platform.reset()
            started = time.perf_counter()
            people = roster(_load(platform, args.patients, days))
            loaded = time.perf_counter() - started
            time.sleep(OVERLAP.total_seconds() + 0.5)  # the history behind the first watermark
            scope = SyncScope(
                patients=tuple(
                    sorted(
                        {m.person.patient_id for m in people.monitored}
                        | {d.person.patient_id for d in people.dispensers}
                    )
                )
            )
            with tempfile.TemporaryDirectory() as directory:
                tmp = Path(directory)
                paths = store_paths(user, directory=tmp)
                with Store.open(paths, DataKey.generate(), user=user, create=True) as store:
                    first, _wire, first_s = _sync(store, platform, scope, tmp)
                    time.sleep(OVERLAP.total_seconds() + 0.5)
                    feed = LiveFeed(people, since=START)
                    written = feed.tick(START + dt.timedelta(hours=1))
                    platform.load_ndjson(ndjson_line(r) for r in written)
                    requests, wire, seconds = _sync(store, platform, scope, tmp)
            print(
                f"{days:>5} {len(scope.patients):>6} {loaded:>8.1f} {first:>9} {first_s:>8.1f} "
                f"{len(written):>5} {requests:>8} {wire / 1024:>8.1f} {seconds:>7.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
