"""A FHIR R4 Communication: a contact staff made about a patient (pure, no I/O).

Generic on purpose: ``about`` names what the contact concerned (an alert, a Task), ``based_on``
the Task it carries out, ``recipient`` who was contacted (the Patient, their GP's Practitioner,
or a display only when no resource is held). ``status`` completed, ``sent`` the time, the
sender the signed-in nurse, the nurse's words as a plain-text payload.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from clinical.records.common import Json, Staff, fhir_datetime, identifier, new_id

CATEGORY_SYSTEM: Final = "http://terminology.hl7.org/CodeSystem/communication-category"


def communication(
    *,
    sender: Staff,
    recipient: Mapping[str, Any],
    text: str,
    at: datetime,
    patient_id: str | None,
    about: Sequence[str] = (),
    based_on: Sequence[str] = (),
    category: str = "notification",
    resource_id: str | None = None,
) -> Json:
    """A completed Communication from ``sender`` to ``recipient`` (a Reference) at ``at``;
    ``about``/``based_on`` are ``Type/id`` references."""
    rid = resource_id or new_id()
    resource: Json = {
        "resourceType": "Communication",
        "id": rid,
        "identifier": [identifier(rid)],
        "status": "completed",
        "category": [{"coding": [{"system": CATEGORY_SYSTEM, "code": category}]}],
        "sent": fhir_datetime(at),
        "sender": sender.reference(),
        "recipient": [dict(recipient)],
    }
    if patient_id:
        resource["subject"] = {"reference": f"Patient/{patient_id}"}
    if about:
        resource["about"] = [{"reference": ref} for ref in about]
    if based_on:
        resource["basedOn"] = [{"reference": ref} for ref in based_on]
    if text.strip():
        resource["payload"] = [{"contentString": text.strip()}]
    return resource
