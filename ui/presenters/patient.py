"""Who the patient is: name, national id, age, room or address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.records.walking_order import room_name
from clinical.fhir_read import (
    DNR_SYSTEM,
    FNR_SYSTEM,
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
    national_id_formatted: str
    national_id_masked: str
    birth_date: date | None
    age: int | None
    room: str
    address: str
    visit_start: datetime | None
    deceased: bool


def patient_summary(
    patient: FhirResource,
    *,
    today: date,
    location: FhirResource | None = None,
    visit: FhirResource | None = None,
) -> PatientSummary:
    """Summarise a Patient (with its room Location or route visit) for display."""
    full, sort = human_name(patient.get("name"))
    national = digits_only(identifier_value(patient.get("identifier"), (FNR_SYSTEM, DNR_SYSTEM)))
    birth = parse_date(patient.get("birthDate"))
    visit_start = None
    if visit is not None:
        visit_start = parse_datetime(visit.get("start")) or period(visit.get("period"))[0]
    deceased = patient.get("deceasedBoolean") is True or bool(patient.get("deceasedDateTime"))
    return PatientSummary(
        id=text(patient.get("id")),
        full_name=full or "?",
        sort_name=sort or full or "?",
        national_id=national,
        national_id_formatted=format_national_id(national) if national else "",
        national_id_masked=mask_national_id(national) if national else "",
        birth_date=birth,
        age=age_on(birth, today),
        room=room_name(location),
        address=address_line(patient.get("address")),
        visit_start=visit_start,
        deceased=deceased,
    )
