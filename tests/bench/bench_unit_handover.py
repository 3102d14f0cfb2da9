"""Benchmark: prefilling the unit's ISBAR handover for 40 residents with a week of data, against
a bare query of the same rows on the same encrypted store, measured in the same run.

    .venv/bin/python -m tests.bench.bench_unit_handover [--residents 40] [--repeats 7]

A synthetic municipality with ``--residents`` nursing-home residents (two units of 20) is loaded
into a fresh encrypted store. Each resident already has a week of vital signs, notes, earlier
handovers and tasks (tests/synthetic); the benchmark adds a week of medication administrations
for every scheduled medication-list item (a dose at 08:00 each day, about one in eight not
given with a reason) and as-needed doses with their effect, as a week of rounds leaves them.

- ``handover``: ``Handovers`` building the draft of all residents (the place's list read, each
  patient's round, task list, vital signs, notes and medication changes, the prefilled lines).
- ``bare rows``: one indexed ``SELECT json`` per resident of every row of the types the
  handover reads (the same rows, no logic) plus ``json.loads`` of each: what reading the data
  costs at least.

Prints median and p95 of both and their ratio; no target is asserted (run on demand, never in
CI). Synthetic data only; the store lives in a temporary folder removed at the end.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.service_context import ServiceContext
from app.services import ClinicalServices
from app.shift.handover import Handovers
from app.values import PlaceKind
from clinical.records import Staff
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from tests.synthetic import generate

OSLO = ZoneInfo("Europe/Oslo")
REFERENCE = datetime(2026, 11, 26, 14, 30, tzinfo=OSLO)
NURSE = Staff("bench-nurse", "Bench Sykepleier", "9100099", "SP")
USER = UserId("bench")
TYPES = (
    "Patient",
    "MedicationStatement",
    "MedicationRequest",
    "MedicationAdministration",
    "Task",
    "CarePlan",
    "Observation",
    "DocumentReference",
    "Composition",
    "AllergyIntolerance",
    "Flag",
    "Condition",
)


def week_of_rounds(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Administrations for a week: a dose at 08:00 of every active list item, some not given,
    and an as-needed dose every other day with its assessed effect."""
    found: list[dict[str, Any]] = []
    statements = [
        r
        for r in resources
        if r["resourceType"] == "MedicationStatement" and r["status"] == "active"
    ]
    for number, statement in enumerate(statements):
        patient = statement["subject"]
        for day in range(7):
            at = (REFERENCE - timedelta(days=day)).replace(hour=8, minute=2)
            rid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench/{statement['id']}/{day}"))
            given = (number + day) % 8 != 0
            administration: dict[str, Any] = {
                "resourceType": "MedicationAdministration",
                "id": rid,
                "status": "completed" if given else "not-done",
                "medicationReference": statement.get("medicationReference", {"display": "x"}),
                "subject": patient,
                "effectiveDateTime": at.isoformat(),
                "supportingInformation": [{"reference": f"MedicationStatement/{statement['id']}"}],
            }
            if not given:
                administration["statusReason"] = [{"text": "Pasienten nektet"}]
            if day % 2 == 0 and number % 3 == 0:
                administration["reasonCode"] = [{"text": "Smerter"}]
                found.append(
                    {
                        "resourceType": "Observation",
                        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench/effect/{rid}")),
                        "status": "final",
                        "code": {
                            "coding": [
                                {
                                    "system": "http://pleiepunkt.no/fhir/CodeSystem/prn-effect",
                                    "code": "prn-effect",
                                }
                            ]
                        },
                        "subject": patient,
                        "partOf": [{"reference": f"MedicationAdministration/{rid}"}],
                        "effectiveDateTime": (at + timedelta(hours=1)).isoformat(),
                        "valueCodeableConcept": {"text": "God effekt"},
                    }
                )
            found.append(administration)
    return found


def timed(action: Any, repeats: int) -> list[float]:
    durations = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def bare_rows(store: Store, patient_ids: list[str]) -> int:
    """Every row of the handover's types for each resident, parsed: the least the work costs."""
    conn = store._conn
    marks = ",".join("?" * len(TYPES))
    count = 0
    for patient_id in patient_ids:
        rows = conn.execute(
            "SELECT json FROM resource WHERE patient_id = ?"
            f" AND type IN ({marks}) AND tombstone = 0",
            (patient_id, *TYPES),
        ).fetchall()
        count += len([json.loads(text) for (text,) in rows])
    return count


def summary(name: str, durations: list[float]) -> str:
    ordered = sorted(durations)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{name:<12} median {statistics.median(ordered):8.1f} ms   p95 {p95:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    # A quarter of a municipality lives in nursing homes (tests/synthetic/profile.py).
    municipality = generate(patients=4 * args.residents, seed=40, reference_date=REFERENCE.date())
    resources = list(municipality)
    resources += week_of_rounds(resources)
    with (
        tempfile.TemporaryDirectory(prefix="pleiepunkt-bench-") as folder,
        Store.open(
            store_paths(USER, directory=Path(folder)), DataKey.generate(), user=USER, create=True
        ) as store,
    ):
        store.apply_server_resources(resources)
        services = ClinicalServices(
            ServiceContext(store=lambda: store, user=NURSE, clock=lambda: REFERENCE)
        )
        units = [p for p in services.places_of_work() if p.kind is PlaceKind.UNIT]
        residents = [(e.patient, "") for unit in units for e in services.patients_at(unit)]
        ids = [str(patient["id"]) for patient, _room in residents]
        handovers = Handovers(services.context)
        draft = handovers._draft(residents, place=None)  # warm the page cache once
        lines = sum(len(p.lines) for p in draft.patients)
        rows = bare_rows(store, ids)
        build = timed(lambda: handovers._draft(residents, place=None), args.repeats)
        bare = timed(lambda: bare_rows(store, ids), args.repeats)
    print(f"{len(ids)} residents, {rows} rows of a week's data, {lines} prefilled lines")
    print(summary("handover", build))
    print(summary("bare rows", bare))
    print(
        f"ratio (median): {statistics.median(build) / statistics.median(bare):.1f}x the bare query"
    )


if __name__ == "__main__":
    main()
