"""A ``BedsideSource`` whose every write passes the patient guard first.

Reads go straight through. ``record`` asks ``PatientGuard.check_resources`` on the worker, at
the moment of writing, so a save started for one patient is refused if the header has moved to
another in the meantime; the store is not touched. Plain Python (no Qt): the application layer
can own it as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from clinical.patient_guard import PatientGuard
from clinical.records import Staff
from ui.bedside.source import BedsideSource, FhirJson, MedicationData


class GuardedBedsideSource:
    """Wraps ``inner``; ``record`` raises ``WrongPatientError`` for another patient's records."""

    def __init__(self, inner: BedsideSource, guard: PatientGuard) -> None:
        self._inner = inner
        self.guard = guard

    def current_user(self) -> Staff:
        """The signed-in user."""
        return self._inner.current_user()

    def round_patients(self) -> Sequence[FhirJson]:
        """Patients of the current unit or route."""
        return self._inner.round_patients()

    def patient(self, patient_id: str) -> FhirJson:
        """One Patient resource."""
        return self._inner.patient(patient_id)

    def medication_data(self, patient_id: str) -> MedicationData:
        """Medication list, prescriptions and their Medications."""
        return self._inner.medication_data(patient_id)

    def allergies(self, patient_id: str) -> Sequence[FhirJson]:
        """The patient's AllergyIntolerance resources."""
        return self._inner.allergies(patient_id)

    def administrations(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> Sequence[FhirJson]:
        """MedicationAdministrations in ``[since, until)``."""
        return self._inner.administrations(patient_id, since=since, until=until)

    def open_followups(self, patient_id: str) -> Sequence[FhirJson]:
        """Open PRN effect follow-up Tasks."""
        return self._inner.open_followups(patient_id)

    def medication_for_gtin(self, gtin: str) -> FhirJson | None:
        """The catalogue Medication of a GTIN."""
        return self._inner.medication_for_gtin(gtin)

    def search_medications(self, text: str, *, limit: int = 50) -> Sequence[FhirJson]:
        """Catalogue Medications by name."""
        return self._inner.search_medications(text, limit=limit)

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        """The double-signature colleague."""
        return self._inner.verify_colleague(username_or_hpr, pin)

    def spo2_scale_2_decision(self, patient_id: str) -> FhirJson | None:
        """The documented SpO2 scale 2 decision, or None."""
        return self._inner.spo2_scale_2_decision(patient_id)

    def vital_signs(self, patient_id: str, *, since: datetime) -> Sequence[FhirJson]:
        """Vital-sign and NEWS2 Observations since ``since``."""
        return self._inner.vital_signs(patient_id, since=since)

    def record(self, resources: Sequence[FhirJson]) -> None:
        """Write all ``resources`` in one transaction, only if they are the shown patient's."""
        self.guard.check_resources(resources)
        self._inner.record(resources)


def guarded(source: BedsideSource, guard: PatientGuard) -> GuardedBedsideSource:
    """``source`` behind ``guard``; a source already behind this guard is not wrapped twice."""
    if isinstance(source, GuardedBedsideSource) and source.guard is guard:
        return source
    return GuardedBedsideSource(source, guard)
