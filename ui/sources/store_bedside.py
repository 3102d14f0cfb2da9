"""``StoreBedsideSource``: the encrypted offline store as bedside documentation's source.

Reads use the store's read API; ``record`` saves everything documented at once with
``Store.write_all``: each resource is created (or updated when already stored) with its outbox
entry, all in one transaction, so a failed save or a crash never leaves half a medication round
behind. Errors become ``BedsideSourceError`` with a safe Norwegian message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Final

from clinical.records import Staff
from clinical.records.administration import GTIN_SYSTEM
from offline.errors import StoreError
from ui.bedside.fhir_read import medication_name
from ui.bedside.source import (
    BedsideSourceError,
    ColleagueNotVerified,
    FhirJson,
    MedicationData,
)
from ui.presenters.patient_list import patient_rows
from ui.record_source import PlaceOfWork, RecordSourceError
from ui.sources.local_store import LocalStore
from ui.sources.round_filters import effective_in, is_open_followup
from ui.sources.store_records import StoreRecordSource
from ui.sources.store_vitals import scale_2_decision, vital_signs

Clock = Callable[[], datetime]
ColleagueVerifier = Callable[[str, str], Staff]

_READ_FAILED: Final = "Kunne ikke lese fra lokal lagring. Prøv igjen."
_WRITE_FAILED: Final = "Lagring feilet. Ingenting er endret."
_NO_PATIENT: Final = "Pasienten finnes ikke på denne maskinen."
_NOT_VERIFIED: Final = "Ukjent bruker eller feil PIN."


@contextmanager
def _read_errors() -> Iterator[None]:
    try:
        yield
    except (StoreError, RecordSourceError) as exc:
        raise BedsideSourceError(_READ_FAILED) from exc


class StoreBedsideSource:
    """A ``BedsideSource`` over one user's open ``Store``.

    ``place`` says which unit or route the round is for (the patient list's current place);
    ``colleague_verifier`` checks a double-signature colleague's user name or HPR number and
    PIN and returns who they are (``main.py`` wires it to the colleagues' PIN key managers);
    without it every double signature is refused.
    """

    def __init__(
        self,
        store: LocalStore,
        *,
        user: Staff,
        clock: Clock,
        place: Callable[[], PlaceOfWork | None],
        colleague_verifier: ColleagueVerifier | None = None,
        timezone: str = "Europe/Oslo",
    ) -> None:
        self._store = store
        self._user = user
        self._clock = clock
        self._place = place
        self._verifier = colleague_verifier
        self._records = StoreRecordSource(
            store, user=user, organisation=None, clock=clock, timezone=timezone
        )

    def current_user(self) -> Staff:
        """The signed-in user."""
        return self._user

    def round_patients(self) -> Sequence[FhirJson]:
        """Patients of the current place in the patient list's order (room or visit time)."""
        place = self._place()
        if place is None:
            return []
        with _read_errors():
            entries = self._records.patients_at(place)
        today = self._clock().date()
        by_id = {str(e.patient.get("id")): e.patient for e in entries}
        return [by_id[row.id] for row in patient_rows(entries, today=today) if row.id in by_id]

    def patient(self, patient_id: str) -> FhirJson:
        """The Patient, or ``BedsideSourceError`` when it is not in the store."""
        with _read_errors():
            found = self._store.get("Patient", patient_id)
        if found is None:
            raise BedsideSourceError(_NO_PATIENT)
        return found

    def medication_data(self, patient_id: str) -> MedicationData:
        """MedicationStatements, MedicationRequests and every Medication either references."""
        with _read_errors():
            listed = self._store.medication_list(patient_id)
            prescribed = self._store.prescriptions(patient_id)
        medications = {**listed.medications, **prescribed.medications}
        return MedicationData(
            statements=listed.statements,
            requests=prescribed.requests,
            medications=list(medications.values()),
        )

    def allergies(self, patient_id: str) -> Sequence[FhirJson]:
        """Every AllergyIntolerance of the patient (the allergy check filters by status)."""
        with _read_errors():
            record = self._store.core_record(patient_id)
        return [] if record is None else record.allergies

    def administrations(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> Sequence[FhirJson]:
        """MedicationAdministrations effective in ``[since, until)``, oldest first."""
        with _read_errors():
            found = self._store.compartment(
                patient_id, ("MedicationAdministration",), since=since, until=until
            )
        return [r for r in found if effective_in(r, since=since, until=until)]

    def open_followups(self, patient_id: str) -> Sequence[FhirJson]:
        """PRN effect follow-up Tasks for the patient that are still open."""
        with _read_errors():
            tasks = self._store.referencing(f"Patient/{patient_id}", resource_type="Task")
        return [t for t in tasks if is_open_followup(t)]

    def medication_for_gtin(self, gtin: str) -> FhirJson | None:
        """The Medication coded with this GTIN, or None."""
        with _read_errors():
            found = self._store.with_code(GTIN_SYSTEM, gtin, resource_type="Medication")
        return found[0] if found else None

    def search_medications(self, text: str, *, limit: int = 50) -> Sequence[FhirJson]:
        """Stored Medications whose name contains ``text`` (case-insensitive), by name."""
        needle = text.strip().casefold()
        with _read_errors():
            catalogue = self._store.resources_of_type("Medication")
        found = [m for m in catalogue if needle in medication_name(m).casefold()]
        return sorted(found, key=lambda m: medication_name(m).casefold())[:limit]

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        """The confirming colleague; ``ColleagueNotVerified`` for any failure to verify."""
        if self._verifier is None:
            raise ColleagueNotVerified(_NOT_VERIFIED)
        try:
            colleague = self._verifier(username_or_hpr.strip(), pin)
        except ColleagueNotVerified:
            raise
        except StoreError as exc:
            raise ColleagueNotVerified(_NOT_VERIFIED) from exc
        if colleague.practitioner_id == self._user.practitioner_id:
            # A double signature needs a second person.
            raise ColleagueNotVerified(_NOT_VERIFIED)
        return colleague

    def spo2_scale_2_decision(self, patient_id: str) -> FhirJson | None:
        """An active Flag or Condition coded ``spo2-scale-2``, or None."""
        with _read_errors():
            return scale_2_decision(self._store, patient_id)

    def vital_signs(self, patient_id: str, *, since: datetime) -> Sequence[FhirJson]:
        """Vital-sign and NEWS2 Observations effective at or after ``since``, oldest first."""
        with _read_errors():
            return vital_signs(self._store, patient_id, since=since)

    def record(self, resources: Sequence[FhirJson]) -> None:
        """Write every resource (create, or update when stored) and its outbox entry, all in
        one transaction: on any error nothing is written."""
        try:
            self._store.write_all(resources)
        except StoreError as exc:
            raise BedsideSourceError(_WRITE_FAILED) from exc
