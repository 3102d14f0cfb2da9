"""Home measurements: which Observations are measured at home, and the values they carry.

A measurement is a *home* measurement when it says so in any of the ways the sources use, all
read-only (nothing is ever written into a received resource):
- ``category`` PHD "PHD generated Observation" (HL7 Personal Health Device IG,
  ``CodeSystem.PhdObservationCategories.fsh``: ``phd-observation``);
- a ``device`` (the PHD IG makes it 1..1; PMD data "kommer fra måleapparat ... og device",
  HL7 Norway FHIR fagforum 2025-02-05);
- a ``performer`` that is the patient or a relative (VkpObservation allows ``performer[author]``
  to be a Patient or RelatedPerson), by literal reference, by ``type``, or by the same logical
  identifier as the subject.
Everything else (a Practitioner as performer, or none) is measured by staff.

Values are keyed by the LOINC code of what was measured, whichever of LOINC and SNOMED CT the
sender used (VkpObservation slices ``code.coding`` into both; codes from its ``index.md`` table
and the VKP vital-sign profiles), so a patient's limits (``limits``) apply to both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from clinical import codes
from clinical.fhir_read import codings
from clinical.welfare.logical import logical_patient

PHD_CATEGORY_SYSTEM: Final = "http://hl7.org/fhir/uv/phd/CodeSystem/PhdObservationCategories"
PHD_CATEGORY: Final = "phd-observation"

LOINC_BODY_WEIGHT: Final = "29463-7"
LOINC_GLUCOSE: Final = "15074-8"  # glucose [moles/volume] in blood (VkpObservation glucose)

# SNOMED CT code -> the LOINC code of the same measurement (VkpObservation index.md, profiles).
SNOMED_TO_LOINC: Final[Mapping[str, str]] = {
    "75367002": codes.LOINC_BLOOD_PRESSURE_PANEL,
    "271649006": codes.LOINC_SYSTOLIC,
    "271650006": codes.LOINC_DIASTOLIC,
    "364075005": codes.LOINC_HEART_RATE,
    "431314004": codes.LOINC_OXYGEN_SATURATION_ARTERIAL,
    "27113001": LOINC_BODY_WEIGHT,
    "276885007": codes.LOINC_BODY_TEMPERATURE,
    "434912009": LOINC_GLUCOSE,
    "86290005": codes.LOINC_RESPIRATORY_RATE,
}
# SpO2 by pulse oximetry and in arterial blood are one measure for limits and the trend.
_SAME_AS: Final[Mapping[str, str]] = {
    codes.LOINC_OXYGEN_SATURATION: codes.LOINC_OXYGEN_SATURATION_ARTERIAL,
}
HOME_MEASURE_CODES: Final = frozenset(
    {
        codes.LOINC_BLOOD_PRESSURE_PANEL,
        codes.LOINC_HEART_RATE,
        codes.LOINC_OXYGEN_SATURATION_ARTERIAL,
        codes.LOINC_OXYGEN_SATURATION,
        LOINC_BODY_WEIGHT,
        codes.LOINC_BODY_TEMPERATURE,
        LOINC_GLUCOSE,
        codes.LOINC_RESPIRATORY_RATE,
    }
)
"""LOINC codes of the measurements home follow-up plans and limits name."""
SEARCH_CODES: Final = tuple(sorted(HOME_MEASURE_CODES | set(SNOMED_TO_LOINC)))
"""Every code (LOINC and SNOMED CT) a home measurement may be found by in the store."""


_HOME_PERFORMERS: Final = (["Patient"], ["RelatedPerson"])


@dataclass(frozen=True, slots=True)
class MeasuredValue:
    """One number an Observation carries: ``code`` is LOINC (the component's for a panel)."""

    code: str
    value: float
    unit: str


def canonical_code(system: str, code: str) -> str | None:
    """The LOINC code of a LOINC or SNOMED CT coding of a measurement, or None."""
    if system == codes.LOINC:
        return _SAME_AS.get(code, code)
    if system == codes.SNOMED_CT:
        return SNOMED_TO_LOINC.get(code)
    return None


def measure_code(observation: Mapping[str, Any]) -> str | None:
    """The LOINC code of what the Observation measures (a panel's own code), or None."""
    for system, code, _display in codings(observation.get("code")):
        canonical = canonical_code(system, code)
        if canonical is not None:
            return canonical
    return None


def _quantity(node: Mapping[str, Any]) -> tuple[float, str] | None:
    quantity = node.get("valueQuantity")
    if not isinstance(quantity, Mapping):
        return None
    value = quantity.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    unit = quantity.get("code") or quantity.get("unit") or ""
    return float(value), unit if isinstance(unit, str) else ""


def measured_values(observation: Mapping[str, Any]) -> list[MeasuredValue]:
    """The numbers of an Observation: its own value, then each component's, by LOINC code."""
    found: list[MeasuredValue] = []
    own = measure_code(observation)
    quantity = _quantity(observation)
    if own is not None and quantity is not None:
        found.append(MeasuredValue(own, *quantity))
    for component in observation.get("component") or ():
        if not isinstance(component, Mapping):
            continue
        code = next(
            (
                c
                for system, value, _d in codings(component.get("code"))
                if (c := canonical_code(system, value)) is not None
            ),
            None,
        )
        quantity = _quantity(component)
        if code is not None and quantity is not None:
            found.append(MeasuredValue(code, *quantity))
    return found


def _performer_is_patient(performer: Mapping[str, Any], observation: Mapping[str, Any]) -> bool:
    reference = performer.get("reference")
    if isinstance(reference, str) and reference.split("/")[-2:-1] in _HOME_PERFORMERS:
        return True
    if performer.get("type") in ("Patient", "RelatedPerson"):
        return True
    subject = logical_patient(observation)
    identifier = performer.get("identifier")
    if subject is not None and isinstance(identifier, Mapping):
        return (identifier.get("system"), str(identifier.get("value", "")).strip()) == (
            subject.system,
            subject.value,
        )
    return False


def is_home_measurement(observation: Mapping[str, Any]) -> bool:
    """True when the Observation was measured at home by a device, the patient or a relative."""
    for concept in observation.get("category") or ():
        for system, code, _display in codings(concept):
            if system == PHD_CATEGORY_SYSTEM and code == PHD_CATEGORY:
                return True
    if isinstance(observation.get("device"), Mapping):
        return True
    return any(
        isinstance(p, Mapping) and _performer_is_patient(p, observation)
        for p in observation.get("performer") or ()
    )
