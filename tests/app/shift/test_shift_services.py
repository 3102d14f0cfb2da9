"""The shift's services over a real encrypted store: task outcomes, notes with their drafts and
corrections, handovers signed, read by the next shift and acknowledged. Every write is its
resources and their outbox entries in one transaction; a refused entry changes nothing."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.errors import EntryRefused, PatientNotFound
from app.shift.drafts import DRAFT_MARK
from app.shift.entries import (
    HandoverEntry,
    HandoverPart,
    NewTaskEntry,
    NoteEntry,
    PatientHandoverEntry,
    TaskOutcomeEntry,
)
from app.shift.values import NoteDraft, ShiftTask, TaskKind, TaskTiming
from app.values import PlaceKind, PlaceOfWork
from clinical import codes
from clinical.records import Staff
from clinical.records.handover import IsbarPart
from clinical.records.nursing_note import NoteCategory
from clinical.records.task_writer import NotDoneReason, TaskOutcome, task_done
from offline.store import Store
from tests.app.conftest import NOW, NURSE, services_over
from tests.clinical.records.conftest import validate

COLLEAGUE = Staff("colleague-1", "Per Kveldsvakt", "9100002", "SP")
Ward = tuple[Store, list[dict[str, Any]]]


def unit_of(services: Any) -> PlaceOfWork:
    return next(p for p in services.places_of_work() if p.kind is PlaceKind.UNIT)


def care_plan_task(services: Any, *, measuring: bool = False) -> ShiftTask:
    tasks = services.place_tasks(unit_of(services)).tasks
    return next(
        t for t in tasks if t.kind is TaskKind.CARE_PLAN and (t.measures is not None) == measuring
    )


def outbox_ids(store: Store) -> set[str]:
    return {entry.resource_id for entry in store.outbox()}


def test_the_unit_s_list_has_every_kind_in_order(own_store: Ward) -> None:
    store, _ward = own_store
    listed = services_over(store).place_tasks(unit_of(services_over(store)))
    kinds = {t.kind for t in listed.tasks}
    assert {TaskKind.DOSE, TaskKind.CARE_PLAN, TaskKind.NEWS2} <= kinds
    ranks = [t.timing.rank for t in listed.tasks]
    assert ranks == sorted(ranks)
    assert listed.count(TaskTiming.OVERDUE) > 0
    assert listed.shift == (NOW.replace(hour=7, minute=0), NOW.replace(hour=15, minute=0))


def test_done_with_a_finding_writes_the_task_and_a_procedure_together(own_store: Ward) -> None:
    store, _ward = own_store
    services = services_over(store)
    task = care_plan_task(services)
    before = outbox_ids(store)
    written = services.record_task_outcome(
        TaskOutcomeEntry(task, TaskOutcome.DONE, at=NOW, finding="Huden hel, ingen rødme")
    )
    procedure, done = written
    assert (procedure["resourceType"], done["resourceType"]) == ("Procedure", "Task")
    assert done["id"] == task.template["id"]  # type: ignore[index]
    assert done["output"][0]["valueReference"] == {"reference": f"Procedure/{procedure['id']}"}
    assert outbox_ids(store) - before == {procedure["id"], done["id"]}
    for resource in written:
        validate(resource)
    assert task.key not in {t.key for t in services.place_tasks(unit_of(services)).tasks}


def test_a_measured_value_becomes_an_observation(own_store: Ward) -> None:
    store, _ward = own_store
    services = services_over(store)
    weighing = {"coding": [{"system": codes.SNOMED_CT, "code": "39857003"}], "text": "Veiing"}
    task = care_plan_task(services)
    measured = ShiftTask(**{**task.__dict__, "activity_code": weighing, "measures": "kg"})
    observation, done = services.record_task_outcome(
        TaskOutcomeEntry(measured, TaskOutcome.DONE, at=NOW, measured=Decimal("71.5"))
    )
    assert observation["code"]["coding"][0]["code"] == "29463-7"
    assert observation["valueQuantity"]["value"] == 71.5
    assert done["status"] == "completed"


def test_a_refused_entry_changes_nothing(own_store: Ward) -> None:
    store, _ward = own_store
    services = services_over(store)
    task = care_plan_task(services)
    before = [e.seq for e in store.outbox()]
    with pytest.raises(EntryRefused) as no_reason:
        services.record_task_outcome(TaskOutcomeEntry(task, TaskOutcome.NOT_DONE, at=NOW))
    assert no_reason.value.rule == "task.reason_required"
    with pytest.raises(EntryRefused) as too_early:
        services.record_task_outcome(
            TaskOutcomeEntry(
                task, TaskOutcome.POSTPONED, at=NOW, reason=NotDoneReason.NO_TIME, until=NOW
            )
        )
    assert too_early.value.rule == "task.postpone_not_later"
    weighing = {"coding": [{"system": codes.SNOMED_CT, "code": "39857003"}]}
    measured = ShiftTask(**{**task.__dict__, "activity_code": weighing, "measures": "kg"})
    with pytest.raises(EntryRefused) as impossible:
        services.record_task_outcome(
            TaskOutcomeEntry(measured, TaskOutcome.DONE, at=NOW, measured=Decimal(715))
        )
    assert impossible.value.rule == "finding.value_out_of_range"
    assert [e.seq for e in store.outbox()] == before


def test_a_task_a_colleague_finished_and_synced_is_not_documented_twice(own_store: Ward) -> None:
    store, _ward = own_store
    services = services_over(store)
    task = care_plan_task(services)
    assert task.template is not None
    theirs = {**task_done(task.template, by=COLLEAGUE, at=NOW), "meta": {"versionId": "1"}}
    store.apply_server_resources([theirs])
    with pytest.raises(EntryRefused) as refused:
        services.record_task_outcome(TaskOutcomeEntry(task, TaskOutcome.DONE, at=NOW))
    assert refused.value.rule == "task.already_documented"


def test_not_done_and_postponed_write_the_task_with_its_reason(own_store: Ward) -> None:
    store, _ward = own_store
    services = services_over(store)
    tasks = [
        t for t in services.place_tasks(unit_of(services)).tasks if t.kind is TaskKind.CARE_PLAN
    ]
    (cancelled,) = services.record_task_outcome(
        TaskOutcomeEntry(
            tasks[0],
            TaskOutcome.NOT_DONE,
            at=NOW,
            reason=NotDoneReason.REFUSED,
            reason_text="Ville sove",
        )
    )
    assert cancelled["status"] == "cancelled"
    assert cancelled["statusReason"]["text"] == "Ville sove"
    (held,) = services.record_task_outcome(
        TaskOutcomeEntry(
            tasks[1],
            TaskOutcome.POSTPONED,
            at=NOW,
            reason=NotDoneReason.NO_TIME,
            until=NOW + timedelta(hours=2),
        )
    )
    assert held["status"] == "on-hold"
    again = {t.key: t for t in services.place_tasks(unit_of(services)).tasks}
    assert tasks[0].key not in again
    assert again[tasks[1].key].postponed
    assert again[tasks[1].key].due_at == NOW + timedelta(hours=2)


def test_a_task_left_for_the_next_shift_shows_in_its_list(own_store: Ward) -> None:
    store, ward = own_store
    services = services_over(store)
    patient = next(r["id"] for r in ward if r["resourceType"] == "Patient")
    task = services.create_task(
        NewTaskEntry(patient, "Følg opp blodprøvesvar", due=NOW + timedelta(hours=1))
    )
    listed = services.shift_tasks(patient)
    (row,) = [t for t in listed.tasks if t.task is not None and t.task["id"] == task["id"]]
    assert row.kind is TaskKind.REQUESTED
    with pytest.raises(PatientNotFound):
        services.create_task(NewTaskEntry("nobody", "x", due=NOW))


def patient_of(ward: list[dict[str, Any]]) -> str:
    return str(next(r["id"] for r in ward if r["resourceType"] == "Patient"))


def test_a_draft_is_kept_encrypted_until_signed_then_gone(own_store: Ward) -> None:
    store, ward = own_store
    services = services_over(store)
    patient = patient_of(ward)
    note_id = str(uuid.uuid4())
    draft = NoteDraft(patient, note_id, NoteCategory.INCIDENT, "Falt ved sengen", NOW)
    services.stage_note_draft(draft)
    assert services.note_draft(patient) is not None  # staged, not yet written
    assert store.mark(DRAFT_MARK, patient) is None
    assert services.save_note_drafts() == 1
    assert json.loads(store.mark(DRAFT_MARK, patient) or "{}")["text"] == "Falt ved sengen"
    fresh = services_over(store)  # a new window (after a restart) reads it from the store
    assert fresh.note_draft(patient) == NoteDraft(
        patient, note_id, NoteCategory.INCIDENT, "Falt ved sengen", NOW, saved_at=None
    )
    note = fresh.sign_note(
        NoteEntry(
            patient, note_id, NoteCategory.INCIDENT, "Falt ved sengen", NOW - timedelta(minutes=30)
        )
    )
    validate(note)
    assert store.mark(DRAFT_MARK, patient) is None
    assert fresh.note_draft(patient) is None
    with pytest.raises(EntryRefused) as twice:
        fresh.sign_note(NoteEntry(patient, note_id, NoteCategory.INCIDENT, "igjen", NOW))
    assert twice.value.rule == "note.already_signed"


def test_a_draft_that_outlived_its_signing_is_dropped(own_store: Ward) -> None:
    store, ward = own_store
    services = services_over(store)
    patient = patient_of(ward)
    note_id = str(uuid.uuid4())
    services.sign_note(NoteEntry(patient, note_id, NoteCategory.OBSERVATION, "Sov godt", NOW))
    # A kill between the note's transaction and the draft's removal leaves the draft behind.
    store.set_mark(
        DRAFT_MARK,
        patient,
        json.dumps({"note_id": note_id, "category": "observasjon", "text": "Sov godt"}),
    )
    assert services.note_draft(patient) is None
    assert store.mark(DRAFT_MARK, patient) is None


def test_a_correction_keeps_the_original_and_only_the_author_corrects(own_store: Ward) -> None:
    store, ward = own_store
    services = services_over(store)
    patient = patient_of(ward)
    first = services.sign_note(
        NoteEntry(patient, str(uuid.uuid4()), NoteCategory.OBSERVATION, "Spiste lite", NOW)
    )
    before = outbox_ids(store)
    fix = services.sign_note(
        NoteEntry(
            patient,
            str(uuid.uuid4()),
            NoteCategory.OBSERVATION,
            "Spiste godt til middag",
            NOW,
            correcting=first["id"],
        )
    )
    assert outbox_ids(store) >= before | {fix["id"], first["id"]}
    notes = {v.note.id: v for v in services.notes(patient).notes}
    assert notes[first["id"]].note.withdrawn
    assert notes[first["id"]].note.text == "Spiste lite"
    assert notes[first["id"]].corrected_by == fix["id"]
    assert notes[fix["id"]].note.replaces == (first["id"],)
    assert notes[fix["id"]].own
    someone_else = services_over(store, user=COLLEAGUE)
    theirs = next(v for v in someone_else.notes(patient).notes if v.note.id == fix["id"])
    assert not theirs.own
    with pytest.raises(EntryRefused) as refused:
        someone_else.sign_note(
            NoteEntry(
                patient, str(uuid.uuid4()), NoteCategory.OBSERVATION, "x", NOW, correcting=fix["id"]
            )
        )
    assert refused.value.rule == "note.not_own"


def test_notes_other_systems_wrote_are_read_as_text(own_store: Ward) -> None:
    store, ward = own_store
    services = services_over(store)
    for patient in (r["id"] for r in ward if r["resourceType"] == "Patient"):
        for view in services.notes(patient).notes:
            assert "<" not in view.note.text
            assert view.note.text or view.note.attachments


def sign_unit_handover(services: Any) -> tuple[Any, list[dict[str, Any]]]:
    draft = services.place_handover_draft(unit_of(services))
    entry = HandoverEntry(
        tuple(
            PatientHandoverEntry(
                p.patient_id,
                tuple(
                    HandoverPart(
                        part,
                        "\n".join(line.kind.value for line in p.part(part)),
                        tuple(s for line in p.part(part) for s in line.sources),
                    )
                    for part in IsbarPart
                ),
            )
            for p in draft.patients
        ),
        shift=draft.shift,
        place_id=draft.place_id,
    )
    return draft, list(services.sign_handover(entry))


def test_a_unit_handover_is_signed_once_and_read_by_the_next_shift(own_store: Ward) -> None:
    store, _ward = own_store
    services = services_over(store)
    draft, written = sign_unit_handover(services)
    compositions = [r for r in written if r["resourceType"] == "Composition"]
    acks = [r for r in written if r["resourceType"] == "Task"]
    assert len(compositions) == len(acks) == len(draft.patients)
    for resource in written:
        validate(resource)
    ids = [p.patient_id for p in draft.patients]
    own_view = [r.report_id for r in services.open_handovers(ids)]
    next_shift = services_over(store, user=COLLEAGUE, clock=lambda: NOW + timedelta(hours=6))
    reports = next_shift.open_handovers(ids)
    mine = next(
        r
        for r in reports
        if len(r.handovers) == len(draft.patients) and r.author.startswith(NURSE.name)
    )
    assert mine.report_id not in own_view  # one's own report is not for oneself
    first = mine.handovers[0]
    assert set(first.sections) >= {IsbarPart.IDENTIFY, IsbarPart.RECOMMENDATION}
    assert f"Patient/{first.patient_id}" in first.sources[IsbarPart.IDENTIFY]
    acknowledged = next_shift.acknowledge_handovers(mine.composition_ids)
    assert {r["status"] for r in acknowledged} == {"completed"}
    assert mine.report_id not in {r.report_id for r in next_shift.open_handovers(ids)}
    history = next_shift.patient_handovers(first.patient_id)
    assert any(h.composition_id == first.composition_id and h.acknowledged for h in history)


def test_an_empty_report_is_refused(own_store: Ward) -> None:
    store, ward = own_store
    services = services_over(store)
    patient = patient_of(ward)
    draft = services.patient_handover_draft(patient)
    empty = HandoverEntry(
        (PatientHandoverEntry(patient, tuple(HandoverPart(p, "") for p in IsbarPart)),),
        shift=draft.shift,
    )
    with pytest.raises(EntryRefused) as refused:
        services.sign_handover(empty)
    assert refused.value.rule == "handover.empty"
