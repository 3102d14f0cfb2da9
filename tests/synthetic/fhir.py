"""Small builders for FHIR R4 JSON fragments, so resource modules read like the data they hold."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from clinical import codes

Resource = dict[str, Any]

OSLO = ZoneInfo("Europe/Oslo")


def ref(resource_type: str, rid: str, display: str | None = None) -> dict[str, str]:
    """A literal ``Type/id`` reference."""
    reference = {"reference": f"{resource_type}/{rid}"}
    if display:
        reference["display"] = display
    return reference


def coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    """One Coding."""
    result = {"system": system, "code": code}
    if display:
        result["display"] = display
    return result


def concept(
    system: str, code: str, display: str | None = None, text: str | None = None
) -> Resource:
    """A CodeableConcept with one coding and, if given, its text."""
    result: Resource = {"coding": [coding(system, code, display)]}
    if text:
        result["text"] = text
    return result


def text_concept(text: str) -> Resource:
    """A CodeableConcept that is only text, where no code system fits."""
    return {"text": text}


def quantity(value: float, unit: str, code: str | None = None) -> Resource:
    """A UCUM quantity; ``code`` defaults to ``unit``."""
    return {"value": value, "unit": unit, "system": codes.UCUM, "code": code or unit}


def local_datetime(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An Oslo wall-clock time as an aware datetime."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)


def local_time(day: dt.date, hour: int, minute: int = 0) -> str:
    """An Oslo wall-clock time as a FHIR dateTime with its UTC offset."""
    return local_datetime(day, hour, minute).isoformat()


def identifier(system: str, value: str) -> dict[str, str]:
    """An Identifier with the given system."""
    return {"system": system, "value": value}
