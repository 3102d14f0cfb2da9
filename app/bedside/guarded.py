"""A ``BedsideSource`` whose every write passes the patient guard first.

Reads go straight through. Each write asks ``PatientGuard.check`` on the worker, at the moment
of writing, for the patient the entry is about, so a save started for one patient is refused if
the header has moved to another in the meantime; the store is not touched. The refusal is an
``EntryRefused`` carrying the guard's rule (``clinical.patient_guard``), worded by ``ui.errors``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from app.contract import BedsideSource
from app.entries import DoseEntry, EffectEntry, PouchEntry, RecordedVitals, VitalsEntry
from app.errors import EntryRefused
from app.followup.values import DispenserRecords, TrendRecords
from app.values import FhirJson, MedicationData, PlaceOfWork
from clinical import patient_guard
from clinical.patient_guard import PatientGuard, WrongPatientError
from clinical.records import Staff


@contextmanager
def _one_patient() -> Iterator[None]:
    try:
        yield
    except WrongPatientError as exc:
        raise EntryRefused(exc.key, messages=patient_guard.MESSAGES) from exc


class GuardedBedsideSource:
    """Wraps ``inner``; a write for another patient than the guard's raises ``EntryRefused``."""

    def __init__(self, inner: BedsideSource, guard: PatientGuard) -> None:
        self._inner = inner
        self.guard = guard

    def _check(self, patient_id: str) -> None:
        with _one_patient():
            self.guard.check(patient_id)

    def current_user(self) -> Staff:
        """The signed-in user."""
        return self._inner.current_user()

    def round_patients(self, place: PlaceOfWork) -> Sequence[FhirJson]:
        """Patients of a unit or route."""
        return self._inner.round_patients(place)

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

    def spo2_scale_2_decision(self, patient_id: str) -> FhirJson | None:
        """The documented SpO2 scale 2 decision, or None."""
        return self._inner.spo2_scale_2_decision(patient_id)

    def vital_signs(self, patient_id: str, *, since: datetime) -> Sequence[FhirJson]:
        """Vital-sign and NEWS2 Observations since ``since``."""
        return self._inner.vital_signs(patient_id, since=since)

    def trend_records(
        self, patient_id: str, *, since: datetime, until: datetime | None = None
    ) -> TrendRecords:
        """Measurements of a period and the patient's limits."""
        return self._inner.trend_records(patient_id, since=since, until=until)

    def dispenser_records(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> DispenserRecords:
        """The patient's dispenser and its events."""
        return self._inner.dispenser_records(patient_id, since=since, until=until)

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        """The double-signature colleague."""
        return self._inner.verify_colleague(username_or_hpr, pin)

    def record_dose(self, entry: DoseEntry) -> Sequence[FhirJson]:
        """Save a dose, only if it is the shown patient's."""
        self._check(entry.patient_id)
        return self._inner.record_dose(entry)

    def record_pouch(self, entry: PouchEntry) -> Sequence[FhirJson]:
        """Save a pouch, only if it is the shown patient's."""
        self._check(entry.patient_id)
        return self._inner.record_pouch(entry)

    def record_effect(self, entry: EffectEntry) -> Sequence[FhirJson]:
        """Save an effect, only if it is the shown patient's."""
        self._check(entry.patient_id)
        return self._inner.record_effect(entry)

    def record_vitals(self, entry: VitalsEntry) -> RecordedVitals:
        """Save vital signs, only if they are the shown patient's."""
        self._check(entry.patient_id)
        return self._inner.record_vitals(entry)


def guarded(source: BedsideSource, guard: PatientGuard) -> GuardedBedsideSource:
    """``source`` behind ``guard``; a source already behind this guard is not wrapped twice."""
    if isinstance(source, GuardedBedsideSource) and source.guard is guard:
        return source
    return GuardedBedsideSource(source, guard)
