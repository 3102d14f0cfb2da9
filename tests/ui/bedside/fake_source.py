"""An in-memory ``BedsideSource`` over FHIR JSON; records every write, for tests and shots.

Writes go through the application's own services (``DoseRecording``, ``VitalsRecording``: the
decisions and FHIR builders the app uses), with this fake standing in for the store's
``write_all``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from app.bedside.doses import DoseRecording
from app.bedside.vitals import VitalsRecording
from app.entries import DoseEntry, EffectEntry, PouchEntry, RecordedVitals, VitalsEntry
from app.errors import ColleagueNotVerified, PatientNotFound
from app.followup.dispenser import dispenser_records
from app.followup.values import DispenserRecords, TrendRecords
from app.service_context import ServiceContext
from app.values import FhirJson, MedicationData, PlaceOfWork
from clinical.fhir_read import effective_time
from clinical.medication_read import medication_gtins, medication_name
from clinical.records import Staff
from clinical.welfare.logical import logical_patient, patient_identifiers
from clinical.welfare.measurements import is_home_measurement
from offline import Store, StoreError
from tests.ui.bedside.ward_data import NOW, NURSE, STAFF_PINS, ward_resources

_SUBJECT_KEYS = ("subject", "patient", "for")


def _subject(resource: Mapping[str, Any]) -> str | None:
    for key in _SUBJECT_KEYS:
        ref = resource.get(key)
        if isinstance(ref, Mapping) and str(ref.get("reference", "")).startswith("Patient/"):
            return str(ref["reference"]).removeprefix("Patient/")
    return None


@dataclass
class FakeBedsideSource:
    """Serves a resource list from memory, like the store would.

    ``written`` holds each write's resources (one list per transaction); ``fail_writes`` makes
    every write fail as a store error does, to exercise error handling. ``calls`` counts reads
    that must stay off the GUI thread (the tests check the thread).
    """

    resources: list[dict[str, Any]] = field(default_factory=ward_resources)
    user: Staff = NURSE
    pins: Mapping[tuple[str, str, str], Staff] = field(default_factory=lambda: dict(STAFF_PINS))
    written: list[list[dict[str, Any]]] = field(default_factory=list)
    fail_writes: bool = False
    gui_thread: threading.Thread | None = None
    clock: Callable[[], datetime] = lambda: NOW
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_resources(
        cls, resources: Iterable[Mapping[str, Any]], **kwargs: Any
    ) -> FakeBedsideSource:
        """A fake over any resources (e.g. ``tests.synthetic.generate`` output)."""
        return cls(resources=[dict(r) for r in resources], **kwargs)

    def _off_gui(self) -> None:
        if self.gui_thread is not None and threading.current_thread() is self.gui_thread:
            raise AssertionError("store call on the GUI thread")

    def _of(self, resource_type: str, patient_id: str | None = None) -> list[dict[str, Any]]:
        self._off_gui()
        with self._lock:
            return [
                r
                for r in self.resources
                if r.get("resourceType") == resource_type
                and (patient_id is None or _subject(r) == patient_id)
            ]

    def current_user(self) -> Staff:
        return self.user

    def round_patients(self, place: PlaceOfWork) -> Sequence[FhirJson]:
        return self._of("Patient")

    def patient(self, patient_id: str) -> FhirJson:
        for resource in self._of("Patient"):
            if resource["id"] == patient_id:
                return resource
        raise PatientNotFound("not in the fake store")

    def medication_data(self, patient_id: str) -> MedicationData:
        statements = self._of("MedicationStatement", patient_id)
        requests = self._of("MedicationRequest", patient_id)
        wanted = {
            str(r.get("medicationReference", {}).get("reference", "")).removeprefix("Medication/")
            for r in statements + requests
        }
        medications = [m for m in self._of("Medication") if m["id"] in wanted]
        return MedicationData(statements, requests, medications)

    def allergies(self, patient_id: str) -> Sequence[FhirJson]:
        return self._of("AllergyIntolerance", patient_id)

    def administrations(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> Sequence[FhirJson]:
        result = []
        for resource in self._of("MedicationAdministration", patient_id):
            at = effective_time(resource)
            if at is not None and since <= at < until:
                result.append(resource)
        return result

    def open_followups(self, patient_id: str) -> Sequence[FhirJson]:
        return [
            t
            for t in self._of("Task", patient_id)
            if t.get("status") not in ("completed", "cancelled", "entered-in-error")
        ]

    def medication_for_gtin(self, gtin: str) -> FhirJson | None:
        return next((m for m in self._of("Medication") if gtin in medication_gtins(m)), None)

    def search_medications(self, text: str, *, limit: int = 50) -> Sequence[FhirJson]:
        needle = text.strip().casefold()
        found = [m for m in self._of("Medication") if needle in medication_name(m).casefold()]
        return sorted(found, key=medication_name)[:limit]

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        self._off_gui()
        who = username_or_hpr.strip().casefold()
        for (username, hpr, known_pin), staff in self.pins.items():
            if who in (username, hpr) and pin == known_pin:
                return staff
        raise ColleagueNotVerified("unknown colleague or wrong PIN")

    def spo2_scale_2_decision(self, patient_id: str) -> FhirJson | None:
        for flag in self._of("Flag", patient_id):
            codes = {c.get("code") for c in flag.get("code", {}).get("coding", [])}
            if flag.get("status") == "active" and "spo2-scale-2" in codes:
                return flag
        return None

    def vital_signs(self, patient_id: str, *, since: datetime) -> Sequence[FhirJson]:
        result = []
        for resource in self._of("Observation", patient_id):
            categories = {
                c.get("code") for cat in resource.get("category", []) for c in cat.get("coding", [])
            }
            at = effective_time(resource)
            if (
                categories & {"vital-signs", "survey"}
                and not is_home_measurement(resource)
                and at is not None
                and at >= since
            ):
                result.append(resource)
        return result

    def _of_patient(self, resource_type: str, patient_id: str) -> list[dict[str, Any]]:
        """Literal references, and logical ones naming exactly this patient's identifiers."""
        own = self._of(resource_type, patient_id)
        patient = next((p for p in self._of("Patient") if p["id"] == patient_id), None)
        if patient is None:
            return own
        numbers = patient_identifiers(patient)
        for resource in self._of(resource_type):
            logical = logical_patient(resource)
            if logical is not None and (logical.system, logical.value) in numbers:
                own.append(resource)
        return own

    @staticmethod
    def _dated(resources: list[dict[str, Any]], since: datetime, until: datetime | None):
        for resource in resources:
            at = effective_time(resource)
            if at is None:
                for key in ("whenHandedOver", "identifiedDateTime"):
                    if isinstance(resource.get(key), str):
                        at = datetime.fromisoformat(resource[key])
            if at is not None and since <= at and (until is None or at < until):
                yield resource

    def trend_records(
        self, patient_id: str, *, since: datetime, until: datetime | None = None
    ) -> TrendRecords:
        staff = list(self.vital_signs(patient_id, since=since))
        home = [
            o
            for o in self._dated(self._of_patient("Observation", patient_id), since, until)
            if is_home_measurement(o)
        ]
        observations = [
            o for o in staff if until is None or (at := effective_time(o)) is None or at < until
        ] + home
        observations.sort(key=lambda o: effective_time(o) or since)
        return TrendRecords(
            observations=observations,
            goals=self._of_patient("Goal", patient_id),
            since=since,
            until=until,
        )

    def dispenser_records(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> DispenserRecords:
        events = [
            *self._of_patient("MedicationDispense", patient_id),
            *self._of_patient("DetectedIssue", patient_id),
        ]
        return dispenser_records(
            self._of_patient("Device", patient_id), list(self._dated(events, since, until))
        )

    def _context(self) -> ServiceContext:
        return ServiceContext(store=lambda: cast(Store, self), user=self.user, clock=self.clock)

    def record_dose(self, entry: DoseEntry) -> Sequence[FhirJson]:
        return DoseRecording(self._context()).record_dose(entry)

    def record_pouch(self, entry: PouchEntry) -> Sequence[FhirJson]:
        return DoseRecording(self._context()).record_pouch(entry)

    def record_effect(self, entry: EffectEntry) -> Sequence[FhirJson]:
        return DoseRecording(self._context()).record_effect(entry)

    def record_vitals(self, entry: VitalsEntry) -> RecordedVitals:
        return VitalsRecording(self._context()).record_vitals(entry)

    def write_all(self, resources: Sequence[FhirJson]) -> None:
        """The store's one-transaction write, as the recording services call it."""
        self._off_gui()
        if self.fail_writes:
            raise StoreError("the fake store refuses writes")
        batch = [dict(r) for r in resources]
        with self._lock:
            by_id = {(r["resourceType"], r["id"]): i for i, r in enumerate(self.resources)}
            for resource in batch:
                index = by_id.get((resource["resourceType"], resource["id"]))
                if index is None:
                    self.resources.append(resource)
                else:
                    self.resources[index] = resource
            self.written.append(batch)
