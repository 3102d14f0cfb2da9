"""The effect follow-up of an as-needed (PRN) dose: a Task now, an Observation later.

The Task (``status`` requested, ``focus`` → the MedicationAdministration, ``for`` → Patient)
is the reminder; ``restriction.period`` is when the effect should be assessed. The effect is an
Observation with ``partOf`` → the administration and a coded value from ``PRN_EFFECT_SYSTEM``
(effective / partly effective / not effective / too early to tell, as UK care-home eMARs
record it); the Task is then completed with the Observation as its output.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any, Final, Literal

from clinical.records.common import (
    PLEIEPUNKT,
    TASK_CODE_SYSTEM,
    Json,
    RecordBuildError,
    Staff,
    fhir_datetime,
    identifier,
    new_id,
    reference,
)

Language = Literal["nb", "en"]

PRN_EFFECT_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/prn-effect"
FOLLOWUP_CODE: Final = "prn-effect-followup"
OBSERVATION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"


class PrnEffect(StrEnum):
    """How well an as-needed dose worked."""

    EFFECTIVE = "effective"
    PARTLY_EFFECTIVE = "partly-effective"
    NOT_EFFECTIVE = "not-effective"
    TOO_EARLY = "too-early"

    def label(self, language: Language) -> str:
        """The label shown to the user."""
        return _EFFECT_LABELS[self][language]


_EFFECT_LABELS: Final = {
    PrnEffect.EFFECTIVE: {"nb": "God effekt", "en": "Effective"},
    PrnEffect.PARTLY_EFFECTIVE: {"nb": "Delvis effekt", "en": "Partly effective"},
    PrnEffect.NOT_EFFECTIVE: {"nb": "Ingen effekt", "en": "Not effective"},
    PrnEffect.TOO_EARLY: {"nb": "For tidlig å vurdere", "en": "Too early to tell"},
}


def effect_followup_task(
    *,
    administration_id: str,
    patient_id: str,
    requester: Staff,
    authored: datetime,
    assess_from: datetime,
    assess_by: datetime,
    medication_display: str,
    resource_id: str | None = None,
) -> Json:
    """The reminder to assess the effect of the PRN dose ``administration_id``."""
    if assess_by < assess_from:
        raise RecordBuildError("records.followup_window_reversed")
    rid = resource_id or new_id()
    return {
        "resourceType": "Task",
        "id": rid,
        "identifier": [identifier(rid)],
        "status": "requested",
        "intent": "order",
        "priority": "routine",
        "code": {
            "coding": [
                {
                    "system": TASK_CODE_SYSTEM,
                    "code": FOLLOWUP_CODE,
                    "display": "Vurder effekt av behovsmedisin",
                }
            ],
            "text": "Vurder effekt av behovsmedisin",
        },
        "description": f"Vurder effekt av {medication_display}",
        "focus": reference("MedicationAdministration", administration_id),
        "for": reference("Patient", patient_id),
        "authoredOn": fhir_datetime(authored),
        "lastModified": fhir_datetime(authored),
        "requester": requester.reference(),
        "restriction": {
            "period": {"start": fhir_datetime(assess_from), "end": fhir_datetime(assess_by)}
        },
    }


def effect_observation(
    *,
    administration_id: str,
    patient_id: str,
    performer: Staff,
    effective: datetime,
    effect: PrnEffect,
    note: str | None = None,
    resource_id: str | None = None,
) -> Json:
    """The assessed effect of the PRN dose ``administration_id``."""
    rid = resource_id or new_id()
    observation: Json = {
        "resourceType": "Observation",
        "id": rid,
        "identifier": [identifier(rid)],
        "partOf": [reference("MedicationAdministration", administration_id)],
        "status": "final",
        "category": [
            {"coding": [{"system": OBSERVATION_CATEGORY, "code": "therapy", "display": "Therapy"}]}
        ],
        "code": {
            "coding": [
                {
                    "system": PRN_EFFECT_SYSTEM,
                    "code": "prn-effect",
                    "display": "Effekt av behovsmedisin",
                }
            ],
            "text": "Effekt av behovsmedisin",
        },
        "subject": reference("Patient", patient_id),
        "effectiveDateTime": fhir_datetime(effective),
        "performer": [performer.reference()],
        "valueCodeableConcept": {
            "coding": [
                {"system": PRN_EFFECT_SYSTEM, "code": effect.value, "display": effect.label("nb")}
            ],
            "text": effect.label("nb"),
        },
    }
    if note and note.strip():
        observation["note"] = [{"text": note.strip()}]
    return observation


def completed_followup(
    task: Mapping[str, Any], *, observation_id: str, owner: Staff, at: datetime
) -> Json:
    """A copy of the follow-up Task, completed by ``owner`` with the effect Observation."""
    if task.get("resourceType") != "Task" or not task.get("id"):
        raise RecordBuildError("records.not_a_task")
    updated: Json = copy.deepcopy(dict(task))
    updated["status"] = "completed"
    updated["owner"] = owner.reference()
    updated["lastModified"] = fhir_datetime(at)
    updated["executionPeriod"] = {"end": fhir_datetime(at)}
    updated["output"] = [
        {
            "type": {"text": "Effekt av behovsmedisin"},
            "valueReference": reference("Observation", observation_id),
        }
    ]
    return updated
