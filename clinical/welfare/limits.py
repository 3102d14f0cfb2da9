"""A patient's own alert limits, and whether a measured value lies outside them.

Where the limits come from (design note, issue #19 §3):
- ``Goal`` resources the physician sets, one per measure: each ``target`` names the measured
  value by LOINC (``target.measure``; for blood pressure the systolic 8480-6 and diastolic
  8462-4 components) and the accepted range (``target.detailRange`` low/high, UCUM). FHIR R4
  has no level on a target, so Pleiepunkt marks it with the extension ``ALERT_LEVEL_URL``
  (``yellow``: notify, ``red``: act now); a target without it is a red (alarm) limit. Only
  Goals with ``category`` ``ALERT_LIMITS`` and an active ``lifecycleStatus`` count.
- ``Observation.referenceRange`` (also per component): PMD sends the patient's thresholds there
  ("referenceRange brukes til terskelverdier", HL7 Norway FHIR fagforum 2025-02-05). A limit
  sent with a measurement is that value's red limit and is preferred over a Goal's for it.

A value is outside a limit when it is below ``low`` or above ``high`` (a missing side is no
limit). Values and limits in different units are converted only where the conversion is exact
(g and kg); otherwise the value is not judged, never compared across units.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any, Final

from clinical.fhir_read import codings, extensions
from clinical.welfare.measurements import MeasuredValue, canonical_code

PLEIEPUNKT: Final = "http://pleiepunkt.no/fhir"
ALERT_LEVEL_URL: Final = f"{PLEIEPUNKT}/StructureDefinition/alert-level"
GOAL_CATEGORY_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/goal-category"
ALERT_LIMITS: Final = "alert-limits"
_ACTIVE: Final = frozenset({"active", "accepted", "planned", "on-hold"})

# Unit spellings that mean the same UCUM unit, and exact conversions between units.
_SAME_UNIT: Final[Mapping[str, str]] = {
    "mmhg": "mm[hg]",
    "°c": "cel",
    "c": "cel",
    "mmol/l": "mmol/l",
    "slag/min": "/min",
    "bpm": "/min",
    "{beats}/min": "/min",
    "{breaths}/min": "/min",
}
_FACTORS: Final[Mapping[tuple[str, str], float]] = {("g", "kg"): 0.001, ("kg", "g"): 1000.0}


class Level(IntEnum):
    """How far out a value is: within, outside the yellow (notify) or the red (act) limit."""

    WITHIN = 0
    YELLOW = 1
    RED = 2


class LimitSource(StrEnum):
    """Where a limit was read."""

    GOAL = "goal"
    MEASUREMENT = "measurement"


@dataclass(frozen=True, slots=True)
class Limit:
    """One accepted range for one measured value (LOINC ``code``), in ``unit``."""

    code: str
    low: float | None
    high: float | None
    unit: str
    level: Level
    source: LimitSource


@dataclass(frozen=True, slots=True)
class Judgement:
    """A value against its limits: the worst level crossed and the limit that decided it."""

    level: Level
    limit: Limit | None = None

    @property
    def outside(self) -> bool:
        return self.level is not Level.WITHIN


def _number(quantity: Any) -> float | None:
    if not isinstance(quantity, Mapping):
        return None
    value = quantity.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _unit(*quantities: Any) -> str:
    for quantity in quantities:
        if isinstance(quantity, Mapping):
            unit = quantity.get("code") or quantity.get("unit")
            if isinstance(unit, str) and unit:
                return unit
    return ""


def _is_limits_goal(goal: Mapping[str, Any]) -> bool:
    if goal.get("lifecycleStatus") not in _ACTIVE:
        return False
    return any(
        system == GOAL_CATEGORY_SYSTEM and code == ALERT_LIMITS
        for concept in goal.get("category") or ()
        for system, code, _d in codings(concept)
    )


def _level(target: Mapping[str, Any]) -> Level:
    for extension in extensions(target, "/alert-level"):
        if extension.get("valueCode") == "yellow":
            return Level.YELLOW
    return Level.RED


def goal_limits(goals: Iterable[Mapping[str, Any]]) -> list[Limit]:
    """The limits the patient's active alert-limit Goals set."""
    found: list[Limit] = []
    for goal in goals:
        if not _is_limits_goal(goal):
            continue
        for target in goal.get("target") or ():
            if not isinstance(target, Mapping):
                continue
            code = next(
                (
                    c
                    for system, value, _d in codings(target.get("measure"))
                    if (c := canonical_code(system, value)) is not None
                ),
                None,
            )
            bounds = target.get("detailRange")
            if code is None or not isinstance(bounds, Mapping):
                continue
            limit = _bounded(code, bounds, level=_level(target), source=LimitSource.GOAL)
            if limit is not None:
                found.append(limit)
    return found


def _bounded(
    code: str, bounds: Mapping[str, Any], *, level: Level, source: LimitSource
) -> Limit | None:
    """The limit a Range-shaped ``bounds`` (``low``/``high`` Quantities) sets; None without
    either bound."""
    low, high = _number(bounds.get("low")), _number(bounds.get("high"))
    if low is None and high is None:
        return None
    unit = _unit(bounds.get("low"), bounds.get("high"))
    return Limit(code=code, low=low, high=high, unit=unit, level=level, source=source)


def _ranges(code: str, node: Mapping[str, Any]) -> list[Limit]:
    found = []
    for reference in node.get("referenceRange") or ():
        if not isinstance(reference, Mapping):
            continue
        limit = _bounded(code, reference, level=Level.RED, source=LimitSource.MEASUREMENT)
        if limit is not None:
            found.append(limit)
    return found


def measurement_limits(observation: Mapping[str, Any]) -> list[Limit]:
    """The limits sent with a measurement (``referenceRange``, its own and its components')."""
    found: list[Limit] = []
    for node in [observation, *(observation.get("component") or ())]:
        if not isinstance(node, Mapping):
            continue
        code = next(
            (
                c
                for system, value, _d in codings(node.get("code"))
                if (c := canonical_code(system, value)) is not None
            ),
            None,
        )
        if code is not None:
            found.extend(_ranges(code, node))
    return found


def _normal(unit: str) -> str:
    lowered = unit.strip().casefold()
    return _SAME_UNIT.get(lowered, lowered)


def in_unit(value: float, unit: str, wanted: str) -> float | None:
    """``value`` in ``wanted``'s unit, or None when the units cannot be compared exactly. An
    empty unit on either side is taken to be the other's."""
    have, want = _normal(unit), _normal(wanted)
    if not have or not want or have == want:
        return value
    factor = _FACTORS.get((have, want))
    return None if factor is None else value * factor


def _outside(value: float, limit: Limit) -> bool:
    return (limit.low is not None and value < limit.low) or (
        limit.high is not None and value > limit.high
    )


def judge(measured: MeasuredValue, limits: Sequence[Limit]) -> Judgement | None:
    """The worst limit ``measured`` crosses among ``limits`` for its code; WITHIN when it
    crosses none; None when no limit applies (none set, or only in units it cannot be
    compared in)."""
    applicable = [limit for limit in limits if limit.code == measured.code]
    if any(limit.source is LimitSource.MEASUREMENT for limit in applicable):
        applicable = [limit for limit in applicable if limit.source is LimitSource.MEASUREMENT]
    worst = Judgement(Level.WITHIN)
    judged = False
    for limit in applicable:
        value = in_unit(measured.value, measured.unit, limit.unit)
        if value is None:
            continue
        judged = True
        if _outside(value, limit) and limit.level > worst.level:
            worst = Judgement(limit.level, limit)
    return worst if judged else None
