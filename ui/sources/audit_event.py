"""The FHIR R4 AuditEvent for one opening of a part of a patient's record (pure, no I/O).

Built here because ``clinical/records/audit.py`` did not exist yet when the store adapter was
written; it follows ux_packaging.md §D.3 and norway.md §4.8: the user (Practitioner with HPR
number and Volven 9060 category) as requesting agent, the organisation, the patient as entity,
the part of the record as a second entity, purpose of use (v3-ActReason ``TREAT``, ``ETREAT``
for an emergency) with the national access basis (SAMTYKKE / AKUTT / UNNTAK), success outcome,
and this workstation as source. ``recorded`` is when the user opened the record, not when the
event reaches the server, so offline openings keep their true time.

The access-basis code system is this product's own: no FHIR URI for the national codes was
found (norway.md names only ``SYSTEM_GRUNNLAG``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from clinical import codes
from clinical.records import Staff, new_id, reference
from clinical.records.common import PLEIEPUNKT, fhir_datetime
from ui.record_source import AccessBasis, AccessGrant, RecordView

DCM: Final = "http://dicom.nema.org/resources/ontology/DCM"
ACT_REASON: Final = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
ACCESS_BASIS_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/access-basis"
RECORD_VIEW_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/record-view"
_SECURITY_ROLE: Final = "http://terminology.hl7.org/CodeSystem/extra-security-role-type"
_SOURCE_TYPE: Final = "http://terminology.hl7.org/CodeSystem/security-source-type"
_ENTITY_TYPE: Final = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
_OBJECT_ROLE: Final = "http://terminology.hl7.org/CodeSystem/object-role"
_RESTFUL: Final = "http://hl7.org/fhir/restful-interaction"

_BASIS_DISPLAY: Final = {
    AccessBasis.CONSENT: "Samtykke",
    AccessBasis.EMERGENCY: "Akutt (nødrett)",
    AccessBasis.EXCEPTION: "Unntak",
}
_VIEW_DISPLAY: Final = {
    RecordView.CORE_RECORD: "Kjernejournal",
    RecordView.MEDICATION_LIST: "Legemiddelliste",
    RecordView.PRESCRIPTIONS: "Resepter",
}

Json = dict[str, Any]


def record_access_event(
    *,
    patient_id: str,
    view: RecordView,
    grant: AccessGrant,
    user: Staff,
    organisation: Mapping[str, Any] | None,
    workstation: str,
    at: datetime,
    resource_id: str | None = None,
) -> Json:
    """The AuditEvent saying ``user`` opened ``view`` of the patient on ``grant``'s basis."""
    rid = resource_id or new_id()
    emergency = grant.basis is AccessBasis.EMERGENCY
    purpose: Json = {
        "coding": [
            {
                "system": ACT_REASON,
                "code": "ETREAT" if emergency else "TREAT",
                "display": "Emergency Treatment" if emergency else "treatment",
            },
            {
                "system": ACCESS_BASIS_SYSTEM,
                "code": grant.basis.value,
                "display": _BASIS_DISPLAY[grant.basis],
            },
        ]
    }
    if grant.reason.strip():
        # The reason is shown to the patient in the national access log (norway.md §4.8).
        purpose["text"] = grant.reason.strip()
    user_agent: Json = {
        "type": {
            "coding": [{"system": _SECURITY_ROLE, "code": "humanuser", "display": "human user"}]
        },
        "who": user.reference(),
        "requestor": True,
    }
    if user.role:
        user_agent["role"] = [
            {"coding": [{"system": codes.KATEGORI_HELSEPERSONELL, "code": user.role}]}
        ]
    agents = [user_agent]
    observer = {"display": workstation}
    org_ref = _organisation_reference(organisation)
    if org_ref is not None:
        agents.append(
            {
                "type": {
                    "coding": [
                        {
                            "system": _SECURITY_ROLE,
                            "code": "dataprocessor",
                            "display": "data processor",
                        }
                    ]
                },
                "who": org_ref,
                "requestor": False,
            }
        )
        observer = {**org_ref, "display": workstation}
    return {
        "resourceType": "AuditEvent",
        "id": rid,
        "type": {"system": DCM, "code": "110110", "display": "Patient Record"},
        "subtype": [{"system": _RESTFUL, "code": "read", "display": "read"}],
        "action": "R",
        "recorded": fhir_datetime(at),
        "outcome": "0",
        "purposeOfEvent": [purpose],
        "agent": agents,
        "source": {
            "site": workstation,
            "observer": observer,
            "type": [{"system": _SOURCE_TYPE, "code": "1", "display": "User Device"}],
        },
        "entity": [
            {
                "what": reference("Patient", patient_id),
                "type": {"system": _ENTITY_TYPE, "code": "1", "display": "Person"},
                "role": {"system": _OBJECT_ROLE, "code": "1", "display": "Patient"},
            },
            {
                "type": {"system": RECORD_VIEW_SYSTEM, "code": view.value},
                "name": _VIEW_DISPLAY[view],
            },
        ],
    }


def _organisation_reference(organisation: Mapping[str, Any] | None) -> Json | None:
    if not organisation:
        return None
    ref: Json = {}
    if isinstance(organisation.get("id"), str):
        ref["reference"] = f"Organization/{organisation['id']}"
    for ident in organisation.get("identifier") or ():
        if isinstance(ident, Mapping) and ident.get("system") == codes.ORGANISASJONSNUMMER:
            ref["identifier"] = {"system": ident["system"], "value": ident.get("value")}
            break
    if isinstance(organisation.get("name"), str):
        ref["display"] = organisation["name"]
    return ref or None
