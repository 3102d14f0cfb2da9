"""Two versions of a FHIR resource compared field by field, in words, and merged (pure).

``compare`` gives what the conflict dialog shows: each field a nurse can judge with its label
("Dose", "Status", "Time"), both values as readable text (``ui.presenters.fhir_values``), and
whether they differ. Fields that agree are shown too when they tell which record this is (the
medicine, the time), so the two columns can be read on their own. ``merge`` builds the resource
to keep from per-field choices.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from clinical.fhir_read import concept_text, text
from ui.presenters.conflict_labels import field_label, resource_label
from ui.presenters.fhir_values import readable

IGNORED_FIELDS = frozenset({"meta", "text", "id", "resourceType", "contained"})
# The order a nurse reads a record in; fields not listed follow in alphabetical order.
_READING_ORDER = (
    "medicationReference",
    "medicationCodeableConcept",
    "code",
    "effectiveDateTime",
    "effectivePeriod",
    "occurrenceDateTime",
    "status",
    "statusReason",
    "valueQuantity",
    "valueCodeableConcept",
    "component",
    "dosage",
    "dosageInstruction",
    "reasonCode",
    "performer",
    "note",
)
# Shown even when both versions agree: they say which record this is.
_CONTEXT_FIELDS = frozenset(
    {
        "medicationReference",
        "medicationCodeableConcept",
        "code",
        "effectiveDateTime",
        "effectivePeriod",
        "occurrenceDateTime",
    }
)


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """One top-level element that differs (its FHIR name), for merging."""

    path: str


@dataclass(frozen=True, slots=True)
class FieldComparison:
    """One field as the dialog shows it: label, both values in words, and whether they differ."""

    path: str
    label: str
    local: str
    server: str
    differs: bool


def _order(key: str) -> tuple[int, str]:
    return (_READING_ORDER.index(key) if key in _READING_ORDER else len(_READING_ORDER), key)


def differences(
    local: Mapping[str, Any] | None, server: Mapping[str, Any] | None
) -> list[FieldDifference]:
    """Top-level elements whose values differ (meta, text and id ignored), sorted by name."""
    ours = local or {}
    theirs = server or {}
    keys = sorted((set(ours) | set(theirs)) - IGNORED_FIELDS)
    return [FieldDifference(path=key) for key in keys if ours.get(key) != theirs.get(key)]


def compare(
    resource_type: str, local: Mapping[str, Any] | None, server: Mapping[str, Any] | None
) -> list[FieldComparison]:
    """Differing fields and the identifying ones, in reading order, as words."""
    ours = local or {}
    theirs = server or {}
    keys = sorted((set(ours) | set(theirs)) - IGNORED_FIELDS, key=_order)
    found = []
    for key in keys:
        differs = ours.get(key) != theirs.get(key)
        if not differs and key not in _CONTEXT_FIELDS:
            continue
        found.append(
            FieldComparison(
                path=key,
                label=field_label(key),
                local=readable(ours.get(key), path=key, resource_type=resource_type),
                server=readable(theirs.get(key), path=key, resource_type=resource_type),
                differs=differs,
            )
        )
    return found


def conflict_heading(
    resource_type: str, local: Mapping[str, Any] | None, server: Mapping[str, Any] | None
) -> str:
    """ "Medicine given or not given: Eliquis 2,5 mg, 12.03.2025 08:00" – what and when."""
    resource = local or server or {}
    what = ""
    for key in ("medicationReference", "medicationCodeableConcept", "code"):
        value = resource.get(key)
        if isinstance(value, Mapping):
            what = text(value.get("display")) or concept_text(value)
        if what:
            break
    when = ""
    for key in ("effectiveDateTime", "occurrenceDateTime", "authoredOn", "issued"):
        if isinstance(resource.get(key), str):
            when = readable(resource[key])
            break
    detail = ", ".join(p for p in (what, when) if p)
    kind = resource_label(resource_type)
    return f"{kind}: {detail}" if detail else kind


def merge(
    local: Mapping[str, Any] | None,
    server: Mapping[str, Any] | None,
    *,
    take_local: Iterable[str],
) -> dict[str, Any]:
    """The server version with the chosen fields taken from the local one (absent = removed)."""
    merged: dict[str, Any] = dict(server or local or {})
    ours = local or {}
    for key in take_local:
        if key in ours:
            merged[key] = ours[key]
        else:
            merged.pop(key, None)
    return merged
