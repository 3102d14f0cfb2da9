"""Benchmark: the encrypted store at municipality scale, with baselines measured in the same run.

1. Bulk load (as the sync engine does it: pages of 1,000 through apply_server_resources):
   encrypted store vs plain stdlib ``sqlite3`` with the same schema, pragmas and code path.
   Target: encrypted <= 1.5x.
2. Opening one patient's core record + medication list via the Store API vs a bare indexed
   SELECT of the same rows on the same encrypted file. Target: <= 2x; absolute median/p95 in ms.

Run: .venv/bin/python -m tests.bench.bench_store_municipality [--patients 10000] [--per-patient 100]
Uses synthetic patients (tests/offline/fhir_factory.py); no real data.

``--diagnose-memory-security-off`` repeats the encrypted load with SQLCipher's memory security
off (not a supported configuration: it shows how much of the overhead is mlock-per-allocation
rather than encryption). Memory security is process-wide and sticky, hence a separate process.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from offline import connection
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.schema import migrate
from offline.store import Store
from offline.sync_api import apply_server_resources
from offline.types import UserId
from tests.offline.fhir_factory import SyntheticPatient, make_patient

PAGE = 1000
CORE_TYPES = (
    "AllergyIntolerance",
    "Condition",
    "Flag",
    "Consent",
    "Immunization",
    "Encounter",
    "RelatedPerson",
    "MedicationStatement",
)


def patients(count: int, per_patient: int, seed: int = 7) -> Iterator[SyntheticPatient]:
    rng = random.Random(seed)
    for index in range(count):
        yield make_patient(rng, ward=f"ward-{index % 40}", observations=max(0, per_patient - 23))


def pages(count: int, per_patient: int) -> Iterator[list[dict[str, Any]]]:
    page: list[dict[str, Any]] = []
    for p in patients(count, per_patient):
        page.extend(p.resources)
        if len(page) >= PAGE:
            yield page
            page = []
    if page:
        yield page


def timed_load(
    apply: Callable[[list[dict[str, Any]]], object], count: int, per: int
) -> tuple[float, int]:
    total = 0
    elapsed = 0.0
    for page in pages(count, per):  # generation time is excluded from the measurement
        start = time.perf_counter()
        apply(page)
        elapsed += time.perf_counter() - start
        total += len(page)
    return elapsed, total


def plain_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA secure_delete = ON",
        f"PRAGMA cache_size = -{connection.CACHE_KIB}",
    ):
        conn.execute(pragma)
    migrate(conn)
    return conn


def on_disk(database: Path) -> int:
    wal = Path(f"{database}-wal")
    return database.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bare_select(conn: Any, patient_id: str, extra: list[tuple[str, str]]) -> int:
    marks = ",".join("?" * len(CORE_TYPES))
    rows = conn.execute(
        f"SELECT json FROM resource WHERE patient_id = ? AND type IN ({marks}) AND tombstone = 0",
        (patient_id, *CORE_TYPES),
    ).fetchall()
    rows += conn.execute(
        "SELECT json FROM resource WHERE type = 'Patient' AND id = ?", (patient_id,)
    ).fetchall()
    for rtype, rid in extra:
        rows += conn.execute(
            "SELECT json FROM resource WHERE type = ? AND id = ?", (rtype, rid)
        ).fetchall()
    return len(rows)


def bare_keys(store: Store, patient_id: str) -> list[tuple[str, str]]:
    """The Medication and Practitioner ids the views also fetch, looked up before timing
    (the bare baseline is handed the ids; the API has to find them itself)."""
    ids: set[tuple[str, str]] = set()
    for (text,) in store._conn.execute(
        "SELECT json FROM resource WHERE patient_id = ? AND type IN ('Patient',"
        " 'MedicationStatement')",
        (patient_id,),
    ):
        doc = json.loads(text)
        for ref in [doc.get("medicationReference") or {}, *doc.get("generalPractitioner", [])]:
            if "reference" in ref:
                rtype, rid = ref["reference"].split("/", 1)
                ids.add((rtype, rid))
    return sorted(ids)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--per-patient", type=int, default=100)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--diagnose-memory-security-off", action="store_true")
    parser.add_argument("--encrypted-load-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.encrypted_load_only:
        encrypted_load_only(args.patients, args.per_patient)
        return
    with tempfile.TemporaryDirectory(prefix="pleiepunkt-bench-") as tmp:
        base = Path(tmp)
        plain = plain_connection(base / "plain.db")
        plain_s, n = timed_load(
            lambda page: apply_server_resources(plain, page), args.patients, args.per_patient
        )
        plain.close()
        paths = store_paths(UserId("bench"), directory=base / "enc")
        key = DataKey.generate()
        store = Store.open(paths, key, user=UserId("bench"), create=True)
        enc_s, _ = timed_load(store.apply_server_resources, args.patients, args.per_patient)
        print(f"bulk load: {n:,} resources, {args.patients:,} patients")
        print(f"  plain sqlite3 {sqlite3.sqlite_version}: {plain_s:8.1f} s ({n / plain_s:,.0f}/s)")
        print(f"  encrypted store:      {enc_s:8.1f} s ({n / enc_s:,.0f}/s)")
        print(f"  ratio encrypted/plain: {enc_s / plain_s:.2f}x (target <= 1.5x)")
        print(
            f"  size incl. WAL: plain {on_disk(base / 'plain.db') / 1e6:,.0f} MB, "
            f"encrypted {on_disk(paths.database) / 1e6:,.0f} MB"
        )

        rng = random.Random(3)
        ids = [
            r[0]
            for r in store._conn.execute(
                "SELECT id FROM resource WHERE type = 'Patient'"
            ).fetchall()
        ]
        sample = rng.sample(ids, min(args.samples, len(ids)))
        api_ms: list[float] = []
        bare_ms: list[float] = []
        for index, pid in enumerate(sample):
            # Alternate which goes first, so neither side always finds the other's pages cached.
            keys = bare_keys(store, pid)
            order = (True, False) if index % 2 == 0 else (False, True)
            for use_api in order:
                start = time.perf_counter()
                if use_api:
                    record = store.core_record(pid)
                    meds = store.medication_list(pid)
                    api_ms.append((time.perf_counter() - start) * 1000)
                else:
                    rows = bare_select(store._conn, pid, keys)
                    bare_ms.append((time.perf_counter() - start) * 1000)
            assert record is not None
            sections = (
                "allergies",
                "conditions",
                "flags",
                "consents",
                "immunizations",
                "encounters",
                "related_persons",
            )
            expected = 1 + len(keys) + len(meds.statements)
            assert rows == expected + sum(len(getattr(record, f)) for f in sections)
        med_api, med_bare = statistics.median(api_ms), statistics.median(bare_ms)
        print(f"core record + medication list, {len(sample)} random patients:")
        print(f"  store API:   median {med_api:.2f} ms, p95 {percentile(api_ms, 0.95):.2f} ms")
        print(f"  bare SELECT: median {med_bare:.2f} ms, p95 {percentile(bare_ms, 0.95):.2f} ms")
        print(f"  ratio API/bare (median): {med_api / med_bare:.2f}x (target <= 2x)")
        store.close()
    if args.diagnose_memory_security_off:
        command = [
            sys.executable,
            "-m",
            "tests.bench.bench_store_municipality",
            "--encrypted-load-only",
            "--patients",
            str(args.patients),
            "--per-patient",
            str(args.per_patient),
        ]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        off_s = float(out.strip())
        print(
            f"diagnostic: encrypted load with cipher_memory_security OFF: {off_s:.1f} s, "
            f"ratio to plain {off_s / plain_s:.2f}x (not a supported configuration)"
        )


def encrypted_load_only(count: int, per_patient: int) -> None:
    connection.CIPHER_PRAGMAS = (
        "PRAGMA cipher_log_level = NONE",
        "PRAGMA cipher_memory_security = OFF",
    )
    with tempfile.TemporaryDirectory(prefix="pleiepunkt-bench-") as tmp:
        paths = store_paths(UserId("bench"), directory=Path(tmp))
        with Store.open(paths, DataKey.generate(), user=UserId("bench"), create=True) as store:
            seconds, _ = timed_load(store.apply_server_resources, count, per_patient)
    print(seconds)


if __name__ == "__main__":
    main()
