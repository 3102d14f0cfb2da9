"""Benchmark: initial sync of N synthetic patients into the encrypted store, against baselines.

    python tests/bench/bench_sync_initial.py --patients 2000 [--fhirpy /tmp/fhirpy-venv/bin/python]

Starts the platform, loads ``generate(patients=N)``, then:

1. ``engine``: ``SyncEngine.run()`` with an explicit-patients scope of all N patients into a
   fresh SQLCipher store; every GET it makes is recorded by a transport wrapper.
2. ``httpx``: bare ``httpx.Client`` replays exactly those GETs and ``json.loads`` each page
   into a list kept in memory (the issue's baseline: same queries, no store).
3. ``fhirpy`` (when a Python with fhirpy is given, kept in its own venv): the same searches
   with ``SyncFHIRClient...fetch_all()``.

Prints wall times, ratios to the httpx baseline (target <= 1.5), peak RSS of this process and
the request count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from client import FhirClient
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from sync import SyncScope
from sync.engine import SyncEngine
from tests.platform.launcher import Platform
from tests.synthetic import generate
from tests.synthetic.ndjson import ndjson_line

REFERENCE_DATE = dt.date(2026, 3, 2)


class RecordingTransport(httpx.HTTPTransport):
    """Counts requests and records every GET URL (for the baseline replay)."""

    def __init__(self) -> None:
        super().__init__()
        self.gets: list[str] = []
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if request.method == "GET":
            self.gets.append(str(request.url))
        return super().handle_request(request)


def load(platform: Platform, patients: int) -> tuple[int, list[str]]:
    ids: list[str] = []
    total = 0

    def lines() -> Iterator[str]:
        nonlocal total
        for res in generate(patients=patients, seed=1, reference_date=REFERENCE_DATE):
            total += 1
            if res["resourceType"] == "Patient":
                ids.append(res["id"])
            yield ndjson_line(res)

    stream = lines()
    while chunk := list(itertools.islice(stream, 20_000)):
        platform.load_ndjson(chunk)
    return total, ids


def run_engine(
    platform: Platform, patients: list[str], directory: Path
) -> tuple[float, RecordingTransport, int]:
    transport = RecordingTransport()
    user = UserId("bench")
    with (
        Store.open(
            store_paths(user, directory=directory), DataKey.generate(), user=user, create=True
        ) as store,
        FhirClient(platform.fhir_base + "/", transport=transport) as client,
    ):
        engine = SyncEngine(
            store, client, SyncScope(patients=tuple(patients)), lock_path=directory / "sync.lock"
        )
        started = time.perf_counter()
        summary = engine.run()
        elapsed = time.perf_counter() - started
        assert summary.ok, summary.error
        return elapsed, transport, summary.pulled


def run_httpx(urls: list[str]) -> tuple[float, int]:
    kept: list[object] = []
    started = time.perf_counter()
    with httpx.Client(headers={"Accept": "application/fhir+json"}, timeout=120) as http:
        for url in urls:
            kept.append(json.loads(http.get(url).content))
    return time.perf_counter() - started, len(kept)


FHIRPY_SCRIPT = r"""
import json, sys, time
from urllib.parse import urlsplit, parse_qsl
from fhirpy import SyncFHIRClient
base, path = sys.argv[1], sys.argv[2]
queries = json.load(open(path))
client = SyncFHIRClient(base)
kept = []
started = time.perf_counter()
for rtype, params in queries:
    search = client.resources(rtype).search(**{k: v for k, v in params if k != "_count"})
    kept.extend(search.limit(1000).fetch_all())
print(json.dumps({"seconds": time.perf_counter() - started, "resources": len(kept)}))
"""


def first_queries(urls: list[str], base: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The searches the engine started (not their follow-up pages), as (type, params)."""
    out = []
    for url in urls:
        parsed = httpx.URL(url)
        path = parsed.path.rsplit("/", 1)[-1]
        params = list(parsed.params.multi_items())
        keys = {k for k, _ in params}
        if "_offset" in keys or "_lastUpdated" in keys or path in ("metadata",):
            continue
        if ("_count", "0") in params:
            continue
        out.append((path, params))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--fhirpy", help="a python executable with fhirpy installed")
    args = parser.parse_args()
    with Platform.start() as platform, tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        total, patients = load(platform, args.patients)
        print(
            f"loaded {total} resources for {len(patients)} patients in "
            f"{time.perf_counter() - t0:.0f} s"
        )
        engine_s, transport, pulled = run_engine(platform, patients, Path(tmp))
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"engine: {engine_s:.1f} s, {pulled} resources stored, {transport.requests} "
            f"requests, peak RSS {rss_mb:.0f} MB"
        )
        httpx_s, pages = run_httpx(transport.gets)
        print(f"httpx baseline (same {pages} GETs into memory): {httpx_s:.1f} s")
        print(f"ratio engine/httpx: {engine_s / httpx_s:.2f} (target <= 1.5)")
        if args.fhirpy:
            queries = first_queries(transport.gets, platform.fhir_base)
            qfile = Path(tempfile.mkdtemp()) / "queries.json"
            qfile.write_text(json.dumps(queries))
            out = subprocess.run(
                [args.fhirpy, "-c", FHIRPY_SCRIPT, platform.fhir_base, str(qfile)],
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                print("fhirpy failed:", out.stderr[-800:])
            else:
                result = json.loads(out.stdout)
                print(
                    f"fhirpy fetch_all of the same {len(queries)} searches: "
                    f"{result['seconds']:.1f} s, {result['resources']} resources; ratio "
                    f"engine/fhirpy {engine_s / result['seconds']:.2f}"
                )


if __name__ == "__main__":
    main()
