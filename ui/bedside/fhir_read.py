"""Small readers of FHIR JSON used by the bedside views (no Qt)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from clinical import codes
from clinical.allergy_check import ATC_SYSTEMS, Coding, Drug
from clinical.doses import DosageError, parse_fhir_datetime
from clinical.records.administration import GTIN_SYSTEM, SCHEDULED_TIME_URL

FhirJson = Mapping[str, Any]


def codings(concept: object) -> Iterator[tuple[str, str, str | None]]:
    """(system, code, display) of a CodeableConcept's codings that have system and code."""
    if not isinstance(concept, Mapping):
        return
    for coding in concept.get("coding") or ():
        if isinstance(coding, Mapping):
            system, code = coding.get("system"), coding.get("code")
            if isinstance(system, str) and isinstance(code, str):
                display = coding.get("display")
                yield system, code, display if isinstance(display, str) else None


def concept_text(concept: object) -> str:
    """A CodeableConcept's text, else its first display, else ""."""
    if not isinstance(concept, Mapping):
        return ""
    text = concept.get("text")
    if isinstance(text, str) and text:
        return text
    return next((d for _, _, d in codings(concept) if d), "")


def reference_id(ref: object, resource_type: str) -> str | None:
    """The id of a literal ``Type/id`` reference of the given type."""
    if not isinstance(ref, Mapping):
        return None
    value = ref.get("reference")
    if not isinstance(value, str):
        return None
    prefix = f"{resource_type}/"
    return value[len(prefix) :] if value.startswith(prefix) else None


def medication_atc(medication: FhirJson | None) -> str | None:
    """The most specific ATC code on a Medication's code."""
    if medication is None:
        return None
    found = [c for s, c, _ in codings(medication.get("code")) if s in ATC_SYSTEMS]
    return max(found, key=len).upper() if found else None


def medication_gtins(medication: FhirJson | None) -> list[str]:
    """GTINs coded on a Medication."""
    if medication is None:
        return []
    return [c for s, c, _ in codings(medication.get("code")) if s == GTIN_SYSTEM]


def medication_name(medication: FhirJson | None, fallback: str = "") -> str:
    """The Medication's name as the catalogue writes it."""
    if medication is None:
        return fallback
    return concept_text(medication.get("code")) or fallback


def allergy_drug(medication: FhirJson | None, atc: str | None = None) -> Drug:
    """What ``clinical.allergy_check`` needs to know about a Medication."""
    substance_codes: set[Coding] = set()
    names: set[str] = set()
    for ingredient in (medication or {}).get("ingredient") or ():
        if not isinstance(ingredient, Mapping):
            continue
        item = ingredient.get("itemCodeableConcept")
        for system, code, display in codings(item):
            substance_codes.add(Coding(system, code))
            if display:
                names.add(display)
    return Drug(
        atc=atc or medication_atc(medication),
        substance_codes=frozenset(substance_codes),
        substance_names=frozenset(names),
    )


def is_multidose(resource: FhirJson | None) -> bool:
    """True when the item is delivered in multidose pouches."""
    for extension in (resource or {}).get("extension") or ():
        if (
            isinstance(extension, Mapping)
            and extension.get("url") == codes.PLEIEPUNKT_MULTIDOSE
            and extension.get("valueBoolean") is True
        ):
            return True
    return False


def scheduled_time(administration: FhirJson) -> datetime | None:
    """The ``scheduled-time`` extension of an administration."""
    for extension in administration.get("extension") or ():
        if isinstance(extension, Mapping) and extension.get("url") == SCHEDULED_TIME_URL:
            value = extension.get("valueDateTime")
            if isinstance(value, str):
                try:
                    return parse_fhir_datetime(value)
                except DosageError:
                    return None
    return None


def effective_time(resource: FhirJson) -> datetime | None:
    """``effectiveDateTime`` as an aware datetime."""
    value = resource.get("effectiveDateTime")
    if not isinstance(value, str):
        return None
    try:
        return parse_fhir_datetime(value)
    except DosageError:
        return None


def patient_name(patient: FhirJson) -> str:
    """The official name's text, or given + family."""
    names: Sequence[Any] = patient.get("name") or ()
    for name in names:
        if not isinstance(name, Mapping):
            continue
        text = name.get("text")
        if isinstance(text, str) and text:
            return text
        parts = [*(name.get("given") or ()), name.get("family") or ""]
        joined = " ".join(p for p in parts if isinstance(p, str) and p)
        if joined:
            return joined
    return ""
