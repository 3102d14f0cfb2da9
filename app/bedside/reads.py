"""``BedsideReads``: what bedside documentation reads from the store.

The round of one patient (medication list, prescriptions, administrations in the round window,
open effect follow-ups, allergies), the drug catalogue for the pack check, the SpO2 scale 2
decision and the vital signs for the trend. Every store failure becomes ``StoreReadFailed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.bedside.round_filters import effective_in, is_open_followup
from app.bedside.vitals_reads import scale_2_decision, vital_signs
from app.errors import ColleagueNotVerified, PatientNotFound, StoreReadFailed
from app.records.reads import RecordReads
from app.records.walking_order import walking_order
from app.service_context import StoreService, store_errors
from app.values import FhirJson, MedicationData, PlaceOfWork
from clinical.medication_read import medication_name
from clinical.records import Staff
from clinical.records.administration import GTIN_SYSTEM
from offline import StoreError


class BedsideReads(StoreService):
    """Reads of bedside documentation over the signed-in user's store."""

    def current_user(self) -> Staff:
        """The signed-in user."""
        return self._context.user

    def round_patients(self, place: PlaceOfWork) -> Sequence[FhirJson]:
        """Patients of ``place`` in the patient list's order (room or visit time)."""
        entries = RecordReads(self._context).patients_at(place)
        return [entry.patient for entry in sorted(entries, key=walking_order)]

    def patient(self, patient_id: str) -> FhirJson:
        """The Patient, or ``PatientNotFound`` when it is not in the store."""
        with store_errors(StoreReadFailed):
            found = self._store().get("Patient", patient_id)
        if found is None:
            raise PatientNotFound("The patient is not on this computer.")
        return found

    def medication_data(self, patient_id: str) -> MedicationData:
        """MedicationStatements, MedicationRequests and every Medication either references."""
        with store_errors(StoreReadFailed):
            store = self._store()
            listed = store.medication_list(patient_id)
            prescribed = store.prescriptions(patient_id)
        medications = {**listed.medications, **prescribed.medications}
        return MedicationData(
            statements=listed.statements,
            requests=prescribed.requests,
            medications=list(medications.values()),
        )

    def allergies(self, patient_id: str) -> Sequence[FhirJson]:
        """Every AllergyIntolerance of the patient (the allergy check filters by status)."""
        with store_errors(StoreReadFailed):
            record = self._store().core_record(patient_id)
        return [] if record is None else record.allergies

    def administrations(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> Sequence[FhirJson]:
        """MedicationAdministrations effective in ``[since, until)``, oldest first."""
        with store_errors(StoreReadFailed):
            found = self._store().compartment(
                patient_id, ("MedicationAdministration",), since=since, until=until
            )
        return [r for r in found if effective_in(r, since=since, until=until)]

    def open_followups(self, patient_id: str) -> Sequence[FhirJson]:
        """PRN effect follow-up Tasks for the patient that are still open."""
        with store_errors(StoreReadFailed):
            tasks = self._store().referencing(f"Patient/{patient_id}", resource_type="Task")
        return [t for t in tasks if is_open_followup(t)]

    def medication_for_gtin(self, gtin: str) -> FhirJson | None:
        """The Medication coded with this GTIN, or None."""
        with store_errors(StoreReadFailed):
            found = self._store().with_code(GTIN_SYSTEM, gtin, resource_type="Medication")
        return found[0] if found else None

    def search_medications(self, text: str, *, limit: int = 50) -> Sequence[FhirJson]:
        """Stored Medications whose name contains ``text`` (case-insensitive), by name."""
        needle = text.strip().casefold()
        with store_errors(StoreReadFailed):
            catalogue = self._store().resources_of_type("Medication")
        found = [m for m in catalogue if needle in medication_name(m).casefold()]
        return sorted(found, key=lambda m: medication_name(m).casefold())[:limit]

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        """The confirming colleague; ``ColleagueNotVerified`` for any failure to verify."""
        verifier = self._context.colleague_verifier
        if verifier is None:
            raise ColleagueNotVerified("no colleague can co-sign on this computer")
        try:
            colleague = verifier(username_or_hpr.strip(), pin)
        except StoreError as exc:
            raise ColleagueNotVerified(f"not verified ({type(exc).__name__})") from exc
        if colleague.practitioner_id == self._context.user.practitioner_id:
            # A double signature needs a second person.
            raise ColleagueNotVerified("the second signature must be another person's")
        return colleague

    def spo2_scale_2_decision(self, patient_id: str) -> FhirJson | None:
        """An active Flag or Condition coded ``spo2-scale-2``, or None."""
        with store_errors(StoreReadFailed):
            return scale_2_decision(self._store(), patient_id)

    def vital_signs(self, patient_id: str, *, since: datetime) -> Sequence[FhirJson]:
        """Vital-sign and NEWS2 Observations effective at or after ``since``, oldest first."""
        with store_errors(StoreReadFailed):
            return vital_signs(self._store(), patient_id, since=since)
