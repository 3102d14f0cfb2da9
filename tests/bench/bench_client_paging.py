"""Benchmark: paging the synthetic municipality out of the platform, FhirClient vs bare httpx.

    python tests/bench/bench_client_paging.py --patients 1000 [--count 1000] [--repeats 5]

Starts the local journal platform, loads ``generate(patients=N)`` into it, then pages every
resource type out (``GET [type]?_count=C`` and ``Bundle.link[next]`` to the end) with:

- ``bare``: an ``httpx.Client`` that follows next links and ``json.loads`` each page;
- ``client-structural``: ``FhirClient.search_pages`` with the default structural check;
- ``client-full``: ``FhirClient.search_pages`` with full R4B validation of every resource.

Variants run in the same process against the same server, in a rotating order per repeat after
one warm-up round, so drift in the server (or the machine) hits all of them alike. Reported:
median and fastest wall time and median Python CPU time per round, their ratios to ``bare``
(the issue's target: wall ratio <= 1.10 for the client), and an estimated wall ratio from the
CPU difference, which stays meaningful when other work on the machine makes wall times noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from client import FhirClient, ValidationMode
from tests.platform.launcher import Platform
from tests.synthetic import generate
from tests.synthetic.ndjson import ndjson_line

REFERENCE_DATE = dt.date(2026, 3, 2)
LOAD_CHUNK = 20_000

Pager = Callable[[str, int], int]


def load(platform: Platform, *, patients: int, seed: int) -> Counter[str]:
    """Load the generated municipality in chunks; return the count per resource type."""
    counts: Counter[str] = Counter()

    def lines() -> Iterator[str]:
        for resource in generate(patients=patients, seed=seed, reference_date=REFERENCE_DATE):
            counts[resource["resourceType"]] += 1
            yield ndjson_line(resource)

    stream = lines()
    while chunk := list(itertools.islice(stream, LOAD_CHUNK)):
        platform.load_ndjson(chunk)
    return counts


def bare_pager(http: httpx.Client) -> Pager:
    """Page with bare httpx: follow next links, parse every page."""

    def page_all(resource_type: str, count: int) -> int:
        seen = 0
        url: str | None = f"{resource_type}?_count={count}"
        while url is not None:
            response = http.get(url)
            response.raise_for_status()
            bundle = json.loads(response.content)
            seen += len(bundle.get("entry", []))
            url = next(
                (link["url"] for link in bundle.get("link", []) if link["relation"] == "next"),
                None,
            )
        return seen

    return page_all


def client_pager(client: FhirClient, mode: ValidationMode) -> Pager:
    """Page with FhirClient at validation depth ``mode``; malformed resources would be counted."""

    def page_all(resource_type: str, count: int) -> int:
        seen = 0
        for page in client.search_pages(resource_type, count=count, validation=mode):
            if page.skipped:
                raise SystemExit(f"{len(page.skipped)} malformed {resource_type} resources")
            seen += len(page.resources)
        return seen

    return page_all


def one_round(pager: Pager, types: Iterable[str], count: int) -> tuple[float, float, int]:
    """Page every type once; return wall seconds, Python CPU seconds, resources seen."""
    wall, cpu = time.perf_counter(), time.process_time()
    seen = sum(pager(resource_type, count) for resource_type in types)
    return time.perf_counter() - wall, time.process_time() - cpu, seen


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1000, help="_count per page")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--types", default="", help="comma-separated types (default: all)")
    args = parser.parse_args()

    with Platform.start() as platform:
        started = time.perf_counter()
        counts = load(platform, patients=args.patients, seed=args.seed)
        total = sum(counts.values())
        types = [t for t in args.types.split(",") if t] or sorted(counts)
        expected = sum(counts[t] for t in types)
        print(
            f"loaded {total} resources ({args.patients} patients, {len(counts)} types) "
            f"in {time.perf_counter() - started:.1f} s; paging {expected} of them, "
            f"_count={args.count}, {args.repeats} repeats"
        )
        headers = {"Accept": "application/fhir+json"}
        timeout = httpx.Timeout(120.0, connect=10.0)
        with (
            httpx.Client(
                base_url=platform.fhir_base + "/", headers=headers, timeout=timeout
            ) as http,
            FhirClient(platform.fhir_base) as client,
        ):
            variants: dict[str, Pager] = {
                "bare": bare_pager(http),
                "client-structural": client_pager(client, "structural"),
                "client-full": client_pager(client, "full"),
            }
            names = list(variants)
            results: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
            for name in names:
                one_round(variants[name], types, args.count)
            for repeat in range(args.repeats):
                order = names[repeat % len(names) :] + names[: repeat % len(names)]
                for name in order:
                    wall, cpu, seen = one_round(variants[name], types, args.count)
                    if seen != expected:
                        raise SystemExit(f"{name} saw {seen} resources, expected {expected}")
                    results[name].append((wall, cpu))

    bare_wall = statistics.median(w for w, _ in results["bare"])
    bare_cpu = statistics.median(c for _, c in results["bare"])
    print(
        f"{'variant':<19}{'wall s':>8}{'min s':>8}{'ratio':>7}{'cpu s':>8}{'ratio':>7}"
        f"{'cpu µs/res':>11}{'est. ratio':>11}"
    )
    for name in names:
        wall = statistics.median(w for w, _ in results[name])
        fastest = min(w for w, _ in results[name])
        cpu = statistics.median(c for _, c in results[name])
        # The client's extra work is Python CPU on the calling thread, in series with waiting
        # for the server, so bare wall + extra CPU estimates its wall time on a quiet machine.
        estimate = (bare_wall + cpu - bare_cpu) / bare_wall
        print(
            f"{name:<19}{wall:>8.3f}{fastest:>8.3f}{wall / bare_wall:>7.3f}{cpu:>8.3f}"
            f"{cpu / bare_cpu:>7.3f}{cpu / expected * 1e6:>11.1f}{estimate:>11.3f}"
        )


if __name__ == "__main__":
    main()
