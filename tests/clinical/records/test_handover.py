"""The ISBAR handover: a no-basis Composition per patient with five coded sections, each line's
sources as entries, signed; and the Task the next shift acknowledges it by."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clinical import codes
from clinical.records import RecordBuildError
from clinical.records.authorship import Author
from clinical.records.handover import (
    ISBAR_SECTION_SYSTEM,
    REPORT_EXTENSION,
    IsbarPart,
    IsbarSection,
    acknowledgement_task,
    isbar_composition,
)
from clinical.records.task_writer import occurrence_id, task_done
from tests.clinical.records.conftest import AT, COLLEAGUE, NURSE, PATIENT, validate

SHIFT = (AT - timedelta(hours=1), AT + timedelta(hours=7))


def handover(*sections: IsbarSection) -> dict:
    return isbar_composition(
        patient_id=PATIENT,
        author=Author(NURSE),
        sections=sections
        or (
            IsbarSection(
                IsbarPart.IDENTIFY, "Ingrid, rom 4", ({"reference": f"Patient/{PATIENT}"},)
            ),
            IsbarSection(
                IsbarPart.SITUATION, "NEWS2 5 kl. 07:40 <økt>", ({"reference": "Observation/n1"},)
            ),
            IsbarSection(IsbarPart.BACKGROUND, ""),
            IsbarSection(IsbarPart.ASSESSMENT, "Stabil\nspiser godt"),
            IsbarSection(IsbarPart.RECOMMENDATION, "Mål NEWS2 kl. 09"),
        ),
        signed_at=AT,
        shift=SHIFT,
        report_id="report-1",
        place={"reference": "Location/unit-1"},
    )


def test_one_section_per_written_part_with_its_code_text_and_sources() -> None:
    composition = handover()
    validate(composition)
    assert composition["type"]["coding"][0]["system"] == codes.DOKUMENTTYPE
    assert composition["type"]["coding"][0]["code"] == "A04-2"
    parts = [s["code"]["coding"][0]["code"] for s in composition["section"]]
    assert parts == ["I", "S", "A", "R"]  # the empty background is left out (R4 cmp-1)
    situation = composition["section"][1]
    assert situation["code"]["coding"][0]["system"] == ISBAR_SECTION_SYSTEM
    assert situation["entry"] == [{"reference": "Observation/n1"}]
    assert "&lt;økt&gt;" in situation["text"]["div"]  # typed text is escaped, never markup
    assert composition["attester"][0]["mode"] == "professional"
    assert composition["event"][0]["period"] == {
        "start": "2025-03-12T07:14:00+01:00",
        "end": "2025-03-12T15:14:00+01:00",
    }
    report = next(e for e in composition["extension"] if e["url"] == REPORT_EXTENSION)
    assert report["valueIdentifier"]["value"] == "urn:uuid:report-1"


def test_an_empty_handover_is_refused() -> None:
    with pytest.raises(RecordBuildError, match=r"handover\.empty"):
        handover(IsbarSection(IsbarPart.SITUATION, "  "))


def test_the_acknowledgement_is_one_task_per_handover_completed_by_the_next_shift() -> None:
    composition = handover()
    ack = acknowledgement_task(composition, requester=NURSE, at=AT, due=SHIFT[1])
    validate(ack)
    assert ack["id"] == occurrence_id(f"Composition/{composition['id']}/acknowledge")
    assert ack["focus"] == {"reference": f"Composition/{composition['id']}"}
    assert ack["for"] == {"reference": f"Patient/{PATIENT}"}
    read = task_done(ack, by=COLLEAGUE, at=SHIFT[1])
    assert read["status"] == "completed"
    assert read["owner"]["display"] == COLLEAGUE.name
