"""What a done care-plan activity (tiltak) produced: a Procedure, or a measured Observation.

- An activity done with something to tell (the wound looked smaller, the stockings left
  marks) is a ``Procedure`` (R4: "an action that is or was performed on or for a patient"):
  ``status`` completed, ``code`` the activity's own code or words, ``basedOn`` → the CarePlan,
  ``performedDateTime``, ``performer.actor`` the nurse, the finding in ``note``.
- An activity that measures (weighing, blood glucose) gives an ``Observation`` with the
  measured value, ``basedOn`` → the CarePlan. Which activities measure what is decided by the
  activity's SNOMED CT procedure code (``MEASURED``): 39857003 "Weighing patient" gives LOINC
  29463-7 Body weight in kg (R4 vital-signs profile), 33747003 "Glucose measurement, blood"
  gives LOINC 15074-8 Glucose [Moles/volume] in Blood in mmol/L (the unit Norwegian services
  use). No Norwegian tiltak code system exists (research note issue18-design §3.1), so an
  activity with only words never measures: it can still be done with a finding in words.

The Task that tracked the activity points at either as its ``output``
(``clinical.records.task_writer.task_done``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

from clinical import codes
from clinical.records.common import (
    Json,
    RecordBuildError,
    Staff,
    fhir_datetime,
    fhir_number,
    identifier,
    new_id,
    reference,
)

MAX_FINDING_LENGTH: Final = 2000


@dataclass(frozen=True)
class Measure:
    """A measured quantity: LOINC code, display, UCUM unit, the range a typed value must be in."""

    loinc: str
    display: str
    unit: str
    low: Decimal
    high: Decimal
    category: str


MEASURED: Final[Mapping[str, Measure]] = MappingProxyType(
    {
        "39857003": Measure(
            codes.LOINC_BODY_WEIGHT, "Body weight", "kg", Decimal(20), Decimal(300), "vital-signs"
        ),
        "33747003": Measure(
            codes.LOINC_BLOOD_GLUCOSE_MOLAR,
            "Glucose [Moles/volume] in Blood",
            "mmol/L",
            Decimal("0.5"),
            Decimal(50),
            "laboratory",
        ),
    }
)


def measure_of(activity_code: Mapping[str, Any] | None) -> Measure | None:
    """The measurement an activity's SNOMED CT code stands for, or None."""
    if not isinstance(activity_code, Mapping):
        return None
    for coding in activity_code.get("coding") or ():
        if isinstance(coding, Mapping) and coding.get("system") == codes.SNOMED_CT:
            found = MEASURED.get(str(coding.get("code")))
            if found is not None:
                return found
    return None


def _activity_code(code: Mapping[str, Any] | None, title: str) -> Json:
    concept: Json = dict(code) if isinstance(code, Mapping) and code else {}
    if not concept.get("text"):
        concept["text"] = title
    return concept


def activity_procedure(
    *,
    patient_id: str,
    care_plan_id: str,
    code: Mapping[str, Any] | None,
    title: str,
    performer: Staff,
    performed: datetime,
    finding: str,
    resource_id: str | None = None,
) -> Json:
    """The performed activity with the nurse's finding in words."""
    words = finding.strip()
    if not words:
        raise RecordBuildError("finding.empty")
    if len(words) > MAX_FINDING_LENGTH:
        raise RecordBuildError("finding.too_long")
    rid = resource_id or new_id()
    return {
        "resourceType": "Procedure",
        "id": rid,
        "identifier": [identifier(rid)],
        "basedOn": [reference("CarePlan", care_plan_id)],
        "status": "completed",
        "code": _activity_code(code, title),
        "subject": reference("Patient", patient_id),
        "performedDateTime": fhir_datetime(performed),
        "recorder": performer.reference(),
        "performer": [{"actor": performer.reference()}],
        "note": [
            {
                "authorReference": performer.reference(),
                "time": fhir_datetime(performed),
                "text": words,
            }
        ],
    }


def activity_observation(
    *,
    patient_id: str,
    care_plan_id: str,
    measure: Measure,
    value: Decimal,
    performer: Staff,
    effective: datetime,
    note: str = "",
    resource_id: str | None = None,
) -> Json:
    """The measured value of an activity that measures (weight, blood glucose)."""
    if not measure.low <= value <= measure.high:
        raise RecordBuildError("finding.value_out_of_range")
    rid = resource_id or new_id()
    observation: Json = {
        "resourceType": "Observation",
        "id": rid,
        "identifier": [identifier(rid)],
        "basedOn": [reference("CarePlan", care_plan_id)],
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": codes.OBSERVATION_CATEGORY,
                        "code": measure.category,
                        "display": "Vital Signs"
                        if measure.category == "vital-signs"
                        else "Laboratory",
                    }
                ]
            }
        ],
        "code": {
            "coding": [{"system": codes.LOINC, "code": measure.loinc, "display": measure.display}],
            "text": measure.display,
        },
        "subject": reference("Patient", patient_id),
        "effectiveDateTime": fhir_datetime(effective),
        "performer": [performer.reference()],
        "valueQuantity": {
            "value": fhir_number(value),
            "unit": measure.unit,
            "system": codes.UCUM,
            "code": measure.unit,
        },
    }
    if note.strip():
        if len(note) > MAX_FINDING_LENGTH:
            raise RecordBuildError("finding.too_long")
        observation["note"] = [{"text": note.strip()}]
    return observation
