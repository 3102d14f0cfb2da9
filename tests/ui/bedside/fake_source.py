"""An in-memory ``BedsideSource`` over FHIR JSON; records every write, for tests and shots."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clinical.records import Staff
from tests.ui.bedside.ward_data import NURSE, STAFF_PINS, ward_resources
from ui.bedside.fhir_read import effective_time, medication_gtins, medication_name
from ui.bedside.source import (
    BedsideSourceError,
    ColleagueNotVerified,
    FhirJson,
    MedicationData,
)

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

    ``written`` holds each ``record`` call's resources (one list per transaction);
    ``fail_writes`` makes ``record`` raise to exercise error handling. ``calls`` counts reads
    that must stay off the GUI thread (the tests check the thread).
    """

    resources: list[dict[str, Any]] = field(default_factory=ward_resources)
    user: Staff = NURSE
    pins: Mapping[tuple[str, str, str], Staff] = field(default_factory=lambda: dict(STAFF_PINS))
    written: list[list[dict[str, Any]]] = field(default_factory=list)
    fail_writes: bool = False
    gui_thread: threading.Thread | None = None
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

    def round_patients(self) -> Sequence[FhirJson]:
        return self._of("Patient")

    def patient(self, patient_id: str) -> FhirJson:
        for resource in self._of("Patient"):
            if resource["id"] == patient_id:
                return resource
        raise BedsideSourceError("Pasienten finnes ikke på denne maskinen.")

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
        raise ColleagueNotVerified("Ukjent bruker eller feil PIN.")

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
            if categories & {"vital-signs", "survey"} and at is not None and at >= since:
                result.append(resource)
        return result

    def record(self, resources: Sequence[FhirJson]) -> None:
        self._off_gui()
        if self.fail_writes:
            raise BedsideSourceError("Lagring feilet. Ingenting er endret.")
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
