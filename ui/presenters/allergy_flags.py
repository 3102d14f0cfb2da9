"""The allergy/intolerance flag of a medicine row, wherever medicines are listed.

The medication list and the prescriptions flag each medicine the patient has a recorded
reaction to, exactly as the medication round and the give dialog do: the same check
(``clinical.allergy_check.check_drug``) on the same description of the drug
(``clinical.medication_read.allergy_drug``). No second matcher exists, so the three views can never
disagree about a penicillin course for a patient with penicillin anaphylaxis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from clinical.allergy_check import AllergyCheck, check_drug
from clinical.fhir_read import reference_id
from clinical.medication_read import allergy_drug

FhirJson = Mapping[str, Any]

NO_MATCH = AllergyCheck(())


def medication_of(resource: FhirJson, medications: Mapping[str, FhirJson]) -> FhirJson | None:
    """The Medication a MedicationStatement or MedicationRequest is about, if it is known.

    A coded ``medicationCodeableConcept`` stands for a Medication with that code.
    """
    concept = resource.get("medicationCodeableConcept")
    if isinstance(concept, Mapping):
        return {"resourceType": "Medication", "code": concept}
    return medications.get(reference_id(resource.get("medicationReference"), "Medication") or "")


def allergy_flag(
    resource: FhirJson,
    medications: Mapping[str, FhirJson],
    allergies: Sequence[FhirJson],
) -> AllergyCheck:
    """The patient's recorded reactions that this statement's or request's medicine matches."""
    if not allergies:
        return NO_MATCH
    medication = medication_of(resource, medications)
    if medication is None:
        return NO_MATCH
    return check_drug(allergies, allergy_drug(medication))
