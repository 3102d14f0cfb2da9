"""``AccessLog``: opening a patient's record, logged; and the user's own openings read back.

Every opening of a record part writes, in one transaction, the local access-log line (with the
access basis and the part opened as typed columns) and an AuditEvent for the platform
(``clinical.records.audit``: HL7 Norway style, user with HPR number, organisation, patient with
national identifier, purpose of use, access basis, emergency access as break-the-glass with the
reason, this computer's service type when configured, and a flag when the platform was
unreachable at the opening). The AuditEvent is uploaded by the next sync.

Without an organisation number (the ``organisation_number`` setting is not configured) the
AuditEvent leaves the organisation out rather than not logging the opening; an organisation
number with no Organization in the store is named by its number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final, TypeVar

from app.errors import NotSaved, PatientNotFound, StoreReadFailed
from app.service_context import StoreService, store_errors
from app.values import (
    AccessBasis,
    AccessGrant,
    FhirJson,
    OwnAccess,
    PatientId,
    RecordView,
)
from clinical import codes
from clinical.records.audit import Organisation, RecordAccess, record_access_event
from clinical.records.common import RecordBuildError

OPEN_RECORD: Final = "open-record"
"""The local access-log action of one opening (``offline`` writes it)."""
_PATIENT_IDENTIFIERS: Final = (codes.FODSELSNUMMER, codes.D_NUMMER, codes.FELLES_HJELPENUMMER)
_Code = TypeVar("_Code", AccessBasis, RecordView)
_VIEW_DISPLAY: Final = {
    RecordView.CORE_RECORD: "Kjernejournal",
    RecordView.MEDICATION_LIST: "Legemiddelliste",
    RecordView.PRESCRIPTIONS: "Resepter",
}


class AccessLog(StoreService):
    """Logs each opening of a record part; lists the user's own openings."""

    _organisation: Organisation | None = None

    def record_access(
        self, patient_id: PatientId, *, view: RecordView, grant: AccessGrant, at: datetime
    ) -> None:
        """Write the access-log line and the AuditEvent of opening ``view`` (one transaction)."""
        context = self._context
        with store_errors(NotSaved):
            store = self._store()
            patient = store.get("Patient", patient_id)
            if patient is None:
                raise PatientNotFound("The patient is not on this computer.")
            access = RecordAccess(
                patient_id=patient_id,
                user=context.user,
                organisation=self._resolve_organisation(),
                basis=grant.basis,
                at=at,
                workstation=context.workstation,
                reason=grant.reason,
                patient_identifier=_national_identifier(patient),
                record_part=view.value,
                record_part_display=_VIEW_DISPLAY[view],
                purpose_detail=context.purpose_detail,
                recorded_offline=context.online is not None and not context.online(),
            )
            try:
                event = record_access_event(access)
            except RecordBuildError as exc:
                # An emergency without a reason (the access dialog requires one) or a naive time.
                raise NotSaved(f"the opening could not be logged ({exc.key})") from exc
            store.record_access(
                patient_id, basis=grant.basis.value, view=view.value, audit_event=event
            )

    def own_accesses(self, limit: int = 50) -> Sequence[OwnAccess]:
        """The user's newest record openings (newest first), at most ``limit``."""
        zone = self._context.zone
        with store_errors(StoreReadFailed):
            store = self._store()
            # Each opening is one line among the other writes' lines; read a bounded window.
            lines = store.audit_log(limit=limit * 10)
            openings = [line for line in lines if line.action == OPEN_RECORD][:limit]
            patients: dict[str, FhirJson | None] = {}
            found = []
            for line in openings:
                at = _parse_time(line.at)
                if at is None or line.patient_id is None:
                    continue
                if line.patient_id not in patients:
                    patients[line.patient_id] = store.get("Patient", line.patient_id)
                found.append(
                    OwnAccess(
                        at=at.astimezone(zone),
                        patient_id=line.patient_id,
                        patient=patients[line.patient_id],
                        basis=_member(AccessBasis, line.access_basis),
                        view=_member(RecordView, line.record_view),
                    )
                )
        return found

    def _resolve_organisation(self) -> Organisation | None:
        """The configured organisation, named from its Organization in the store (cached)."""
        org_number = self._context.organisation_number
        if org_number is None:
            return None
        if self._organisation is None:
            organisations = self._store().resources_of_type("Organization")
            self._organisation = find_organisation(organisations, org_number)
        return self._organisation


def _member(kind: type[_Code], value: str | None) -> _Code | None:
    """The enum member coded ``value``; None for no value or one this version cannot read."""
    return next((member for member in kind if member.value == value), None)


def _parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def find_organisation(organisations: Sequence[FhirJson], org_number: str) -> Organisation:
    """The Organisation with ``org_number``; named by the number when none is stored."""
    for resource in organisations:
        for ident in resource.get("identifier") or ():
            if (
                isinstance(ident, Mapping)
                and ident.get("system") == codes.ORGANISASJONSNUMMER
                and ident.get("value") == org_number
            ):
                name = resource.get("name")
                rid = resource.get("id")
                return Organisation(
                    org_number=org_number,
                    name=name if isinstance(name, str) and name else org_number,
                    resource_id=rid if isinstance(rid, str) else None,
                )
    return Organisation(org_number=org_number, name=org_number)


def _national_identifier(patient: FhirJson) -> tuple[str, str] | None:
    """(system, value) of the patient's fødselsnummer, D-nummer or felles hjelpenummer, if any."""
    for ident in patient.get("identifier") or ():
        if not isinstance(ident, Mapping):
            continue
        system, value = ident.get("system"), ident.get("value")
        if system in _PATIENT_IDENTIFIERS and isinstance(value, str) and value:
            return str(system), value
    return None
