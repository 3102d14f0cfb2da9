"""The core record (kjernejournal-style summary) for display.

Critical information first (see ``ui.presenters.critical``), then vaccinations, hospital contacts,
relatives and contact persons, and the fastlege. Lists are newest first where time matters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.values import CoreRecord
from clinical.fhir_read import (
    FhirResource,
    as_list,
    concept_codes,
    concept_text,
    dicts,
    first_concept_text,
    human_name,
    parse_date,
    period,
    reference_display,
    telecom,
    text,
)
from ui.presenters.critical import CriticalInformation, critical_information

HOSPITAL_CLASSES = frozenset({"IMP", "EMER", "ACUTE", "SS", "OBSENC", "AMB"})


@dataclass(frozen=True, slots=True)
class Vaccination:
    """One given vaccine."""

    vaccine: str
    given: date | None
    dose: str


@dataclass(frozen=True, slots=True)
class HospitalContact:
    """A stay or visit at a hospital or specialist."""

    place: str
    kind_code: str
    start: date | None
    end: date | None
    reason: str


@dataclass(frozen=True, slots=True)
class Relative:
    """A relative or contact person."""

    name: str
    relationship: str
    phone: str
    is_contact_person: bool


@dataclass(frozen=True, slots=True)
class GeneralPractitioner:
    """The patient's fastlege."""

    name: str
    phone: str
    office: str


@dataclass(frozen=True, slots=True)
class CoreRecordView:
    """Everything the core record tab shows, in order."""

    critical: CriticalInformation
    vaccinations: tuple[Vaccination, ...]
    hospital_contacts: tuple[HospitalContact, ...]
    relatives: tuple[Relative, ...]
    general_practitioner: GeneralPractitioner | None


def _vaccination(resource: FhirResource) -> Vaccination | None:
    if text(resource.get("status")) not in ("", "completed"):
        return None
    doses = [
        text(p.get("doseNumberString")) or str(p.get("doseNumberPositiveInt") or "")
        for p in dicts(resource.get("protocolApplied"))
    ]
    return Vaccination(
        vaccine=concept_text(resource.get("vaccineCode")) or "?",
        given=parse_date(resource.get("occurrenceDateTime")),
        dose=next((d for d in doses if d), ""),
    )


def _hospital_contact(resource: FhirResource) -> HospitalContact | None:
    if text(resource.get("status")) in ("cancelled", "entered-in-error"):
        return None
    klass = resource.get("class")
    code = text(klass.get("code")) if isinstance(klass, dict) else ""
    if code not in HOSPITAL_CLASSES:
        return None
    start, end = period(resource.get("period"))
    place = reference_display(resource.get("serviceProvider"))
    if not place:
        for loc in dicts(resource.get("location")):
            if place := reference_display(loc.get("location")):
                break
    return HospitalContact(
        place=place or "?",
        kind_code=code,
        start=None if start is None else start.date(),
        end=None if end is None else end.date(),
        reason=first_concept_text(resource.get("reasonCode")),
    )


def _relative(resource: FhirResource) -> Relative | None:
    if resource.get("active") is False:
        return None
    name, _ = human_name(resource.get("name"))
    relationship_codes: set[str] = set()
    for concept in as_list(resource.get("relationship")):
        relationship_codes |= concept_codes(concept)
    labels = [concept_text(c) for c in as_list(resource.get("relationship"))]
    shown = [label for label in labels if label and label not in ("C", "N")]
    return Relative(
        name=name or "?",
        relationship=", ".join(shown),
        phone=telecom(resource.get("telecom")),
        is_contact_person=bool(relationship_codes & {"C", "N", "CP", "contact-person"}),
    )


def _general_practitioner(record: CoreRecord) -> GeneralPractitioner | None:
    practitioner = record.general_practitioner
    reference_name = ""
    for ref in dicts(record.patient.get("generalPractitioner")):
        if reference_name := reference_display(ref):
            break
    if practitioner is None and not reference_name:
        return None
    name = human_name(practitioner.get("name"))[0] if practitioner is not None else ""
    phone = telecom(practitioner.get("telecom")) if practitioner is not None else ""
    office = ""
    if practitioner is not None:
        office = ", ".join(
            text(a.get("text")) or ", ".join(text(x) for x in as_list(a.get("line")) if text(x))
            for a in dicts(practitioner.get("address"))
        )
    return GeneralPractitioner(name=name or reference_name, phone=phone, office=office)


def core_record_view(record: CoreRecord, *, today: date) -> CoreRecordView:
    """Present a patient's core record."""
    critical = critical_information(
        [*record.allergies, *record.conditions, *record.flags, *record.consents], today=today
    )
    vaccinations = [v for v in map(_vaccination, record.immunizations) if v is not None]
    vaccinations.sort(key=lambda v: v.given or date.min, reverse=True)
    contacts = [c for c in map(_hospital_contact, record.encounters) if c is not None]
    contacts.sort(key=lambda c: c.start or date.min, reverse=True)
    relatives = [r for r in map(_relative, record.related_persons) if r is not None]
    relatives.sort(key=lambda r: (not r.is_contact_person, r.name.casefold()))
    return CoreRecordView(
        critical=critical,
        vaccinations=tuple(vaccinations),
        hospital_contacts=tuple(contacts),
        relatives=tuple(relatives),
        general_practitioner=_general_practitioner(record),
    )
