"""The live feed: home measurements, dispenser events and alarms arriving while the platform runs.

What a municipality's welfare-technology hub sends all day, for the patients the generator gave a
dispenser or a monitoring plan (``tests.synthetic.welfare``): each scheduled measurement (a few
missed, a few outside the limits) and each pouch (now and then not dispensed), at its time. The
feed is deterministic per slot (a Random of the patient and the slot), so how often it ticks
never changes what it writes; the generator's history ends where the feed begins.

    feed = LiveFeed(roster(resources), since=midnight)
    platform.load_ndjson(json.dumps(r) for r in feed.tick(now))      # what came since the last tick

For tests and the demo's proof, ``blood_pressure`` and ``missed_dose`` write one chosen event.
``python -m tests.synthetic.feed --admin URL --data FILE`` runs it beside a platform (the
platform's ``--feed`` switch and ``tests.devstack --feed`` do the same from the loaded files);
it writes through the admin API's load, which versions each record like any write, so the next
incremental sync finds it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from clinical.welfare.dispenser import is_dispenser
from clinical.welfare.monitoring import is_monitoring_plan
from tests.synthetic import generate, home
from tests.synthetic.fhir import OSLO, Resource, local_datetime
from tests.synthetic.home import BLOOD_PRESSURE, Person
from tests.synthetic.welfare import (
    DISPENSER_NAME,
    MISSED_SHARE,
    PROGRAMS,
    Baseline,
    Programme,
    baseline,
    dispenser_event,
    measurements_at,
    pouch_hours,
)


@dataclass(frozen=True, slots=True)
class Monitored:
    """A patient followed up at home: who, which programme, their usual values, the device."""

    person: Person
    programme: Programme
    base: Baseline
    device: tuple[str, str]


@dataclass(frozen=True, slots=True)
class WithDispenser:
    """A patient with a dispenser: who, the pouch hours, the dispenser's serial number."""

    person: Person
    hours: tuple[int, ...]
    serial: str


@dataclass(frozen=True, slots=True)
class Roster:
    """Everyone the feed writes for, read from the generated resources."""

    monitored: tuple[Monitored, ...] = ()
    dispensers: tuple[WithDispenser, ...] = ()
    people: dict[str, Person] = field(default_factory=dict)


def _person(patient: Resource) -> Person:
    identifier = patient["identifier"][0]
    name = patient["name"][0].get("text") or " ".join(
        [*patient["name"][0].get("given", []), patient["name"][0].get("family", "")]
    )
    return Person(identifier["system"], identifier["value"], name, patient["id"])


def _patient_id(resource: Resource, field_name: str) -> str:
    return str(resource[field_name]["reference"]).removeprefix("Patient/")


def roster(resources: Iterable[Resource]) -> Roster:
    """Who has a monitoring plan or a dispenser, with what the generator gave them."""
    people: dict[str, Person] = {}
    plans: dict[str, Resource] = {}
    serials: dict[str, str] = {}
    statements: dict[str, list[Resource]] = defaultdict(list)
    for resource in resources:
        rtype = resource["resourceType"]
        if rtype == "Patient":
            people[resource["id"]] = _person(resource)
        elif rtype == "CarePlan" and is_monitoring_plan(resource):
            plans[_patient_id(resource, "subject")] = resource
        elif rtype == "Device" and is_dispenser(resource):
            serials[_patient_id(resource, "patient")] = resource["identifier"][0]["value"]
        elif rtype == "MedicationStatement" and "reference" in resource.get("subject", {}):
            statements[_patient_id(resource, "subject")].append(resource)
    by_title = {p.title: p for p in PROGRAMS}
    monitored = []
    for patient_id, plan in sorted(plans.items()):
        programme = by_title.get(plan.get("title", ""))
        if programme is None or patient_id not in people:
            continue
        # The generator drew the usual values first from this Random: the same ones come back.
        base = baseline(programme, random.Random(f"welfare/{patient_id}/measurements"))
        serial = f"MD{int(patient_id.replace('-', '')[8:16], 16) % 1_000_000:06d}"
        monitored.append(Monitored(people[patient_id], programme, base, (programme.device, serial)))
    dispensers = [
        WithDispenser(people[pid], tuple(pouch_hours(statements[pid])), serial)
        for pid, serial in sorted(serials.items())
        if pid in people and pouch_hours(statements[pid])
    ]
    return Roster(tuple(monitored), tuple(dispensers), people)


def district_where(
    needs: Callable[[Roster], bool],
    *,
    patients: int,
    seed: int,
    reference_date: dt.date,
    home_days: int,
    tries: int = 50,
) -> tuple[list[Resource], Roster]:
    """A generated district whose roster has what a test ``needs``.

    Who gets a dispenser or a monitoring plan is drawn from the reference date as well as the
    seed, so for a test dated today a fixed seed leaves some days without, say, anyone having
    both. The following seeds are tried in turn: the district stays deterministic per date."""
    for attempt in range(seed, seed + tries):
        resources = list(
            generate(
                patients=patients, seed=attempt, reference_date=reference_date, home_days=home_days
            )
        )
        people = roster(resources)
        if needs(people):
            return resources, people
    raise LookupError(f"no district of {patients} from seed {seed} on {reference_date} fits")


def _days(start: dt.datetime, end: dt.datetime) -> Iterator[dt.date]:
    day = start.astimezone(OSLO).date()
    while day <= end.astimezone(OSLO).date():
        yield day
        day += dt.timedelta(days=1)


class LiveFeed:
    """Writes what happened between ticks; ``tick(now)`` returns the new resources."""

    def __init__(self, people: Roster, *, since: dt.datetime) -> None:
        self._roster = people
        self._cursor = since

    @property
    def roster(self) -> Roster:
        return self._roster

    def tick(self, now: dt.datetime) -> list[Resource]:
        """Every measurement and pouch event timed in ``(last tick, now]``."""
        start, self._cursor = self._cursor, max(self._cursor, now)
        found: list[Resource] = []
        for day in _days(start, now):
            for monitored in self._roster.monitored:
                found += self._measurements(monitored, day, start, now)
            for with_dispenser in self._roster.dispensers:
                found += self._pouches(with_dispenser, day, start, now)
        return found

    def _measurements(
        self, patient: Monitored, day: dt.date, start: dt.datetime, now: dt.datetime
    ) -> list[Resource]:
        found = []
        for measure, times in patient.programme.schedule:
            for text in times:
                slot = local_datetime(day, int(text[:2]), int(text[3:5]))
                rng = random.Random(f"feed/{patient.person.patient_id}/{measure.key}/{slot}")
                if rng.random() < MISSED_SHARE:
                    continue
                at = slot + dt.timedelta(minutes=rng.randint(-30, 75))
                if start < at <= now:
                    found.append(
                        measurements_at(
                            patient.person,
                            measure,
                            at=at,
                            base=patient.base,
                            rng=rng,
                            device=patient.device,
                        )
                    )
        return found

    def _pouches(
        self, patient: WithDispenser, day: dt.date, start: dt.datetime, now: dt.datetime
    ) -> list[Resource]:
        found = []
        for hour in patient.hours:
            slot = local_datetime(day, hour)
            rng = random.Random(f"feed/{patient.person.patient_id}/pouch/{slot}")
            event = dispenser_event(patient.person, at=slot, rng=rng, serial=patient.serial)
            when = dt.datetime.fromisoformat(
                event.get("whenHandedOver") or event["identifiedDateTime"]
            )
            if start < when <= now:
                found.append(event)
        return found

    def blood_pressure(
        self, patient_id: str, *, at: dt.datetime, systolic: float, diastolic: float
    ) -> Resource:
        """One home blood pressure of a monitored patient, with the values given."""
        patient = next(m for m in self._roster.monitored if m.person.patient_id == patient_id)
        return home.measurement(
            patient.person,
            BLOOD_PRESSURE,
            at=at,
            value=(systolic, diastolic),
            device=patient.device,
        )

    def missed_dose(
        self, patient_id: str, *, due: dt.datetime, text: str | None = None
    ) -> Resource:
        """The dispenser's "not dispensed" alert (VKP 1.1) for the pouch due at ``due``."""
        person = self._roster.people[patient_id]
        return home.alert(
            person,
            code="1.1",
            at=due + dt.timedelta(minutes=5),
            author=DISPENSER_NAME,
            severity="high",
            text=text,
        )


def read_ndjson(paths: Iterable[Path]) -> Iterator[Resource]:
    """The resources of NDJSON files, one per line."""
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)


class FeedRunner:
    """Ticks a ``LiveFeed`` every ``interval`` seconds on a thread and hands what it writes to
    ``write`` (e.g. the platform's NDJSON load) until ``stop()``."""

    def __init__(
        self,
        feed: LiveFeed,
        *,
        write: Callable[[list[Resource]], object],
        interval: float,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(OSLO),
    ) -> None:
        self._feed, self._write, self._interval, self._clock = feed, write, interval, clock
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="live-feed", daemon=True)

    def start(self) -> FeedRunner:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            found = self._feed.tick(self._clock())
            if found:
                self._write(found)
            if self._stop.wait(self._interval):
                return


def admin_writer(admin_base: str) -> Callable[[list[Resource]], object]:
    """Writes resources through a platform's admin load (ids kept, versioned like any write)."""

    def write(resources: list[Resource]) -> object:
        body = "".join(json.dumps(r) + "\n" for r in resources).encode()
        response = httpx.post(
            f"{admin_base.rstrip('/')}/load",
            content=body,
            headers={"Content-Type": "application/x-ndjson"},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()

    return write


def main(argv: list[str] | None = None) -> int:
    """Run the feed beside a platform until Ctrl+C."""
    parser = argparse.ArgumentParser(prog="python -m tests.synthetic.feed", description=__doc__)
    parser.add_argument("--admin", required=True, help="the platform's admin base URL")
    parser.add_argument("--data", type=Path, nargs="+", required=True, help="generated NDJSON")
    parser.add_argument("--interval", type=float, default=20.0, help="seconds between ticks")
    parser.add_argument(
        "--since",
        type=dt.datetime.fromisoformat,
        default=None,
        help="where the generated history ends (default: today 00:00 in Oslo)",
    )
    args = parser.parse_args(argv)
    since = args.since or dt.datetime.combine(dt.date.today(), dt.time(), OSLO)
    feed = LiveFeed(roster(read_ndjson(args.data)), since=since)
    runner = FeedRunner(feed, write=admin_writer(args.admin), interval=args.interval).start()
    print(
        f"feed: {len(feed.roster.monitored)} monitored, {len(feed.roster.dispensers)} with a "
        f"dispenser; every {args.interval:g} s (Ctrl+C stops)",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        runner.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
