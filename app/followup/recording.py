"""``FollowUpRecording``: a nurse acknowledges and acts on a follow-up item, saved as FHIR.

The dialog hands over a ``FollowUpEntry`` (which item, what was done, the note). This service
builds the records (``clinical.records.alert_followup``, ``communication``) and saves them with
their outbox entries in one transaction: the nurse's first follow-up of an item is a new
``Task``; each later action of the same nurse updates that Task (the history stays in its
notes). Contacting the patient or informing the GP is also a ``Communication``, to the Patient
or to the patient's GP (``generalPractitioner``), named in the Task's ``output``. Another
nurse's follow-up of the same item is never changed: theirs and this one stand side by side
until a person settles it (the list shows the conflict). Store failures become ``NotSaved``;
nothing is partly saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.errors import NotSaved, PatientNotFound
from app.followup.values import FhirJson, FollowUpEntry
from app.service_context import StoreService, store_errors
from clinical.fhir_read import reference_id
from clinical.records import Staff
from clinical.records.alert_followup import (
    ACK_SYSTEM,
    AlertRef,
    FollowUpAction,
    followed_up,
    followup_task,
)
from clinical.records.common import new_id
from clinical.records.communication import communication

_WITHDRAWN = frozenset({"cancelled", "entered-in-error"})


def _mine(task: Mapping[str, Any], me: Staff) -> bool:
    owner = task.get("owner") or task.get("requester")
    return (
        task.get("resourceType") == "Task"
        and task.get("status") not in _WITHDRAWN
        and reference_id(owner, "Practitioner") == me.practitioner_id
    )


class FollowUpRecording(StoreService):
    """Saves follow-ups of remote follow-up items in the signed-in user's store."""

    def record_followup(self, entry: FollowUpEntry) -> Sequence[FhirJson]:
        """Save the follow-up (and its Communication); returns what was saved."""
        me = self._context.user
        with store_errors(NotSaved):
            store = self._store()
            patient = None
            if entry.patient_id is not None:
                patient = store.get("Patient", entry.patient_id)
                if patient is None:
                    raise PatientNotFound("The patient is not on this computer.")
            earlier = [t for t in store.find_by_identifier(ACK_SYSTEM, entry.key) if _mine(t, me)]
            contact = None
            if entry.action.communicates:
                contact = communication(
                    sender=me,
                    recipient=_recipient(entry.action, patient),
                    text=entry.note,
                    at=entry.at,
                    patient_id=entry.patient_id,
                    about=[entry.focus],
                    resource_id=new_id(),
                )
            contact_id = None if contact is None else str(contact["id"])
            if earlier:
                task = followed_up(
                    earlier[0],
                    by=me,
                    action=entry.action,
                    note=entry.note,
                    at=entry.at,
                    communication_id=contact_id,
                )
            else:
                task = followup_task(
                    alert=AlertRef(
                        key=entry.key,
                        focus=entry.focus,
                        patient_id=entry.patient_id,
                        slot=entry.slot,
                    ),
                    by=me,
                    action=entry.action,
                    note=entry.note,
                    at=entry.at,
                    communication_id=contact_id,
                )
            return store.write_all([r for r in (contact, task) if r is not None])


def _recipient(action: FollowUpAction, patient: Mapping[str, Any] | None) -> dict[str, Any]:
    """Who was contacted: the Patient, or their GP (by reference when the record names one)."""
    if action is FollowUpAction.CONTACTED_PATIENT:
        if patient is not None:
            return {"reference": f"Patient/{patient['id']}"}
        return {"display": "Pasient"}
    gps = (patient or {}).get("generalPractitioner") or []
    for gp in gps:
        if isinstance(gp, Mapping) and isinstance(gp.get("reference"), str):
            return dict(gp)
    return {"display": "Fastlege"}
