"""Readers of the medication facts the round and the pack check judge, from FHIR R4 JSON.

What drug a Medication is (ATC, GTINs, name), what the allergy check needs to know about it,
whether an order is delivered in multidose pouches, and which scheduled dose an administration
documents. Stdlib only; every reader tolerates missing and malformed fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from clinical import codes
from clinical.allergy_check import ATC_SYSTEMS, Coding, Drug
from clinical.doses import DosageError, parse_fhir_datetime
from clinical.fhir_read import codings, concept_text
from clinical.records.administration import GTIN_SYSTEM, SCHEDULED_TIME_URL

FhirJson = Mapping[str, Any]


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
    """The Medication's name as the catalogue writes it (never a bare code), else ``fallback``."""
    if medication is None:
        return fallback
    return concept_text(medication.get("code"), code_fallback=False) or fallback


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
