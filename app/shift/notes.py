"""``NursingNotes``: a patient's notes (whoever wrote them), drafts as they are typed, signing
and correcting.

- Reading: DocumentReferences and Compositions of the patient's compartment, as plain text
  (``clinical.notes_read``), newest first; a corrected note stays in the list, marked, beside
  the note that replaced it. ISBAR handovers are read by ``app.shift.handover`` instead.
- Drafts: one per patient (and one per note being corrected) and user, in the user's encrypted
  store (``app.shift.drafts``). A draft carries the id its note will get, so a draft that
  outlived its signing (a kill between the two) is recognised and dropped, never signed twice.
- Signing: the DocumentReference (``clinical.records.nursing_note``) with its outbox entry in
  one transaction; a correction writes the replacement and the original marked
  ``entered-in-error`` in that same transaction. Only the author corrects a note (as
  documentation law expects: others add a note of their own).

Errors: ``EntryRefused`` (a rule refused it), ``NotSaved``, ``StoreReadFailed``,
``PatientNotFound``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from app.bedside.vitals_reads import vital_signs
from app.errors import EntryRefused, NotSaved, PatientNotFound, StoreReadFailed
from app.service_context import StoreService, store_errors
from app.shift.authors import author_of, written_by
from app.shift.drafts import DRAFT_MARK
from app.shift.entries import NoteEntry
from app.shift.values import FhirJson, NoteDraft, NoteEntryView, NoteLink, NoteList
from clinical.fhir_read import (
    concept_codes,
    concept_text,
    effective_time,
    parse_datetime,
    reference_display,
    text,
)
from clinical.notes_read import read_note
from clinical.records import RecordBuildError
from clinical.records.handover import HANDOVER_CATEGORY, HANDOVER_CATEGORY_SYSTEM
from clinical.records.nursing_note import NoteCategory, corrected_note, nursing_note
from clinical.records.shift_messages import MESSAGES
from clinical.records.vital_signs import SNOMED_NEWS2_TOTAL

LINK_WINDOW: Final = timedelta(hours=24)
_LINKABLE: Final = ("MedicationAdministration", "Observation", "Task", "Procedure")


def _refused(key: str) -> EntryRefused:
    return EntryRefused(key, messages=MESSAGES)


def draft_key(patient_id: str, correcting: str | None = None) -> str:
    """The mark key of a patient's new-note draft, or of a correction's draft."""
    return patient_id if correcting is None else f"{patient_id}/correct/{correcting}"


def is_handover(resource: Mapping[str, Any]) -> bool:
    """A Composition that is an ISBAR handover (read as a handover, not as a note)."""
    for concept in resource.get("category") or ():
        for coding in concept.get("coding") or () if isinstance(concept, Mapping) else ():
            if (
                isinstance(coding, Mapping)
                and coding.get("system") == HANDOVER_CATEGORY_SYSTEM
                and coding.get("code") == HANDOVER_CATEGORY
            ):
                return True
    return False


def _draft_text(draft: NoteDraft) -> str:
    return json.dumps(
        {
            "note_id": draft.note_id,
            "category": draft.category.value,
            "text": draft.text,
            "observed_at": None if draft.observed_at is None else draft.observed_at.isoformat(),
            "related": list(draft.related),
            "correcting": draft.correcting,
            "saved_at": None if draft.saved_at is None else draft.saved_at.isoformat(),
        }
    )


def _draft_of(patient_id: str, value: str) -> NoteDraft | None:
    try:
        found = json.loads(value)
        return NoteDraft(
            patient_id=patient_id,
            note_id=str(found["note_id"]),
            category=NoteCategory(found["category"]),
            text=str(found["text"]),
            observed_at=parse_datetime(found.get("observed_at")),
            related=tuple(str(r) for r in found.get("related") or ()),
            correcting=found.get("correcting"),
            saved_at=parse_datetime(found.get("saved_at")),
        )
    except (ValueError, KeyError, TypeError):
        return None  # only this module writes drafts; an unreadable one is not offered


class NursingNotes(StoreService):
    """Notes and drafts over the signed-in user's store."""

    def notes(self, patient_id: str) -> NoteList:
        """The patient's notes, newest first, with what corrected which."""
        with store_errors(StoreReadFailed):
            store = self._store()
            if store.get("Patient", patient_id) is None:
                raise PatientNotFound("The patient is not on this computer.")
            found = store.compartment(patient_id, ("DocumentReference", "Composition"))
            author = author_of(store, self._context.user)
        resources = [r for r in found if not is_handover(r)]
        read = [(read_note(r), r) for r in resources]
        notes = [(note, r) for note, r in read if note is not None]
        corrected_by = {old: note.id for note, _ in notes for old in note.replaces}
        views = [
            NoteEntryView(note, corrected_by=corrected_by.get(note.id), own=written_by(r, author))
            for note, r in notes
        ]
        views.sort(
            key=lambda v: v.note.written_at.timestamp() if v.note.written_at else 0.0,
            reverse=True,
        )
        return NoteList(notes=tuple(views))

    def note_links(self, patient_id: str) -> Sequence[NoteLink]:
        """What a new note may concern: the last day's administrations, vital signs and tasks."""
        since = self._context.clock() - LINK_WINDOW
        with store_errors(StoreReadFailed):
            store = self._store()
            found = store.compartment(patient_id, ("MedicationAdministration", "Task"))
            vitals = vital_signs(store, patient_id, since=since)
        links: list[NoteLink] = []
        for resource in found:
            link = _link(resource)
            if link is not None and (link.at is None or link.at >= since):
                links.append(link)
        links.extend(_vitals_links(vitals))
        links.sort(key=lambda link: link.at.timestamp() if link.at else 0.0, reverse=True)
        return links

    def note_draft(self, patient_id: str, *, correcting: str | None = None) -> NoteDraft | None:
        """The draft the user left for this patient (or this correction), if any."""
        key = draft_key(patient_id, correcting)
        buffer = self._context.drafts
        with store_errors(StoreReadFailed):
            store = self._store()
            value = buffer.staged(key) or store.mark(DRAFT_MARK, key)
            if value is None:
                return None
            draft = _draft_of(patient_id, value)
            if draft is not None and store.get("DocumentReference", draft.note_id) is not None:
                with buffer.io:
                    buffer.drop(key)
                    store.clear_mark(DRAFT_MARK, key)  # signed already: a kill came in between
                return None
        return draft

    def stage_note_draft(self, draft: NoteDraft) -> None:
        """Keep the draft in memory at once (never blocks); ``save_note_drafts`` writes it."""
        self._context.drafts.stage(
            draft_key(draft.patient_id, draft.correcting), _draft_text(draft)
        )

    def save_note_drafts(self) -> int:
        """Write the staged drafts into the encrypted store; returns how many."""
        with store_errors(NotSaved):
            return self._context.drafts.write(self._store())

    def discard_note_draft(self, patient_id: str, *, correcting: str | None = None) -> None:
        """Throw the draft away (the nurse chose to)."""
        key = draft_key(patient_id, correcting)
        buffer = self._context.drafts
        with buffer.io, store_errors(NotSaved):
            buffer.drop(key)
            self._store().clear_mark(DRAFT_MARK, key)

    def sign_note(self, entry: NoteEntry) -> FhirJson:
        """Sign the note (or the correction); returns the new DocumentReference."""
        context = self._context
        now = context.clock()
        key = draft_key(entry.patient_id, entry.correcting)
        buffer = context.drafts
        with buffer.io, store_errors(NotSaved):
            store = self._store()
            if store.get("Patient", entry.patient_id) is None:
                raise PatientNotFound("The patient is not on this computer.")
            if store.get("DocumentReference", entry.note_id) is not None:
                raise _refused("note.already_signed")
            author = author_of(store, context.user)
            related = [{"reference": ref} for ref in entry.related if "/" in ref]
            try:
                if entry.correcting is None:
                    resources = [
                        nursing_note(
                            patient_id=entry.patient_id,
                            author=author,
                            category=entry.category,
                            text=entry.text,
                            observed_at=min(entry.observed_at, now),
                            written_at=now,
                            related=related,
                            custodian=author.organization,
                            resource_id=entry.note_id,
                        )
                    ]
                else:
                    original = store.get("DocumentReference", entry.correcting)
                    if original is None:
                        raise _refused("note.not_a_note")
                    if not written_by(original, author):
                        raise _refused("note.not_own")
                    replacement, retired = corrected_note(
                        original,
                        author=author,
                        text=entry.text,
                        category=entry.category,
                        observed_at=min(entry.observed_at, now),
                        written_at=now,
                        resource_id=entry.note_id,
                    )
                    resources = [replacement, retired]
            except RecordBuildError as error:
                raise _refused(error.key) from error
            buffer.drop(key)
            store.write_all(resources)
            store.clear_mark(DRAFT_MARK, key)
        return resources[0]


def _vitals_links(observations: Sequence[FhirJson]) -> list[NoteLink]:
    """One link per set of vital signs: its NEWS2 score when it has one, else its first value."""
    by_time: dict[datetime, FhirJson] = {}
    for observation in observations:
        at = effective_time(observation)
        if at is None:
            continue
        scored = SNOMED_NEWS2_TOTAL in concept_codes(observation.get("code"))
        if at not in by_time or scored:
            by_time[at] = observation
    return [
        NoteLink(
            f"Observation/{observation['id']}",
            "vitals",
            concept_text(observation.get("code")),
            at,
        )
        for at, observation in by_time.items()
    ]


def _link(resource: Mapping[str, Any]) -> NoteLink | None:
    kind = resource.get("resourceType")
    rid = text(resource.get("id"))
    if not rid or kind not in _LINKABLE:
        return None
    if kind == "MedicationAdministration":
        medication = resource.get("medicationReference")
        name = reference_display(medication) or concept_text(
            resource.get("medicationCodeableConcept")
        )
        state = "not-given" if resource.get("status") == "not-done" else "given"
        return NoteLink(f"{kind}/{rid}", f"administration-{state}", name, effective_time(resource))
    if kind == "Task":
        changed = parse_datetime(resource.get("lastModified")) or parse_datetime(
            resource.get("authoredOn")
        )
        label = text(resource.get("description")) or concept_text(resource.get("code"))
        return NoteLink(f"{kind}/{rid}", "task", label, changed)
    return None
