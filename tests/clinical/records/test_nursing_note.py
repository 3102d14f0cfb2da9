"""A nursing note is a no-basis DocumentReference with plain text; a correction keeps the
original, marked entered-in-error, and the replacement names it."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from clinical import codes
from clinical.records import RecordBuildError
from clinical.records.authorship import Author
from clinical.records.nursing_note import (
    NO_BASIS_DOCUMENT_REFERENCE,
    NoteCategory,
    corrected_note,
    nursing_note,
)
from tests.clinical.records.conftest import AT, COLLEAGUE, NURSE, PATIENT, validate

AUTHOR = Author(NURSE, organization={"reference": "Organization/unit-1"})


def note(text: str = "Sov godt i natt. <b>Ingen</b> smerter.", **kwargs) -> dict:
    return nursing_note(
        patient_id=PATIENT,
        author=AUTHOR,
        category=kwargs.pop("category", NoteCategory.OBSERVATION),
        text=text,
        observed_at=kwargs.pop("observed_at", AT - timedelta(hours=2)),
        written_at=AT,
        **kwargs,
    )


def test_the_note_is_a_no_basis_document_reference_in_plain_text() -> None:
    written = note(related=[{"reference": "MedicationAdministration/ma-1"}])
    validate(written)
    assert written["meta"]["profile"] == [NO_BASIS_DOCUMENT_REFERENCE]
    assert written["type"]["coding"][0] == {
        "system": codes.DOKUMENTTYPE,
        "code": "B02-2",
        "display": "Journalnotat",
    }
    assert {"system": codes.LOINC, "code": "34746-8", "display": "Nurse note"} in written["type"][
        "coding"
    ]
    attachment = written["content"][0]["attachment"]
    assert attachment["contentType"] == "text/plain; charset=utf-8"
    assert base64.b64decode(attachment["data"]).decode() == "Sov godt i natt. <b>Ingen</b> smerter."
    assert written["context"]["period"]["start"] == "2025-03-12T06:14:00+01:00"
    assert written["date"] == "2025-03-12T08:14:00+01:00"
    assert written["context"]["related"] == [{"reference": "MedicationAdministration/ma-1"}]
    assert (written["status"], written["docStatus"]) == ("current", "final")


def test_the_author_is_a_practitioner_role_with_the_health_personnel_category() -> None:
    written = note()
    assert written["author"] == [{"reference": "#author", "display": "Kari Nordmann (Sykepleier)"}]
    (role,) = written["contained"]
    assert role["resourceType"] == "PractitionerRole"
    assert role["practitioner"]["reference"] == f"Practitioner/{NURSE.practitioner_id}"
    assert role["code"][0]["coding"][0]["system"] == codes.KATEGORI_HELSEPERSONELL
    stored = nursing_note(
        patient_id=PATIENT,
        author=Author(NURSE, practitioner_role_id="role-7"),
        category=NoteCategory.RELATIVES,
        text="Datter ringte",
        observed_at=AT,
        written_at=AT,
    )
    assert stored["author"][0]["reference"] == "PractitionerRole/role-7"
    assert "contained" not in stored
    validate(stored)


def test_a_correction_keeps_the_original_readable_and_replaces_it() -> None:
    original = note()
    replacement, retired = corrected_note(
        original,
        author=AUTHOR,
        text="Sov dårlig, våknet kl. 03.",
        category=NoteCategory.OBSERVATION,
        observed_at=AT - timedelta(hours=2),
        written_at=AT + timedelta(minutes=20),
    )
    validate(replacement)
    validate(retired)
    assert retired["status"] == "entered-in-error"
    assert retired["content"] == original["content"]  # the original text is kept as it was
    assert replacement["relatesTo"] == [
        {"code": "replaces", "target": {"reference": f"DocumentReference/{original['id']}"}}
    ]
    assert replacement["docStatus"] == "amended"
    with pytest.raises(RecordBuildError, match=r"note\.already_corrected"):
        corrected_note(
            retired,
            author=AUTHOR,
            text="igjen",
            category=NoteCategory.OBSERVATION,
            observed_at=AT,
            written_at=AT,
        )


@pytest.mark.parametrize(
    ("text", "observed", "key"),
    [
        ("   ", AT, "note.empty"),
        ("x" * 20_001, AT, "note.too_long"),
        ("ok", AT + timedelta(minutes=1), "note.observed_after_writing"),
    ],
)
def test_bad_notes_are_refused(text: str, observed, key: str) -> None:
    with pytest.raises(RecordBuildError) as refused:
        note(text, observed_at=observed)
    assert refused.value.key == key


def test_a_colleague_s_staff_reference_is_not_the_author() -> None:
    assert Author(COLLEAGUE).display() == "Ola Hansen (Sykepleier)"
