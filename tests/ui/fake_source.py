"""An in-memory ``RecordSource`` fed by the synthetic ward; for tests and screenshots only."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.bedside.config import BedsideConfig
from app.bedside.due_counts import count_due
from app.errors import PatientNotFound, StoreReadFailed
from app.values import (
    AccessGrant,
    CoreRecord,
    DueDoses,
    MedicationData,
    MedicationList,
    PatientId,
    PatientListEntry,
    PlaceOfWork,
    Prescriptions,
    RecordView,
)
from clinical.fhir_read import effective_time
from tests.ui.morning_round import morning_round
from tests.ui.ward import NOW, ROUTE, UNIT, PatientData, route_patients, unit_patients


@dataclass
class FakeSource:
    """Serves the synthetic ward from memory and records every write the views make.

    ``gate`` (when set) makes every read wait for it, so tests can observe loading states;
    ``fail_reads`` makes reads raise ``StoreReadFailed`` to exercise error states. Due doses
    are counted from the ward's medication lists at ``now`` as the store adapter counts them;
    ``administrations`` (per patient id) are doses already documented, by default the morning
    round as far as it got by 09:40 (``tests.ui.morning_round``), and count once ``now`` has
    reached them; ``due_threads`` records the thread of every count.
    """

    places: list[PlaceOfWork] = field(default_factory=lambda: [UNIT, ROUTE])
    by_place: dict[str, list[PatientData]] = field(
        default_factory=lambda: {UNIT.id: unit_patients(), ROUTE.id: route_patients()}
    )
    accesses: list[tuple[PatientId, RecordView, AccessGrant]] = field(default_factory=list)
    renewals: list[tuple[PatientId, str, str]] = field(default_factory=list)
    seen: list[tuple[PatientId, datetime]] = field(default_factory=list)
    gate: threading.Event | None = None
    fail_reads: bool = False
    now: datetime = NOW
    administrations: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: morning_round([*unit_patients(), *route_patients()])
    )
    due_threads: list[threading.Thread] = field(default_factory=list)
    unreadable: dict[str, frozenset[str]] = field(default_factory=dict)

    def _read(self) -> None:
        if self.gate is not None:
            self.gate.wait(10)
        if self.fail_reads:
            raise StoreReadFailed("the local store is locked")

    def _patient(self, patient_id: PatientId) -> PatientData:
        for patients in self.by_place.values():
            for data in patients:
                if data.patient["id"] == patient_id:
                    return data
        raise PatientNotFound(patient_id)

    def places_of_work(self) -> Sequence[PlaceOfWork]:
        self._read()
        return list(self.places)

    def patients_at(self, place: PlaceOfWork) -> Sequence[PatientListEntry]:
        self._read()
        return [
            PatientListEntry(
                patient=d.patient,
                location=d.location,
                visit=d.visit,
                critical=[*d.allergies, *d.conditions, *d.flags, *d.consents],
            )
            for d in self.by_place.get(place.id, [])
        ]

    def due_doses(self, place: PlaceOfWork, patient_ids: Sequence[str]) -> dict[str, DueDoses]:
        self._read()
        self.due_threads.append(threading.current_thread())
        counts = {}
        for patient_id in patient_ids:
            data = self._patient(PatientId(patient_id))
            counts[patient_id] = count_due(
                MedicationData(
                    statements=data.statements,
                    requests=data.requests,
                    medications=data.medications,
                ),
                administrations=[
                    a
                    for a in self.administrations.get(patient_id, [])
                    if (at := effective_time(a)) is not None and at <= self.now
                ],
                followups=[],
                now=self.now,
                config=BedsideConfig(),
            )
        return counts

    def core_record(self, patient_id: PatientId) -> CoreRecord:
        self._read()
        d = self._patient(patient_id)
        return CoreRecord(
            patient=d.patient,
            allergies=d.allergies,
            conditions=d.conditions,
            flags=d.flags,
            consents=d.consents,
            immunizations=d.immunizations,
            encounters=d.encounters,
            related_persons=d.related,
            general_practitioner=d.gp,
            location=d.location,
        )

    def medication_list(self, patient_id: PatientId) -> MedicationList:
        self._read()
        d = self._patient(patient_id)
        return MedicationList(
            statements=d.statements,
            medications=d.medications,
            last_seen_at=d.last_seen_at,
            allergies=d.allergies,
        )

    def prescriptions(self, patient_id: PatientId) -> Prescriptions:
        self._read()
        d = self._patient(patient_id)
        tasks = [
            {
                "resourceType": "Task",
                "id": f"task-{i}",
                "status": "requested",
                "intent": "order",
                "focus": {"reference": f"MedicationRequest/{rx}"},
                "authoredOn": "2025-03-12",
            }
            for i, (pid, rx, _) in enumerate(self.renewals)
            if pid == patient_id
        ]
        return Prescriptions(
            requests=d.requests,
            dispenses=d.dispenses,
            medications=d.medications,
            tasks=tasks,
            allergies=d.allergies,
        )

    def last_synced_at(self, patient_id: PatientId) -> datetime | None:
        self._read()
        return self._patient(patient_id).synced_at

    def unreadable_types(self, patient_id: PatientId) -> frozenset[str]:
        self._read()
        return self.unreadable.get(patient_id, frozenset())

    def record_access(
        self, patient_id: PatientId, *, view: RecordView, grant: AccessGrant, at: datetime
    ) -> None:
        self.accesses.append((patient_id, view, grant))

    def mark_medication_list_seen(self, patient_id: PatientId, *, at: datetime) -> None:
        self.seen.append((patient_id, at))

    def request_renewal(
        self, patient_id: PatientId, *, prescription_id: str, note: str, at: datetime
    ) -> None:
        self.renewals.append((patient_id, prescription_id, note))
