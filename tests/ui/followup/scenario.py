"""A home-care district in a real encrypted store at 19:30, for the follow-up views' tests and
screenshots: a month of home measurements, dispensers, the feed's events of the day, and the
two events of the proof (a blood pressure past the red limit, a pouch not dispensed at 18:00).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.service_context import ServiceContext
from app.services import ClinicalServices
from clinical.records import Staff
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from tests.synthetic import generate
from tests.synthetic.feed import LiveFeed, Roster, roster
from tests.synthetic.fhir import OSLO

REFERENCE_DATE = dt.date(2026, 11, 26)
MIDNIGHT = dt.datetime.combine(REFERENCE_DATE, dt.time(), OSLO)
NOW = MIDNIGHT + dt.timedelta(hours=19, minutes=30)
NURSE = Staff(practitioner_id="test-nurse", name="Tove Testesen", hpr="9100001", role="SP")
USER = UserId("hpr:9100001")


@dataclass(frozen=True)
class District:
    """The store, the services over it as the nurse, and who is who."""

    store: Store
    services: ClinicalServices
    people: Roster
    monitored: str
    with_dispenser: str
    pressure_key: str
    missed_key: str


def _data() -> list[dict[str, Any]]:
    return list(generate(patients=26, seed=19, reference_date=REFERENCE_DATE, home_days=30))


@contextmanager
def district(directory: Path) -> Iterator[District]:
    """The district, its store open until the block ends."""
    resources = _data()
    people = roster(resources)
    both = next(
        d.person.patient_id
        for d in people.dispensers
        if any(m.person.patient_id == d.person.patient_id for m in people.monitored)
    )
    feed = LiveFeed(people, since=MIDNIGHT)
    fed = feed.tick(NOW - dt.timedelta(minutes=30))
    # The proof's events: they replace whatever the feed wrote for the same slot.
    pressure = feed.blood_pressure(
        both, at=NOW - dt.timedelta(minutes=12), systolic=192, diastolic=104
    )
    missed = feed.missed_dose(
        both,
        due=MIDNIGHT + dt.timedelta(hours=18),
        text="Posen ble ikke tatt ut av dispenseren",
    )
    fed = [
        r
        for r in fed
        if not (r["resourceType"] == "MedicationDispense" and "T18:" in r["whenHandedOver"])
        or r["subject"]["identifier"]["value"] != people.people[both].number
    ]
    with Store.open(
        store_paths(USER, directory=directory), DataKey.generate(), user=USER, create=True
    ) as store:
        store.apply_server_resources(resources)
        store.apply_server_resources([*fed, pressure, missed])
        context = ServiceContext(
            store=lambda: store,
            user=NURSE,
            clock=lambda: NOW,
            zone=OSLO,
            last_sync=lambda: NOW - dt.timedelta(minutes=5),
        )
        yield District(
            store=store,
            services=ClinicalServices(context),
            people=people,
            monitored=both,
            with_dispenser=both,
            pressure_key=f"Observation/{pressure['id']}",
            missed_key=f"DetectedIssue/{missed['id']}",
        )
