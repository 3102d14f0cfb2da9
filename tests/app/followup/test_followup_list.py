"""The remote follow-up list over a real store: what is on it, in which order, and for whom."""

from __future__ import annotations

import datetime as dt

from app.followup.values import AlertKind, FollowUpState, Level, Severity
from app.services import ClinicalServices
from clinical import codes
from offline.store import Store
from tests.app.conftest import LAST_SYNC, NOW, services_over
from tests.app.followup.conftest import MIDNIGHT
from tests.synthetic.feed import LiveFeed, Roster


def _apply(store: Store, *resources: dict[str, object]) -> None:
    result = store.apply_server_resources(list(resources))
    assert result.applied == len(resources)


def test_a_new_out_of_range_pressure_and_a_missed_dose_lead_the_list(
    services: ClinicalServices, home_store: Store, feed: LiveFeed, people: Roster
) -> None:
    monitored = people.monitored[0].person
    with_dispenser = people.dispensers[0].person
    _apply(
        home_store,
        feed.blood_pressure(
            monitored.patient_id, at=NOW - dt.timedelta(minutes=40), systolic=192, diastolic=104
        ),
        feed.missed_dose(with_dispenser.patient_id, due=MIDNIGHT + dt.timedelta(hours=8)),
    )
    listed = services.followup_list(None)
    top = listed.items[:2]
    assert {(i.kind, i.patient_id) for i in top} == {
        (AlertKind.OUT_OF_RANGE, monitored.patient_id),
        (AlertKind.DISPENSER, with_dispenser.patient_id),
    }
    assert all(i.severity is Severity.HIGH and i.state is FollowUpState.NEW for i in top)
    pressure = next(i for i in top if i.kind is AlertKind.OUT_OF_RANGE)
    assert pressure.level is Level.RED
    assert pressure.limit is not None
    assert pressure.limit.code == codes.LOINC_SYSTOLIC
    assert [v.value for v in pressure.measured] == [192, 104]
    assert pressure.patient_name == monitored.name
    # Open items first, then most severe, then newest.
    keys = [i.sort_key() for i in listed.items]
    assert keys == sorted(keys)


def test_unmatched_alerts_are_listed_for_the_district_never_attached(
    services: ClinicalServices, people: Roster
) -> None:
    unmatched = [i for i in services.followup_list(None).items if i.kind is AlertKind.UNMATCHED]
    assert len(unmatched) == 1
    [item] = unmatched
    assert item.patient_id is None
    system, number = item.person.split("|")
    assert system == codes.FODSELSNUMMER
    assert number not in {p.number for p in people.people.values()}
    assert item.patient_name  # the name the sender gave, shown as sent


def test_one_patient_s_list_holds_only_their_items(
    services: ClinicalServices, home_store: Store, feed: LiveFeed, people: Roster
) -> None:
    pid = people.dispensers[-1].person.patient_id
    other = people.dispensers[0].person.patient_id
    due = MIDNIGHT + dt.timedelta(hours=8)
    _apply(home_store, feed.missed_dose(pid, due=due), feed.missed_dose(other, due=due))
    own = services.followup_list(None, patient_id=pid)
    assert own.patients == 1
    assert own.items
    assert {i.patient_id for i in own.items} == {pid}


def test_missed_measurements_count_only_what_the_last_sync_could_have_brought(
    home_store: Store, people: Roster
) -> None:
    pid = people.monitored[0].person.patient_id
    synced = services_over(home_store, last_sync=lambda: LAST_SYNC)
    never = services_over(home_store, last_sync=lambda: None)
    missed = [
        i
        for i in synced.followup_list(None, patient_id=pid).items
        if i.kind is AlertKind.MISSED_MEASUREMENT
    ]
    # Today's 08:00 measurements were never synced here: missed only once the sync could have
    # brought them. The history before today misses some on purpose (about 3 %).
    assert all(i.at < MIDNIGHT for i in missed)
    assert not [
        i
        for i in never.followup_list(None, patient_id=pid).items
        if i.kind is AlertKind.MISSED_MEASUREMENT
    ]
    later = services_over(
        home_store,
        last_sync=lambda: NOW + dt.timedelta(hours=3),
        clock=lambda: NOW + dt.timedelta(hours=3),
    )
    today = [
        i
        for i in later.followup_list(None, patient_id=pid).items
        if i.kind is AlertKind.MISSED_MEASUREMENT and i.at >= MIDNIGHT
    ]
    assert {i.at.hour for i in today} == {8}
    assert all(i.slot is not None and i.focus.startswith("CarePlan/") for i in today)
