"""``FollowUpReads``: the remote follow-up list of a place, of the whole district, or of one
patient, read from the store in a few indexed queries (``offline`` ``compartments``).

The list covers ``WINDOW`` back from now. Missed measurements count only up to the last
successful sync (``ServiceContext.last_sync``): what has not been synced yet is not missed, and
a computer that never synced reports none. Every store failure becomes ``StoreReadFailed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Final

from app.errors import PatientNotFound, StoreReadFailed
from app.followup.values import FhirJson, FollowUpItem, FollowUpList
from app.followup.worklist import (
    PatientRecords,
    acks_by_key,
    ordered,
    patient_items,
    unmatched_items,
)
from app.records.reads import RecordReads
from app.service_context import StoreService, store_errors
from app.values import PlaceOfWork
from clinical.records.alert_followup import ACK_SYSTEM
from clinical.welfare.logical import logical_patient

WINDOW: Final = timedelta(hours=72)
DATED: Final = ("Observation", "DetectedIssue")
PLANS: Final = ("CarePlan", "Goal")
UNMATCHED: Final = ("DetectedIssue", "Observation", "MedicationDispense")


class FollowUpReads(StoreService):
    """The follow-up list over the signed-in user's store."""

    def followup_list(
        self, place: PlaceOfWork | None, *, patient_id: str | None = None
    ) -> FollowUpList:
        """The items of ``patient_id``, else of ``place``'s patients (with the alerts that
        match nobody), else of every patient on this computer; ordered open first, most
        severe first, newest first."""
        now = self._context.clock()
        since = now - WINDOW
        synced = self._context.last_sync() if self._context.last_sync else None
        measured_until = None if synced is None else min(now, synced)
        me = self._context.user.practitioner_id
        with store_errors(StoreReadFailed):
            store = self._store()
            patients = self._patients(place, patient_id)
            ids = [str(p["id"]) for p in patients]
            dated = store.compartments(ids, DATED, since=since)
            plans = store.compartments(ids, PLANS)
            tasks = store.compartments(ids, ("Task",), since=since)
            strangers = [] if patient_id else store.unresolved(UNMATCHED, since=since)
            stranger_tasks = self._stranger_tasks(strangers)
        acks = acks_by_key([t for found in tasks.values() for t in found] + stranger_tasks, me=me)
        items: list[FollowUpItem] = []
        for patient in patients:
            pid = str(patient["id"])
            records = PatientRecords(
                patient=patient,
                observations=[r for r in dated[pid] if r.get("resourceType") == "Observation"],
                issues=[r for r in dated[pid] if r.get("resourceType") == "DetectedIssue"],
                plans=[r for r in plans[pid] if r.get("resourceType") == "CarePlan"],
                goals=[r for r in plans[pid] if r.get("resourceType") == "Goal"],
            )
            items += patient_items(
                records,
                since=since,
                measured_until=measured_until,
                zone=self._context.zone,
                acks=acks,
            )
        items += unmatched_items(strangers, since=since, acks=acks)
        return FollowUpList(items=ordered(items), read_at=now, patients=len(ids))

    def _patients(self, place: PlaceOfWork | None, patient_id: str | None) -> list[FhirJson]:
        store = self._store()
        if patient_id is not None:
            found = store.get("Patient", patient_id)
            if found is None:
                raise PatientNotFound("The patient is not on this computer.")
            return [found]
        if place is None:
            return list(store.resources_of_type("Patient"))
        return [entry.patient for entry in RecordReads(self._context).patients_at(place)]

    def _stranger_tasks(self, strangers: Sequence[FhirJson]) -> list[FhirJson]:
        """Follow-ups of unmatched alerts name no patient: found by their key."""
        keys = set()
        for resource in strangers:
            logical = logical_patient(resource)
            if logical is not None:
                keys.add(f"unmatched/{logical.system}|{logical.value}")
        store = self._store()
        return [t for key in sorted(keys) for t in store.find_by_identifier(ACK_SYSTEM, key)]
