"""What an ISBAR handover says before the nurse edits it: lines from the shift's data, each with
its source (no Qt, no I/O).

The parts follow ux_packaging.md §A.4 ("prefilled with the latest NEWS2 trend, PRN doses given,
doses not given, open tasks and flags") and the ISBAR content per part used in Norwegian
training (pedsafe.no, research note issue18-design §2.1: I = who you are and who the patient
is; S = the problem now; B = relevant short history; A = vital parameters and score; R = what
you ask for or recommend), each line in only the part it belongs to:

- I: the patient (name, birth date, room) and the nurse handing over (name, role, place);
- S: the newest NEWS2 with its response band, new critical information (allergies, flags,
  critical conditions) and incidents noted since the last handover;
- B: medication changes since the last handover (new prescriptions and list items, stops),
  doses not given with their reasons, as-needed doses given with their assessed effect, and the
  other notes written since the last handover;
- A: the NEWS2 trend of the period (two or more scores), with the highest band reached;
- R: when NEWS2 is to be measured next, overdue and open tasks, tasks not done this shift and
  renewals still waiting for the physician.

A line holds a ``LineKind`` and plain values; the view words it in the interface language, and
the words the nurse keeps are what she signs. ``sources`` are the ``Type/id`` of the resources
the line was read from; they become the section's ``entry`` in the Composition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.bedside.vitals_history import measurement_sets, news2_of
from app.shift.values import (
    FhirJson,
    LineKind,
    PatientHandoverDraft,
    PrefillLine,
    ShiftTask,
    TaskKind,
    TaskTiming,
)
from clinical.fhir_read import (
    concept_text,
    dicts,
    effective_time,
    human_name,
    parse_datetime,
    period,
    reference_display,
    reference_id,
    text,
)
from clinical.medication_read import medication_name
from clinical.news2 import News2Result, SpO2Scale, next_measurement_due
from clinical.notes_read import ReadNote
from clinical.records.handover import IsbarPart
from clinical.records.nursing_note import NoteCategory
from clinical.records.vital_signs import SNOMED_NEWS2_TOTAL


@dataclass(frozen=True)
class HandoverInputs:
    """One patient's shift data, as the handover service reads it from the store."""

    patient: FhirJson
    since: datetime
    now: datetime
    room: str = ""
    nurse: str = ""
    nurse_role: str = ""
    nurse_reference: str = ""
    place_name: str = ""
    observations: Sequence[FhirJson] = ()
    scale_2: bool = False
    administrations: Sequence[FhirJson] = ()
    effects: Sequence[FhirJson] = ()
    statements: Sequence[FhirJson] = ()
    requests: Sequence[FhirJson] = ()
    medications: Mapping[str, FhirJson] = field(default_factory=dict)
    tasks: Sequence[ShiftTask] = ()
    finished_tasks: Sequence[FhirJson] = ()
    notes: Sequence[ReadNote] = ()
    critical: Sequence[FhirJson] = ()


def _iso(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat()


def _line(
    part: IsbarPart,
    kind: LineKind,
    sources: Sequence[str],
    source_at: datetime | None = None,
    /,
    **values: str,
) -> PrefillLine:
    return PrefillLine(part, kind, dict(values), tuple(s for s in sources if s), source_at)


@dataclass(frozen=True)
class _Scored:
    at: datetime
    result: News2Result | None
    source: str


def scored_sets(observations: Sequence[FhirJson], *, scale_2: bool) -> list[_Scored]:
    """Each set of vital signs (oldest first) with its NEWS2 result and the Observation that
    stands for it: the stored NEWS2 score when there is one, else the set's first value."""
    sources: dict[datetime, str] = {}
    for observation in observations:
        at = effective_time(observation)
        if at is None:
            continue
        codes_here = {c.get("code") for c in dicts((observation.get("code") or {}).get("coding"))}
        if at not in sources or SNOMED_NEWS2_TOTAL in codes_here:
            sources[at] = f"Observation/{observation.get('id')}"
    scale = SpO2Scale.SCALE_2 if scale_2 else SpO2Scale.SCALE_1
    return [
        _Scored(s.at, news2_of(s, scale=scale), sources.get(s.at, ""))
        for s in measurement_sets(observations)
    ]


def _identify(data: HandoverInputs) -> list[PrefillLine]:
    patient = data.patient
    name, _sort = human_name(patient.get("name"))
    lines = [
        _line(
            IsbarPart.IDENTIFY,
            LineKind.PATIENT,
            [f"Patient/{patient.get('id')}"],
            name=name,
            born=text(patient.get("birthDate")),
            room=data.room,
        )
    ]
    if data.nurse:
        lines.append(
            _line(
                IsbarPart.IDENTIFY,
                LineKind.NURSE,
                [data.nurse_reference],
                name=data.nurse,
                role=data.nurse_role,
                place=data.place_name,
            )
        )
    return lines


def _news2(data: HandoverInputs) -> list[PrefillLine]:
    sets = [s for s in scored_sets(data.observations, scale_2=data.scale_2) if s.at >= data.since]
    if not sets:
        return []
    newest = sets[-1]
    result = newest.result
    lines = [
        _line(
            IsbarPart.SITUATION,
            LineKind.NEWS2_LATEST,
            [newest.source],
            newest.at,
            score="" if result is None or result.aggregate is None else str(result.aggregate),
            band="" if result is None or result.band is None else result.band.value,
            red=str(len(result.red_parameters)) if result is not None else "0",
            at=_iso(newest.at),
        )
    ]
    scores = [s for s in sets if s.result is not None and s.result.aggregate is not None]
    if len(scores) >= 2:
        highest = max(scores, key=lambda s: s.result.least_band.rank if s.result else 0)
        assert highest.result is not None
        lines.append(
            _line(
                IsbarPart.ASSESSMENT,
                LineKind.NEWS2_TREND,
                [s.source for s in scores],
                scores[-1].at,
                scores=" → ".join(str(s.result.aggregate) for s in scores if s.result),
                first=_iso(scores[0].at),
                last=_iso(scores[-1].at),
                band=highest.result.least_band.value,
            )
        )
    if result is not None:
        due = next_measurement_due(result, measured_at=newest.at)
        lines.append(
            _line(
                IsbarPart.RECOMMENDATION,
                LineKind.NEWS2_DUE,
                [newest.source],
                newest.at,
                due=_iso(due),
                continuous="" if due is not None else "yes",
            )
        )
    return lines


def _administration_name(data: HandoverInputs, administration: FhirJson) -> str:
    ref = administration.get("medicationReference")
    medication = data.medications.get(reference_id(ref, "Medication"))
    return medication_name(medication, reference_display(ref)) or concept_text(
        administration.get("medicationCodeableConcept")
    )


def _is_prn(administration: FhirJson) -> bool:
    """An as-needed dose: the administration builder records why it was given in
    ``reasonCode`` (``clinical.records.administration``), scheduled doses have none."""
    return bool(administration.get("reasonCode"))


def _doses(data: HandoverInputs) -> list[PrefillLine]:
    effects: dict[str, FhirJson] = {}
    for observation in data.effects:
        for part_of in dicts(observation.get("partOf")):
            target = reference_id(part_of, "MedicationAdministration")
            if target:
                effects[target] = observation
    lines = []
    for administration in data.administrations:
        at = effective_time(administration)
        if at is None or at < data.since or administration.get("status") == "entered-in-error":
            continue
        source = f"MedicationAdministration/{administration.get('id')}"
        name = _administration_name(data, administration)
        if administration.get("status") == "not-done":
            lines.append(
                _line(
                    IsbarPart.BACKGROUND,
                    LineKind.NOT_GIVEN,
                    [source],
                    at,
                    medicine=name,
                    at=_iso(at),
                    reason=concept_text(
                        (administration.get("statusReason") or [{}])[0]
                        if isinstance(administration.get("statusReason"), list)
                        else None
                    ),
                )
            )
        elif _is_prn(administration):
            effect = effects.get(str(administration.get("id")))
            dose = ((administration.get("dosage") or {}).get("dose")) or {}
            unit = dose.get("unit") or dose.get("code") or ""
            lines.append(
                _line(
                    IsbarPart.BACKGROUND,
                    LineKind.PRN_GIVEN,
                    [source, "" if effect is None else f"Observation/{effect.get('id')}"],
                    at,
                    medicine=name,
                    at=_iso(at),
                    dose=f"{dose.get('value', '')} {unit}".strip(),
                    reason=concept_text((administration.get("reasonCode") or [None])[0]),
                    effect=""
                    if effect is None
                    else concept_text(effect.get("valueCodeableConcept")),
                )
            )
    return lines


def _changes(data: HandoverInputs) -> list[PrefillLine]:
    lines = []
    for resource in [*data.requests, *data.statements]:
        kind = resource.get("resourceType")
        rid = f"{kind}/{resource.get('id')}"
        ref = resource.get("medicationReference")
        name = medication_name(
            data.medications.get(reference_id(ref, "Medication")), reference_display(ref)
        ) or concept_text(resource.get("medicationCodeableConcept"))
        if kind == "MedicationRequest":
            started = parse_datetime(resource.get("authoredOn"))
        else:
            started = period(resource.get("effectivePeriod"))[0] or parse_datetime(
                resource.get("dateAsserted")
            )
        status = resource.get("status")
        if status in ("stopped", "cancelled"):
            ended = _stopped_at(resource)
            if ended is not None and data.since <= ended <= data.now:
                lines.append(
                    _line(
                        IsbarPart.BACKGROUND,
                        LineKind.MEDICATION_STOPPED,
                        [rid],
                        ended,
                        medicine=name,
                        at=_iso(ended),
                        reason=concept_text(
                            (resource.get("statusReason") or [None])[0]
                            if isinstance(resource.get("statusReason"), list)
                            else resource.get("statusReason")
                        ),
                    )
                )
        elif status == "active" and started is not None and data.since <= started <= data.now:
            lines.append(
                _line(
                    IsbarPart.BACKGROUND,
                    LineKind.MEDICATION_NEW,
                    [rid],
                    started,
                    medicine=name,
                    at=_iso(started),
                    dosage=_dosage_text(resource),
                )
            )
    return lines


def _stopped_at(resource: FhirJson) -> datetime | None:
    """When an order stopped: a list item's period end; for a prescription (R4 has no stop
    date) the platform's ``meta.lastUpdated`` of the stopped version, else unknown."""
    if resource.get("resourceType") == "MedicationStatement":
        return period(resource.get("effectivePeriod"))[1] or parse_datetime(
            resource.get("dateAsserted")
        )
    meta = resource.get("meta")
    return parse_datetime(meta.get("lastUpdated")) if isinstance(meta, Mapping) else None


def _dosage_text(resource: FhirJson) -> str:
    for dosage in dicts(resource.get("dosageInstruction") or resource.get("dosage")):
        if words := text(dosage.get("text")):
            return words
    return ""


def _critical(data: HandoverInputs) -> list[PrefillLine]:
    lines = []
    for resource in data.critical:
        kind = resource.get("resourceType")
        if kind == "Flag":
            at = period(resource.get("period"))[0]
            active = resource.get("status") == "active"
        else:
            at = parse_datetime(resource.get("recordedDate"))
            active = True
        if at is None or at < data.since or not active:
            continue
        lines.append(
            _line(
                IsbarPart.SITUATION,
                LineKind.CRITICAL,
                [f"{kind}/{resource.get('id')}"],
                at,
                kind=str(kind),
                what=concept_text(resource.get("code")),
                criticality=text(resource.get("criticality")),
                at=_iso(at),
            )
        )
    return lines


def _notes(data: HandoverInputs) -> list[PrefillLine]:
    lines = []
    for note in data.notes:
        written = note.written_at
        if written is None or written < data.since or note.withdrawn:
            continue
        incident = note.category == NoteCategory.INCIDENT.value
        first = note.text.strip().split("\n")[0] if note.text.strip() else note.title
        lines.append(
            _line(
                IsbarPart.SITUATION if incident else IsbarPart.BACKGROUND,
                LineKind.NOTE,
                [f"{note.resource_type}/{note.id}"],
                written,
                category=note.category_text,
                text=first[:300],
                at=_iso(note.observed_at or written),
                author=note.author,
            )
        )
    return lines


def _tasks(data: HandoverInputs) -> list[PrefillLine]:
    lines = []
    for task in data.tasks:
        source = _task_source(task)
        if task.kind is TaskKind.RENEWAL:
            lines.append(
                _line(
                    IsbarPart.RECOMMENDATION,
                    LineKind.RENEWAL_WAITING,
                    [source],
                    task.due_at,
                    medicine=task.title,
                    due=_iso(task.due_at),
                )
            )
            continue
        if task.kind is TaskKind.NEWS2:
            continue  # the NEWS2 line says when to measure
        overdue = task.timing is TaskTiming.OVERDUE
        if task.kind is TaskKind.DOSE and not overdue:
            continue  # the next shift's round shows its own doses
        lines.append(
            _line(
                IsbarPart.RECOMMENDATION,
                LineKind.TASK_OVERDUE if overdue else LineKind.TASK_OPEN,
                [source],
                task.due_at,
                task=task.title,
                kind=task.kind.value,
                due=_iso(task.due_at),
            )
        )
    for finished in data.finished_tasks:
        if finished.get("status") != "cancelled":
            continue
        changed = parse_datetime(finished.get("lastModified"))
        if changed is None or changed < data.since:
            continue
        reason = finished.get("statusReason")
        lines.append(
            _line(
                IsbarPart.RECOMMENDATION,
                LineKind.TASK_NOT_DONE,
                [f"Task/{finished.get('id')}"],
                changed,
                task=text(finished.get("description")) or concept_text(finished.get("code")),
                reason=concept_text(reason) if isinstance(reason, Mapping) else "",
                at=_iso(changed),
            )
        )
    return lines


def _task_source(task: ShiftTask) -> str:
    """What a task line comes from: its Task, else the dose's order, else the care plan."""
    if task.task is not None:
        return f"Task/{task.task.get('id')}"
    if task.order:
        return task.order
    return f"CarePlan/{task.care_plan_id}" if task.care_plan_id else ""


def prefill(data: HandoverInputs) -> PatientHandoverDraft:
    """The patient's prefilled ISBAR: every line with its part, values and sources."""
    name, _sort = human_name(data.patient.get("name"))
    lines: list[Any] = [
        *_identify(data),
        *_critical(data),
        *_news2(data),
        *_changes(data),
        *_doses(data),
        *_notes(data),
        *_tasks(data),
    ]
    order = list(IsbarPart)
    lines.sort(key=lambda line: order.index(line.part))
    return PatientHandoverDraft(
        patient_id=str(data.patient.get("id")),
        patient_name=name,
        room=data.room,
        since=data.since,
        lines=tuple(lines),
    )
