"""The header says which kind of person number it shows, and never guesses an age."""

from __future__ import annotations

from datetime import date

import pytest

from clinical import codes
from ui.presenters.patient import patient_summary
from ui.widgets.patient_header import PatientHeader

TODAY = date(2025, 3, 12)


def _header(qtbot, identifier: dict[str, str], **patient: object) -> str:
    header = PatientHeader()
    qtbot.addWidget(header)
    resource = {"resourceType": "Patient", "id": "p", "identifier": [identifier], **patient}
    header.set_patient(patient_summary(resource, today=TODAY))
    return header.facts_text()


@pytest.mark.parametrize(
    ("identifier", "shown"),
    [
        ({"system": codes.FODSELSNUMMER, "value": "15076500565"}, "National ID 150765 00565"),
        (
            {"system": codes.FELLES_HJELPENUMMER, "value": "81234567802"},
            "Felles hjelpenummer 812345 67802",
        ),
        (
            {"system": codes.LOCAL_H_NUMMER, "value": "01444812369"},
            "Local H-number 014448 12369 (this organisation only)",
        ),
    ],
)
def test_the_kind_of_person_number_is_named(
    qtbot, english: None, identifier: dict[str, str], shown: str
) -> None:
    assert shown in _header(qtbot, identifier)


def test_without_a_registered_birth_date_the_age_is_unknown(qtbot, english: None) -> None:
    """Skatteetaten's 30108299939 tells no century: the header must not work one out."""
    facts = _header(qtbot, {"system": codes.FODSELSNUMMER, "value": "30108299939"})
    assert "age unknown" in facts
    assert "years" not in facts


def test_the_registered_birth_date_gives_the_age(qtbot, english: None) -> None:
    facts = _header(
        qtbot, {"system": codes.FODSELSNUMMER, "value": "15076500565"}, birthDate="1965-07-15"
    )
    assert "59 years" in facts
