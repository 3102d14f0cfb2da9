"""The task-list stall benchmark's district: its store, its list, and a sync's writes into it.

    python -m tests.bench.task_list_district seed --district 3000 --directory DIR
    python -m tests.bench.task_list_district write --district 3000 --directory DIR --pages 60

``seed`` generates the synthetic municipality whose home-care district has ``--district``
patients (``tests.synthetic`` with the district size raised; a quarter more live in nursing
homes) and writes it into a fresh encrypted store in pages of ``PAGE`` resources through
``Store.apply_server_resources``, the sync engine's own write path (no platform, no HTTP: a
3,000-patient district's full sync takes over 25 minutes on two busy cores, this about ten).
The store's key is kept beside it (``key``): synthetic data in a scratch directory only.

``write`` is the sync's side of the benchmark: a process of its own (as the window's sync is,
``app.syncing.sync_process``) that opens the same store file with its own connection and writes
the first ``--pages`` pages of the same municipality again through the same write path, printing
one line per page written, so the window can refresh as a sync's progress would make it.

``DistrictTasks`` is the list shown: every route of the district today, each patient once,
through the app's own reads (``RecordReads.people_at``, ``ShiftTasks.tasks_of``).
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

import tests.synthetic.profile as synthetic_profile
from app.records.reads import RecordReads
from app.records.walking_order import room_name, walking_order
from app.services import ClinicalServices
from app.shift.values import TaskList
from app.values import FhirJson, PlaceKind, PlaceOfWork
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from tests.synthetic import generate

PAGE: Final = 1_000
"""Resources per page written, as the sync engine's pages."""
OSLO: Final = ZoneInfo("Europe/Oslo")
USER: Final = UserId("bench")


class DistrictTasks:
    """The task list of every route of the district today, each patient once (the app's own
    reads and rules; only the set of patients is the district's instead of one route's)."""

    def __init__(self, services: ClinicalServices) -> None:
        self._services = services
        self.read_seconds: list[float] = []

    def routes(self) -> list[PlaceOfWork]:
        today = self._services.context.clock().date()
        return [
            p
            for p in self._services.places_of_work()
            if p.kind is PlaceKind.ROUTE and p.day == today
        ]

    def place_tasks(self, _place: PlaceOfWork) -> TaskList:
        began = time.perf_counter()
        reads = RecordReads(self._services.context)
        seen: dict[str, tuple[FhirJson, str]] = {}
        for route in self.routes():
            for entry in sorted(reads.people_at(route), key=walking_order):
                where = room_name(entry.location)
                seen.setdefault(str(entry.patient["id"]), (entry.patient, where))
        found = self._services.tasks_of(list(seen.values()))
        self.read_seconds.append(time.perf_counter() - began)
        return found

    def shift_tasks(self, patient_id: str) -> TaskList:
        return self._services.shift_tasks(patient_id)


def municipality(district: int, today: date) -> Iterator[dict[str, Any]]:
    """The synthetic municipality with a home-care district of ``district`` patients."""
    synthetic_profile.DISTRICT_SIZE = district
    return generate(patients=district * 4 // 3, seed=3, reference_date=today)


def open_store(directory: Path, *, create: bool = False) -> Store:
    """The benchmark's store in ``directory`` (its key beside it; created with ``create``)."""
    key_file = directory / "key"
    if create:
        directory.mkdir(parents=True, exist_ok=True)
        key = DataKey.generate()
        key_file.write_text(bytes(key.raw()).hex())
    else:
        key = DataKey.from_hex(key_file.read_text())
    return Store.open(store_paths(USER, directory=directory), key, user=USER, create=create)


def write_pages(store: Store, district: int, *, pages: int | None, today: date) -> int:
    """Write the municipality (its first ``pages`` pages) into ``store``; print each page."""
    stream = municipality(district, today)
    written = 0
    for number in itertools.count(1):
        if pages is not None and number > pages:
            break
        page = list(itertools.islice(stream, PAGE))
        if not page:
            break
        store.apply_server_resources(page)
        written += len(page)
        print(f"page {number} {written}", flush=True)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("action", choices=("seed", "write"))
    parser.add_argument("--district", type=int, required=True)
    parser.add_argument("--directory", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=None)
    parser.add_argument("--today", type=date.fromisoformat, default=datetime.now(OSLO).date())
    args = parser.parse_args()
    began = time.perf_counter()
    with open_store(args.directory, create=args.action == "seed") as store:
        written = write_pages(store, args.district, pages=args.pages, today=args.today)
    print(f"done {written} {time.perf_counter() - began:.1f}", flush=True)


if __name__ == "__main__":
    main()
