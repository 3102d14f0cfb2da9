"""Benchmark: an incremental sync with nothing changed; requests must not grow with patients.

    python tests/bench/bench_sync_incremental.py --sizes 200 1000

For each size: a fresh platform with ``generate(patients=N)`` (loaded longer than the overlap
before the first sync, so the load is not "a change"), an initial sync of all N
patients (explicit scope), a pause longer than the watermark overlap, then a second sync with
nothing changed on either side. Prints the requests and seconds of that second sync per size
and their ratio between the sizes (the requirement: the count does not grow).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from client import FhirClient
from offline import BULK_MEMORY, choose_memory_budget
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from sync import SyncConfig, SyncScope
from sync.engine import SyncEngine
from tests.bench.bench_sync_initial import RecordingTransport, load
from tests.platform.launcher import Platform

OVERLAP = dt.timedelta(seconds=2)


def measure(patients: int) -> tuple[int, float, int]:
    with Platform.start() as platform, tempfile.TemporaryDirectory() as tmp:
        _total, ids = load(platform, patients)
        time.sleep(OVERLAP.total_seconds() + 0.5)  # the load itself lies outside the window
        transport = RecordingTransport()
        user = UserId("bench")
        directory = Path(tmp)
        with (
            Store.open(
                store_paths(user, directory=directory), DataKey.generate(), user=user, create=True
            ) as store,
            FhirClient(platform.fhir_base + "/", transport=transport) as client,
        ):
            engine = SyncEngine(
                store,
                client,
                SyncScope(patients=tuple(ids)),
                lock_path=directory / "sync.lock",
                config=SyncConfig(overlap=OVERLAP),
            )
            assert engine.run().ok
            time.sleep(OVERLAP.total_seconds() + 0.5)
            before = transport.requests
            started = time.perf_counter()
            summary = engine.run()
            elapsed = time.perf_counter() - started
            assert summary.ok, summary.error
            assert summary.pulled == 0
            return transport.requests - before, elapsed, summary.members


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs=2, default=(200, 1000))
    args = parser.parse_args()
    choose_memory_budget(BULK_MEMORY)  # as the sync process sizes it
    results = []
    for size in args.sizes:
        requests, seconds, members = measure(size)
        results.append(requests)
        print(
            f"{size} patients ({members} in scope): incremental sync with nothing changed "
            f"made {requests} requests in {seconds:.2f} s"
        )
    print(
        f"request ratio {args.sizes[1]}/{args.sizes[0]} patients: "
        f"{results[1] / results[0]:.2f} (must be 1.00)"
    )


if __name__ == "__main__":
    main()
