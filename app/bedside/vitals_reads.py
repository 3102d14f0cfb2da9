"""Vital signs read from the store: the sets of a patient, their SpO2 scale, the newest warning.

Shared by the bedside reads (the form and the trend) and the record reads (the patient list),
so every view reads the same Observations the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from app.bedside.vitals_history import MeasurementSet, measurement_sets, news2_of
from app.values import FhirJson, VitalsAlert
from clinical import codes
from clinical.fhir_read import concept_codes
from clinical.news2 import SpO2Scale
from clinical.records.vital_signs import SNOMED_NEWS2_TOTAL
from clinical.welfare.measurements import SEARCH_CODES, is_home_measurement

if TYPE_CHECKING:
    from offline import Store

VITAL_SIGN_CODES: Final = (
    codes.LOINC_VITAL_SIGNS_PANEL,
    codes.LOINC_RESPIRATORY_RATE,
    codes.LOINC_OXYGEN_SATURATION,
    codes.LOINC_OXYGEN_SATURATION_ARTERIAL,
    codes.LOINC_BLOOD_PRESSURE_PANEL,
    codes.LOINC_SYSTOLIC,
    codes.LOINC_DIASTOLIC,
    codes.LOINC_HEART_RATE,
    codes.LOINC_BODY_TEMPERATURE,
    codes.LOINC_CONSCIOUSNESS,
    codes.LOINC_INHALED_OXYGEN_FLOW,
    SNOMED_NEWS2_TOTAL,
    *(code for code in SEARCH_CODES if code not in (codes.LOINC_OXYGEN_SATURATION,)),
)
"""Codes of vital signs and NEWS2, and of what home follow-up measures (weight, glucose; LOINC
and SNOMED CT, as VKP and PMD send them)."""
VITAL_CATEGORIES: Final = frozenset({"vital-signs", "survey"})
SPO2_SCALE_2_CODE: Final = "spo2-scale-2"
_ACTIVE: Final = frozenset({"active", "recurrence", "relapse"})


def categories(resource: Mapping[str, Any]) -> set[str]:
    """The codes of every category of ``resource``."""
    found: set[str] = set()
    for concept in resource.get("category") or ():
        found |= concept_codes(concept)
    return found


def vital_signs(
    store: Store, patient_id: str, *, since: datetime, until: datetime | None = None
) -> list[FhirJson]:
    """Vital-sign, NEWS2 and home-measurement Observations effective in ``[since, until)``,
    oldest first: one indexed read of the period (``resource_patient``), never the series."""
    found = store.vital_signs(
        patient_id, codes=tuple(dict.fromkeys(VITAL_SIGN_CODES)), since=since, until=until
    )
    return [o for o in found if _is_vital_sign(o)]


def _is_vital_sign(observation: FhirJson) -> bool:
    return bool(categories(observation) & VITAL_CATEGORIES) or is_home_measurement(observation)


def scale_2_decision(store: Store, patient_id: str) -> FhirJson | None:
    """An active Flag or Condition coded ``spo2-scale-2``, or None."""
    record = store.core_record(patient_id)
    if record is None:
        return None
    return scale_2_in(record.flags, record.conditions)


def scale_2_in(flags: Sequence[FhirJson], conditions: Sequence[FhirJson]) -> FhirJson | None:
    """The active Flag or Condition among these coded ``spo2-scale-2``, or None."""
    for flag in flags:
        if flag.get("status") == "active" and SPO2_SCALE_2_CODE in concept_codes(flag.get("code")):
            return flag
    for condition in conditions:
        active = concept_codes(condition.get("clinicalStatus")) & _ACTIVE
        if active and SPO2_SCALE_2_CODE in concept_codes(condition.get("code")):
            return condition
    return None


def newest_alerts(
    store: Store, patient_ids: Sequence[str], *, since: datetime
) -> dict[str, VitalsAlert]:
    """Each patient's newest set of vital signs measured by staff since ``since``, scored as
    the form scores it (partial sets too); patients without a set are left out. Home
    measurements are judged by the patient's limits (the follow-up list), not by NEWS2.

    Read for all of them at once (``Store.vital_signs_of``, and the Flags and Conditions of
    those with a set): a district's task list asks for thousands of patients."""
    wanted = tuple(dict.fromkeys(VITAL_SIGN_CODES))
    observations = store.vital_signs_of(patient_ids, codes=wanted, since=since)
    newest: dict[str, MeasurementSet] = {}
    for patient_id in patient_ids:
        found = [o for o in observations[patient_id] if _is_vital_sign(o)]
        sets = [s for s in measurement_sets(found) if not s.home]
        if sets:
            newest[patient_id] = sets[-1]
    records = store.compartments(newest, ("Flag", "Condition"))
    alerts: dict[str, VitalsAlert] = {}
    for patient_id, measured in newest.items():
        flags = [r for r in records[patient_id] if r.get("resourceType") == "Flag"]
        conditions = [r for r in records[patient_id] if r.get("resourceType") == "Condition"]
        decided = scale_2_in(flags, conditions) is not None
        result = news2_of(measured, scale=SpO2Scale.SCALE_2 if decided else SpO2Scale.SCALE_1)
        if result is not None:
            alerts[patient_id] = VitalsAlert(at=measured.at, result=result)
    return alerts


def newest_alert(store: Store, patient_id: str, *, since: datetime) -> VitalsAlert | None:
    """``newest_alerts`` for one patient, read the way the patient's own views read it (one
    patient's vital signs and core record): the reference the batched read is tested against."""
    sets = [s for s in measurement_sets(vital_signs(store, patient_id, since=since)) if not s.home]
    if not sets:
        return None
    decided = scale_2_decision(store, patient_id) is not None
    result = news2_of(sets[-1], scale=SpO2Scale.SCALE_2 if decided else SpO2Scale.SCALE_1)
    return None if result is None else VitalsAlert(at=sets[-1].at, result=result)
