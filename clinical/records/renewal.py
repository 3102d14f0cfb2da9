"""The FHIR R4 Task asking the prescriber to renew a prescription (pure, no I/O).

``focus`` is the MedicationRequest to renew, ``for`` the patient, ``requester`` the signed-in
nurse, ``owner`` the prescriber named on the request (the one expected to act), ``intent``
order, ``status`` requested. The nurse's note is a Task note with its author and time. The
prescriptions presenter finds an open Task whose ``focus`` names a request and then shows the
renewal as asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from clinical.records.common import (
    TASK_CODE_SYSTEM,
    Staff,
    fhir_datetime,
    identifier,
    new_id,
    reference,
)

RENEWAL_CODE: Final = "prescription-renewal"
_DISPLAY: Final = "Fornyelse av resept"

Json = dict[str, Any]


def renewal_task(
    *,
    request: Mapping[str, Any],
    patient_id: str,
    requester: Staff,
    note: str,
    at: datetime,
    resource_id: str | None = None,
) -> Json:
    """The renewal request for the MedicationRequest ``request``."""
    rid = resource_id or new_id()
    when = fhir_datetime(at)
    task: Json = {
        "resourceType": "Task",
        "id": rid,
        "identifier": [identifier(rid)],
        "status": "requested",
        "intent": "order",
        "priority": "routine",
        "code": {
            "coding": [{"system": TASK_CODE_SYSTEM, "code": RENEWAL_CODE, "display": _DISPLAY}],
            "text": _DISPLAY,
        },
        "focus": reference("MedicationRequest", str(request["id"])),
        "for": reference("Patient", patient_id),
        "authoredOn": when,
        "lastModified": when,
        "requester": requester.reference(),
    }
    prescriber = request.get("requester")
    if isinstance(prescriber, Mapping) and prescriber.get("reference"):
        task["owner"] = dict(prescriber)
    if note.strip():
        task["note"] = [{"authorReference": requester.reference(), "time": when, "text": note}]
    return task
