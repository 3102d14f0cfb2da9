"""Who the patient is: name, national id, age, room or address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.records.walking_order import room_name
from clinical import codes
from clinical.fhir_read import (
    FhirResource,
    address_line,
    human_name,
    identifier_value,
    parse_date,
    parse_datetime,
    period,
    text,
)
from ui.presenters.formatting import age_on
from ui.presenters.national_id import (
    digits_only,
    format_national_id,
    mask_national_id,
)


@dataclass(frozen=True, slots=True)
class PatientSummary:
    """The identifying facts shown in the list and in the header."""

    id: str
    full_name: str
    sort_name: str
    national_id: str
    national_id_system: str
    national_id_formatted: str
    national_id_masked: str
    birth_date: date | None
    age: int | None  # None: the register gave no birth date; say "unknown", never guess
    room: str
    address: str
    visit_start: datetime | None
    deceased: bool


# The person numbers shown in the header, in order of preference (no-basis Patient slices): a
# felles hjelpenummer only when there is no fødselsnummer or D-nummer, a local H-nummer last.
NATIONAL_ID_SYSTEMS = (
    codes.FODSELSNUMMER,
    codes.D_NUMMER,
    codes.FELLES_HJELPENUMMER,
    codes.LOCAL_H_NUMMER,
)


def _person_number(identifiers: object) -> tuple[str, str]:
    """(system, digits) of the first person number by ``NATIONAL_ID_SYSTEMS``, or ("", "")."""
    for system in NATIONAL_ID_SYSTEMS:
        value = digits_only(identifier_value(identifiers, (system,)))
        if value:
            return system, value
    return "", ""


def patient_summary(
    patient: FhirResource,
    *,
    today: date,
    location: FhirResource | None = None,
    visit: FhirResource | None = None,
) -> PatientSummary:
    """Summarise a Patient (with its room Location or route visit) for display."""
    full, sort = human_name(patient.get("name"))
    system, national = _person_number(patient.get("identifier"))
    # Age comes from the register's birth date only, never from the number: a felles
    # hjelpenummer has none and a number issued from 2032 does not tell the century.
    birth = parse_date(patient.get("birthDate"))
    visit_start = None
    if visit is not None:
        visit_start = parse_datetime(visit.get("start"))
        if visit_start is None:
            visit_start = period(visit.get("period"))[0]
    deceased = patient.get("deceasedBoolean") is True or bool(patient.get("deceasedDateTime"))
    return PatientSummary(
        id=text(patient.get("id")),
        full_name=full or "?",
        sort_name=sort or full or "?",
        national_id=national,
        national_id_system=system,
        national_id_formatted=format_national_id(national) if national else "",
        national_id_masked=mask_national_id(national) if national else "",
        birth_date=birth,
        age=age_on(birth, today),
        room=room_name(location),
        address=address_line(patient.get("address")),
        visit_start=visit_start,
        deceased=deceased,
    )
