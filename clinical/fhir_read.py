"""Readers of FHIR R4 JSON that tolerate missing and unexpected fields (stdlib only).

The one set of readers every layer uses: the application services pick resources with them and
the views present them. Each returns an empty value ("", [], None) for what is absent or
malformed, never raises for bad input, and keeps one behaviour everywhere: a concept's text is
its ``text``, else its first display, else its first code; a reference names a resource by
``Type/id`` with any ``/_history/`` version left off.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, Final

from clinical.doses import DosageError, parse_fhir_datetime

FhirResource = Mapping[str, Any]

FNR_SYSTEM: Final = "urn:oid:2.16.578.1.12.4.1.4.1"
DNR_SYSTEM: Final = "urn:oid:2.16.578.1.12.4.1.4.2"
HPR_SYSTEM: Final = "urn:oid:2.16.578.1.12.4.1.4.4"


def as_list(value: Any) -> list[Any]:
    """The value as a list: lists as they are, a single value wrapped, None as empty."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def dicts(value: Any) -> list[Mapping[str, Any]]:
    """Only the mapping elements of a list-ish value (junk elements are skipped)."""
    return [item for item in as_list(value) if isinstance(item, Mapping)]


def text(value: Any) -> str:
    """A string field's value, or "" for anything that is not a non-blank string."""
    return value.strip() if isinstance(value, str) else ""


def codings(concept: Any) -> Iterator[tuple[str, str, str | None]]:
    """(system, code, display) of a CodeableConcept's codings that have system and code."""
    if not isinstance(concept, Mapping):
        return
    for coding in dicts(concept.get("coding")):
        system, code = coding.get("system"), coding.get("code")
        if isinstance(system, str) and isinstance(code, str):
            display = coding.get("display")
            yield system, code, display if isinstance(display, str) else None


def coding_text(coding: Mapping[str, Any]) -> str:
    """A coding's display, falling back to its code."""
    return text(coding.get("display")) or text(coding.get("code"))


def concept_text(concept: Any, *, code_fallback: bool = True) -> str:
    """A CodeableConcept as a person would read it: text, else the first display, else (with
    ``code_fallback``) the first code; "" when it has none of them."""
    if not isinstance(concept, Mapping):
        return ""
    if found := text(concept.get("text")):
        return found
    found_codings = dicts(concept.get("coding"))
    for coding in found_codings:
        if found := text(coding.get("display")):
            return found
    if code_fallback:
        for coding in found_codings:
            if found := text(coding.get("code")):
                return found
    return ""


def concept_codes(concept: Any) -> set[str]:
    """Every code in a CodeableConcept, without systems (for liberal matching)."""
    if not isinstance(concept, Mapping):
        return set()
    return {text(c.get("code")) for c in dicts(concept.get("coding"))} - {""}


def concepts_codes(concepts: Any) -> set[str]:
    """Codes of a list of CodeableConcepts, merged."""
    found: set[str] = set()
    for concept in as_list(concepts):
        found |= concept_codes(concept)
    return found


def first_concept_text(concepts: Any) -> str:
    """The readable text of the first CodeableConcept in a list that has any."""
    for concept in as_list(concepts):
        if found := concept_text(concept):
            return found
    return ""


def reference_display(reference: Any) -> str:
    """A Reference's display text (what the author called the target)."""
    if not isinstance(reference, Mapping):
        return ""
    return text(reference.get("display"))


def reference_target(reference: Any) -> str:
    """``Type/id`` of a literal Reference (relative or absolute, version left off), or ""."""
    if not isinstance(reference, Mapping):
        return ""
    value = reference.get("reference")
    if not isinstance(value, str):
        return ""
    parts = value.split("/_history/")[0].split("/")
    return f"{parts[-2]}/{parts[-1]}" if len(parts) >= 2 else ""


def reference_id(reference: Any, resource_type: str) -> str:
    """The logical id in a relative Reference to ``resource_type``, or ""."""
    if not isinstance(reference, Mapping):
        return ""
    ref = text(reference.get("reference"))
    prefix = f"{resource_type}/"
    if not ref.startswith(prefix):
        return ""
    return ref[len(prefix) :].split("/_history/")[0]


def extensions(resource: Any, url_suffix: str) -> list[Mapping[str, Any]]:
    """Extensions whose url ends with ``url_suffix`` (profiles differ in their prefixes)."""
    if not isinstance(resource, Mapping):
        return []
    return [e for e in dicts(resource.get("extension")) if text(e.get("url")).endswith(url_suffix)]


def parse_date(value: Any) -> date | None:
    """A FHIR date or dateTime as a calendar date; partial dates take the first day."""
    if not isinstance(value, str) or len(value) < 4:
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except ValueError:
        return None


def parse_datetime(value: Any) -> datetime | None:
    """A FHIR instant/dateTime as an aware datetime (UTC when no zone, midnight for dates)."""
    if not isinstance(value, str) or not value:
        return None
    if len(value) <= 10:
        day = parse_date(value)
        return None if day is None else datetime(day.year, day.month, day.day, tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def period(resource_period: Any) -> tuple[datetime | None, datetime | None]:
    """A Period's start and end."""
    if not isinstance(resource_period, Mapping):
        return None, None
    return parse_datetime(resource_period.get("start")), parse_datetime(resource_period.get("end"))


def last_updated(resource: FhirResource) -> datetime | None:
    """``meta.lastUpdated`` of a resource."""
    meta = resource.get("meta")
    return parse_datetime(meta.get("lastUpdated")) if isinstance(meta, Mapping) else None


def human_name(names: Any) -> tuple[str, str]:
    """(full name "Given Middle Family", sort name "Family, Given Middle") of the best HumanName."""
    candidates = dicts(names)
    if not candidates:
        return "", ""
    preferred = next((n for n in candidates if n.get("use") == "official"), None)
    preferred = preferred or next((n for n in candidates if n.get("use") != "old"), candidates[0])
    given = [text(g) for g in as_list(preferred.get("given")) if text(g)]
    middle = [
        text(e.get("valueString"))
        for e in extensions(preferred, "no-basis-middlename")
        if text(e.get("valueString"))
    ]
    family = text(preferred.get("family"))
    first = " ".join(given + middle)
    if not first and not family:
        fallback = text(preferred.get("text"))
        return fallback, fallback
    full = " ".join(part for part in (first, family) if part)
    sort = ", ".join(part for part in (family, first) if part)
    return full, sort


def identifier_value(identifiers: Any, systems: Iterable[str]) -> str:
    """The value of the first identifier whose system is one of ``systems`` (in that order)."""
    found = dicts(identifiers)
    for system in systems:
        for identifier in found:
            if identifier.get("system") == system and (value := text(identifier.get("value"))):
                return value
    return ""


def telecom(points: Any, system: str = "phone") -> str:
    """The first contact point of a system (phone by default)."""
    for point in dicts(points):
        if point.get("system") == system and (value := text(point.get("value"))):
            return value
    return ""


def address_line(addresses: Any) -> str:
    """A one-line street address "Storgata 1, 0155 Oslo" from the home or first address."""
    found = dicts(addresses)
    if not found:
        return ""
    chosen = next((a for a in found if a.get("use") == "home"), found[0])
    street = ", ".join(text(line) for line in as_list(chosen.get("line")) if text(line))
    town = " ".join(p for p in (text(chosen.get("postalCode")), text(chosen.get("city"))) if p)
    return ", ".join(p for p in (street, town) if p) or text(chosen.get("text"))


def by_id(resources: Sequence[FhirResource]) -> dict[str, FhirResource]:
    """Index resources by ``id`` (resources without one are left out)."""
    return {text(r.get("id")): r for r in resources if text(r.get("id"))}


def effective_time(resource: FhirResource) -> datetime | None:
    """``effectiveDateTime`` as an aware datetime, or None when absent or not a full time."""
    value = resource.get("effectiveDateTime")
    if not isinstance(value, str):
        return None
    try:
        return parse_fhir_datetime(value)
    except DosageError:
        return None


def patient_name(patient: FhirResource) -> str:
    """The first name's text, or its given names and family name: a patient as a page title."""
    names: Sequence[Any] = patient.get("name") or ()
    for name in names:
        if not isinstance(name, Mapping):
            continue
        name_text = name.get("text")
        if isinstance(name_text, str) and name_text:
            return name_text
        parts = [*(name.get("given") or ()), name.get("family") or ""]
        joined = " ".join(p for p in parts if isinstance(p, str) and p)
        if joined:
            return joined
    return ""
