"""Vital-sign and NEWS2 Observations grouped into measurement sets over time (no Qt)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from clinical import codes
from clinical.fhir_read import codings, effective_time
from clinical.news2 import (
    Consciousness,
    News2InputError,
    News2Inputs,
    News2Result,
    SpO2Scale,
    calculate,
)
from clinical.records.vital_signs import NEWS2_SYSTEM, SNOMED_NEWS2_TOTAL


class Series(StrEnum):
    """What the trend can plot."""

    NEWS2 = "news2"
    RESPIRATION_RATE = "respiration-rate"
    SPO2 = "spo2"
    SYSTOLIC = "systolic"
    PULSE = "pulse"
    TEMPERATURE = "temperature"


@dataclass(frozen=True)
class MeasurementSet:
    """Everything measured at one time; ``None`` where nothing was recorded."""

    at: datetime
    values: Mapping[Series, float] = field(default_factory=dict)
    diastolic: float | None = None
    oxygen_flow: float | None = None
    acvpu: str | None = None


def _quantity(resource: Mapping[str, Any]) -> float | None:
    quantity = resource.get("valueQuantity")
    if isinstance(quantity, Mapping):
        value = quantity.get("value")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def _codes(resource: Mapping[str, Any]) -> set[tuple[str, str]]:
    return {(system, code) for system, code, _ in codings(resource.get("code"))}


def _read(resource: Mapping[str, Any]) -> dict[str, Any]:
    found = _codes(resource)
    loinc = {code for system, code in found if system == codes.LOINC}
    value = _quantity(resource)
    if (codes.SNOMED_CT, SNOMED_NEWS2_TOTAL) in found or (NEWS2_SYSTEM, "total") in found:
        return {"series": {Series.NEWS2: value}} if value is not None else {}
    simple = {
        codes.LOINC_RESPIRATORY_RATE: Series.RESPIRATION_RATE,
        codes.LOINC_OXYGEN_SATURATION: Series.SPO2,
        codes.LOINC_OXYGEN_SATURATION_ARTERIAL: Series.SPO2,
        codes.LOINC_HEART_RATE: Series.PULSE,
        codes.LOINC_BODY_TEMPERATURE: Series.TEMPERATURE,
    }
    for code, series in simple.items():
        if code in loinc and value is not None:
            return {"series": {series: value}}
    if codes.LOINC_BLOOD_PRESSURE_PANEL in loinc:
        result: dict[str, Any] = {"series": {}}
        for component in resource.get("component") or ():
            component_codes = {c for s, c, _ in codings(component.get("code")) if s == codes.LOINC}
            component_value = _quantity(component)
            if component_value is None:
                continue
            if codes.LOINC_SYSTOLIC in component_codes:
                result["series"][Series.SYSTOLIC] = component_value
            if codes.LOINC_DIASTOLIC in component_codes:
                result["diastolic"] = component_value
        return result
    if codes.LOINC_INHALED_OXYGEN_FLOW in loinc and value is not None:
        return {"oxygen_flow": value}
    if codes.LOINC_CONSCIOUSNESS in loinc:
        for system, code, _ in codings(resource.get("valueCodeableConcept")):
            if system == codes.PLEIEPUNKT_ACVPU:
                return {"acvpu": code}
    return {}


def measurement_sets(observations: Sequence[Mapping[str, Any]]) -> list[MeasurementSet]:
    """Sets of observations sharing an effective time, oldest first."""
    sets: dict[datetime, MeasurementSet] = {}
    for observation in observations:
        if observation.get("status") in ("entered-in-error", "cancelled"):
            continue
        at = effective_time(observation)
        if at is None:
            continue
        found = _read(observation)
        if not found:
            continue
        key = at.astimezone(UTC)
        current = sets.get(key, MeasurementSet(at=at))
        values = dict(current.values)
        values.update(found.get("series", {}))
        current = replace(current, values=values)
        for name in ("diastolic", "oxygen_flow", "acvpu"):
            if name in found:
                current = replace(current, **{name: found[name]})
        sets[key] = current
    return [sets[k] for k in sorted(sets)]


_CONSCIOUSNESS = {level.value: level for level in Consciousness}


def news2_of(
    measured: MeasurementSet, *, scale: SpO2Scale = SpO2Scale.SCALE_1
) -> News2Result | None:
    """The NEWS2 result of a stored set (partial sets too), or None for values no measurement
    can produce. Oxygen is known only when a flow was recorded (0 means room air)."""
    values = measured.values
    flow = measured.oxygen_flow
    try:
        return calculate(
            News2Inputs(
                respiration_rate=values.get(Series.RESPIRATION_RATE),
                spo2=values.get(Series.SPO2),
                on_oxygen=None if flow is None else flow > 0,
                systolic_bp=values.get(Series.SYSTOLIC),
                pulse=values.get(Series.PULSE),
                consciousness=_CONSCIOUSNESS.get(measured.acvpu or ""),
                temperature=values.get(Series.TEMPERATURE),
                spo2_scale=scale,
            )
        )
    except News2InputError:
        return None
