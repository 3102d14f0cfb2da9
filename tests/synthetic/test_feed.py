"""The live feed continues the generated history: same patients, slot by slot, any ticks."""

from __future__ import annotations

import datetime as dt

from clinical.welfare.logical import logical_patient
from tests.synthetic.feed import LiveFeed, roster
from tests.synthetic.fhir import OSLO
from tests.synthetic.samples import REFERENCE_DATE, town

MIDNIGHT = dt.datetime.combine(REFERENCE_DATE, dt.time(), OSLO)


def _ids(resources: list[dict[str, object]]) -> list[str]:
    return sorted(str(r["id"]) for r in resources)


def test_roster_finds_the_generated_patients() -> None:
    people = roster(town())
    plans = sum(1 for r in town() if r["resourceType"] == "Goal")
    assert len(people.monitored) == plans
    devices = sum(1 for r in town() if r["resourceType"] == "Device")
    assert 0 < len(people.dispensers) <= devices


def test_a_day_in_small_ticks_is_the_same_day_in_one() -> None:
    people = roster(town())
    whole = LiveFeed(people, since=MIDNIGHT).tick(MIDNIGHT + dt.timedelta(days=1))
    stepped = LiveFeed(people, since=MIDNIGHT)
    parts = []
    for hour in range(1, 25):
        parts += stepped.tick(MIDNIGHT + dt.timedelta(hours=hour))
    assert _ids(parts) == _ids(whole)
    kinds = {r["resourceType"] for r in whole}
    assert {"Observation", "MedicationDispense"} <= kinds
    numbers = {p.number for p in people.people.values()}
    assert all(logical_patient(r).value in numbers for r in whole)  # type: ignore[union-attr]
    # Nothing is dated after the tick that wrote it, nothing before the history's end.
    for resource in whole:
        when = (
            resource.get("effectiveDateTime")
            or resource.get("whenHandedOver")
            or resource.get("identifiedDateTime")
        )
        assert MIDNIGHT < dt.datetime.fromisoformat(str(when)) <= MIDNIGHT + dt.timedelta(days=1)


def test_chosen_events_for_the_proof() -> None:
    people = roster(town())
    feed = LiveFeed(people, since=MIDNIGHT)
    monitored = people.monitored[0].person.patient_id
    at = MIDNIGHT + dt.timedelta(hours=9)
    pressure = feed.blood_pressure(monitored, at=at, systolic=192, diastolic=104)
    assert [c["valueQuantity"]["value"] for c in pressure["component"]] == [192, 104]
    dispensed_to = people.dispensers[0].person.patient_id
    missed = feed.missed_dose(dispensed_to, due=MIDNIGHT + dt.timedelta(hours=8), text="Ikke tatt")
    assert missed["code"]["coding"][0]["code"] == "1.1"
    assert missed["code"]["text"] == "Ikke tatt"
