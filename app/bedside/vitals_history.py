"""Vital-sign and NEWS2 Observations grouped into measurement sets over time (no Qt).

Home measurements (``clinical.welfare.measurements``: a device, the patient or a relative
measured) form sets of their own, never merged with what staff measured at the same minute, and
never scored with NEWS2 (a ward's early-warning chart, RCP): the patient's own limits judge
them (``clinical.welfare.limits``). Codes are read as LOINC whichever of LOINC and SNOMED CT the
sender used (VkpObservation allows both).
"""

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
from clinical.welfare.limits import Limit, in_unit, measurement_limits
from clinical.welfare.measurements import (
    LOINC_BODY_WEIGHT,
    LOINC_GLUCOSE,
    MeasuredValue,
    canonical_code,
    is_home_measurement,
    measured_values,
)


class Series(StrEnum):
    """What the trend can plot."""

    NEWS2 = "news2"
    RESPIRATION_RATE = "respiration-rate"
    SPO2 = "spo2"
    SYSTOLIC = "systolic"
    PULSE = "pulse"
    TEMPERATURE = "temperature"
    WEIGHT = "weight"
    GLUCOSE = "glucose"


class Source(StrEnum):
    """Who measured: staff, or the patient at home (a device, the patient, a relative)."""

    STAFF = "staff"
    HOME = "home"


SERIES_CODE: Mapping[Series, str] = {
    Series.RESPIRATION_RATE: codes.LOINC_RESPIRATORY_RATE,
    Series.SPO2: codes.LOINC_OXYGEN_SATURATION_ARTERIAL,
    Series.SYSTOLIC: codes.LOINC_SYSTOLIC,
    Series.PULSE: codes.LOINC_HEART_RATE,
    Series.TEMPERATURE: codes.LOINC_BODY_TEMPERATURE,
    Series.WEIGHT: LOINC_BODY_WEIGHT,
    Series.GLUCOSE: LOINC_GLUCOSE,
}
"""The LOINC code of the value each series plots (the one a limit names)."""


@dataclass(frozen=True)
class MeasurementSet:
    """Everything measured at one time by one source; ``None`` where nothing was recorded.

    ``measured`` keeps each number with its LOINC code and unit, and ``sent_limits`` the
    limits that came with the measurements (``referenceRange``), for judging against the
    patient's limits."""

    at: datetime
    values: Mapping[Series, float] = field(default_factory=dict)
    diastolic: float | None = None
    oxygen_flow: float | None = None
    acvpu: str | None = None
    source: Source = Source.STAFF
    measured: tuple[MeasuredValue, ...] = ()
    sent_limits: tuple[Limit, ...] = ()

    @property
    def home(self) -> bool:
        return self.source is Source.HOME


def _quantity(resource: Mapping[str, Any]) -> float | None:
    quantity = resource.get("valueQuantity")
    if isinstance(quantity, Mapping):
        value = quantity.get("value")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def _codes(resource: Mapping[str, Any]) -> set[tuple[str, str]]:
    return {(system, code) for system, code, _ in codings(resource.get("code"))}


def _loinc(node: Mapping[str, Any]) -> set[str]:
    """The LOINC codes of a node's ``code``, SNOMED CT codings read as their LOINC code."""
    return {
        c
        for system, code, _ in codings(node.get("code"))
        if (c := canonical_code(system, code)) is not None
    }


_SIMPLE = {
    codes.LOINC_RESPIRATORY_RATE: Series.RESPIRATION_RATE,
    codes.LOINC_OXYGEN_SATURATION_ARTERIAL: Series.SPO2,
    codes.LOINC_HEART_RATE: Series.PULSE,
    codes.LOINC_BODY_TEMPERATURE: Series.TEMPERATURE,
    LOINC_GLUCOSE: Series.GLUCOSE,
}


def _weight_kg(resource: Mapping[str, Any]) -> float | None:
    for value in measured_values(resource):
        if value.code == LOINC_BODY_WEIGHT:
            return in_unit(value.value, value.unit, "kg")
    return None


def _blood_pressure(panel: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"series": {}}
    for component in panel.get("component") or ():
        component_codes = _loinc(component)
        component_value = _quantity(component)
        if component_value is None:
            continue
        if codes.LOINC_SYSTOLIC in component_codes:
            result["series"][Series.SYSTOLIC] = component_value
        if codes.LOINC_DIASTOLIC in component_codes:
            result["diastolic"] = component_value
    return result


def _read(resource: Mapping[str, Any]) -> dict[str, Any]:  # noqa: PLR0911 - one per kind
    found = _codes(resource)
    loinc = _loinc(resource)
    value = _quantity(resource)
    if (codes.SNOMED_CT, SNOMED_NEWS2_TOTAL) in found or (NEWS2_SYSTEM, "total") in found:
        return {"series": {Series.NEWS2: value}} if value is not None else {}
    for code, series in _SIMPLE.items():
        if code in loinc and value is not None:
            return {"series": {series: value}}
    if LOINC_BODY_WEIGHT in loinc:
        kilograms = _weight_kg(resource)
        return {} if kilograms is None else {"series": {Series.WEIGHT: kilograms}}
    if codes.LOINC_BLOOD_PRESSURE_PANEL in loinc:
        return _blood_pressure(resource)
    if codes.LOINC_INHALED_OXYGEN_FLOW in loinc and value is not None:
        return {"oxygen_flow": value}
    if codes.LOINC_CONSCIOUSNESS in loinc:
        for system, code, _ in codings(resource.get("valueCodeableConcept")):
            if system == codes.PLEIEPUNKT_ACVPU:
                return {"acvpu": code}
    return {}


def measurement_sets(observations: Sequence[Mapping[str, Any]]) -> list[MeasurementSet]:
    """Sets of observations sharing an effective time and a source, oldest first (at one
    time, staff's set before the home set)."""
    sets: dict[tuple[datetime, Source], MeasurementSet] = {}
    for observation in observations:
        if observation.get("status") in ("entered-in-error", "cancelled"):
            continue
        at = effective_time(observation)
        if at is None:
            continue
        found = _read(observation)
        if not found:
            continue
        source = Source.HOME if is_home_measurement(observation) else Source.STAFF
        key = (at.astimezone(UTC), source)
        current = sets.get(key, MeasurementSet(at=at, source=source))
        values = dict(current.values)
        values.update(found.get("series", {}))
        current = replace(
            current,
            values=values,
            measured=current.measured + tuple(measured_values(observation)),
            sent_limits=current.sent_limits + tuple(measurement_limits(observation)),
        )
        for name in ("diastolic", "oxygen_flow", "acvpu"):
            if name in found:
                current = replace(current, **{name: found[name]})
        sets[key] = current
    return [sets[k] for k in sorted(sets, key=lambda k: (k[0], k[1] is Source.HOME))]


_CONSCIOUSNESS = {level.value: level for level in Consciousness}


def news2_of(
    measured: MeasurementSet, *, scale: SpO2Scale = SpO2Scale.SCALE_1
) -> News2Result | None:
    """The NEWS2 result of a stored set (partial sets too), or None for values no measurement
    can produce, and for a home set (NEWS2 is a ward chart; limits judge home values). Oxygen
    is known only when a flow was recorded (0 means room air)."""
    if measured.home:
        return None
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
