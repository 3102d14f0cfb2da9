"""Vital-sign Observations (LOINC, UCUM) and the NEWS2 score Observation derived from them.

Codes follow the FHIR R4 vital-signs profile: respiratory rate 9279-1, SpO2 2708-6 with
59408-5 (pulse oximetry), blood pressure as the 85354-9 panel with systolic 8480-6 and
diastolic 8462-4 components, heart rate 8867-4, body temperature 8310-5. Air or oxygen is
the inhaled oxygen flow rate 3151-8 in L/min (0 on room air); ACVPU is 67775-7 with the
product's ACVPU codes (``clinical.codes.PLEIEPUNKT_ACVPU``), as the synthetic history has it.

The NEWS2 Observation (category ``survey``) is coded SNOMED CT 1104051000000101 (UK
extension, no LOINC code exists) plus the product's own code; ``valueQuantity`` is the
aggregate, each subscore and the SpO2 scale are components, the response band is the
``interpretation`` and ``derivedFrom`` points to the Observations scored. A partial set is
stored as its vital signs only: with no aggregate there is no NEWS2 score to store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from clinical import codes
from clinical.news2 import (
    MESSAGES as NEWS2_MESSAGES,
)
from clinical.news2 import (
    Consciousness,
    News2Inputs,
    News2Result,
    Parameter,
    SpO2Scale,
    calculate,
    next_measurement_due,
)
from clinical.records.common import (
    PLEIEPUNKT,
    Json,
    RecordBuildError,
    Staff,
    fhir_datetime,
    fhir_number,
    identifier,
    new_id,
    reference,
)

NEWS2_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/news2"
NEWS2_BAND_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/news2-response-band"
SNOMED_NEWS2_TOTAL: Final = "1104051000000101"
_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"

_ACVPU_DISPLAY: Final = {
    Consciousness.ALERT: ("Alert", "Våken"),
    Consciousness.NEW_CONFUSION: ("New confusion", "Nyoppstått forvirring"),
    Consciousness.VOICE: ("Voice", "Reagerer på tiltale"),
    Consciousness.PAIN: ("Pain", "Reagerer på smerte"),
    Consciousness.UNRESPONSIVE: ("Unresponsive", "Reagerer ikke"),
}
_SUBSCORE_DISPLAY: Final = {
    Parameter.RESPIRATION_RATE: "Respirasjonsfrekvens, delskår",
    Parameter.SPO2: "SpO2, delskår",
    Parameter.AIR_OR_OXYGEN: "Luft eller oksygen, delskår",
    Parameter.SYSTOLIC_BP: "Systolisk blodtrykk, delskår",
    Parameter.PULSE: "Puls, delskår",
    Parameter.CONSCIOUSNESS: "Bevissthet (ACVPU), delskår",
    Parameter.TEMPERATURE: "Temperatur, delskår",
}


@dataclass(frozen=True)
class VitalSignsSet:
    """One bedside measurement; ``None`` means not measured.

    ``oxygen_flow`` is litres per minute and is required when ``on_oxygen`` is true.
    ``spo2_scale`` is scale 2 only when the patient has the documented decision.
    """

    respiration_rate: int | None = None
    spo2: int | None = None
    on_oxygen: bool | None = None
    oxygen_flow: float | None = None
    systolic: int | None = None
    diastolic: int | None = None
    pulse: int | None = None
    consciousness: Consciousness | None = None
    temperature: float | None = None
    spo2_scale: SpO2Scale = SpO2Scale.SCALE_1

    def news2_inputs(self) -> News2Inputs:
        """The NEWS2 inputs this set gives."""
        return News2Inputs(
            respiration_rate=self.respiration_rate,
            spo2=self.spo2,
            on_oxygen=self.on_oxygen,
            systolic_bp=self.systolic,
            pulse=self.pulse,
            consciousness=self.consciousness,
            temperature=self.temperature,
            spo2_scale=self.spo2_scale,
        )


def _loinc(code: str, display: str, text: str | None = None) -> Json:
    concept: Json = {"coding": [{"system": codes.LOINC, "code": code, "display": display}]}
    if text:
        concept["text"] = text
    return concept


def _quantity(value: float, unit: str, ucum: str) -> Json:
    return {"value": fhir_number(value), "unit": unit, "system": codes.UCUM, "code": ucum}


@dataclass(frozen=True)
class _Context:
    patient_id: str
    performer: Staff
    effective: datetime
    encounter_id: str | None


def _observation(context: _Context, code: Json) -> Json:
    rid = new_id()
    resource: Json = {
        "resourceType": "Observation",
        "id": rid,
        "identifier": [identifier(rid)],
        "status": "final",
        "category": [
            {"coding": [{"system": _CATEGORY, "code": "vital-signs", "display": "Vital Signs"}]}
        ],
        "code": code,
        "subject": reference("Patient", context.patient_id),
        "effectiveDateTime": fhir_datetime(context.effective),
        "performer": [context.performer.reference()],
    }
    if context.encounter_id:
        resource["encounter"] = reference("Encounter", context.encounter_id)
    return resource


def _with_quantity(context: _Context, code: Json, quantity: Json) -> Json:
    resource = _observation(context, code)
    resource["valueQuantity"] = quantity
    return resource


def _blood_pressure(context: _Context, systolic: int | None, diastolic: int | None) -> Json:
    resource = _observation(
        context,
        _loinc(
            codes.LOINC_BLOOD_PRESSURE_PANEL,
            "Blood pressure panel with all children optional",
            "Blodtrykk",
        ),
    )
    components = []
    for code, display, value in (
        (codes.LOINC_SYSTOLIC, "Systolic blood pressure", systolic),
        (codes.LOINC_DIASTOLIC, "Diastolic blood pressure", diastolic),
    ):
        component: Json = {"code": _loinc(code, display)}
        if value is None:
            component["dataAbsentReason"] = {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                        "code": "not-performed",
                    }
                ]
            }
        else:
            component["valueQuantity"] = _quantity(value, "mmHg", "mm[Hg]")
        components.append(component)
    resource["component"] = components
    return resource


def vital_sign_observations(
    values: VitalSignsSet,
    *,
    patient_id: str,
    performer: Staff,
    effective: datetime,
    encounter_id: str | None = None,
) -> dict[Parameter | str, Json]:
    """One Observation per measured vital sign, keyed by the NEWS2 parameter it feeds.

    Blood pressure is keyed ``Parameter.SYSTOLIC_BP`` (the panel holds both pressures); a
    diastolic without a systolic is keyed ``"diastolic-bp"``.
    """
    if values.on_oxygen and values.oxygen_flow is None:
        raise RecordBuildError("records.oxygen_flow_required")
    context = _Context(patient_id, performer, effective, encounter_id)
    result: dict[Parameter | str, Json] = {}
    if values.respiration_rate is not None:
        result[Parameter.RESPIRATION_RATE] = _with_quantity(
            context,
            _loinc(codes.LOINC_RESPIRATORY_RATE, "Respiratory rate", "Respirasjonsfrekvens"),
            _quantity(values.respiration_rate, "/min", "/min"),
        )
    if values.spo2 is not None:
        spo2_code = _loinc(
            codes.LOINC_OXYGEN_SATURATION_ARTERIAL, "Oxygen saturation in Arterial blood", "SpO₂"
        )
        spo2_code["coding"].append(
            {
                "system": codes.LOINC,
                "code": codes.LOINC_OXYGEN_SATURATION,
                "display": "Oxygen saturation in Arterial blood by Pulse oximetry",
            }
        )
        result[Parameter.SPO2] = _with_quantity(
            context, spo2_code, _quantity(values.spo2, "%", "%")
        )
    if values.on_oxygen is not None:
        flow = values.oxygen_flow if values.on_oxygen else 0
        result[Parameter.AIR_OR_OXYGEN] = _with_quantity(
            context,
            _loinc(
                codes.LOINC_INHALED_OXYGEN_FLOW,
                "Inhaled oxygen flow rate",
                "Oksygentilførsel (l/min)",
            ),
            _quantity(flow or 0, "l/min", "L/min"),
        )
    if values.systolic is not None or values.diastolic is not None:
        key: Parameter | str = (
            Parameter.SYSTOLIC_BP if values.systolic is not None else "diastolic-bp"
        )
        result[key] = _blood_pressure(context, values.systolic, values.diastolic)
    if values.pulse is not None:
        result[Parameter.PULSE] = _with_quantity(
            context,
            _loinc(codes.LOINC_HEART_RATE, "Heart rate", "Puls"),
            _quantity(values.pulse, "/min", "/min"),
        )
    if values.consciousness is not None:
        english, bokmal = _ACVPU_DISPLAY[values.consciousness]
        acvpu = _observation(
            context,
            _loinc(codes.LOINC_CONSCIOUSNESS, "Level of responsiveness", "Bevissthet (ACVPU)"),
        )
        acvpu["valueCodeableConcept"] = {
            "coding": [
                {
                    "system": codes.PLEIEPUNKT_ACVPU,
                    "code": values.consciousness.value,
                    "display": english,
                }
            ],
            "text": bokmal,
        }
        result[Parameter.CONSCIOUSNESS] = acvpu
    if values.temperature is not None:
        result[Parameter.TEMPERATURE] = _with_quantity(
            context,
            _loinc(codes.LOINC_BODY_TEMPERATURE, "Body temperature", "Temperatur"),
            _quantity(values.temperature, "°C", "Cel"),
        )
    return result


def _news2_code() -> Json:
    return {
        "coding": [
            {
                "system": codes.SNOMED_CT,
                "code": SNOMED_NEWS2_TOTAL,
                "display": "Royal College of Physicians NEWS2 (National Early Warning Score 2) "
                "total score",
            },
            {"system": NEWS2_SYSTEM, "code": "total", "display": "NEWS2 samlet skår"},
        ],
        "text": "NEWS2",
    }


def news2_observation(
    result: News2Result,
    *,
    derived_from: Sequence[str],
    patient_id: str,
    performer: Staff,
    effective: datetime,
    encounter_id: str | None = None,
) -> Json:
    """The NEWS2 score of a complete set, derived from the Observations ``derived_from`` (ids)."""
    aggregate, band = result.aggregate, result.band
    if aggregate is None or band is None:
        raise RecordBuildError("records.news2_incomplete")
    if not derived_from:
        raise RecordBuildError("records.news2_without_inputs")
    context = _Context(patient_id, performer, effective, encounter_id)
    resource = _observation(context, _news2_code())
    resource["category"] = [
        {"coding": [{"system": _CATEGORY, "code": "survey", "display": "Survey"}]}
    ]
    resource["valueQuantity"] = {
        "value": aggregate,
        "unit": "poeng",
        "system": codes.UCUM,
        "code": "{score}",
    }
    resource["interpretation"] = [
        {
            "coding": [{"system": NEWS2_BAND_SYSTEM, "code": band.value}],
            "text": NEWS2_MESSAGES[band.message_key]["nb"],
        }
    ]
    components: list[Json] = [
        {
            "code": {
                "coding": [
                    {
                        "system": NEWS2_SYSTEM,
                        "code": subscore.parameter.value,
                        "display": _SUBSCORE_DISPLAY[subscore.parameter],
                    }
                ]
            },
            "valueInteger": subscore.score,
        }
        for subscore in result.subscores
    ]
    components.append(
        {
            "code": {
                "coding": [{"system": NEWS2_SYSTEM, "code": "spo2-scale", "display": "SpO2-skala"}]
            },
            "valueInteger": int(result.spo2_scale),
        }
    )
    due = next_measurement_due(result, measured_at=effective)
    if due is not None:
        components.append(
            {
                "code": {
                    "coding": [
                        {
                            "system": NEWS2_SYSTEM,
                            "code": "next-measurement-due",
                            "display": "Neste måling senest",
                        }
                    ]
                },
                "valueDateTime": fhir_datetime(due),
            }
        )
    resource["component"] = components
    resource["derivedFrom"] = [reference("Observation", rid) for rid in derived_from]
    return resource


def vital_signs_resources(
    values: VitalSignsSet,
    *,
    patient_id: str,
    performer: Staff,
    effective: datetime,
    encounter_id: str | None = None,
) -> tuple[list[Json], News2Result]:
    """All Observations of one set (vital signs, then NEWS2 when complete) and its score."""
    observations = vital_sign_observations(
        values,
        patient_id=patient_id,
        performer=performer,
        effective=effective,
        encounter_id=encounter_id,
    )
    result = calculate(values.news2_inputs())
    resources = list(observations.values())
    if result.complete:
        inputs: Mapping[Parameter | str, Json] = observations
        scored = [inputs[s.parameter]["id"] for s in result.subscores if s.parameter in inputs]
        resources.append(
            news2_observation(
                result,
                derived_from=list(dict.fromkeys(scored)),
                patient_id=patient_id,
                performer=performer,
                effective=effective,
                encounter_id=encounter_id,
            )
        )
    return resources, result


__all__ = [
    "VitalSignsSet",
    "news2_observation",
    "vital_sign_observations",
    "vital_signs_resources",
]
