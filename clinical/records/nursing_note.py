"""A nursing note (sykepleienotat / journalnotat) as a FHIR R4 DocumentReference, and its
correction (pure, no I/O).

Why DocumentReference (research note ``issue18-design.md`` §1.2): HL7 Norway's base profile
``no-basis-DocumentReference`` exists with a required Norwegian document type (Volven 9602,
HL7Norway/basisprofiler-r4-fsh ``NoBasisDocumentReferenceType``), NHN's national document
sharing (Pasientens journaldokumenter, IHE MHD) is DocumentReference-based, Helsenorge's
HelseAPI profile covers "Skrive nytt dokument/notat til pasientens journal", and HL7 Norway's
municipal IG lists DocumentReference among its minimum resources. Composition stays the form
for the structured ISBAR handover (``clinical.records.handover``).

- ``type``: 9602 ``B02-2`` "Journalnotat" (the required binding) and LOINC 34746-8 "Nurse note".
- ``category``: what the note is about, from ``NoteCategory`` (no national code system for
  note kinds was found; VKP's event codes "tiltak" and "samtale" are the nearest words).
- ``content.attachment``: the text as ``text/plain; charset=utf-8`` in ``data`` (base64), Bokmål.
- ``date``: when it was written; ``context.period.start``: when what it tells happened.
- ``author`` and ``authenticator``: the nurse in her role (``clinical.records.authorship``).
- ``context.related``: what it concerns (an administration, a vitals set, a task).
- ``status`` ``current`` and ``docStatus`` ``final``: a note is signed when saved. Drafts never
  become FHIR; they stay in the encrypted local store.

A note is never edited in place. A correction is a new DocumentReference that ``replaces`` the
old one (``relatesTo.code`` ``replaces``, ``docStatus`` ``amended``), and the old one is kept,
readable, with ``status`` ``entered-in-error``: the issue asks for "entered-in-error plus
replacement", so a reader that hides entered-in-error records still finds the corrected text in
the replacement. R4 also defines ``superseded`` ("replaced by another reference",
https://hl7.org/fhir/R4/valueset-document-reference-status.html), which describes the
replacement itself more exactly; the two are equally valid codes of the required value set, and
the ``replaces`` link carries the relationship either way. See the issue report for the choice.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, Literal

from clinical import codes
from clinical.records.authorship import Author
from clinical.records.common import (
    PLEIEPUNKT,
    Json,
    RecordBuildError,
    fhir_datetime,
    identifier,
    new_id,
    reference,
)

Language = Literal["nb", "en"]

NOTE_CATEGORY_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/note-category"
NO_BASIS_DOCUMENT_REFERENCE: Final = f"{codes.NO_BASIS_PROFILE_BASE}DocumentReference"
JOURNALNOTAT: Final = "B02-2"
PLAIN_TEXT: Final = "text/plain; charset=utf-8"
MAX_NOTE_LENGTH: Final = 20_000


class NoteCategory(StrEnum):
    """What a note is about; the value is the stable code."""

    OBSERVATION = "observasjon"
    MEASURE = "tiltak"
    CONVERSATION = "samtale"
    RELATIVES = "parorende"
    INCIDENT = "hendelse"

    def label(self, language: Language) -> str:
        """The category's name in the interface language."""
        return _CATEGORY_LABELS[self][language]

    def concept(self) -> Json:
        return {
            "coding": [
                {"system": NOTE_CATEGORY_SYSTEM, "code": self.value, "display": self.label("nb")}
            ]
        }


_CATEGORY_LABELS: Final = MappingProxyType(
    {
        NoteCategory.OBSERVATION: {"nb": "Observasjon", "en": "Observation"},
        NoteCategory.MEASURE: {"nb": "Tiltak", "en": "Measure"},
        NoteCategory.CONVERSATION: {"nb": "Samtale", "en": "Conversation"},
        NoteCategory.RELATIVES: {"nb": "Pårørende", "en": "Relatives"},
        NoteCategory.INCIDENT: {"nb": "Hendelse", "en": "Incident"},
    }
)


def note_type() -> Json:
    """``type``: Volven 9602 Journalnotat, with LOINC Nurse note beside it."""
    return {
        "coding": [
            {"system": codes.DOKUMENTTYPE, "code": JOURNALNOTAT, "display": "Journalnotat"},
            {"system": codes.LOINC, "code": codes.LOINC_NURSE_NOTE, "display": "Nurse note"},
        ],
        "text": "Sykepleienotat",
    }


def _checked_text(text: str) -> str:
    words = text.strip()
    if not words:
        raise RecordBuildError("note.empty")
    if len(words) > MAX_NOTE_LENGTH:
        raise RecordBuildError("note.too_long")
    return words


def nursing_note(
    *,
    patient_id: str,
    author: Author,
    category: NoteCategory,
    text: str,
    observed_at: datetime,
    written_at: datetime,
    related: Sequence[Mapping[str, Any]] = (),
    custodian: Mapping[str, Any] | None = None,
    resource_id: str | None = None,
) -> Json:
    """A signed nursing note about what happened at ``observed_at``, written at ``written_at``."""
    words = _checked_text(text)
    if observed_at > written_at:
        raise RecordBuildError("note.observed_after_writing")
    rid = resource_id or new_id()
    written = fhir_datetime(written_at)
    document: Json = {
        "resourceType": "DocumentReference",
        "id": rid,
        "meta": {"profile": [NO_BASIS_DOCUMENT_REFERENCE]},
        "identifier": [identifier(rid)],
        "status": "current",
        "docStatus": "final",
        "type": note_type(),
        "category": [category.concept()],
        "subject": reference("Patient", patient_id),
        "date": written,
        "author": [author.reference()],
        "authenticator": author.reference(),
        "content": [
            {
                "attachment": {
                    "contentType": PLAIN_TEXT,
                    "language": "nb",
                    "data": base64.b64encode(words.encode("utf-8")).decode("ascii"),
                    "creation": written,
                }
            }
        ],
        "context": {"period": {"start": fhir_datetime(observed_at)}},
    }
    contained = author.contained()
    if contained:
        document["contained"] = contained
    if custodian is not None:
        document["custodian"] = dict(custodian)
    if related:
        document["context"]["related"] = [dict(ref) for ref in related]
    return document


def corrected_note(
    original: Mapping[str, Any],
    *,
    author: Author,
    text: str,
    category: NoteCategory,
    observed_at: datetime,
    written_at: datetime,
    resource_id: str | None = None,
) -> tuple[Json, Json]:
    """(the replacement, the original marked ``entered-in-error``); the original's content is
    kept as it was, so it stays readable beside the correction."""
    if original.get("resourceType") != "DocumentReference" or not original.get("id"):
        raise RecordBuildError("note.not_a_note")
    if original.get("status") == "entered-in-error":
        raise RecordBuildError("note.already_corrected")
    subject = original.get("subject")
    patient = subject.get("reference", "") if isinstance(subject, Mapping) else ""
    if not str(patient).startswith("Patient/"):
        raise RecordBuildError("note.not_a_note")
    context = original.get("context")
    related = context.get("related", ()) if isinstance(context, Mapping) else ()
    replacement = nursing_note(
        patient_id=str(patient).removeprefix("Patient/"),
        author=author,
        category=category,
        text=text,
        observed_at=observed_at,
        written_at=written_at,
        related=[r for r in related if isinstance(r, Mapping)],
        custodian=original.get("custodian")
        if isinstance(original.get("custodian"), Mapping)
        else None,
        resource_id=resource_id,
    )
    replacement["docStatus"] = "amended"
    replacement["relatesTo"] = [
        {"code": "replaces", "target": reference("DocumentReference", str(original["id"]))}
    ]
    retired: Json = copy.deepcopy(dict(original))
    retired["status"] = "entered-in-error"
    return replacement, retired
