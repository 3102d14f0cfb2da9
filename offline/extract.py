"""What the views search by, extracted from a resource at write time (pure, no I/O).

The store keeps the exact JSON and, beside it, a few derived columns and side-table rows:
patient compartment, a clinically meaningful date, status, codes, identifiers and every
outgoing reference. They are rebuilt on every write of the row, so they never drift.

This runs for every resource a sync stores, so below the top level it tests for ``dict`` and
``list`` (what JSON parsing and ``parse_resource`` produce; anything else could not have been
serialised for storage) rather than the much slower ``Mapping`` ABC check, and walks references
with a plain recursive function rather than nested generators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from clinical.fhir_time import parse_date_time
from clinical.welfare.logical import logical_patient

# ``for`` is Task's: a Task about a patient (a renewal request, a follow-up) is in their
# compartment, so it is found, purged and scoped with the rest of the patient's record.
_PATIENT_FIELDS = ("patient", "subject", "beneficiary", "for")
_DATE_PATHS: tuple[tuple[str, ...], ...] = (
    ("effectiveDateTime",),
    ("effectiveInstant",),
    ("effectivePeriod", "start"),
    ("occurrenceDateTime",),
    ("authoredOn",),
    ("whenHandedOver",),
    ("identifiedDateTime",),
    ("identifiedPeriod", "start"),
    ("sent",),
    ("whenPrepared",),
    ("onsetDateTime",),
    ("onsetPeriod", "start"),
    ("recordedDate",),
    ("performedDateTime",),
    ("performedPeriod", "start"),
    ("start",),
    ("period", "start"),
    ("dateAsserted",),
    ("dateTime",),
    ("issued",),
    ("recorded",),
    ("date",),
)
_CODE_FIELDS = ("code", "vaccineCode", "medicationCodeableConcept")


@dataclass(frozen=True, slots=True)
class IndexFields:
    """Search keys of one resource."""

    patient_id: str | None
    date: str | None
    status: str | None
    codes: tuple[tuple[str, str], ...]
    identifiers: tuple[tuple[str, str], ...]
    references: tuple[str, ...]
    logical: tuple[str, str] | None = None
    """The patient named by identifier only (VKP, PMD: ``subject.identifier``), as
    ``(system, value)``; ``offline.logical_refs`` resolves it to ``patient_id``."""


def index_fields(resource: Mapping[str, Any], *, compact_text: str | None = None) -> IndexFields:
    """The search keys of ``resource`` (already structurally checked).

    ``compact_text``, when given, must be ``resource`` as ``resource_check.compact_json`` writes
    it; its references are then read from that text (``_text_references``), not walked.
    """
    rtype = resource["resourceType"]
    status = resource.get("status")
    patient = resource["id"] if rtype == "Patient" else patient_of(resource)
    logical = None if patient is not None or rtype == "Patient" else logical_patient(resource)
    return IndexFields(
        patient_id=patient,
        date=_first_date(resource),
        status=status if isinstance(status, str) else None,
        codes=tuple(dict.fromkeys(_codes(resource))),
        identifiers=tuple(dict.fromkeys(_identifiers(resource))),
        references=tuple(dict.fromkeys(_references(resource, compact_text))),
        logical=None if logical is None else (logical.system, logical.value),
    )


def indexed_references(fields: IndexFields, patient_id: str | None) -> tuple[str, ...]:
    """References kept in the ``resource_ref`` side table: all but the compartment's own
    patient, which the ``patient_id`` column already indexes (one row fewer per resource)."""
    own = f"Patient/{patient_id}" if patient_id else None
    return tuple(t for t in fields.references if t != own)


def patient_of(resource: Mapping[str, Any]) -> str | None:
    """The id of the Patient whose compartment holds ``resource``, if any."""
    for name in _PATIENT_FIELDS:
        ref = resource.get(name)
        if isinstance(ref, dict):
            target = normalise_reference(ref.get("reference"))
            if target and target.startswith("Patient/"):
                return target.removeprefix("Patient/")
    for participant in _as_list(resource.get("participant")):
        actor = participant.get("actor") if isinstance(participant, dict) else None
        if isinstance(actor, dict):
            target = normalise_reference(actor.get("reference"))
            if target and target.startswith("Patient/"):
                return target.removeprefix("Patient/")
    return None


def normalise_reference(value: Any) -> str | None:
    """``Type/id`` for relative, absolute and versioned references; ``urn:`` and ``#`` as given."""
    if not isinstance(value, str) or not value:
        return None
    if value.startswith(("urn:", "#")):
        return value
    parts = value.split("/")
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    if len(parts) >= 2:
        return f"{parts[-2]}/{parts[-1]}"
    return value


def normalise_date(value: Any) -> str | None:
    """FHIR date/dateTime/instant as sortable text: UTC ``…Z`` (milliseconds) when a time is
    given, the partial date as written otherwise (see ``clinical.fhir_time``)."""
    if not isinstance(value, str) or len(value) < 4:
        return None
    if "T" not in value:
        return value
    try:
        # The C parser reads nearly every stamp (microseconds at most) a hundred times faster;
        # what it cannot (a leap second) or cannot place (no zone) goes to the FHIR grammar.
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("no zone")
        moment = parsed.astimezone(UTC)
    except ValueError:
        try:
            moment = parse_date_time(value).start.to_datetime()
        except ValueError:
            return value
    if moment.year < 1000:  # strftime writes such a year unpadded; stored dates keep that form
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    # The same text as the strftime above, several times faster: ``…+00:00`` becomes ``…Z``.
    return moment.isoformat(timespec="milliseconds")[:-6] + "Z"


def _first_date(resource: Mapping[str, Any]) -> str | None:
    for path in _DATE_PATHS:
        node: Any = resource.get(path[0])
        for step in path[1:]:
            node = node.get(step) if isinstance(node, dict) else None
        if isinstance(node, str):
            return normalise_date(node)
    return None


def _codes(resource: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for name in _CODE_FIELDS:
        concept = resource.get(name)
        if isinstance(concept, dict):
            for coding in _as_list(concept.get("coding")):
                if isinstance(coding, dict) and isinstance(coding.get("code"), str):
                    system = coding.get("system")
                    yield (system if isinstance(system, str) else "", coding["code"])


def _identifiers(resource: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    idents = resource.get("identifier")
    for ident in [idents] if isinstance(idents, dict) else _as_list(idents):
        if isinstance(ident, dict) and isinstance(ident.get("value"), str):
            system = ident.get("system")
            yield (system if isinstance(system, str) else "", ident["value"])


def _references(resource: Mapping[str, Any], compact_text: str | None = None) -> list[str]:
    """Every ``reference`` value in ``resource``, depth first in document order."""
    if compact_text is not None:
        from_text = _text_references(compact_text)
        if from_text is not None:
            return from_text
    found: list[str] = []
    _collect_references(resource.items(), found)
    return found


# In compact JSON text (``resource_check.compact_json``: no whitespace, each key once, a quote
# inside a string always escaped) ``"reference":`` is a key named ``reference`` unless its
# quote is escaped (a key with a quote inside, ``\"reference":``): a quote that is not escaped
# opens or closes a string, and one that closed a string cannot be followed by a letter. When
# every such key has a plain string value (no escape in it), the values found here, in text
# order, are the walk's, in the walk's order (depth first in document order); otherwise the
# resource is walked. Literal searches, several times faster than walking the parsed resource.
_REFERENCE_KEY = '"reference":'
_ESCAPED_KEY = '\\"reference":'
_PLAIN_REFERENCE = re.compile(r'"reference":"([^"\\]*)"')


def _text_references(compact_text: str) -> list[str] | None:
    """The walk's answer read from compact text, or None when only the walk can tell."""
    values = _PLAIN_REFERENCE.findall(compact_text)
    if len(values) != compact_text.count(_REFERENCE_KEY) or _ESCAPED_KEY in compact_text:
        return None  # a reference that is no plain string (an object, null, an escape)
    found: list[str] = []
    for value in values:
        target = normalise_reference(value)
        if target and not target.startswith("#"):
            found.append(target)
    return found


def _collect_references(items: Iterable[tuple[Any, Any]], found: list[str]) -> None:
    for key, value in items:
        if key == "reference":
            target = normalise_reference(value)
            if target and not target.startswith("#"):
                found.append(target)
        elif isinstance(value, dict):
            _collect_references(value.items(), found)
        elif isinstance(value, list):
            _collect_references(enumerate(value), found)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
