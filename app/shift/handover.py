"""``Handovers``: the ISBAR handover prefilled from the shift, signed, read by the next shift and
acknowledged.

- Prefill: each patient's shift data since their last handover (at most a day back; the shift
  start when there was none) is read from the store and turned into lines with their sources
  (``app.shift.handover_prefill``). A place's handover is every patient of the unit or route.
- Signing: one Composition per patient (``clinical.records.handover``) plus its
  acknowledgement Task, for every patient of the report, with their outbox entries in ONE
  transaction. A patient whose every part is empty is left out of a place's report.
- Reading: a handover is open until its acknowledgement Task is completed; the next shift sees
  the open ones signed in the last day by someone else (``open_handovers``), grouped by report.
- Acknowledging completes the Tasks (created first for a handover another system wrote
  without one), all in one transaction.

Errors: ``EntryRefused`` (an empty report), ``NotSaved``, ``StoreReadFailed``,
``PatientNotFound``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from app.bedside.vitals_reads import (
    VITAL_CATEGORIES,
    VITAL_SIGN_CODES,
    categories,
    scale_2_in,
)
from app.errors import EntryRefused, NotSaved, PatientNotFound, StoreReadFailed
from app.records.reads import RecordReads
from app.records.walking_order import room_name, walking_order
from app.service_context import StoreService, store_errors
from app.shift.authors import author_of, written_by
from app.shift.entries import HandoverEntry
from app.shift.handover_prefill import HandoverInputs, prefill
from app.shift.notes import is_handover
from app.shift.reads import patient_inputs, shift_clock
from app.shift.task_list import CLOSED_STATUSES, PatientInputs, patient_tasks
from app.shift.values import (
    FhirJson,
    Handover,
    HandoverDraft,
    HandoverReport,
    PatientHandoverDraft,
)
from app.values import PlaceOfWork
from clinical.fhir_read import (
    concept_codes,
    dicts,
    extensions,
    parse_datetime,
    patient_name,
    period,
    reference_display,
    reference_id,
    text,
)
from clinical.narrative import markup_to_text
from clinical.notes_read import read_note
from clinical.records import RecordBuildError, reference
from clinical.records.as_needed import PRN_EFFECT_SYSTEM
from clinical.records.authorship import Author
from clinical.records.handover import (
    ISBAR_SECTION_SYSTEM,
    IsbarPart,
    IsbarSection,
    acknowledgement_task,
    isbar_composition,
)
from clinical.records.shift_messages import MESSAGES
from clinical.records.task_writer import occurrence_id, task_done

if TYPE_CHECKING:
    from offline import Store

_VITAL_CODES: Final = frozenset(VITAL_SIGN_CODES)
SHOWN_FOR: Final = timedelta(hours=24)
"""How long a signed handover is offered to the next shift until acknowledged."""
LOOK_BACK: Final = timedelta(hours=24)
"""How far back a handover reaches when the last one was longer ago (or never)."""


def _refused(key: str) -> EntryRefused:
    return EntryRefused(key, messages=MESSAGES)


def ack_task_id(composition_id: str) -> str:
    """The id of the acknowledgement Task of a handover (derived, the same everywhere)."""
    return occurrence_id(f"Composition/{composition_id}/acknowledge")


def _vital(observation: FhirJson) -> bool:
    """A vital sign or NEWS2 Observation (as ``app.bedside.vitals_reads.vital_signs`` picks)."""
    return bool(
        categories(observation) & VITAL_CATEGORIES
        and concept_codes(observation.get("code")) & _VITAL_CODES
    )


def _effect(observation: FhirJson) -> bool:
    """The assessed effect of an as-needed dose (``clinical.records.as_needed``)."""
    return any(
        c.get("system") == PRN_EFFECT_SYSTEM and c.get("code") == "prn-effect"
        for c in dicts((observation.get("code") or {}).get("coding"))
    )


def _handovers_of(store: Store, patient_id: str) -> list[FhirJson]:
    found = store.compartment(patient_id, ("Composition",))
    return [c for c in found if is_handover(c) and c.get("status") in ("final", "amended")]


def _report_id(composition: FhirJson) -> str:
    for extension in extensions(composition, "handover-report"):
        value = extension.get("valueIdentifier")
        if isinstance(value, Mapping):
            return text(value.get("value")).removeprefix("urn:uuid:")
    return text(composition.get("id"))


def _place_id(composition: FhirJson) -> str:
    for extension in extensions(composition, "handover-place"):
        return reference_id(extension.get("valueReference"), "Location")
    return ""


def read_handover(
    composition: FhirJson, *, ack: FhirJson | None, name: str, author: Author | None
) -> Handover:
    """A handover Composition (and its acknowledgement Task) as plain values."""
    sections: dict[IsbarPart, str] = {}
    sources: dict[IsbarPart, tuple[str, ...]] = {}
    parts = {part.value: part for part in IsbarPart}
    for section in dicts(composition.get("section")):
        codes = {
            str(c.get("code"))
            for c in dicts((section.get("code") or {}).get("coding"))
            if c.get("system") == ISBAR_SECTION_SYSTEM
        }
        part = next((parts[c] for c in codes if c in parts), None)
        if part is None:
            continue
        narrative = section.get("text")
        div = narrative.get("div") if isinstance(narrative, Mapping) else None
        sections[part] = markup_to_text(div) if isinstance(div, str) else ""
        sources[part] = tuple(text(entry.get("reference")) for entry in dicts(section.get("entry")))
    authors = dicts(composition.get("author"))
    acknowledged = ack is not None and ack.get("status") == "completed"
    start, end = period((dicts(composition.get("event")) or [{}])[0].get("period"))
    return Handover(
        composition_id=text(composition.get("id")),
        patient_id=reference_id(composition.get("subject"), "Patient"),
        patient_name=name,
        author=reference_display(authors[0]) if authors else "",
        signed_at=parse_datetime(composition.get("date")),
        shift=(start, end),
        report_id=_report_id(composition),
        place_id=_place_id(composition),
        sections=sections,
        sources=sources,
        acknowledged_by=reference_display(ack.get("owner")) if ack and acknowledged else "",
        acknowledged_at=period(ack.get("executionPeriod"))[1] if ack and acknowledged else None,
        ack_task_id=text(ack.get("id")) if ack is not None else None,
        own=author is not None and written_by(composition, author),
    )


class Handovers(StoreService):
    """ISBAR handovers over the signed-in user's store."""

    def patient_handover_draft(self, patient_id: str) -> HandoverDraft:
        """One patient's prefilled ISBAR."""
        with store_errors(StoreReadFailed):
            patient = self._store().get("Patient", patient_id)
        if patient is None:
            raise PatientNotFound("The patient is not on this computer.")
        return self._draft([(patient, "")], place=None)

    def place_handover_draft(self, place: PlaceOfWork) -> HandoverDraft:
        """Every patient of a unit or route, prefilled, in the list's order."""
        entries = sorted(RecordReads(self._context).patients_at(place), key=walking_order)
        return self._draft([(e.patient, room_name(e.location)) for e in entries], place=place)

    def _draft(
        self, patients: Sequence[tuple[FhirJson, str]], *, place: PlaceOfWork | None
    ) -> HandoverDraft:
        context = self._context
        clock = shift_clock(context.clock(), context.ward)
        with store_errors(StoreReadFailed):
            store = self._store()
            author = author_of(store, context.user)
            inputs = patient_inputs(store, patients, clock=clock, config=context.ward)
            drafts: list[PatientHandoverDraft] = []
            for (_patient, room), tasks_in in zip(patients, inputs, strict=True):
                rows, _done = patient_tasks(tasks_in, clock=clock, requester=context.user)
                data = self._inputs(
                    store,
                    tasks_in,
                    room=room,
                    author=author,
                    clock_now=clock.now,
                    shift_start=clock.shift[0],
                    place_name="" if place is None else place.name,
                    tasks=rows,
                )
                drafts.append(prefill(data))
        return HandoverDraft(
            patients=tuple(drafts),
            shift=clock.shift,
            place_id=None if place is None else str(place.id),
            place_name="" if place is None else place.name,
        )

    def _inputs(
        self,
        store: Store,
        read: PatientInputs,
        *,
        room: str,
        author: Author,
        clock_now: datetime,
        shift_start: datetime,
        place_name: str,
        tasks: Sequence[Any],
    ) -> HandoverInputs:
        """One patient's shift data: what the task list read already, plus a few indexed
        reads (the core record once, the notes and handovers together, the observations and
        administrations since the last handover)."""
        patient_id = read.patient_id
        documents = store.compartment(patient_id, ("DocumentReference", "Composition"))
        handovers = [
            d for d in documents if is_handover(d) and d.get("status") in ("final", "amended")
        ]
        signed = [
            at
            for at in (parse_datetime(c.get("date")) for c in handovers)
            if at is not None and at <= clock_now
        ]
        since = max(*signed, clock_now - LOOK_BACK) if signed else shift_start
        record = store.core_record(patient_id)
        critical: list[FhirJson] = []
        decided = False
        if record is not None:
            critical = [*record.allergies, *record.flags, *record.conditions]
            decided = scale_2_in(record.flags, record.conditions) is not None
        observations = store.compartment(patient_id, ("Observation",), since=since)
        notes = [read_note(r) for r in documents if not is_handover(r)]
        return HandoverInputs(
            patient=read.patient,
            since=since,
            now=clock_now,
            room=room,
            nurse=author.staff.name,
            nurse_role=author.role_name,
            nurse_reference=f"Practitioner/{author.staff.practitioner_id}",
            place_name=place_name,
            observations=[o for o in observations if _vital(o)],
            scale_2=decided,
            administrations=store.compartment(
                patient_id, ("MedicationAdministration",), since=since
            ),
            effects=[o for o in observations if _effect(o)],
            statements=read.statements,
            requests=read.requests,
            medications=read.medications,
            tasks=tasks,
            finished_tasks=[t for t in read.tasks if t.get("status") in CLOSED_STATUSES],
            notes=[n for n in notes if n is not None],
            critical=critical,
        )

    def sign_handover(self, entry: HandoverEntry) -> Sequence[FhirJson]:
        """Sign the handover: every patient's Composition and acknowledgement Task, together."""
        context = self._context
        now = context.clock()
        report_id = str(uuid.uuid4())
        place = reference("Location", entry.place_id) if entry.place_id else None
        with store_errors(NotSaved):
            store = self._store()
            author = author_of(store, context.user)
            resources: list[dict[str, Any]] = []
            for patient in entry.patients:
                if store.get("Patient", patient.patient_id) is None:
                    raise PatientNotFound("The patient is not on this computer.")
                sections = [
                    IsbarSection(
                        part.part,
                        part.text,
                        tuple({"reference": source} for source in part.sources if "/" in source),
                    )
                    for part in patient.parts
                ]
                if not any(s.text.strip() or s.sources for s in sections):
                    continue
                try:
                    composition = isbar_composition(
                        patient_id=patient.patient_id,
                        author=author,
                        sections=sections,
                        signed_at=now,
                        shift=entry.shift,
                        report_id=report_id,
                        place=place,
                        custodian=author.organization,
                    )
                except RecordBuildError as error:
                    raise _refused(error.key) from error
                ack = acknowledgement_task(
                    composition, requester=context.user, at=now, due=entry.shift[1]
                )
                resources += [composition, ack]
            if not resources:
                raise _refused("handover.empty")
            store.write_all(resources)
        return resources

    def open_handovers(self, patient_ids: Sequence[str]) -> Sequence[HandoverReport]:
        """Handovers signed in the last day by someone else and not yet acknowledged, grouped
        by the report they were signed in, newest first."""
        now = self._context.clock()
        found: list[Handover] = []
        with store_errors(StoreReadFailed):
            store = self._store()
            author = author_of(store, self._context.user)
            for patient_id in patient_ids:
                found += [
                    h
                    for h in self._read(store, patient_id, author)
                    if not h.acknowledged
                    and not h.own
                    and h.signed_at is not None
                    and now - SHOWN_FOR <= h.signed_at <= now + timedelta(minutes=5)
                ]
        return _reports(found)

    def patient_handovers(self, patient_id: str) -> Sequence[Handover]:
        """Every handover of the patient, newest first (acknowledged ones too)."""
        with store_errors(StoreReadFailed):
            store = self._store()
            if store.get("Patient", patient_id) is None:
                raise PatientNotFound("The patient is not on this computer.")
            found = self._read(store, patient_id, author_of(store, self._context.user))
        return sorted(
            found, key=lambda h: h.signed_at.timestamp() if h.signed_at else 0.0, reverse=True
        )

    def _read(self, store: Store, patient_id: str, author: Author) -> list[Handover]:
        patient = store.get("Patient", patient_id)
        name = patient_name(patient) if patient is not None else ""
        found = []
        for composition in _handovers_of(store, patient_id):
            ack = store.get("Task", ack_task_id(str(composition.get("id"))))
            found.append(read_handover(composition, ack=ack, name=name, author=author))
        return found

    def acknowledge_handovers(self, composition_ids: Sequence[str]) -> Sequence[FhirJson]:
        """The signed-in user has read these handovers: their Tasks completed, together."""
        context = self._context
        now = context.clock()
        with store_errors(NotSaved):
            store = self._store()
            resources = []
            for composition_id in composition_ids:
                composition = store.get("Composition", composition_id)
                if composition is None or not is_handover(composition):
                    raise _refused("handover.not_a_handover")
                ack = store.get("Task", ack_task_id(composition_id))
                if ack is None:
                    ack = acknowledgement_task(composition, requester=context.user, at=now, due=now)
                if ack.get("status") in CLOSED_STATUSES:
                    continue
                resources.append(task_done(ack, by=context.user, at=now))
            if resources:
                store.write_all(resources)
        return resources


def _reports(handovers: Sequence[Handover]) -> list[HandoverReport]:
    grouped: dict[str, list[Handover]] = {}
    for handover in handovers:
        grouped.setdefault(handover.report_id, []).append(handover)
    reports = [HandoverReport(report_id, tuple(items)) for report_id, items in grouped.items()]
    reports.sort(key=lambda r: r.signed_at.timestamp() if r.signed_at else 0.0, reverse=True)
    return reports
