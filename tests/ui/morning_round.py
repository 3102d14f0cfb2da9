"""The synthetic ward's morning round as documented by 09:40, so the due column looks real.

At ``ward.NOW`` (09:40) most residents have had their 08:00 doses and one refused them; two are
still waiting. On the route, the 08:00 and 08:45 visits are done and the 10:15 visit is not.
Ingrid (the demo patient) keeps every dose open, as the round pages show her.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

from clinical.nonadministration import DoseOutcome, NotGiven, NotGivenReason
from clinical.records import Performer, Staff
from clinical.records.administration import (
    DoseQuantity,
    MedicationSource,
    medication_administration,
)
from tests.ui.bedside.ward_data import NURSE
from tests.ui.ward import OSLO, TODAY, PatientData

Json = dict[str, Any]

MORNING = datetime.combine(TODAY, time(8, 0), tzinfo=OSLO)
"""When the morning doses (timing ``MORN``) fall due."""

# Patient id -> when the morning dose was documented, and whether it was refused.
_DOCUMENTED: dict[str, tuple[time, bool]] = {
    "pas-olav": (time(8, 5), False),
    "pas-astrid": (time(8, 12), False),
    "pas-bjorg": (time(8, 20), False),
    "pas-arne": (time(8, 26), True),
    "pas-kjell": (time(8, 31), False),
    "pas-hjem-1": (time(8, 10), False),
    "pas-hjem-2": (time(8, 55), False),
}


def morning_round(patients: list[PatientData], *, by: Staff = NURSE) -> dict[str, list[Json]]:
    """MedicationAdministrations (per patient id) documenting the morning doses of those
    ``patients`` the round has reached, one per morning dosage of each active statement."""
    documented: dict[str, list[Json]] = {}
    for data in patients:
        patient_id = str(data.patient["id"])
        if patient_id not in _DOCUMENTED:
            continue
        at, refused = _DOCUMENTED[patient_id]
        documented[patient_id] = [
            _administration(patient_id, statement, dosage, at=at, refused=refused, by=by)
            for statement in data.statements
            if statement.get("status") == "active"
            for dosage in statement.get("dosage") or ()
            if dosage.get("timing", {}).get("repeat", {}).get("when") == ["MORN"]
        ]
    return documented


def _administration(
    patient_id: str,
    statement: Json,
    dosage: Json,
    *,
    at: time,
    refused: bool,
    by: Staff,
) -> Json:
    quantity = dosage["doseAndRate"][0]["doseQuantity"]
    dose = DoseQuantity(value=Decimal(str(quantity["value"])), unit=quantity["unit"])
    return medication_administration(
        patient_id=patient_id,
        medication=MedicationSource(
            medication_id=None,
            display=str(statement["medicationCodeableConcept"]["text"]),
            statement_id=str(statement["id"]),
        ),
        performers=[Performer(by)],
        effective=datetime.combine(TODAY, at, tzinfo=OSLO),
        outcome=DoseOutcome.NOT_GIVEN if refused else DoseOutcome.GIVEN,
        given=None if refused else dose,
        prescribed=dose,
        not_given=NotGiven(NotGivenReason.REFUSED) if refused else None,
        scheduled_at=MORNING,
        resource_id=f"ma-{patient_id}-{statement['id']}",
    )
