"""Acknowledging and acting: one Task per nurse and item, a Communication for a contact, valid
FHIR saved with its outbox entries; two nurses on one item is a conflict the list shows."""

from __future__ import annotations

import datetime as dt

from fhir.resources.R4B.communication import Communication
from fhir.resources.R4B.task import Task

from app.followup.values import (
    AlertKind,
    FollowUpAction,
    FollowUpEntry,
    FollowUpItem,
    FollowUpState,
)
from app.services import ClinicalServices
from clinical.records import Staff
from clinical.records.alert_followup import ACK_SYSTEM
from offline.store import Store
from tests.app.conftest import LAST_SYNC, NOW, services_over
from tests.app.followup.conftest import MIDNIGHT
from tests.synthetic.feed import LiveFeed, Roster

OTHER_NURSE = Staff(practitioner_id="other-nurse", name="Ola Nattevakt", hpr="9100003", role="SP")


def _entry(item: FollowUpItem, action: FollowUpAction, note: str = "") -> FollowUpEntry:
    return FollowUpEntry(
        key=item.key,
        focus=item.focus,
        patient_id=item.patient_id,
        action=action,
        note=note,
        at=NOW,
        slot=item.slot,
    )


def _item(services: ClinicalServices, key: str) -> FollowUpItem:
    return next(i for i in services.followup_list(None).items if i.key == key)


def _missed_dose(store: Store, feed: LiveFeed, people: Roster) -> str:
    alert = feed.missed_dose(
        people.dispensers[0].person.patient_id, due=MIDNIGHT + dt.timedelta(hours=8)
    )
    store.apply_server_resources([alert])
    return f"DetectedIssue/{alert['id']}"


def test_acknowledge_then_act(
    services: ClinicalServices, home_store: Store, feed: LiveFeed, people: Roster
) -> None:
    key = _missed_dose(home_store, feed, people)
    item = _item(services, key)
    [task] = services.record_followup(_entry(item, FollowUpAction.ACKNOWLEDGED))
    Task.model_validate(task)
    assert _item(services, key).state is FollowUpState.ACKNOWLEDGED
    saved = services.record_followup(
        _entry(_item(services, key), FollowUpAction.CONTACTED_PATIENT, "Ringte, tok dosen 09:10")
    )
    contact, task = saved
    Communication.model_validate(contact)
    Task.model_validate(task)
    assert contact["recipient"] == [{"reference": f"Patient/{item.patient_id}"}]
    assert contact["about"] == [{"reference": key}]
    assert task["output"][0]["valueReference"] == {"reference": f"Communication/{contact['id']}"}
    handled = _item(services, key)
    assert handled.state is FollowUpState.HANDLED
    [ack] = handled.acknowledgements
    assert (ack.mine, ack.action, ack.by) == (
        True,
        FollowUpAction.CONTACTED_PATIENT,
        "Tove Testesen",
    )
    # One Task for the item (updated, never a second), queued with the Communication.
    tasks = home_store.find_by_identifier(ACK_SYSTEM, key)
    assert [t["id"] for t in tasks] == [task["id"]]
    queued = {(e.resource_type, e.resource_id) for e in home_store.outbox()}
    assert {("Task", task["id"]), ("Communication", contact["id"])} <= queued


def test_informing_the_gp_names_the_patient_s_gp(
    services: ClinicalServices, home_store: Store, feed: LiveFeed, people: Roster
) -> None:
    key = _missed_dose(home_store, feed, people)
    item = _item(services, key)
    contact, _task = services.record_followup(_entry(item, FollowUpAction.GP_INFORMED))
    patient = home_store.get("Patient", str(item.patient_id))
    assert patient is not None
    assert contact["recipient"][0]["reference"] == patient["generalPractitioner"][0]["reference"]


def test_two_nurses_on_one_alert_is_a_conflict_not_a_merge(
    services: ClinicalServices, home_store: Store, feed: LiveFeed, people: Roster
) -> None:
    key = _missed_dose(home_store, feed, people)
    services.record_followup(_entry(_item(services, key), FollowUpAction.VISIT_SCHEDULED))
    # The other nurse's follow-up, offline on her own computer, arrives with a sync.
    theirs = services_over(home_store, user=OTHER_NURSE, last_sync=lambda: LAST_SYNC)
    [their_task] = theirs.record_followup(_entry(_item(theirs, key), FollowUpAction.ACKNOWLEDGED))
    item = _item(services, key)
    assert item.state is FollowUpState.CONFLICT
    assert {(a.by, a.mine) for a in item.acknowledgements} == {
        ("Tove Testesen", True),
        ("Ola Nattevakt", False),
    }
    # Neither record was changed by the other.
    assert home_store.get("Task", their_task["id"]) == their_task


def test_a_follow_up_of_a_later_value_covers_the_earlier_ones(
    services: ClinicalServices, home_store: Store, feed: LiveFeed, people: Roster
) -> None:
    pid = people.monitored[0].person.patient_id
    first = feed.blood_pressure(pid, at=NOW - dt.timedelta(hours=3), systolic=186, diastolic=90)
    second = feed.blood_pressure(pid, at=NOW - dt.timedelta(hours=1), systolic=190, diastolic=92)
    home_store.apply_server_resources([first, second])
    services.record_followup(
        _entry(_item(services, f"Observation/{second['id']}"), FollowUpAction.GP_INFORMED)
    )
    earlier = _item(services, f"Observation/{first['id']}")
    assert earlier.state is FollowUpState.HANDLED
    assert [a.covers_earlier for a in earlier.acknowledgements] == [True]


def test_an_unmatched_alert_can_be_acknowledged_without_a_patient(
    services: ClinicalServices,
) -> None:
    item = next(i for i in services.followup_list(None).items if i.kind is AlertKind.UNMATCHED)
    [task] = services.record_followup(_entry(item, FollowUpAction.ACKNOWLEDGED, "Sjekker"))
    assert "for" not in task
    assert _item(services, item.key).state is FollowUpState.ACKNOWLEDGED
