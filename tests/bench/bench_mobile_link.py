"""Benchmark: a home-care route's sync over a mobile link (latency, bandwidth), against its floor.

    python tests/bench/bench_mobile_link.py [--before /path/to/checkout-before] [--patients 70]
        [--brotli]

Starts the platform, loads ``generate(patients=N, seed=3)`` and picks the route and day whose
visit plan holds the number of patients nearest ``--route-size`` (30). Then, for each link
(150 ms / 10 Mbit/s and 50 ms / 50 Mbit/s, a ``ShapedLink`` on loopback) and each code under
test (this checkout: "after"; ``--before``: a checkout of the code before, run by the same
script in the same run), with the platform reloaded and a fresh encrypted store:

1. ``first``: the route's first sync (visit plan scope, every compartment type),
2. ``noop``: a sync with nothing new (after the watermark overlap has passed),
3. ``push``: one record saved, then a push-only run,
4. ``round``: six records saved at once (a round of vital signs), then a push-only run: the
   write body as sent against its JSON (compressed only where the server decodes gzip, and
   only bodies of 1 KiB or more),
5. ``background``: one record saved with the application's ``SyncScheduler`` running; the time
   from the save until the platform has answered the write (target: 5 s at 150 ms).

Each figure is printed against its floor: one round trip plus the bytes that must cross over
the bandwidth. The first sync is also run on an unshaped loopback link (no latency, no
bandwidth cap) for each code: its time there is the platform's and the client's own work
(searches, parsing, store writes), and the first sync's time over the link less that is the
link's share, printed against the floor too.

The bytes that must cross are the route's records as one gzip-compressed JSON array (the
patients' compartments; the records they reference are left out, so the floor is a little low),
the pushed record gzip-compressed, and nothing for the no-op sync. ``wire`` is
what crossed the link both ways (headers included); ``json`` the answers' decoded size.

``--brotli`` has the platform answer in br to a client that accepts it (its ``brotli`` switch;
gzip otherwise), to measure br against gzip: run the benchmark with and without it.

Each engine run is a child process (``mobile_link_child.py``) with the code under test first on
its ``sys.path``; the platform, the link and this script are this checkout's in both cases.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sync.scope import patient_of
from tests.platform.launcher import Platform
from tests.platform.shaping import Counters, ShapedLink
from tests.synthetic import generate
from tests.synthetic.ndjson import ndjson_line

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
CHILD = HERE.parent / "mobile_link_child.py"
REFERENCE_DATE = dt.date(2026, 3, 2)
LINKS = ((150.0, 10.0), (50.0, 50.0))
PHASES = ("first", "noop", "push", "round", "background")
OVERLAP_S = 2.0  # the watermark overlap the engine runs with (the child's default)


@dataclass(frozen=True)
class Route:
    route: str
    day: dt.date
    patients: frozenset[str]
    lines: tuple[str, ...]
    gzip_bytes: int
    json_bytes: int
    resources: int


def dataset(patients: int, route_size: int) -> Route:
    """The generated municipality, and the route-day nearest ``route_size`` patients."""
    lines: list[str] = []
    visits: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    owned: dict[str, list[str]] = collections.defaultdict(list)
    for resource in generate(patients=patients, seed=3, reference_date=REFERENCE_DATE):
        line = ndjson_line(resource)
        lines.append(line)
        owner = patient_of(resource)
        if owner is not None:
            owned[owner].append(line)
        if resource["resourceType"] == "Appointment":
            refs = [p["actor"]["reference"] for p in resource["participant"]]
            for route in (r for r in refs if r.startswith("Location/")):
                who = [r.split("/")[1] for r in refs if r.startswith("Patient/")]
                visits[(route, resource["start"][:10])].update(who)
    (route, day), members = min(
        sorted(visits.items()), key=lambda kv: (abs(len(kv[1]) - route_size), kv[0])
    )
    mine = [line for p in sorted(members) for line in owned[p]]
    text = ("[" + ",".join(line.rstrip("\n") for line in mine) + "]").encode()
    return Route(
        route=route,
        day=dt.date.fromisoformat(day),
        patients=frozenset(members),
        lines=tuple(lines),
        gzip_bytes=len(gzip.compress(text)),
        json_bytes=len(text),
        resources=len(mine),
    )


def reload(platform: Platform, route: Route) -> None:
    """The platform emptied and loaded again, the load outside the first sync's overlap (so
    the sync after it sees nothing new)."""
    platform.reset()
    stream: Iterator[str] = iter(route.lines)
    while chunk := list(itertools.islice(stream, 20_000)):
        platform.load_ndjson(chunk)
    time.sleep(OVERLAP_S + 0.5)


def run_child(
    platform: Platform, link: ShapedLink, route: Route, code: Path, directory: Path
) -> tuple[dict[str, Any], dict[str, Counters]]:
    """One engine run of ``code`` through ``link``; (its results, link counters per phase)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    args = [sys.executable, str(CHILD), "--base", link.rewrite(platform.fhir_base) + "/"]
    args += ["--dir", str(directory), "--route", route.route, "--day", route.day.isoformat()]
    child = subprocess.Popen(
        args, cwd=code, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdin is not None
    assert child.stdout is not None
    marks: dict[str, Counters] = {}
    result: dict[str, Any] | None = None
    for line in child.stdout:
        if line.startswith("MARK "):
            marks[line.split()[1]] = link.counters()
            child.stdin.write("\n")
            child.stdin.flush()
        elif line.startswith("RESULT "):
            result = json.loads(line.removeprefix("RESULT "))
    child.stdin.close()
    if child.wait() != 0 or result is None:
        raise SystemExit(f"the engine run of {code} failed")
    spans = {p: marks[f"{p}:end"] - marks[f"{p}:start"] for p in PHASES}
    return result, spans


def floor(rtt_ms: float, mbit: float, n_bytes: int) -> float:
    """One round trip plus ``n_bytes`` over the bandwidth, in seconds."""
    return rtt_ms / 1000 + n_bytes * 8 / (mbit * 1e6)


def print_timeline(title: str, phase: dict[str, Any], *, rtt_ms: float) -> None:
    """The phase's requests in the order they were sent: when each was sent, its first byte
    and its last, in ms from the phase's start; the platform's share (first byte after the
    request was sent, less the round trip and a new connection's handshake); and the store's
    work (records stored, store-call time) between requests on the sync thread."""
    print(f"timeline: {title}")
    print("  #  thread           start   sent  1st B    end  server  down B   decoded  request")
    rtt = rtt_ms / 1000
    for n, t in enumerate(sorted(phase["timeline"], key=lambda t: t["start"])):
        server = t["first_byte"] - t["sent"] - rtt - (rtt if t["connect"] else 0)
        print(
            f"  {n:2d} {t['thread'][:15]:15s} {t['start'] * 1000:6.0f} {t['sent'] * 1000:6.0f} "
            f"{t['first_byte'] * 1000:6.0f} {t['end'] * 1000:6.0f} {server * 1000:6.0f} "
            f"{t['down']:7,d} {t['decoded']:9,d}  {'+conn ' if t['connect'] else ''}{t['what']}"
        )
    stores = phase["stores"]
    busy = sum(b - a for a, b, _n in stores)
    records = sum(n for _a, _b, n in stores)
    print(f"  store: {len(stores)} calls, {records} records, {busy * 1000:.0f} ms in all")
    for a, b, n in stores:
        print(f"    store {a * 1000:6.0f}-{b * 1000:6.0f} ms: {n} records")
    print(f"  phase: {phase['seconds'] * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="a checkout of the code before (#14)")
    parser.add_argument("--patients", type=int, default=70)
    parser.add_argument("--route-size", type=int, default=30)
    parser.add_argument("--brotli", action="store_true", help="the platform offers br answers")
    parser.add_argument(
        "--timeline", action="store_true", help="print the first sync's requests, one a line"
    )
    parser.add_argument(
        "--link", choices=[f"{int(r)}" for r, _m in LINKS], help="only this link (RTT in ms)"
    )
    args = parser.parse_args()
    route = dataset(args.patients, args.route_size)
    print(
        f"route {route.route} on {route.day}: {len(route.patients)} patients, "
        f"{route.resources} compartment resources, {route.json_bytes:,} bytes JSON, "
        f"{route.gzip_bytes:,} gzip"
    )
    codes = [("after", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    rows = []
    loopback: dict[str, float] = {}  # each code's first sync on an unshaped link
    with Platform.start() as platform, tempfile.TemporaryDirectory() as tmp:
        host, port = platform.fhir_base.split("//", 1)[1].split("/", 1)[0].split(":")
        if args.brotli:
            platform.set_profile("default", brotli=True)
        links = [x for x in LINKS if args.link is None or int(x[0]) == int(args.link)]
        for label, code in codes:
            reload(platform, route)
            with ShapedLink(host, int(port)) as link:
                result, _spans = run_child(platform, link, route, code, Path(tmp) / f"{label}-0")
            loopback[label] = result["first"]["seconds"]
        for (rtt, mbit), (label, code) in itertools.product(links, codes):
            reload(platform, route)
            with ShapedLink(host, int(port), rtt_ms=rtt, mbit=mbit) as link:
                directory = Path(tmp) / f"{label}-{int(rtt)}"
                result, spans = run_child(platform, link, route, code, directory)
            pushed = int(result["record_bytes"]["gzip"])
            floors = {
                "first": floor(rtt, mbit, route.gzip_bytes),
                "noop": floor(rtt, mbit, 0),
                "push": floor(rtt, mbit, pushed),
                "round": floor(rtt, mbit, pushed * 6),
                "background": floor(rtt, mbit, pushed),
            }
            for phase in PHASES:
                got = result[phase]
                span = spans[phase]
                rows.append(
                    (
                        f"{int(rtt)} ms/{int(mbit)} Mbit",
                        label,
                        phase,
                        got.get("requests", float("nan")),
                        span.down + span.up,
                        got.get("decoded", float("nan")),
                        got["seconds"],
                        floors[phase],
                    )
                )
            if args.timeline:
                print_timeline(f"{label} at {int(rtt)} ms", result["first"], rtt_ms=rtt)
            round_ = result["round"]
            print(
                f"{label} at {int(rtt)} ms: six records pushed as {round_['written']:,} bytes "
                f"for {round_['written_json']:,} bytes of JSON"
            )
            print(
                f"{label} ({result['code']['client']}) at {int(rtt)} ms: first sync stored "
                f"{result['first']['resources']} resources of {result['first']['members']} "
                "patients",
                flush=True,
            )
    head = (
        "link",
        "code",
        "phase",
        "requests",
        "wire B",
        "json B",
        "seconds",
        "floor s",
        "x floor",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for link_name, label, phase, requests, wire, decoded, seconds, low in rows:
        print(
            f"| {link_name} | {label} | {phase} | {requests} | {wire:,} | {decoded:,} | "
            f"{seconds:.2f} | {low:.2f} | {seconds / low:.1f} |"
        )
    print()
    print("First sync: the link's share (the time over the same code's first sync on an unshaped")
    print("loopback link in this run: the platform's and the client's work left out) vs the floor")
    print("| link | code | seconds | loopback s | link's share s | floor s | share x floor |")
    print("|---|---|---|---|---|---|---|")
    for link_name, label, phase, _r, _w, _d, seconds, low in rows:
        if phase == "first":
            share = seconds - loopback[label]
            print(
                f"| {link_name} | {label} | {seconds:.2f} | {loopback[label]:.2f} | "
                f"{share:.2f} | {low:.2f} | {share / low:.1f} |"
            )


if __name__ == "__main__":
    main()
