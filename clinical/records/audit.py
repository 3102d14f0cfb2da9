"""AuditEvent builders for record access: one event per opening, and break-the-glass start/stop.

Follows the HL7 Norway AuditEvent guide as far as ``norway.md`` §1.7/§4.8 and
``ux_packaging.md`` §D.3/§D.4 describe it (Normen 6.1 ch. 5.4.4 minimum content):

- the user as requesting agent: Practitioner reference with HPR number, Volven 9060 category
  as role, and the purpose of use on the agent as well;
- the organisation (organisation number, ENH) as a second agent and as the source's observer,
  when it is known; without one (the workstation has no organisation number configured) the
  event names the user and the workstation only, rather than the opening going unlogged;
- the patient as entity (reference, and the national identifier when given), the part of the
  record as a second entity;
- ``purposeOfEvent``: v3-ActReason ``TREAT`` (or ``ETREAT`` + ``BTG`` for emergency access),
  the national access basis (SAMTYKKE / AKUTT / UNNTAK) and, when given, the municipal
  purpose-of-use detail (Volven 9151); the user's free-text reason as its ``text`` (it is shown
  to the patient in the national access log, so the UI must say so). The guide's value set for
  ``purposeOfEvent`` is v3-PurposeOfUse + Volven 9151 (+ a DIPS code system), as used here;
- the guide's care-relation extension (``CareRelationMetaData``, HL7 Norway AuditEvent IG
  2.3.0, ``http://hl7.no/fhir/StructureDefinition/auditevent-carerelation-metadata-extension``):
  ``toa`` (when the access basis was declared, Unix seconds), ``decision-ref-user-selected``
  (true: the user declares the basis in the access dialog; no EHR decision stands behind it)
  and ``decision-ref-description`` (the user's reason, else the basis);
- ``recorded`` is when the user opened the record; an extension flags events recorded offline
  (the guide has none; event time vs upload time is what ``ux_packaging.md`` §D.3 asks for).

Known deviation: the guide's ``no-basis-Auditevent`` wants ``agent.who`` to be a (contained)
PractitionerRole; here it references the Practitioner (HPR number as identifier) and the
organisation is a second agent, which carries the same attributes without contained resources.

Emergency access also gets a Security Alert event (DCM 110113) with subtype Emergency Override
Started (110127) or Stopped (110128), so leaders can review it.

The access-basis code system is this product's own: no FHIR URI for the national codes was
found. Pure and stdlib-only: no clock, no I/O. Errors: ``RecordBuildError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from clinical import codes
from clinical.records.common import (
    PLEIEPUNKT,
    Json,
    RecordBuildError,
    Staff,
    fhir_datetime,
    new_id,
    reference,
)

DCM: Final = "http://dicom.nema.org/resources/ontology/DCM"
ACT_REASON: Final = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
ACCESS_BASIS_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/access-basis"
RECORD_PART_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/record-view"
RECORDED_OFFLINE_URL: Final = f"{PLEIEPUNKT}/StructureDefinition/recorded-offline"
CARE_RELATION_URL: Final = (
    "http://hl7.no/fhir/StructureDefinition/auditevent-carerelation-metadata-extension"
)
_SECURITY_ROLE: Final = "http://terminology.hl7.org/CodeSystem/extra-security-role-type"
_SOURCE_TYPE: Final = "http://terminology.hl7.org/CodeSystem/security-source-type"
_ENTITY_TYPE: Final = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
_OBJECT_ROLE: Final = "http://terminology.hl7.org/CodeSystem/object-role"
_RESTFUL: Final = "http://hl7.org/fhir/restful-interaction"


class AccessBasis(StrEnum):
    """The legal basis for opening a record; values are the national (Kjernejournal) codes."""

    CONSENT = "SAMTYKKE"
    EMERGENCY = "AKUTT"
    EXCEPTION = "UNNTAK"


_BASIS_DISPLAY: Final = {
    AccessBasis.CONSENT: "Samtykke",
    AccessBasis.EMERGENCY: "Akutt (nødrett)",
    AccessBasis.EXCEPTION: "Unntak",
}


@dataclass(frozen=True, slots=True)
class Organisation:
    """The legal entity the user works for: organisation number (ENH) and name."""

    org_number: str
    name: str
    resource_id: str | None = None

    def reference(self) -> Json:
        ref: Json = {
            "identifier": {"system": codes.ORGANISASJONSNUMMER, "value": self.org_number},
            "display": self.name,
        }
        if self.resource_id:
            ref["reference"] = f"Organization/{self.resource_id}"
        return ref


@dataclass(frozen=True, slots=True)
class RecordAccess:
    """One opening of a patient's record, as the user and the app saw it.

    ``organisation`` is None when the workstation's organisation is not configured.
    ``reason`` is required for emergency access. ``patient_identifier`` is (system, value),
    e.g. the fødselsnummer; ``record_part`` a code such as ``core-record``;
    ``purpose_detail`` a Volven 9151 code (municipal service type). ``recorded_offline``: the
    workstation had no connection to the platform when the record was opened.
    """

    patient_id: str
    user: Staff
    organisation: Organisation | None
    basis: AccessBasis
    at: datetime
    workstation: str
    reason: str = ""
    patient_identifier: tuple[str, str] | None = None
    record_part: str | None = None
    record_part_display: str | None = None
    purpose_detail: str | None = None
    recorded_offline: bool = False

    @property
    def emergency(self) -> bool:
        return self.basis is AccessBasis.EMERGENCY


def record_access_event(access: RecordAccess, *, resource_id: str | None = None) -> Json:
    """The AuditEvent saying ``access.user`` opened the patient's record on ``access.basis``."""
    _check(access)
    event = _base(
        access,
        resource_id=resource_id,
        event_type={"system": DCM, "code": "110110", "display": "Patient Record"},
        subtype={"system": _RESTFUL, "code": "read", "display": "read"},
    )
    if access.record_part:
        part: Json = {"type": {"system": RECORD_PART_SYSTEM, "code": access.record_part}}
        if access.record_part_display:
            part["name"] = access.record_part_display
        event["entity"].append(part)
    return event


def emergency_override_event(
    access: RecordAccess, *, started: bool = True, resource_id: str | None = None
) -> Json:
    """The Security Alert that emergency access began (or ended) for this patient."""
    _check(access)
    if not access.emergency:
        raise RecordBuildError("audit.override_without_emergency")
    code, display = (
        ("110127", "Emergency Override Started")
        if started
        else ("110128", "Emergency Override Stopped")
    )
    return _base(
        access,
        resource_id=resource_id,
        event_type={"system": DCM, "code": "110113", "display": "Security Alert"},
        subtype={"system": DCM, "code": code, "display": display},
    )


def _check(access: RecordAccess) -> None:
    if access.emergency and not access.reason.strip():
        raise RecordBuildError("audit.emergency_without_reason")
    if not access.workstation.strip():
        raise RecordBuildError("audit.no_workstation")


def _purpose(access: RecordAccess) -> Json:
    coding: list[Json] = [
        {
            "system": ACT_REASON,
            "code": "ETREAT" if access.emergency else "TREAT",
            "display": "Emergency Treatment" if access.emergency else "treatment",
        }
    ]
    if access.emergency:
        coding.append({"system": ACT_REASON, "code": "BTG", "display": "break the glass"})
    coding.append(
        {
            "system": ACCESS_BASIS_SYSTEM,
            "code": access.basis.value,
            "display": _BASIS_DISPLAY[access.basis],
        }
    )
    if access.purpose_detail:
        coding.append({"system": codes.TJENESTETYPE_HELSE_OMSORG, "code": access.purpose_detail})
    purpose: Json = {"coding": coding}
    if access.reason.strip():
        purpose["text"] = access.reason.strip()
    return purpose


def _base(
    access: RecordAccess, *, resource_id: str | None, event_type: Json, subtype: Json
) -> Json:
    purpose = _purpose(access)
    user_agent: Json = {
        "type": {
            "coding": [{"system": _SECURITY_ROLE, "code": "humanuser", "display": "human user"}]
        },
        "who": access.user.reference(),
        "name": access.user.name,
        "requestor": True,
        "purposeOfUse": [purpose],
    }
    if access.user.role:
        user_agent["role"] = [
            {"coding": [{"system": codes.KATEGORI_HELSEPERSONELL, "code": access.user.role}]}
        ]
    patient: Json = {
        "what": reference("Patient", access.patient_id),
        "type": {"system": _ENTITY_TYPE, "code": "1", "display": "Person"},
        "role": {"system": _OBJECT_ROLE, "code": "1", "display": "Patient"},
    }
    if access.patient_identifier is not None:
        system, value = access.patient_identifier
        patient["what"]["identifier"] = {"system": system, "value": value}
    event: Json = {
        "resourceType": "AuditEvent",
        "id": resource_id or new_id(),
        "type": event_type,
        "subtype": [subtype],
        "action": "R" if event_type["code"] == "110110" else "E",
        "recorded": fhir_datetime(access.at),
        "outcome": "0",
        "purposeOfEvent": [purpose],
        "agent": [user_agent],
        "source": {
            "site": access.workstation,
            "observer": {"display": access.workstation},
            "type": [{"system": _SOURCE_TYPE, "code": "1", "display": "User Device"}],
        },
        "entity": [patient],
    }
    if access.organisation is not None:
        organisation = access.organisation.reference()
        event["agent"].append(
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
                "who": organisation,
                "requestor": False,
            }
        )
        event["source"]["observer"] = {**organisation, "display": access.workstation}
    extensions = [_care_relation(access)]
    if access.recorded_offline:
        extensions.append({"url": RECORDED_OFFLINE_URL, "valueBoolean": True})
    event["extension"] = extensions
    return event


def _care_relation(access: RecordAccess) -> Json:
    """The guide's ``CareRelationMetaData``: when and how the user declared the access basis."""
    description = access.reason.strip() or _BASIS_DISPLAY[access.basis]
    return {
        "url": CARE_RELATION_URL,
        "extension": [
            {"url": "decision-ref-description", "valueString": description},
            {"url": "decision-ref-user-selected", "valueBoolean": True},
            {"url": "toa", "valueUnsignedInt": int(access.at.timestamp())},
        ],
    }
