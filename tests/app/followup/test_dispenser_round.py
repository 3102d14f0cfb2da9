"""A dispenser patient's round: the dispenser's pouches are its own, a missed one is overdue for
staff with the dispenser's time and words, and nothing is ever recorded as given by staff."""

from __future__ import annotations

import datetime as dt

from app.bedside.config import BedsideConfig
from app.bedside.round_plan import RowKind, build_round
from app.bedside.store_due import store_due_doses
from app.followup.dispenser import dispenser_of
from app.services import ClinicalServices
from clinical.doses import DoseStatus
from clinical.welfare.dispenser import DispenserState
from offline.store import Store
from tests.app.conftest import NOW
from tests.app.followup.conftest import MIDNIGHT
from tests.synthetic.feed import LiveFeed, Roster
from tests.synthetic.fhir import OSLO

CONFIG = BedsideConfig()


def _round(services: ClinicalServices, patient_id: str, now: dt.datetime):
    window = CONFIG.round_window(now)
    records = services.dispenser_records(patient_id, since=window[0], until=window[1])
    return build_round(
        services.medication_data(patient_id),
        administrations=services.administrations(patient_id, since=window[0], until=window[1]),
        window=window,
        now=now,
        tolerance=CONFIG.tolerance,
        dispenser=dispenser_of(records),
    )


def test_a_pouch_handed_over_is_the_dispenser_s_and_a_missed_one_is_overdue(
    services: ClinicalServices, home_store: Store, feed: LiveFeed, people: Roster
) -> None:
    patient = next(d for d in people.dispensers if 8 in d.hours)
    pid = patient.person.patient_id
    now = MIDNIGHT + dt.timedelta(hours=9, minutes=30)
    # Before the feed: the 08:00 pouch got no report at all. That is overdue too.
    before = _round(services, pid, now)
    [eight] = [
        r for r in before.rows if r.dispenser and r.dispenser.due_at.astimezone(OSLO).hour == 8
    ]
    assert eight.dispenser.state is DispenserState.NO_REPORT
    assert eight.status is DoseStatus.OVERDUE
    # The dispenser reports "not dispensed" 08:05 with its words.
    due = MIDNIGHT + dt.timedelta(hours=8)
    alert = feed.missed_dose(pid, due=due, text="Medisinen ble ikke tatt ut")
    home_store.apply_server_resources([alert])
    after = _round(services, pid, now)
    [missed] = [r for r in after.rows if r.dispenser and r.dispenser.due_at == due]
    assert (missed.kind, missed.status) == (RowKind.POUCH, DoseStatus.OVERDUE)
    assert missed.dispenser.state is DispenserState.NOT_DISPENSED
    assert missed.dispenser.event is not None
    assert missed.dispenser.event.text == "Medisinen ble ikke tatt ut"
    assert missed.dispenser.event.at == due + dt.timedelta(minutes=5)
    assert after.rows.index(missed) == 0 or after.rows[0].status is DoseStatus.OVERDUE
    # Nothing was recorded: the dispenser's events are never administrations.
    assert services.administrations(pid, since=MIDNIGHT, until=now) == []


def test_handed_over_pouches_make_nothing_due(
    services: ClinicalServices, home_store: Store, feed: LiveFeed, people: Roster
) -> None:
    patient = next(d for d in people.dispensers if 8 in d.hours)
    pid = patient.person.patient_id
    now = MIDNIGHT + dt.timedelta(hours=9, minutes=30)
    fed = feed.tick(now)
    home_store.apply_server_resources(fed)
    plan = _round(services, pid, now)
    pouches = [r for r in plan.rows if r.dispenser is not None]
    assert pouches
    states = {r.dispenser.due_at.astimezone(OSLO).hour: r.dispenser.state for r in pouches}  # type: ignore[union-attr]
    handed = [r for r in pouches if r.by_dispenser]
    assert all(r.status is None for r in handed)
    assert states[8] in (DispenserState.DISPENSED, DispenserState.NOT_DISPENSED)
    # The patient list counts the same round: a handed-over pouch is not due.
    due = store_due_doses(home_store, [pid], now=now, config=CONFIG)[pid]
    assert due.overdue == plan.count(DoseStatus.OVERDUE)
    assert due.later == plan.count(DoseStatus.UPCOMING)


def test_a_patient_without_a_dispenser_has_no_dispenser_rows(
    services: ClinicalServices, people: Roster, district: list[dict[str, object]]
) -> None:
    with_device = {d.person.patient_id for d in people.dispensers}
    other = next(
        str(p["id"])
        for p in district
        if p["resourceType"] == "Patient" and p["id"] not in with_device
    )
    records = services.dispenser_records(other, since=NOW - dt.timedelta(days=1), until=NOW)
    assert dispenser_of(records) is None
