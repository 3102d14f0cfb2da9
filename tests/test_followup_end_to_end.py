"""End to end (issue 19 proof): remote follow-up alerts arrive with a sync and the nurse's
follow-up reaches the platform exactly once.

A home-care district is loaded on the local platform (dispensers, home measurements, limits,
and an alert naming nobody) and pulled into a real encrypted store: the home measurements named
by fødselsnummer land in the right patients' compartments, unchanged. The live feed then writes
an out-of-range blood pressure and a "not dispensed" alert for a pouch; after the next
incremental sync the follow-up list and the medication round show both. Offline, the nurse
follows both up by keyboard through the real ``FollowUpView`` over the app's services. After
reconnecting, one sync sends it: the platform holds one Task per alert and one Communication,
valid against the R4B models and referencing the alert, the Patient and the nurse; a second sync
creates nothing. A second nurse's offline follow-up of the same alert, on her own computer, is a
conflict both lists show, and neither follow-up is lost.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.followup.values import AlertKind, FollowUpState
from app.service_context import ServiceContext
from app.services import ClinicalServices
from client import FhirClient, RetryPolicy
from clinical.records import Staff
from clinical.records.alert_followup import ACK_SYSTEM
from clinical.welfare.dispenser import DispenserState
from clinical.welfare.logical import logical_patient
from offline.datakey import DataKey
from offline.store import Store
from sync import SyncScope
from sync.summary import SyncOutcome
from tests.clinical.records.conftest import validate
from tests.platform.launcher import Platform
from tests.sync.helpers import (
    make_client,
    make_engine,
    no_sleep,
    open_store,
    platform_resources,
    strip,
)
from tests.synthetic.feed import LiveFeed, Roster, district_where
from ui.bedside import MedicationRoundView
from ui.followup import FollowUpView
from ui.tasks import TaskRunner

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

OSLO = ZoneInfo("Europe/Oslo")
# Today: the sync reads recent history by the platform's clock (``sync.pull.logical``), so the
# district's records are dated around the day the test runs.
REFERENCE_DATE = dt.datetime.now(ZoneInfo("Europe/Oslo")).date()
MIDNIGHT = dt.datetime.combine(REFERENCE_DATE, dt.time(), OSLO)
NOW = MIDNIGHT + dt.timedelta(hours=19, minutes=30)
CLOSED_PORT = "http://127.0.0.1:9/fhir/R4/"
WAIT_MS = 10_000
Json = dict[str, Any]


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner(max_threads=2)
    yield task_runner
    task_runner.wait_for_done(5_000)
    QApplication.processEvents()


def _pouch_before_now(people: Roster) -> tuple[str, int] | None:
    """Someone with both a dispenser and a monitoring plan, and their last pouch due before NOW."""
    monitored = {m.person.patient_id for m in people.monitored}
    return next(
        (
            (d.person.patient_id, max(earlier))
            for d in people.dispensers
            if d.person.patient_id in monitored
            and (earlier := [h for h in d.hours if h < NOW.hour])
        ),
        None,
    )


def _nurses(resources: list[Json]) -> tuple[Staff, Staff]:
    practitioners = [r for r in resources if r["resourceType"] == "Practitioner"][:2]
    return tuple(  # type: ignore[return-value]
        Staff(p["id"], p["name"][0]["text"], hpr=p["identifier"][0]["value"], role="SP")
        for p in practitioners
    )


def _services(store: Store, nurse: Staff) -> ClinicalServices:
    return ClinicalServices(
        ServiceContext(
            store=lambda: store, user=nurse, clock=lambda: NOW, zone=OSLO, last_sync=lambda: NOW
        )
    )


def _follow_up(qtbot: Any, view: FollowUpView, key: str, digit: Qt.Key, note: str) -> None:
    """Select the item, Enter, Alt+digit (the action), a note, Ctrl+Enter; wait until saved."""
    view.reload()
    qtbot.waitUntil(
        lambda: any(
            (i := view.model.item_at(r)) is not None and i.key == key
            for r in range(view.model.rowCount())
        ),
        timeout=WAIT_MS,
    )
    row = next(r for r in range(view.model.rowCount()) if view.model.item_at(r).key == key)  # type: ignore[union-attr]
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=WAIT_MS)
    view.table.selectRow(row)
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(dialog.focusWidget() or dialog, digit, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(300)  # a mnemonic clicks with animation
    QTest.keyClicks(dialog.note, note)
    saved: list[bool] = []
    view.recorded.connect(lambda: saved.append(True))
    QTest.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)


def _tasks(platform: Platform, key: str) -> list[Json]:
    return platform_resources(platform, "Task", identifier=f"{ACK_SYSTEM}|{key}")


def test_alerts_arrive_with_a_sync_and_the_follow_up_goes_back_once(
    qtbot: Any, platform: Platform, runner: TaskRunner, tmp_path: Path
) -> None:
    resources, people = district_where(
        lambda found: _pouch_before_now(found) is not None,
        patients=26,
        seed=19,
        reference_date=REFERENCE_DATE,
        home_days=14,
    )
    platform.load_ndjson(json.dumps(r) for r in resources)
    home_care = sorted(
        {m.person.patient_id for m in people.monitored}
        | {d.person.patient_id for d in people.dispensers}
    )
    found = _pouch_before_now(people)
    assert found is not None
    both, pouch_hour = found
    scope = SyncScope(patients=tuple(home_care))
    nurse, colleague = _nurses(resources)
    with (
        open_store(tmp_path / "mine", DataKey.generate()) as store,
        make_client(platform) as online,
    ):
        first = make_engine(store, online, scope, tmp_path).run()
        assert first.ok, first.error
        # The measurements named by fødselsnummer are in the right compartment, as they came.
        number = people.people[both].number
        sent = [
            r
            for r in resources
            if r["resourceType"] == "Observation"
            and (found := logical_patient(r)) is not None
            and found.value == number
        ]
        held = {o["id"]: o for o in store.compartment(both, ["Observation"])}
        assert sent
        assert all(strip(held[o["id"]]) == strip(o) for o in sent)
        # The alert naming someone outside the scope was never read: only members are searched.
        assert store.unresolved(["DetectedIssue"]) == []

        # The feed writes what happens this evening, then the next sync brings it.
        feed = LiveFeed(people, since=MIDNIGHT)
        pressure = feed.blood_pressure(
            both, at=NOW - dt.timedelta(minutes=12), systolic=192, diastolic=104
        )
        missed = feed.missed_dose(
            both, due=MIDNIGHT + dt.timedelta(hours=pouch_hour), text="Posen ble ikke tatt ut"
        )
        platform.load_ndjson(json.dumps(r) for r in [pressure, missed])
        second = make_engine(store, online, scope, tmp_path).run()
        assert second.ok, second.error
        pressure_key, missed_key = f"Observation/{pressure['id']}", f"DetectedIssue/{missed['id']}"

        services = _services(store, nurse)
        listed = services.followup_list(None)
        assert {i.key for i in listed.items[:2]} == {pressure_key, missed_key}
        view = FollowUpView(source=services, runner=runner, clock=lambda: NOW, place=lambda: None)
        qtbot.addWidget(view)
        view.resize(1366, 768)
        view.show()
        rounds = MedicationRoundView(source=services, runner=runner, clock=lambda: NOW)
        qtbot.addWidget(rounds)
        rounds.show()
        with qtbot.waitSignal(rounds.round_loaded, timeout=WAIT_MS):
            rounds.set_patient(both)
        [pouch] = [
            r
            for r in rounds.model_rows()
            if r.dispenser is not None and r.dispenser.state is DispenserState.NOT_DISPENSED
        ]
        assert pouch.dispenser is not None
        assert pouch.dispenser.event is not None
        assert pouch.dispenser.event.text == "Posen ble ikke tatt ut"

        # Offline: both followed up by keyboard; the sync keeps them.
        _follow_up(qtbot, view, missed_key, Qt.Key.Key_2, "Ringte, gir posen ved besøket")
        _follow_up(qtbot, view, pressure_key, Qt.Key.Key_4, "Fastlege varslet om blodtrykk")
        with FhirClient(
            CLOSED_PORT,
            retry=RetryPolicy(max_attempts=1, base_delay=0.0, max_delay=0.0),
            sleep=no_sleep,
        ) as offline_client:
            gone = make_engine(store, offline_client, scope, tmp_path).run()
            assert gone.outcome is SyncOutcome.OFFLINE
        assert _tasks(platform, missed_key) == []
        assert {e.resource_type for e in store.outbox()} == {"Task", "Communication"}

        back = make_engine(store, online, scope, tmp_path).run()
        assert back.ok, back.error
        assert store.outbox() == []
        for key, focus in ((missed_key, missed), (pressure_key, pressure)):
            [task] = _tasks(platform, key)
            validate(task)
            assert task["focus"] == {"reference": f"{focus['resourceType']}/{focus['id']}"}
            assert task["for"] == {"reference": f"Patient/{both}"}
            assert task["owner"]["reference"] == f"Practitioner/{nurse.practitioner_id}"
            assert task["status"] == "completed"
            [output] = task["output"]
            contact = platform_resources(
                platform, "Communication", _id=output["valueReference"]["reference"].split("/")[1]
            )
            assert len(contact) == 1
            validate(contact[0])
            assert contact[0]["about"] == [task["focus"]]
        for referenced in ("Patient", "Practitioner"):
            assert platform_resources(
                platform, referenced, _id=both if referenced == "Patient" else nurse.practitioner_id
            )
        # Nothing twice: another sync changes nothing.
        again = make_engine(store, online, scope, tmp_path).run()
        assert again.ok, again.error
        assert len(_tasks(platform, missed_key)) == 1
        assert len(platform_resources(platform, "Communication")) == 2

        # A colleague on her own computer, offline, follows up the same alert as well.
        (tmp_path / "c").mkdir()
        with open_store(tmp_path / "colleague", DataKey.generate()) as theirs:
            assert (
                make_engine(theirs, online, scope, tmp_path / "c").run().outcome is SyncOutcome.OK
            )
            their_services = _services(theirs, colleague)
            their_view = FollowUpView(
                source=their_services, runner=runner, clock=lambda: NOW, place=lambda: None
            )
            qtbot.addWidget(their_view)
            their_view.show()
            their_view.show_handled.setChecked(True)
            _follow_up(qtbot, their_view, missed_key, Qt.Key.Key_3, "Besøk kl 21")
            assert (
                make_engine(theirs, online, scope, tmp_path / "c").run().outcome is SyncOutcome.OK
            )
        assert len(_tasks(platform, missed_key)) == 2  # both kept: nobody's follow-up is lost
        assert make_engine(store, online, scope, tmp_path).run().ok
        item = next(i for i in services.followup_list(None).items if i.key == missed_key)
        assert item.state is FollowUpState.CONFLICT
        assert {a.by for a in item.acknowledgements} == {nurse.name, colleague.name}
        # Only the scope's people are searched: no alert of someone outside it is on the list.
        assert not any(i.kind is AlertKind.UNMATCHED for i in services.followup_list(None).items)
