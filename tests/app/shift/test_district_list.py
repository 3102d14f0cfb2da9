"""A place's task list read the fast way (a chunk of patients per few batched queries, only the
finished Tasks that can still matter) equals the list built the slow way: every patient on their
own, every Task of theirs read, by the per-patient reads of the record views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

import app.shift.tasks as shift_tasks
from app.bedside.round_filters import effective_in, is_open_followup
from app.bedside.round_plan import build_round
from app.bedside.vitals_reads import newest_alert, newest_alerts
from app.records.reads import RecordReads
from app.records.walking_order import room_name, walking_order
from app.services import ClinicalServices
from app.shift.reads import finished_tasks, open_task_conflicts, shift_clock
from app.shift.task_list import NEWS2_FOLLOWUP, PatientInputs, patient_tasks
from app.shift.values import FhirJson, ShiftTask, TaskList, ordered_tasks
from app.values import MedicationData, PlaceKind
from clinical.records import Staff
from clinical.records.task_writer import SHIFT_TASK, task_done, task_to_do
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from tests.app.conftest import NOW, REFERENCE_DATE, USER_ID, services_over
from tests.synthetic import generate

COLLEAGUE = Staff("colleague", "Kari Kollega", "9100002", "SP")


def _closed_task(patient_id: str, *, number: int, authored: dt.datetime, done: dt.datetime) -> Any:
    todo = task_to_do(
        patient_id=patient_id,
        code=SHIFT_TASK,
        description=f"Oppgave {number}",
        due=authored + dt.timedelta(hours=1),
        requester=COLLEAGUE,
        authored=authored,
    )
    return task_done(todo, by=COLLEAGUE, at=done, outputs=[], note="")


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, list[str]]]:
    """A small municipality (20 residents, 20 home-care patients), and for each home-care
    patient a month of finished Tasks: old ones (their ids given), and one finished this
    morning. Shared by the module's tests, which only read it."""
    generated = list(generate(patients=40, seed=7, reference_date=REFERENCE_DATE))
    with Store.open(
        store_paths(USER_ID, directory=tmp_path_factory.mktemp("district")),
        DataKey.generate(),
        user=USER_ID,
        create=True,
    ) as store:
        store.apply_server_resources(generated)
        old: list[Any] = []
        old_ids: list[str] = []
        home = [r["id"] for r in generated if r["resourceType"] == "Patient"][20:]
        for patient_id in home:
            for day in range(1, 31):
                authored = NOW - dt.timedelta(days=day)
                finished = authored + dt.timedelta(hours=2) if day > 1 else NOW
                task = _closed_task(patient_id, number=day, authored=authored, done=finished)
                old.append(task)
                if day > 2:  # authored before the list's earliest bound (two days back)
                    old_ids.append(str(task["id"]))
        store.apply_server_resources(old)
        yield store, old_ids


def slow_list(services: ClinicalServices, patients: list[tuple[FhirJson, str]]) -> TaskList:
    """The list built patient by patient with the record views' own reads, every Task read."""
    context = services.context
    store = context.store()
    clock = shift_clock(context.clock(), context.ward)
    since, until = clock.window
    rows: list[ShiftTask] = []
    done = 0
    for patient, room in patients:
        pid = str(patient["id"])
        statements = store.compartment(pid, ("MedicationStatement",))
        requests = store.compartment(pid, ("MedicationRequest",))
        tasks = store.compartment(pid, ("Task",))
        given = store.compartment(pid, ("MedicationAdministration",), since=since, until=until)
        medications = {}
        for order in (*statements, *requests):
            ref = (order.get("medicationReference") or {}).get("reference", "")
            if ref.startswith("Medication/"):
                found = store.get("Medication", ref.removeprefix("Medication/"))
                if found is not None:
                    medications[ref.removeprefix("Medication/")] = found
        plan = build_round(
            MedicationData(statements, requests, list(medications.values())),
            administrations=[a for a in given if effective_in(a, since=since, until=until)],
            followups=[t for t in tasks if is_open_followup(t)],
            window=clock.window,
            now=clock.now,
            tolerance=context.ward.tolerance,
        )
        inputs = PatientInputs(
            patient=patient,
            plan=plan,
            statements=statements,
            tasks=tasks,
            care_plans=store.compartment(pid, ("CarePlan",)),
            requests=requests,
            medications=medications,
            vitals=newest_alert(store, pid, since=clock.now - NEWS2_FOLLOWUP),
            conflicts=open_task_conflicts(store),
            room=room,
        )
        found, closed = patient_tasks(inputs, clock=clock, requester=context.user)
        rows.extend(found)
        done += closed
    return TaskList(tasks=ordered_tasks(rows), done=done, shift=clock.shift)


def _people(services: ClinicalServices) -> list[tuple[FhirJson, str]]:
    reads = RecordReads(services.context)
    seen: dict[str, tuple[FhirJson, str]] = {}
    for place in services.places_of_work():
        if place.kind is PlaceKind.ROUTE and place.day == REFERENCE_DATE:
            for entry in sorted(reads.patients_at(place), key=walking_order):
                seen.setdefault(
                    str(entry.patient["id"]), (entry.patient, room_name(entry.location))
                )
    return list(seen.values())


def _same(fast: TaskList, slow: TaskList) -> None:
    assert fast.done == slow.done
    assert fast.shift == slow.shift
    assert sorted(fast.tasks, key=lambda t: (t.patient_id, t.key)) == sorted(
        slow.tasks, key=lambda t: (t.patient_id, t.key)
    )
    assert [t.sort_key() for t in fast.tasks] == [t.sort_key() for t in slow.tasks]


def test_the_district_list_equals_the_slow_way(
    district: tuple[Store, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _old = district
    services = services_over(store)
    people = _people(services)
    assert len(people) >= 15
    monkeypatch.setattr(shift_tasks, "CHUNK", 7)  # several chunks, each settled
    fast = services.tasks_of(people)
    slow = slow_list(services, people)
    assert len(fast.tasks) > 100
    assert fast.done >= len(people)  # each home-care patient's task finished this morning
    _same(fast, slow)


def test_each_route_and_unit_equals_the_slow_way(district: tuple[Store, list[str]]) -> None:
    store, _old = district
    services = services_over(store)
    reads = RecordReads(services.context)
    places = [p for p in services.places_of_work() if p.day in (None, REFERENCE_DATE)]
    assert {p.kind for p in places} == {PlaceKind.ROUTE, PlaceKind.UNIT}
    for place in places:
        seen: dict[str, tuple[FhirJson, str]] = {}
        for entry in sorted(reads.patients_at(place), key=walking_order):
            seen.setdefault(str(entry.patient["id"]), (entry.patient, room_name(entry.location)))
        _same(services.place_tasks(place), slow_list(services, list(seen.values())))


def test_old_finished_tasks_are_not_read(district: tuple[Store, list[str]]) -> None:
    store, old = district
    services = services_over(store)
    clock = shift_clock(NOW, services.context.ward)
    ids = [str(p["id"]) for p, _room in _people(services)]
    every = store.round_inputs(ids, since=clock.window[0], until=clock.window[1])
    lean = store.round_inputs(
        ids, since=clock.window[0], until=clock.window[1], finished=finished_tasks(clock)
    )
    read_all = {str(t["id"]) for i in every.values() for t in i.tasks}
    read_lean = {str(t["id"]) for i in lean.values() for t in i.tasks}
    assert set(old) <= read_all
    assert not set(old) & read_lean
    assert read_lean == read_all - set(old)


def test_the_batched_vital_signs_read_equals_one_patient_at_a_time(
    district: tuple[Store, list[str]],
) -> None:
    store, _old = district
    ids = [str(r["id"]) for r in store.resources_of_type("Patient")]
    since = NOW - dt.timedelta(days=7)
    alerts = newest_alerts(store, ids, since=since)
    assert alerts
    assert alerts == {
        pid: alert for pid in ids if (alert := newest_alert(store, pid, since=since)) is not None
    }
