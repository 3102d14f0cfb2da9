"""Any FHIR element as a person reads it: Norwegian dates and times, codings by their display text.

Used where a view has no dedicated presenter for an element (the conflict dialog compares whole
resources). Knows the common data types (CodeableConcept, Coding, Reference, Quantity, Period,
Annotation, Dosage, Identifier) by their shape; anything else is shown as "name: value" pairs,
never as JSON. Never raises on junk.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from clinical.fhir_read import concept_text, parse_datetime, text
from ui.presenters.conflict_labels import empty, field_label, status_label, yes_no
from ui.presenters.formatting import format_date, format_datetime, format_decimal

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_STATUS_FIELDS = frozenset({"status", "intent", "priority"})


def readable(value: Any, *, path: str = "", resource_type: str = "") -> str:  # noqa: PLR0911 - one return per type
    """``value`` (the element named ``path`` of a ``resource_type``) as plain readable text."""
    if value is None or value in ([], {}, ""):
        return empty()
    if isinstance(value, list):
        parts = [readable(v, path=path, resource_type=resource_type) for v in value]
        return "\n".join(p for p in parts if p)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int | float):
        return format_decimal(value)
    if isinstance(value, str):
        if path in _STATUS_FIELDS:
            return status_label(resource_type, value)
        return _text_value(value)
    if isinstance(value, Mapping):
        return _element(value, resource_type=resource_type)
    return str(value)


def _text_value(value: str) -> str:
    if _DATE.match(value):
        return format_date(parse_datetime(value)) or value
    if _DATETIME.match(value):
        return format_datetime(parse_datetime(value)) or value
    return value


def _element(value: Mapping[str, Any], *, resource_type: str) -> str:  # noqa: PLR0911 - one return per data type
    if "coding" in value or ("text" in value and len(value) == 1):
        return concept_text(value) or empty()
    if "code" in value and "system" in value and "value" not in value:
        return text(value.get("display")) or text(value.get("code"))
    if "reference" in value or ("display" in value and "value" not in value):
        return text(value.get("display")) or text(value.get("reference"))
    if "value" in value and ("unit" in value or "code" in value):
        unit = text(value.get("unit")) or text(value.get("code"))
        return f"{format_decimal(value.get('value'))} {unit}".strip()
    if "start" in value or "end" in value:
        start = readable(value.get("start")) if value.get("start") else ""
        end = readable(value.get("end")) if value.get("end") else ""
        return " – ".join(p for p in (start, end) if p) or empty()
    if "dose" in value or "route" in value or "rateQuantity" in value:
        return _dosage(value, resource_type=resource_type)
    if "text" in value and ("time" in value or "authorReference" in value):
        return _annotation(value)
    if "system" in value and "value" in value:
        return text(value.get("value"))
    if "actor" in value:
        return (
            _element(value["actor"], resource_type=resource_type)
            if isinstance(value["actor"], Mapping)
            else empty()
        )
    return "\n".join(
        f"{field_label(key)}: {readable(item, path=key, resource_type=resource_type)}"
        for key, item in value.items()
        if key not in ("id", "url", "system")
    )


def _dosage(value: Mapping[str, Any], *, resource_type: str) -> str:
    parts = []
    if value.get("dose") is not None:
        parts.append(readable(value.get("dose"), resource_type=resource_type))
    if value.get("route") is not None:
        parts.append(readable(value.get("route"), resource_type=resource_type))
    if isinstance(value.get("text"), str) and value["text"].strip():
        parts.append(value["text"].strip())
    return ", ".join(p for p in parts if p) or empty()


def _annotation(value: Mapping[str, Any]) -> str:
    note = text(value.get("text"))
    by = readable(value.get("authorReference")) if value.get("authorReference") else ""
    at = _text_value(value["time"]) if isinstance(value.get("time"), str) else ""
    signed = " · ".join(p for p in (by, at) if p)
    return f"{note} ({signed})" if signed else note
