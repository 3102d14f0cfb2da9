"""The ISBAR prefill rules: each kind of shift data becomes a line in its part, with the
resources it came from as sources, and nothing older than the last handover (no store)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.shift.handover_prefill import HandoverInputs, prefill
from app.shift.values import LineKind, PrefillLine, ShiftTask, TaskKind, TaskTiming
from clinical.news2 import Consciousness
from clinical.notes_read import ReadNote
from clinical.records import Staff
from clinical.records.handover import IsbarPart
from clinical.records.vital_signs import VitalSignsSet, vital_signs_resources

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 24, 14, 30, tzinfo=OSLO)
SINCE = datetime(2026, 11, 24, 7, tzinfo=OSLO)  # the last handover
BEFORE = SINCE - timedelta(hours=2)
NURSE = Staff("n1", "Kari Nordmann", "9144889", "SP")
PATIENT = {
    "resourceType": "Patient",
    "id": "p1",
    "name": [{"text": "Ingrid Hansen"}],
    "birthDate": "1936-02-11",
}
CALM = VitalSignsSet(16, 97, False, None, 120, 70, 70, Consciousness.ALERT, 37.0)
WORSE = VitalSignsSet(22, 96, False, None, 105, 60, 95, Consciousness.ALERT, 38.4)  # NEWS2 5


def vitals(values: VitalSignsSet, at: datetime) -> list[dict[str, Any]]:
    resources, _result = vital_signs_resources(
        values, patient_id="p1", performer=NURSE, effective=at
    )
    return resources


def administration(rid: str, at: datetime, **fields: Any) -> dict[str, Any]:
    return {
        "resourceType": "MedicationAdministration",
        "id": rid,
        "status": "completed",
        "subject": {"reference": "Patient/p1"},
        "effectiveDateTime": at.isoformat(),
        "medicationCodeableConcept": {"text": "Paracetamol 500 mg"},
        "dosage": {"dose": {"value": 1, "unit": "tablett"}},
        **fields,
    }


def note(
    rid: str, category: str, text: str, written: datetime, status: str = "current"
) -> ReadNote:
    return ReadNote(
        id=rid,
        resource_type="DocumentReference",
        status=status,
        category=category,
        category_text=category,
        title="",
        text=text,
        written_at=written,
        observed_at=written - timedelta(minutes=10),
        author="Kari Nordmann (SP)",
    )


def task(key: str, kind: TaskKind, timing: TaskTiming, **fields: Any) -> ShiftTask:
    return ShiftTask(
        key=key,
        kind=kind,
        patient_id="p1",
        patient_name="Ingrid Hansen",
        title=key,
        detail="",
        due_at=NOW - timedelta(hours=1)
        if timing is TaskTiming.OVERDUE
        else NOW + timedelta(hours=1),
        timing=timing,
        **fields,
    )


def inputs(**data: Any) -> HandoverInputs:
    return HandoverInputs(patient=PATIENT, since=SINCE, now=NOW, **data)


def lines_of(kind: LineKind, **data: Any) -> list[PrefillLine]:
    return [line for line in prefill(inputs(**data)).lines if line.kind is kind]


def test_identify_names_the_patient_and_the_nurse_with_their_sources() -> None:
    draft = prefill(
        inputs(
            room="12",
            nurse="Kari Nordmann",
            nurse_role="Sykepleier",
            nurse_reference="PractitionerRole/r1",
            place_name="Avdeling Lindegården",
        )
    )
    patient, nurse = draft.part(IsbarPart.IDENTIFY)
    assert patient.kind is LineKind.PATIENT
    assert patient.sources == ("Patient/p1",)
    assert patient.values == {"name": "Ingrid Hansen", "born": "1936-02-11", "room": "12"}
    assert nurse.sources == ("PractitionerRole/r1",)
    assert nurse.values["place"] == "Avdeling Lindegården"


def test_the_news2_trend_the_highest_band_and_the_next_measurement() -> None:
    old, calm, worse = (
        vitals(CALM, BEFORE),
        vitals(CALM, NOW - timedelta(hours=6)),
        vitals(WORSE, NOW - timedelta(hours=1)),
    )
    data = {"observations": [*old, *calm, *worse]}
    (latest,) = lines_of(LineKind.NEWS2_LATEST, **data)
    assert latest.part is IsbarPart.SITUATION
    assert latest.sources == (f"Observation/{worse[-1]['id']}",)  # the stored NEWS2 score
    assert latest.values["band"] == "medium"
    (trend,) = lines_of(LineKind.NEWS2_TREND, **data)
    assert trend.part is IsbarPart.ASSESSMENT
    assert trend.values["scores"] == "0 → 5"  # the set before the handover is out
    assert trend.values["band"] == "medium"
    assert trend.sources == (f"Observation/{calm[-1]['id']}", f"Observation/{worse[-1]['id']}")
    (due,) = lines_of(LineKind.NEWS2_DUE, **data)
    assert due.part is IsbarPart.RECOMMENDATION
    assert due.values["due"] == (NOW - timedelta(hours=1) + timedelta(hours=1)).isoformat()


def test_one_score_is_no_trend_and_none_since_the_handover_says_nothing() -> None:
    assert lines_of(LineKind.NEWS2_TREND, observations=vitals(CALM, NOW)) == []
    assert lines_of(LineKind.NEWS2_LATEST, observations=vitals(WORSE, BEFORE)) == []


def test_as_needed_doses_with_their_effect_and_doses_not_given_with_their_reason() -> None:
    prn = administration("a1", NOW - timedelta(hours=3), reasonCode=[{"text": "Smerter i hofta"}])
    effect = {
        "resourceType": "Observation",
        "id": "e1",
        "status": "final",
        "partOf": [{"reference": "MedicationAdministration/a1"}],
        "valueCodeableConcept": {"text": "God effekt"},
    }
    refused = administration(
        "a2",
        NOW - timedelta(hours=5),
        status="not-done",
        statusReason=[{"text": "Pasienten nektet"}],
    )
    scheduled = administration("a3", NOW - timedelta(hours=5))
    earlier = administration("a4", BEFORE, reasonCode=[{"text": "Uro"}])
    withdrawn = administration("a5", NOW, status="entered-in-error", reasonCode=[{"text": "Uro"}])
    data = {
        "administrations": [prn, refused, scheduled, earlier, withdrawn],
        "effects": [effect],
    }
    (given,) = lines_of(LineKind.PRN_GIVEN, **data)
    assert given.part is IsbarPart.BACKGROUND
    assert given.sources == ("MedicationAdministration/a1", "Observation/e1")
    assert given.values["effect"] == "God effekt"
    assert given.values["reason"] == "Smerter i hofta"
    assert given.values["dose"] == "1 tablett"
    (not_given,) = lines_of(LineKind.NOT_GIVEN, **data)
    assert not_given.sources == ("MedicationAdministration/a2",)
    assert not_given.values["reason"] == "Pasienten nektet"


def test_medication_changes_since_the_last_handover_only() -> None:
    new = {
        "resourceType": "MedicationRequest",
        "id": "r1",
        "status": "active",
        "authoredOn": (NOW - timedelta(hours=2)).isoformat(),
        "medicationCodeableConcept": {"text": "Furosemid 40 mg"},
        "dosageInstruction": [{"text": "1 tablett morgen"}],
    }
    old = {**new, "id": "r2", "authoredOn": BEFORE.isoformat()}
    stopped = {
        "resourceType": "MedicationStatement",
        "id": "s1",
        "status": "stopped",
        "effectivePeriod": {"start": "2026-01-01", "end": (NOW - timedelta(hours=1)).isoformat()},
        "medicationCodeableConcept": {"text": "Zopiklon 5 mg"},
        "statusReason": [{"text": "Falltendens"}],
    }
    data = {"requests": [new, old], "statements": [stopped]}
    (started,) = lines_of(LineKind.MEDICATION_NEW, **data)
    assert (started.part, started.sources) == (IsbarPart.BACKGROUND, ("MedicationRequest/r1",))
    assert started.values["dosage"] == "1 tablett morgen"
    (ended,) = lines_of(LineKind.MEDICATION_STOPPED, **data)
    assert ended.sources == ("MedicationStatement/s1",)
    assert ended.values["reason"] == "Falltendens"


def test_open_overdue_and_not_done_tasks_and_waiting_renewals_are_advice() -> None:
    tasks = [
        task("Sårstell", TaskKind.CARE_PLAN, TaskTiming.OVERDUE, care_plan_id="cp1"),
        task("Veiing", TaskKind.REQUESTED, TaskTiming.LATER, task={"id": "t1"}),
        task("Morgendose", TaskKind.DOSE, TaskTiming.LATER, order="MedicationRequest/r1"),
        task("Furosemid", TaskKind.RENEWAL, TaskTiming.LATER, task={"id": "t2"}),
        task("NEWS2", TaskKind.NEWS2, TaskTiming.DUE_NOW),
    ]
    cancelled = {
        "resourceType": "Task",
        "id": "t3",
        "status": "cancelled",
        "lastModified": (NOW - timedelta(hours=2)).isoformat(),
        "description": "Kompresjonsstrømper",
        "statusReason": {"text": "Huden rød og sår"},
    }
    data = {
        "tasks": tasks,
        "finished_tasks": [cancelled, {**cancelled, "id": "t4", "status": "completed"}],
    }
    draft = prefill(inputs(**data))
    advice = {line.kind: line for line in draft.part(IsbarPart.RECOMMENDATION)}
    assert set(advice) == {
        LineKind.TASK_OVERDUE,
        LineKind.TASK_OPEN,
        LineKind.RENEWAL_WAITING,
        LineKind.TASK_NOT_DONE,
    }  # the dose not yet due is the next round's; NEWS2 has its own line
    assert advice[LineKind.TASK_OVERDUE].sources == ("CarePlan/cp1",)
    assert advice[LineKind.TASK_OPEN].sources == ("Task/t1",)
    assert advice[LineKind.RENEWAL_WAITING].sources == ("Task/t2",)
    assert advice[LineKind.TASK_NOT_DONE].sources == ("Task/t3",)
    assert advice[LineKind.TASK_NOT_DONE].values["reason"] == "Huden rød og sår"


def test_new_notes_with_incidents_in_the_situation_and_withdrawn_ones_left_out() -> None:
    notes = [
        note(
            "d1", "observasjon", "Spiste lite til frokost.\nDrakk godt.", NOW - timedelta(hours=4)
        ),
        note("d2", "hendelse", "Falt på badet, ingen synlige skader.", NOW - timedelta(hours=2)),
        note("d3", "observasjon", "Fra i går", BEFORE),
        note("d4", "observasjon", "Feil pasient", NOW, status="entered-in-error"),
    ]
    written = lines_of(LineKind.NOTE, notes=notes)
    assert [(line.part, line.sources) for line in written] == [
        (IsbarPart.SITUATION, ("DocumentReference/d2",)),
        (IsbarPart.BACKGROUND, ("DocumentReference/d1",)),
    ]
    assert written[1].values["text"] == "Spiste lite til frokost."  # the first line


def test_new_critical_information_in_the_situation() -> None:
    allergy = {
        "resourceType": "AllergyIntolerance",
        "id": "al1",
        "recordedDate": (NOW - timedelta(hours=1)).isoformat(),
        "code": {"text": "Penicillin"},
        "criticality": "high",
    }
    flag = {
        "resourceType": "Flag",
        "id": "f1",
        "status": "active",
        "period": {"start": (NOW - timedelta(hours=3)).isoformat()},
        "code": {"text": "Smitte: MRSA"},
    }
    known = {**allergy, "id": "al2", "recordedDate": BEFORE.isoformat()}
    ended = {**flag, "id": "f2", "status": "inactive"}
    lines = lines_of(LineKind.CRITICAL, critical=[allergy, flag, known, ended])
    assert {line.sources for line in lines} == {("AllergyIntolerance/al1",), ("Flag/f1",)}
    assert {line.part for line in lines} == {IsbarPart.SITUATION}
    assert (
        next(line for line in lines if line.values["kind"] == "AllergyIntolerance").values[
            "criticality"
        ]
        == "high"
    )


def test_the_parts_come_in_isbar_order() -> None:
    draft = prefill(
        inputs(
            observations=[*vitals(CALM, SINCE + timedelta(hours=1)), *vitals(WORSE, NOW)],
            tasks=[task("Sårstell", TaskKind.CARE_PLAN, TaskTiming.OVERDUE)],
            notes=[note("d1", "samtale", "Datter ringte", NOW)],
        )
    )
    order = list(IsbarPart)
    parts = [order.index(line.part) for line in draft.lines]
    assert parts == sorted(parts)
    assert {line.part for line in draft.lines} == set(IsbarPart)
