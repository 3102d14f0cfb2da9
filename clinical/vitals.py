"""Plausibility limits for vital signs, in the units FHIR stores them (UCUM).

A value outside the *reject* limits cannot come from a live patient or a working device and is
refused (``Severity.ERROR``); a value outside the *warn* limits is possible but improbable and
needs the user's confirmation (``Severity.WARNING``). Every finding carries a stable message
key with Bokmål and English text in ``MESSAGES``; nothing here raises on bad input.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Literal

Language = Literal["nb", "en"]


class VitalSign(StrEnum):
    """Numeric vital signs entered at the bedside."""

    RESPIRATION_RATE = "respiration-rate"
    SPO2 = "spo2"
    SYSTOLIC_BP = "systolic-bp"
    DIASTOLIC_BP = "diastolic-bp"
    PULSE = "pulse"
    TEMPERATURE = "temperature"


@dataclass(frozen=True)
class VitalSpec:
    """Coding, unit and limits of one vital sign; reject limits are exclusive of the value."""

    loinc: str
    ucum: str
    reject_below: float
    reject_above: float
    warn_below: float
    warn_above: float
    whole_number: bool


# Reject limits are set where a value cannot be a real measurement (a cuff cannot read a
# systolic of 400, a body is not 50 °C); warn limits where a value is seen but rare enough
# that a typing slip is the likelier cause.
SPECS: Final[Mapping[VitalSign, VitalSpec]] = MappingProxyType(
    {
        VitalSign.RESPIRATION_RATE: VitalSpec("9279-1", "/min", 0, 80, 6, 40, whole_number=True),
        VitalSign.SPO2: VitalSpec("2708-6", "%", 20, 100, 80, 100, whole_number=True),
        VitalSign.SYSTOLIC_BP: VitalSpec("8480-6", "mm[Hg]", 30, 300, 70, 250, whole_number=True),
        VitalSign.DIASTOLIC_BP: VitalSpec("8462-4", "mm[Hg]", 10, 200, 35, 140, whole_number=True),
        VitalSign.PULSE: VitalSpec("8867-4", "/min", 10, 300, 35, 180, whole_number=True),
        VitalSign.TEMPERATURE: VitalSpec("8310-5", "Cel", 25, 45, 34, 41, whole_number=False),
    }
)

# Thermometers showing Fahrenheit read 93-108 for the same patients; say so rather than
# just "impossible".
_FAHRENHEIT_RANGE: Final = (90.0, 110.0)


class Severity(StrEnum):
    """How a finding affects saving: ERROR refuses the value, WARNING asks for confirmation."""

    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Finding:
    """One problem with one value (or a pair, for blood pressure)."""

    vital: VitalSign
    severity: Severity
    key: str
    limit: float | None = None


@dataclass(frozen=True)
class CheckResult:
    """All findings for the values checked; empty means plausible."""

    findings: tuple[Finding, ...] = ()

    @property
    def accepted(self) -> bool:
        """True when no value must be refused."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def needs_confirmation(self) -> bool:
        """True when the values may be saved but only after the user confirms them."""
        return self.accepted and any(f.severity is Severity.WARNING for f in self.findings)

    def __add__(self, other: CheckResult) -> CheckResult:
        return CheckResult(self.findings + other.findings)


def _error(vital: VitalSign, key: str, limit: float | None = None) -> CheckResult:
    return CheckResult((Finding(vital, Severity.ERROR, key, limit),))


def _not_a_reading(vital: VitalSign, value: float) -> str | None:
    if not math.isfinite(value):
        return "vitals.not_a_number"
    if value < 0:
        return "vitals.negative"
    if SPECS[vital].whole_number and value != int(value):
        return "vitals.not_whole_number"
    if vital is VitalSign.TEMPERATURE and _FAHRENHEIT_RANGE[0] <= value <= _FAHRENHEIT_RANGE[1]:
        return "vitals.temperature.fahrenheit"
    return None


def _finding(vital: VitalSign, value: float) -> Finding | None:
    key = _not_a_reading(vital, value)
    if key is not None:
        return Finding(vital, Severity.ERROR, key)
    spec = SPECS[vital]
    for below, above, severity, kind in (
        (spec.reject_below, spec.reject_above, Severity.ERROR, "impossible"),
        (spec.warn_below, spec.warn_above, Severity.WARNING, "unusual"),
    ):
        if value < below:
            return Finding(vital, severity, f"vitals.{kind}_low", below)
        if value > above:
            return Finding(vital, severity, f"vitals.{kind}_high", above)
    return None


def check_value(vital: VitalSign, value: float) -> CheckResult:
    """Check one value, given in the vital sign's UCUM unit (``SPECS[vital].ucum``)."""
    finding = _finding(vital, value)
    return CheckResult() if finding is None else CheckResult((finding,))


def check_quantity(vital: VitalSign, value: float, unit: str) -> CheckResult:
    """Check a FHIR ``valueQuantity``: the UCUM code must be the vital sign's unit."""
    if unit != SPECS[vital].ucum:
        return _error(vital, "vitals.wrong_unit")
    return check_value(vital, value)


def check_blood_pressure(systolic: float, diastolic: float) -> CheckResult:
    """Check both pressures and that the diastolic is below the systolic."""
    result = check_value(VitalSign.SYSTOLIC_BP, systolic) + check_value(
        VitalSign.DIASTOLIC_BP, diastolic
    )
    if result.accepted and diastolic >= systolic:
        result += _error(VitalSign.DIASTOLIC_BP, "vitals.diastolic_not_below_systolic", systolic)
    return result


def check_vitals(values: Mapping[VitalSign, float]) -> CheckResult:
    """Check a set of values; a blood pressure pair is also checked as a pair."""
    result = CheckResult()
    for vital, value in values.items():
        if vital not in (VitalSign.SYSTOLIC_BP, VitalSign.DIASTOLIC_BP):
            result += check_value(vital, value)
    systolic = values.get(VitalSign.SYSTOLIC_BP)
    diastolic = values.get(VitalSign.DIASTOLIC_BP)
    if systolic is not None and diastolic is not None:
        result += check_blood_pressure(systolic, diastolic)
    elif systolic is not None:
        result += check_value(VitalSign.SYSTOLIC_BP, systolic)
    elif diastolic is not None:
        result += check_value(VitalSign.DIASTOLIC_BP, diastolic)
    return result


MESSAGES: Final[Mapping[str, Mapping[Language, str]]] = MappingProxyType(
    {
        key: MappingProxyType({"nb": nb, "en": en})
        for key, nb, en in (
            ("vitals.not_a_number", "Verdien er ikke et tall.", "The value is not a number."),
            (
                "vitals.negative",
                "Verdien kan ikke være negativ.",
                "The value cannot be negative.",
            ),
            (
                "vitals.not_whole_number",
                "Verdien må være et heltall.",
                "The value must be a whole number.",
            ),
            (
                "vitals.temperature.fahrenheit",
                "Temperaturen ser ut til å være i Fahrenheit. Oppgi den i °C.",
                "The temperature looks like Fahrenheit. Enter it in °C.",
            ),
            (
                "vitals.impossible_low",
                "Verdien er umulig lav og kan ikke lagres. Kontroller målingen.",
                "The value is impossibly low and cannot be saved. Check the measurement.",
            ),
            (
                "vitals.impossible_high",
                "Verdien er umulig høy og kan ikke lagres. Kontroller målingen.",
                "The value is impossibly high and cannot be saved. Check the measurement.",
            ),
            (
                "vitals.unusual_low",
                "Uvanlig lav verdi. Bekreft at den er riktig før lagring.",
                "Unusually low value. Confirm it is correct before saving.",
            ),
            (
                "vitals.unusual_high",
                "Uvanlig høy verdi. Bekreft at den er riktig før lagring.",
                "Unusually high value. Confirm it is correct before saving.",
            ),
            (
                "vitals.diastolic_not_below_systolic",
                "Diastolisk trykk må være lavere enn systolisk trykk.",
                "The diastolic pressure must be lower than the systolic pressure.",
            ),
            (
                "vitals.wrong_unit",
                "Feil måleenhet for denne målingen.",
                "Wrong unit for this measurement.",
            ),
        )
    }
)
