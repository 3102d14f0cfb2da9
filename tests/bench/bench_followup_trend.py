"""Benchmark: opening the trend of a patient with years of twice-daily home measurements.

    python tests/bench/bench_followup_trend.py [--years 1 5] [--runs 20]

For each history length, one monitored synthetic patient's records (``generate`` with that many
``home_days``: home measurements twice a day, the limits, the staff's vital signs) are stored in
a fresh encrypted store. Then, for the trend's periods (7 days, 30 days, a year):

- ``trend``: what the trend does when it opens (``HomeReads.trend_records`` over the app's
  services, then ``judged_trend``: every value judged against the patient's limits);
- ``bare``: a bare indexed query of the same period (``SELECT json`` on the
  ``(patient_id, type, date)`` index, no parsing), the floor any implementation pays.

Median milliseconds of ``--runs`` runs each; the ratio trend / bare is what must not grow with
the history's length (it is measured in the same run, on the same machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.followup.home_reads import HomeReads
from app.followup.trend import judged_trend
from app.service_context import ServiceContext
from clinical.records import Staff
from clinical.welfare.logical import logical_patient
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from sync.scope import patient_of
from tests.synthetic import generate
from tests.synthetic.feed import roster

OSLO = ZoneInfo("Europe/Oslo")
REFERENCE_DATE = dt.date(2026, 11, 26)
NOW = dt.datetime.combine(REFERENCE_DATE, dt.time(19, 30), OSLO)
PERIODS = {"7 days": 7, "30 days": 30, "a year": 365}


def _one_patient(days: int) -> tuple[str, list[dict[str, Any]]]:
    resources = list(generate(patients=40, seed=5, reference_date=REFERENCE_DATE, home_days=days))
    monitored = roster(resources).monitored[0].person
    number, pid = monitored.number, monitored.patient_id

    def hers(resource: dict[str, Any]) -> bool:
        logical = logical_patient(resource)
        return patient_of(resource) == pid or (logical is not None and logical.value == number)

    return pid, [r for r in resources if hers(r)]


def _trend(reads: HomeReads, pid: str, since: dt.datetime) -> int:
    return len(judged_trend(reads.trend_records(pid, since=since)).sets)


def _bare(store: Store, pid: str, since: dt.datetime) -> int:
    low = since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    found = store._conn.execute(
        "SELECT json FROM resource WHERE patient_id = ? AND type = 'Observation'"
        " AND date >= ? AND tombstone = 0",
        (pid, low),
    )
    return len(found.fetchall())


def _median_ms(call: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, nargs="+", default=[1, 5])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    user = UserId("bench")
    print(
        f"{'history':>8} {'stored':>7} {'period':>8} {'values':>6} {'trend ms':>9} "
        f"{'bare ms':>8} {'ratio':>6}"
    )
    for years in args.years:
        pid, resources = _one_patient(365 * years)
        with tempfile.TemporaryDirectory() as directory:
            paths = store_paths(user, directory=Path(directory))
            with Store.open(paths, DataKey.generate(), user=user, create=True) as store:
                store.apply_server_resources(
                    [{**r, "meta": {**r.get("meta", {}), "versionId": "1"}} for r in resources]
                )
                reads = HomeReads(
                    ServiceContext(
                        store=lambda: store,
                        user=Staff("bench", "Bench", hpr="1", role="SP"),
                        clock=lambda: NOW,
                        zone=OSLO,
                        last_sync=lambda: NOW,
                    )
                )
                held = len(store.compartment(pid, ["Observation"]))
                for label, days in PERIODS.items():
                    since = NOW - dt.timedelta(days=days)

                    trend = partial(_trend, reads, pid, since)
                    bare = partial(_bare, store, pid, since)
                    values = trend()
                    trend_ms = _median_ms(trend, args.runs)
                    bare_ms = _median_ms(bare, args.runs)
                    print(
                        f"{years:>6} y {held:>7} {label:>8} {values:>6} {trend_ms:>9.1f} "
                        f"{bare_ms:>8.2f} {trend_ms / bare_ms:>6.1f}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
