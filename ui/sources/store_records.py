"""``StoreRecordSource``: the encrypted offline store as the record views' ``RecordSource``.

Reads go through the store's read API (``offline.views.StoreReader``); writes (AuditEvent,
renewal Task) land in the store and the outbox in one transaction and are uploaded by the next
sync. ``record_access`` writes the AuditEvent (``clinical.records.audit``: HL7 Norway style,
user with HPR number, organisation, patient with national identifier, purpose of use, access
basis, emergency access as break-the-glass with the reason, this computer's service type when
configured, and a flag when the platform was unreachable at the opening) together with the
local audit line (one transaction); ``own_accesses`` reads those lines back for the user's own
list. When the user last saw a medication list is one of the user's own marks in the encrypted
store (never synced), so it survives a restart. Every ``offline.errors.StoreError`` becomes a
``RecordSourceError`` with a safe message (the store's messages name types and ids only).

Known limits: ``last_synced_at`` is the workstation's last successful sync (``last_sync``),
which is when every patient in scope was last brought up to date; the store keeps no
per-patient time. Without an organisation number (the ``organisation_number`` setting is not
configured) the AuditEvent leaves the organisation out rather than not logging the opening; an
organisation number with no Organization in the store is named by its number.
"""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Final, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clinical import codes
from clinical.records import Staff
from clinical.records.audit import AccessBasis as AuditBasis
from clinical.records.audit import Organisation, RecordAccess, record_access_event
from clinical.records.common import RecordBuildError
from offline.errors import StoreError
from offline.types import AuditRecord
from offline.views import WARD_ENCOUNTER_STATUSES
from ui.bedside.config import BedsideConfig
from ui.presenters.due_doses import DueDoses
from ui.presenters.patient import patient_summary
from ui.presenters.vitals_alert import VitalsAlert
from ui.record_source import (
    AccessBasis,
    AccessGrant,
    CoreRecord,
    FhirJson,
    MedicationList,
    PatientId,
    PatientListEntry,
    PatientNotFound,
    PlaceKind,
    PlaceOfWork,
    Prescriptions,
    RecordSourceError,
    RecordView,
)
from ui.sources.local_store import LocalStore
from ui.sources.places import ROOM, physical_type, places_of_work
from ui.sources.renewal_task import renewal_task
from ui.sources.store_due import store_due_doses
from ui.sources.store_vitals import newest_alerts

Clock = Callable[[], datetime]
# Shown to the user (ui.errors.describe), so translated when raised; safe: no patient data.
_READ_FAILED: Final = str(
    QT_TRANSLATE_NOOP(
        "StoreRecordSource",
        "The local store could not be read. Try again; if it keeps failing, sign in again.",
    )
)
_WRITE_FAILED: Final = str(
    QT_TRANSLATE_NOOP(
        "StoreRecordSource", "The local store could not save this. Nothing was changed."
    )
)
MEDICATION_LIST_SEEN = "medication-list-seen"
"""The store mark (keyed by patient id) holding when the user last saw the medication list."""
OPEN_RECORD: Final = "open-record"
"""The local audit action of one opening (``offline.writes.record_access``)."""
_PATIENT_IDENTIFIERS: Final = (codes.FODSELSNUMMER, codes.D_NUMMER, codes.FELLES_HJELPENUMMER)
_VIEW_DISPLAY: Final = {
    RecordView.CORE_RECORD: "Kjernejournal",
    RecordView.MEDICATION_LIST: "Legemiddelliste",
    RecordView.PRESCRIPTIONS: "Resepter",
}
_UNCONFIGURED: Final = Organisation(org_number="unconfigured", name="unconfigured")


@runtime_checkable
class AuditedStore(Protocol):
    """A store that lists its local audit lines (``Store.audit_log``; ``LocalStore`` lacks it)."""

    def audit_log(self, *, limit: int = 100) -> list[AuditRecord]: ...


@dataclass(frozen=True, slots=True)
class OwnAccess:
    """One of the user's own openings from the local audit log (Qt-free; the UI words it).

    ``patient_label`` is the name and masked national id as the patient list shows them, or ""
    when the patient is no longer on this computer; ``basis``/``view`` are None for a line this
    version cannot read.
    """

    at: datetime
    patient_id: str
    patient_label: str
    basis: AccessBasis | None
    view: RecordView | None

    @property
    def emergency(self) -> bool:
        return self.basis is AccessBasis.EMERGENCY


@contextmanager
def store_errors(message: str) -> Iterator[None]:
    """Turn a ``StoreError`` into a ``RecordSourceError`` whose message is safe to show."""
    try:
        yield
    except StoreError as exc:
        raise RecordSourceError(QCoreApplication.translate("StoreRecordSource", message)) from exc


def reference_target(reference: Any) -> str:
    """``Type/id`` of a literal Reference, or ""."""
    if not isinstance(reference, Mapping):
        return ""
    value = reference.get("reference")
    if not isinstance(value, str):
        return ""
    parts = value.split("/_history/")[0].split("/")
    return f"{parts[-2]}/{parts[-1]}" if len(parts) >= 2 else ""


def critical_resources(record: Any) -> list[FhirJson]:
    """The resources the critical-information banner judges, from a store core record."""
    return [*record.allergies, *record.flags, *record.consents, *record.conditions]


class StoreRecordSource:
    """A ``RecordSource`` over one user's open ``Store`` (see the module docstring).

    ``organisation``: the municipality's organisation number (ENH), named in AuditEvents; its
    Organization in the store gives the name and reference. ``places``: Location ids or names
    to offer (the ``places_of_work`` setting); empty offers every unit and route in the store.
    ``last_sync``: when this workstation last synced
    successfully (the sync status' ``last_success_at``). ``workstation`` names this computer
    in AuditEvents. ``route_days``: how many days (from today) each route is offered for.
    ``bedside``: the ward's shift and dose-window settings, for the patient list's due doses.
    ``purpose_detail``: this workstation's Volven 9151 service type (the
    ``purpose_of_use_detail`` setting), named in every AuditEvent's purpose of use.
    ``online``: whether the platform was reachable at the last contact; an opening while it
    was not is flagged as recorded offline. Without it nothing is flagged (unknown).
    """

    def __init__(
        self,
        store: LocalStore,
        *,
        user: Staff,
        organisation: str | None,
        clock: Clock,
        places: Sequence[str] = (),
        last_sync: Callable[[], datetime | None] | None = None,
        workstation: str | None = None,
        timezone: str = "Europe/Oslo",
        route_days: int = 2,
        bedside: BedsideConfig | None = None,
        purpose_detail: str | None = None,
        online: Callable[[], bool] | None = None,
    ) -> None:
        self._store = store
        self._user = user
        self._org_number = organisation
        self._organisation: Organisation | None = None
        self._clock = clock
        self._places = tuple(places)
        self._last_sync = last_sync
        self._workstation = workstation or platform.node() or "pleiepunkt"
        self._zone = ZoneInfo(timezone)
        self._route_days = route_days
        self._bedside = bedside or BedsideConfig()
        self._purpose_detail = purpose_detail
        self._online = online

    @property
    def store(self) -> LocalStore:
        """The store this source reads (the bedside source shares it)."""
        return self._store

    @property
    def user(self) -> Staff:
        """The signed-in user."""
        return self._user

    def places_of_work(self) -> Sequence[PlaceOfWork]:
        """Units and routes (today and tomorrow) found among the stored Locations."""
        today = self._clock().astimezone(self._zone).date()
        with store_errors(_READ_FAILED):
            locations = self._store.resources_of_type("Location")
        return places_of_work(
            locations, today=today, route_days=self._route_days, wanted=self._places
        )

    def patients_at(self, place: PlaceOfWork) -> Sequence[PatientListEntry]:
        """Residents of a unit with their rooms, or a route's visits on its day in time order."""
        with store_errors(_READ_FAILED):
            if place.kind is PlaceKind.UNIT:
                return self._residents(place.id)
            return self._visits(place)

    def _residents(self, unit_id: str) -> list[PatientListEntry]:
        entries = []
        for patient in self._store.patients_on_ward(unit_id):
            record = self._store.core_record(str(patient["id"]))
            if record is None:
                continue
            entries.append(
                PatientListEntry(
                    patient=record.patient,
                    location=self._room(stay_location_ids(record.encounters, unit_id=unit_id)),
                    critical=critical_resources(record),
                )
            )
        return entries

    def _room(self, location_ids: Sequence[str]) -> FhirJson | None:
        """The first of the stay's Locations that is a room."""
        for location_id in location_ids:
            location = self._store.get("Location", location_id)
            if location is not None and physical_type(location) == ROOM:
                return location
        return None

    def _visits(self, place: PlaceOfWork) -> list[PatientListEntry]:
        day = place.day or self._clock().astimezone(self._zone).date()
        start = datetime.combine(day, time(), tzinfo=self._zone)
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=self._zone)
        entries = []
        for visit in self._store.patients_on_route(f"Location/{place.id}", start=start, end=end):
            if visit.appointment.get("status") in ("cancelled", "entered-in-error"):
                continue
            record = self._store.core_record(str(visit.patient["id"]))
            critical = critical_resources(record) if record is not None else []
            entries.append(
                PatientListEntry(patient=visit.patient, visit=visit.appointment, critical=critical)
            )
        return entries

    def due_doses(self, place: PlaceOfWork, patient_ids: Sequence[str]) -> dict[str, DueDoses]:
        """Each patient's doses still to document this shift, counted as the round pages
        count them (``ui.sources.store_due``); ``place`` is not needed by the store."""
        with store_errors(_READ_FAILED):
            return store_due_doses(
                self._store, patient_ids, now=self._clock(), config=self._bedside
            )

    def vitals_alerts(
        self, place: PlaceOfWork, patient_ids: Sequence[str]
    ) -> dict[str, VitalsAlert]:
        """Each patient's newest set of vital signs in the trend window, scored as the form
        scores it, partial sets too (``ui.presenters.vitals_alert``); ``place`` is not needed."""
        since = self._clock() - timedelta(days=self._bedside.trend_days)
        with store_errors(_READ_FAILED):
            return newest_alerts(self._store, patient_ids, since=since)

    def core_record(self, patient_id: PatientId) -> CoreRecord:
        """The patient's core record; the room of a current nursing-home stay as location."""
        with store_errors(_READ_FAILED):
            record = self._store.core_record(patient_id)
            if record is None:
                raise PatientNotFound("The patient is not on this computer.")
            room = self._room(stay_location_ids(record.encounters))
        return CoreRecord(
            patient=record.patient,
            allergies=record.allergies,
            conditions=record.conditions,
            flags=record.flags,
            consents=record.consents,
            immunizations=record.immunizations,
            encounters=record.encounters,
            related_persons=record.related_persons,
            general_practitioner=(
                record.general_practitioners[0] if record.general_practitioners else None
            ),
            location=room,
        )

    def medication_list(self, patient_id: PatientId) -> MedicationList:
        """All MedicationStatements (stopped too), their Medications, and this user's mark."""
        with store_errors(_READ_FAILED):
            self._require_patient(patient_id)
            found = self._store.medication_list(patient_id)
            seen = self._store.mark(MEDICATION_LIST_SEEN, patient_id)
            allergies = self._allergies(patient_id)
        return MedicationList(
            statements=found.statements,
            medications=list(found.medications.values()),
            last_seen_at=_parse_mark(seen),
            allergies=allergies,
        )

    def _allergies(self, patient_id: PatientId) -> Sequence[FhirJson]:
        """The patient's AllergyIntolerances (the allergy check filters them by status)."""
        return self._store.referencing(f"Patient/{patient_id}", resource_type="AllergyIntolerance")

    def prescriptions(self, patient_id: PatientId) -> Prescriptions:
        """MedicationRequests, dispenses, Medications, and Tasks about the requests."""
        with store_errors(_READ_FAILED):
            self._require_patient(patient_id)
            found = self._store.prescriptions(patient_id)
            tasks = [
                task
                for task in self._store.referencing(f"Patient/{patient_id}", resource_type="Task")
                if reference_target(task.get("focus")).startswith("MedicationRequest/")
            ]
            allergies = self._allergies(patient_id)
        return Prescriptions(
            requests=found.requests,
            dispenses=found.dispenses,
            medications=list(found.medications.values()),
            tasks=tasks,
            allergies=allergies,
        )

    def last_synced_at(self, patient_id: PatientId) -> datetime | None:
        """When this workstation last synced; None if never (or the sync status is unknown)."""
        with store_errors(_READ_FAILED):
            self._require_patient(patient_id)
        return self._last_sync() if self._last_sync is not None else None

    def unreadable_types(self, patient_id: PatientId) -> frozenset[str]:
        """Types of this patient's records the platform sent that could not be read."""
        with store_errors(_READ_FAILED):
            return self._store.unreadable_types(patient_id)

    def record_access(
        self, patient_id: PatientId, *, view: RecordView, grant: AccessGrant, at: datetime
    ) -> None:
        """Queue an AuditEvent for the platform and add a line to the local audit log."""
        with store_errors(_WRITE_FAILED):
            patient = self._store.get("Patient", patient_id)
            if patient is None:
                raise PatientNotFound("The patient is not on this computer.")
            organisation = self._resolve_organisation()
            access = RecordAccess(
                patient_id=patient_id,
                user=self._user,
                organisation=organisation or _UNCONFIGURED,
                basis=AuditBasis(grant.basis.value),
                at=at,
                workstation=self._workstation,
                reason=grant.reason,
                patient_identifier=_national_identifier(patient),
                record_part=view.value,
                record_part_display=_VIEW_DISPLAY[view],
                purpose_detail=self._purpose_detail,
                recorded_offline=self._online is not None and not self._online(),
            )
            try:
                event = record_access_event(access)
            except RecordBuildError as exc:
                # An emergency without a reason (the access dialog requires one) or a naive time.
                raise RecordSourceError(
                    QCoreApplication.translate("StoreRecordSource", _WRITE_FAILED)
                ) from exc
            if organisation is None:
                event = _without_organisation(event, workstation=self._workstation)
            self._store.record_access(
                patient_id, purpose=f"{grant.basis.value}:{view.value}", audit_event=event
            )

    def own_accesses(self, limit: int = 50) -> list[OwnAccess]:
        """The user's newest record openings (newest first), at most ``limit``."""
        store = self._store
        if not isinstance(store, AuditedStore):
            raise RecordSourceError(
                QCoreApplication.translate(
                    "StoreRecordSource", "This computer's store cannot list record openings."
                )
            )
        with store_errors(_READ_FAILED):
            # Each opening is one line among the other writes' lines; read a bounded window.
            lines = store.audit_log(limit=limit * 10)
            openings = [line for line in lines if line.action == OPEN_RECORD][:limit]
            labels: dict[str, str] = {}
            today = self._clock().astimezone(self._zone).date()
            found = []
            for line in openings:
                at = _parse_mark(line.at)
                if at is None or line.patient_id is None:
                    continue
                if line.patient_id not in labels:
                    labels[line.patient_id] = self._patient_label(line.patient_id, today=today)
                basis, view = _parse_purpose(line.detail)
                found.append(
                    OwnAccess(
                        at=at.astimezone(self._zone),
                        patient_id=line.patient_id,
                        patient_label=labels[line.patient_id],
                        basis=basis,
                        view=view,
                    )
                )
        return found

    def _patient_label(self, patient_id: str, *, today: date) -> str:
        patient = self._store.get("Patient", patient_id)
        if patient is None:
            return ""
        summary = patient_summary(patient, today=today)
        if summary.national_id_masked:
            return f"{summary.full_name} ({summary.national_id_masked})"
        return summary.full_name

    def _resolve_organisation(self) -> Organisation | None:
        """The configured organisation, named from its Organization in the store (cached)."""
        if self._org_number is None:
            return None
        if self._organisation is None:
            self._organisation = find_organisation(
                self._store.resources_of_type("Organization"), self._org_number
            )
        return self._organisation

    def mark_medication_list_seen(self, patient_id: PatientId, *, at: datetime) -> None:
        """Remember in the user's store that they have now seen the medication list."""
        if at.tzinfo is None:
            raise ValueError("use a timezone-aware time for the medication list mark")
        with store_errors(_WRITE_FAILED):
            self._store.set_mark(MEDICATION_LIST_SEEN, patient_id, at.isoformat())

    def request_renewal(
        self, patient_id: PatientId, *, prescription_id: str, note: str, at: datetime
    ) -> None:
        """Queue a renewal-request Task to the prescriber of ``prescription_id``."""
        with store_errors(_WRITE_FAILED):
            request = self._store.get("MedicationRequest", prescription_id)
            if request is None or reference_target(request.get("subject")) != (
                f"Patient/{patient_id}"
            ):
                raise RecordSourceError(
                    QCoreApplication.translate(
                        "StoreRecordSource", "This prescription is not on this computer."
                    )
                )
            self._store.create(
                renewal_task(
                    request=request, patient_id=patient_id, requester=self._user, note=note, at=at
                )
            )

    def _require_patient(self, patient_id: str) -> None:
        if self._store.get("Patient", patient_id) is None:
            raise PatientNotFound("The patient is not on this computer.")


def _parse_mark(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        # Only this module writes the mark; an unreadable one counts as "never seen", which
        # shows every item as new rather than hiding a change.
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


def _without_organisation(event: dict[str, Any], *, workstation: str) -> dict[str, Any]:
    """The event with the placeholder organisation agent and observer left out."""
    agents = [agent for agent in event["agent"] if agent.get("requestor") is True]
    return {
        **event,
        "agent": agents,
        "source": {**event["source"], "observer": {"display": workstation}},
    }


def _parse_purpose(detail: str | None) -> tuple[AccessBasis | None, RecordView | None]:
    """(basis, view) from a ``"AKUTT:core-record"`` audit detail; None for what is unknown."""
    basis_text, _, view_text = (detail or "").partition(":")
    basis = next((b for b in AccessBasis if b.value == basis_text), None)
    view = next((v for v in RecordView if v.value == view_text), None)
    return basis, view


def stay_location_ids(encounters: Sequence[FhirJson], *, unit_id: str | None = None) -> list[str]:
    """Location ids of a current nursing-home stay (at ``unit_id``, which is left out)."""
    for encounter in encounters:
        if encounter.get("status") not in WARD_ENCOUNTER_STATUSES:
            continue
        targets = [
            reference_target(entry.get("location"))
            for entry in encounter.get("location") or ()
            if isinstance(entry, Mapping) and entry.get("status", "active") == "active"
        ]
        locations = [t.removeprefix("Location/") for t in targets if t.startswith("Location/")]
        if unit_id is not None and unit_id not in locations:
            continue
        if rooms := [lid for lid in locations if lid != unit_id]:
            return rooms
    return []
