"""Benchmark: initial sync of N synthetic patients into the encrypted store, against baselines.

    python tests/bench/bench_sync_initial.py --patients 2000 [--rounds 2]
        [--fhirpy /tmp/fhirpy-venv/bin/python] [--no-baselines]

Starts the platform, loads ``generate(patients=N)``, then per round:

1. ``httpx``: bare ``httpx.Client`` replays the reads the engine made (recorded in a first,
   warm-up-free engine run): each GET, and each ``batch`` Bundle of searches POSTed as it was
   sent, and ``json.loads`` each answer into a list kept in memory (the issue's baseline: same
   queries, no store). Writes are not replayed (a first sync makes none).
2. ``engine``: ``SyncEngine.run()`` with an explicit-patients scope of all N patients into a
   fresh SQLCipher store.

The ratio is taken per round (the machine is shared; a ratio from the same minute is more
trustworthy than one of two absolute times). ``fhirpy`` (``SyncFHIRClient...fetch_all()``) runs
the same searches once, in the Python given by ``--fhirpy`` (default: this one) when fhirpy is
importable there; it is not a project dependency. ``--no-baselines`` runs the engine once,
for the memory figure at sizes where the httpx baseline would hold gigabytes.

Each engine run is a fresh Python process (like ``python main.py sync``), so its peak RSS is
the sync's own, not that of this process, which generated and loaded the platform's data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from client import FhirClient
from offline import BULK_MEMORY, choose_memory_budget
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


Read = tuple[str, str, str | None, str | None]
"""A read to replay: method, URL, body (latin-1 text of the bytes sent), content coding."""


class RecordingTransport(httpx.HTTPTransport):
    """Counts requests and records every read: GETs and ``batch`` POSTs (for the replay)."""

    def __init__(self, *, keep_urls: bool = True) -> None:
        super().__init__()
        self.gets: list[Read] = []
        self.requests = 0
        self._keep_urls = keep_urls

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self._keep_urls and request.method == "GET":
            self.gets.append(("GET", str(request.url), None, None))
        elif self._keep_urls and request.method == "POST" and _is_batch(request):
            coding = request.headers.get("content-encoding")
            self.gets.append(("POST", str(request.url), request.content.decode("latin-1"), coding))
        return super().handle_request(request)


def _is_batch(request: httpx.Request) -> bool:
    body = request.read()
    if request.headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return b'"type":"batch"' in body.replace(b" ", b"")


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
    platform: Platform, patients: list[str], directory: Path, *, keep_urls: bool = True
) -> tuple[float, RecordingTransport, int, int]:
    """Sync all ``patients`` into a fresh store; (seconds, transport, stored, peak RSS kB).

    The peak RSS is this process's high-water mark from just before the store is opened.
    """
    transport = RecordingTransport(keep_urls=keep_urls)
    user = UserId("bench")
    directory.mkdir(parents=True, exist_ok=True)
    reset_peak_rss()
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
        return elapsed, transport, summary.pulled, peak_rss_kb()


def run_engine_process(
    platform: Platform, patients: list[str], directory: Path, *, keep_urls: bool = True
) -> tuple[float, RecordingTransport, int, int]:
    """``run_engine`` in a fresh Python process: its peak RSS is the sync's alone.

    (This process has generated and loaded the platform's data; a sync process has not.)
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "patients.json").write_text(json.dumps(patients))
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--engine-child",
            platform.fhir_base,
            str(directory),
            "keep-urls" if keep_urls else "count-only",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError("engine child failed: " + out.stderr[-2000:])
    result = json.loads(out.stdout.strip().splitlines()[-1])
    transport = RecordingTransport()
    transport.gets = result["gets"]
    transport.requests = result["requests"]
    return result["seconds"], transport, result["pulled"], result["peak_rss_kb"]


class _Base:
    def __init__(self, fhir_base: str) -> None:
        self.fhir_base = fhir_base


def engine_child(fhir_base: str, directory: Path, urls: str) -> None:
    patients = json.loads((directory / "patients.json").read_text())
    seconds, transport, pulled, peak = run_engine(
        _Base(fhir_base),  # type: ignore[arg-type]
        patients,
        directory / "store",
        keep_urls=urls == "keep-urls",
    )
    print(
        json.dumps(
            {
                "seconds": seconds,
                "gets": transport.gets,
                "requests": transport.requests,
                "pulled": pulled,
                "peak_rss_kb": peak,
            }
        )
    )


def reset_peak_rss() -> None:
    """Restart the high-water mark of this process's RSS (Linux >= 4.0)."""
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def peak_rss_kb() -> int:
    """This process's RSS high-water mark (``VmHWM``).

    Not ``getrusage().ru_maxrss``: in a child that includes the RSS of the parent it was
    forked from (kept across ``exec``), here the process holding the generated data.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status (not Linux?)")


def run_httpx(reads: list[Read]) -> tuple[float, int]:
    kept: list[object] = []
    started = time.perf_counter()
    with httpx.Client(headers={"Accept": "application/fhir+json"}, timeout=120) as http:
        for method, url, body, coding in reads:
            if method == "GET":
                kept.append(json.loads(http.get(url).content))
                continue
            headers = {"Content-Type": "application/fhir+json"}
            if coding:
                headers["Content-Encoding"] = coding
            content = (body or "").encode("latin-1")
            kept.append(json.loads(http.post(url, content=content, headers=headers).content))
    return time.perf_counter() - started, len(kept)


FHIRPY_SCRIPT = r"""
import json, sys, time
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


def fhirpy_available(python: str) -> bool:
    probe = subprocess.run([python, "-c", "import fhirpy"], capture_output=True, check=False)
    return probe.returncode == 0


def run_fhirpy(
    python: str, base: str, queries: list[tuple[str, list[tuple[str, str]]]], directory: Path
) -> tuple[float, int] | str:
    """(seconds, resources) of fhirpy doing the same searches, or why it could not run."""
    qfile = directory / "queries.json"
    qfile.write_text(json.dumps(queries))
    out = subprocess.run(
        [python, "-c", FHIRPY_SCRIPT, base, str(qfile)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        return "fhirpy failed: " + out.stderr[-800:]
    result = json.loads(out.stdout)
    return float(result["seconds"]), int(result["resources"])


def first_queries(reads: list[Read]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The searches the engine started with GETs (not their follow-up pages), as (type,
    params); those in batches are left out (fhirpy sends no batch)."""
    out = []
    for url in (u for method, u, _b, _c in reads if method == "GET"):
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
    parser.add_argument("--rounds", type=int, default=1, help="paired httpx/engine rounds")
    parser.add_argument("--fhirpy", default=sys.executable, help="a Python with fhirpy")
    parser.add_argument("--no-baselines", action="store_true", help="engine once, no baselines")
    parser.add_argument("--engine-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    choose_memory_budget(BULK_MEMORY)  # the headless sync's, as ``pleiepunkt sync`` sizes it
    if args.engine_child:
        engine_child(args.engine_child[0], Path(args.engine_child[1]), args.engine_child[2])
        return
    with Platform.start() as platform, tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        total, patients = load(platform, args.patients)
        print(
            f"loaded {total} resources for {len(patients)} patients in "
            f"{time.perf_counter() - t0:.0f} s",
            flush=True,
        )
        engine_s, transport, pulled, rss_kb = run_engine_process(
            platform, patients, Path(tmp) / "e0", keep_urls=not args.no_baselines
        )
        print(
            f"engine: {engine_s:.1f} s, {pulled} resources stored, {transport.requests} "
            f"requests, peak RSS {rss_kb / 1024:.0f} MB",
            flush=True,
        )
        if args.no_baselines:
            return
        ratios = []
        for round_no in range(1, args.rounds + 1):
            httpx_s, pages = run_httpx(transport.gets)
            if round_no > 1:  # round 1 pairs the recording run with the replay right after it
                engine_s, _t, _p, rss_kb = run_engine_process(
                    platform, patients, Path(tmp) / f"e{round_no}"
                )
            ratios.append(engine_s / httpx_s)
            print(
                f"round {round_no}: httpx (same {pages} reads into memory) {httpx_s:.1f} s, "
                f"engine {engine_s:.1f} s (peak RSS {rss_kb / 1024:.0f} MB), "
                f"ratio {ratios[-1]:.2f}",
                flush=True,
            )
        print(f"ratio engine/httpx: {statistics.median(ratios):.2f} median (target <= 1.5)")
        if not fhirpy_available(args.fhirpy):
            print(
                f"fhirpy: not importable in {args.fhirpy}; install it in a separate venv "
                "(python -m venv /tmp/fhirpy-venv && /tmp/fhirpy-venv/bin/pip install fhirpy) "
                "and pass --fhirpy /tmp/fhirpy-venv/bin/python"
            )
            return
        queries = first_queries(transport.gets)
        outcome = run_fhirpy(args.fhirpy, platform.fhir_base, queries, Path(tmp))
        if isinstance(outcome, str):
            print(outcome)
            return
        fhirpy_s, resources = outcome
        print(
            f"fhirpy fetch_all of the same {len(queries)} searches: {fhirpy_s:.1f} s, "
            f"{resources} resources; ratio engine/fhirpy {engine_s / fhirpy_s:.2f}"
        )


if __name__ == "__main__":
    main()
