"""``RecordReads``: places of work, patient lists, the record tabs and due doses, from the store.

Reads go through the store's read API (``offline.StoreReader``). When the user last saw a
medication list is one of the user's own marks in the encrypted store (never synced), so it
survives a restart.

Known limit: ``last_synced_at`` is the workstation's last successful sync, which is when every
patient in scope was last brought up to date; the store keeps no per-patient time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, time, timedelta
from typing import Final

from app.bedside.store_due import store_due_doses
from app.bedside.vitals_reads import newest_alerts
from app.errors import NotSaved, PatientNotFound, StoreReadFailed
from app.records.places import ROOM, physical_type, places_of_work
from app.records.stays import critical_resources, stay_location_ids
from app.service_context import StoreService, store_errors
from app.values import (
    CoreRecord,
    DueDoses,
    FhirJson,
    MedicationList,
    PatientId,
    PatientListEntry,
    PlaceKind,
    PlaceOfWork,
    Prescriptions,
    VitalsAlert,
)
from clinical.fhir_read import reference_target

MEDICATION_LIST_SEEN: Final = "medication-list-seen"
"""The store mark (keyed by patient id) holding when the user last saw the medication list."""


class RecordReads(StoreService):
    """What the patient list and the record tabs read (see the module docstring)."""

    def places_of_work(self) -> Sequence[PlaceOfWork]:
        """Units and routes (today and tomorrow) found among the stored Locations."""
        context = self._context
        today = context.clock().astimezone(context.zone).date()
        # One Location at a time: a municipality has thousands (rooms, homes) and a few hundred
        # places of work, and this runs in the window's process after every sync.
        with store_errors(StoreReadFailed):
            return places_of_work(
                self._store().each_of_type("Location"),
                today=today,
                route_days=context.route_days,
                wanted=context.places,
            )

    def patients_at(self, place: PlaceOfWork) -> Sequence[PatientListEntry]:
        """Residents of a unit with their rooms, or a route's visits on its day in time order."""
        with store_errors(StoreReadFailed):
            if place.kind is PlaceKind.UNIT:
                return self._residents(place.id)
            return self._visits(place)

    def people_at(self, place: PlaceOfWork) -> Sequence[PatientListEntry]:
        """``patients_at`` without the critical information on a route (the task list needs
        only who and where: a district's thousands of core records are not read for it)."""
        with store_errors(StoreReadFailed):
            if place.kind is PlaceKind.UNIT:
                return self._residents(place.id)
            return self._visits(place, critical=False)

    def _residents(self, unit_id: str) -> list[PatientListEntry]:
        store = self._store()
        entries = []
        for patient in store.patients_on_ward(unit_id):
            record = store.core_record(str(patient["id"]))
            if record is None:
                continue
            entries.append(
                PatientListEntry(
                    patient=record.patient,
                    location=self._room(stay_location_ids(record.encounters, unit_id=unit_id)),
                    critical=critical_resources(record),
                )
            )
        return entries

    def _room(self, location_ids: Sequence[str]) -> FhirJson | None:
        """The first of the stay's Locations that is a room."""
        store = self._store()
        for location_id in location_ids:
            location = store.get("Location", location_id)
            if location is not None and physical_type(location) == ROOM:
                return location
        return None

    def _visits(self, place: PlaceOfWork, *, critical: bool = True) -> list[PatientListEntry]:
        store = self._store()
        zone = self._context.zone
        day = place.day or self._context.clock().astimezone(zone).date()
        start = datetime.combine(day, time(), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
        entries = []
        for visit in store.patients_on_route(f"Location/{place.id}", start=start, end=end):
            if visit.appointment.get("status") in ("cancelled", "entered-in-error"):
                continue
            found = []
            if critical:
                record = store.core_record(str(visit.patient["id"]))
                found = critical_resources(record) if record is not None else []
            entries.append(
                PatientListEntry(patient=visit.patient, visit=visit.appointment, critical=found)
            )
        return entries

    def due_doses(self, place: PlaceOfWork, patient_ids: Sequence[str]) -> Mapping[str, DueDoses]:
        """Each patient's doses still to document this shift, counted as the round pages
        count them (``app.bedside.store_due``); ``place`` is not needed by the store."""
        with store_errors(StoreReadFailed):
            return store_due_doses(
                self._store(), patient_ids, now=self._context.clock(), config=self._context.ward
            )

    def vitals_alerts(
        self, place: PlaceOfWork, patient_ids: Sequence[str]
    ) -> Mapping[str, VitalsAlert]:
        """Each patient's newest set of vital signs in the trend window, scored as the form
        scores it, partial sets too (``app.bedside.vitals_reads``); ``place`` is not needed."""
        since = self._context.clock() - timedelta(days=self._context.ward.trend_days)
        with store_errors(StoreReadFailed):
            return newest_alerts(self._store(), patient_ids, since=since)

    def core_record(self, patient_id: PatientId) -> CoreRecord:
        """The patient's core record; the room of a current nursing-home stay as location."""
        with store_errors(StoreReadFailed):
            record = self._store().core_record(patient_id)
            if record is None:
                raise PatientNotFound("The patient is not on this computer.")
            room = self._room(stay_location_ids(record.encounters))
        return CoreRecord(
            patient=record.patient,
            allergies=record.allergies,
            conditions=record.conditions,
            flags=record.flags,
            consents=record.consents,
            immunizations=record.immunizations,
            encounters=record.encounters,
            related_persons=record.related_persons,
            general_practitioner=(
                record.general_practitioners[0] if record.general_practitioners else None
            ),
            location=room,
        )

    def medication_list(self, patient_id: PatientId) -> MedicationList:
        """All MedicationStatements (stopped too), their Medications, and this user's mark."""
        with store_errors(StoreReadFailed):
            self._require_patient(patient_id)
            store = self._store()
            found = store.medication_list(patient_id)
            seen = store.mark(MEDICATION_LIST_SEEN, patient_id)
            allergies = self._allergies(patient_id)
        return MedicationList(
            statements=found.statements,
            medications=list(found.medications.values()),
            last_seen_at=_parse_mark(seen),
            allergies=allergies,
        )

    def _allergies(self, patient_id: str) -> Sequence[FhirJson]:
        """The patient's AllergyIntolerances (the allergy check filters them by status)."""
        return self._store().referencing(
            f"Patient/{patient_id}", resource_type="AllergyIntolerance"
        )

    def prescriptions(self, patient_id: PatientId) -> Prescriptions:
        """MedicationRequests, dispenses, Medications, and Tasks about the requests."""
        with store_errors(StoreReadFailed):
            self._require_patient(patient_id)
            store = self._store()
            found = store.prescriptions(patient_id)
            tasks = [
                task
                for task in store.referencing(f"Patient/{patient_id}", resource_type="Task")
                if reference_target(task.get("focus")).startswith("MedicationRequest/")
            ]
            allergies = self._allergies(patient_id)
        return Prescriptions(
            requests=found.requests,
            dispenses=found.dispenses,
            medications=list(found.medications.values()),
            tasks=tasks,
            allergies=allergies,
        )

    def last_synced_at(self, patient_id: PatientId) -> datetime | None:
        """When this workstation last synced; None if never (or the sync status is unknown)."""
        with store_errors(StoreReadFailed):
            self._require_patient(patient_id)
        last_sync = self._context.last_sync
        return last_sync() if last_sync is not None else None

    def unreadable_types(self, patient_id: PatientId) -> frozenset[str]:
        """Types of this patient's records the platform sent that could not be read."""
        with store_errors(StoreReadFailed):
            return self._store().unreadable_types(patient_id)

    def mark_medication_list_seen(self, patient_id: PatientId, *, at: datetime) -> None:
        """Remember in the user's store that they have now seen the medication list."""
        if at.tzinfo is None:
            raise ValueError("use a timezone-aware time for the medication list mark")
        with store_errors(NotSaved):
            self._store().set_mark(MEDICATION_LIST_SEEN, patient_id, at.isoformat())

    def _require_patient(self, patient_id: str) -> None:
        if self._store().get("Patient", patient_id) is None:
            raise PatientNotFound("The patient is not on this computer.")


def _parse_mark(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        # Only this module writes the mark; an unreadable one counts as "never seen", which
        # shows every item as new rather than hiding a change.
        return None
