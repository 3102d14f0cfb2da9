"""Welfare technology in the generated municipality: realistic shares, logical references only,
a history as long as asked, limits the client reads, and an alert that matches nobody."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from clinical.welfare.dispenser import dispenser_events, is_dispenser
from clinical.welfare.limits import goal_limits
from clinical.welfare.logical import logical_patient
from clinical.welfare.measurements import is_home_measurement
from clinical.welfare.monitoring import expected_measurements, is_monitoring_plan
from tests.synthetic import generate
from tests.synthetic.fhir import OSLO, Resource
from tests.synthetic.samples import REFERENCE_DATE, town

WELFARE_TYPES = ("DetectedIssue", "MedicationDispense", "Observation")


def _numbers(resources: tuple[Resource, ...]) -> dict[str, str]:
    return {
        i["value"]: p["id"]
        for p in resources
        if p["resourceType"] == "Patient"
        for i in p["identifier"]
    }


def _welfare(resources: tuple[Resource, ...]) -> list[Resource]:
    return [r for r in resources if logical_patient(r) is not None]


def test_shares_of_home_care_patients() -> None:
    resources = town()
    home_care = 150
    dispensers = [r for r in resources if r["resourceType"] == "Device" and is_dispenser(r)]
    plans = [r for r in resources if is_monitoring_plan(r)]
    assert 0.1 * home_care <= len(dispensers) <= 0.3 * home_care
    assert 0.1 * home_care <= len(plans) <= 0.3 * home_care
    # Nursing-home residents get none of it.
    residents = {
        e["subject"]["reference"]
        for e in resources
        if e["resourceType"] == "Encounter" and e.get("status") == "in-progress"
    }
    assert not {d["patient"]["reference"] for d in dispensers} & residents


def test_welfare_records_name_the_patient_by_number_only() -> None:
    resources = town()
    numbers = _numbers(resources)
    records = _welfare(resources)
    assert {r["resourceType"] for r in records} == set(WELFARE_TYPES)
    strangers = []
    for record in records:
        logical = logical_patient(record)
        assert logical is not None
        named = record.get("subject") or record.get("patient") or {}
        assert "reference" not in named
        if logical.value not in numbers:
            strangers.append(record)
    # One alert per district names a person nobody here is: the worklist shows it unmatched.
    assert [(r["resourceType"], r["code"]["coding"][0]["code"]) for r in strangers] == [
        ("DetectedIssue", "1.1")
    ]


def test_measurements_fill_the_days_asked_for_twice_a_day() -> None:
    year = list(generate(patients=40, seed=3, reference_date=REFERENCE_DATE, home_days=365))
    plans = [r for r in year if is_monitoring_plan(r)]
    assert plans
    plan = plans[0]
    patient = plan["subject"]["reference"].removeprefix("Patient/")
    number = next(i["value"] for r in year if r.get("id") == patient for i in r["identifier"])
    mine = [
        r
        for r in year
        if r["resourceType"] == "Observation"
        and (logical_patient(r) or None) is not None
        and logical_patient(r).value == number  # type: ignore[union-attr]
    ]
    assert all(is_home_measurement(m) for m in mine)
    start = dt.datetime.combine(REFERENCE_DATE - dt.timedelta(days=365), dt.time(), OSLO)
    end = dt.datetime.combine(REFERENCE_DATE, dt.time(), OSLO)
    expected = expected_measurements([plan], start=start, end=end, zone=OSLO)
    assert len(expected) >= 365 * 2
    # A few are missed on purpose (about 3 %), never most.
    assert 0.9 * len(expected) <= len(mine) <= len(expected)
    days = {dt.datetime.fromisoformat(m["effectiveDateTime"]).date() for m in mine}
    assert min(days) <= REFERENCE_DATE - dt.timedelta(days=364)
    assert max(days) < REFERENCE_DATE


def test_limits_are_read_by_the_client_and_some_values_cross_them() -> None:
    resources = town()
    goals = [r for r in resources if r["resourceType"] == "Goal"]
    assert goals
    for goal in goals:
        assert goal_limits([goal])  # every Goal sets limits the client understands
    levels = Counter(t["extension"][0]["valueCode"] for g in goals for t in g["target"])
    assert levels["yellow"] == levels["red"] > 0


def test_dispensers_report_pouches_and_now_and_then_a_miss() -> None:
    events = dispenser_events(r for r in town() if r["resourceType"] in WELFARE_TYPES)
    dispensed = sum(1 for e in events if e.dispensed)
    missed = sum(1 for e in events if e.alert is not None and e.code in ("1.1", "1.3", "1.4"))
    assert dispensed > 500
    assert 0 < missed < dispensed * 0.06
