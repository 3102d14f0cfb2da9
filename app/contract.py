"""The one contract between the views and the application: a family of protocols.

Views never talk to the encrypted store, the network or the sync engine. They read and write
through these protocols, which ``app.services.ClinicalServices`` (one user's open store),
``app.records.conflicts.StoreConflictResolver`` and ``app.session.Session`` serve; tests use
in-memory fakes. Every call may block (disk, PIN hashing, a browser sign-in), so views make
them only through ``ui.tasks.TaskRunner``, never on the GUI thread.

- ``RecordSource``: places of work, patient lists, the record tabs, the access log of each
  opening, the medication-list mark, renewal requests.
- ``DueDoseSource``, ``VitalsAlertSource``: the patient list's due-dose and vital-signs
  columns.
- ``BedsideSource``: what bedside documentation reads, and its writes: a dialog hands over a
  plain value (``app.entries``), the service builds the FHIR resources and saves them with
  their outbox entries in one transaction.
- ``FollowUpSource``: the remote follow-up list (home measurements outside the patient's
  limits, missed measurements, dispenser alerts, alarms) and the nurse's follow-up of an item.
- ``ShiftWorkSource``: the shift's own work: the task list and what became of each task,
  nursing notes with their drafts and corrections, the ISBAR handover and its acknowledgement.
- ``ClinicalSource``: all of the above, plus the user's own record openings.
- ``ConflictResolver``: sync conflicts waiting for a person.
- ``SessionServices``: sign-in, PIN unlock, lock and sign-out for the session screens.
- ``SettingsSource``: this computer's settings as the settings dialog edits them.

Reads return FHIR R4 resources as JSON mappings in the small values of ``app.values``.
Errors: one tree rooted at ``app.errors.AppError``, whose ``code`` ``ui.errors`` puts into words;
anything else is a bug and is reported as such.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from app.entries import DoseEntry, EffectEntry, PouchEntry, RecordedVitals, VitalsEntry
from app.followup.values import DispenserRecords, FollowUpEntry, FollowUpList, TrendRecords
from app.shift.entries import HandoverEntry, NewTaskEntry, NoteEntry, TaskOutcomeEntry
from app.shift.values import (
    Handover,
    HandoverDraft,
    HandoverReport,
    NoteDraft,
    NoteLink,
    NoteList,
    TaskList,
)
from app.values import (
    AccessGrant,
    Conflict,
    CoreRecord,
    DueDoses,
    EffectiveValue,
    FhirJson,
    ForgotPin,
    MedicationData,
    MedicationList,
    OwnAccess,
    PatientId,
    PatientListEntry,
    PinState,
    PlaceOfWork,
    Prescriptions,
    RecordView,
    Resolution,
    SettingInfo,
    VitalsAlert,
)
from clinical.records import Staff


class RecordSource(Protocol):
    """The local store as the patient list and the record tabs need it."""

    def places_of_work(self) -> Sequence[PlaceOfWork]:
        """Units and today's routes the signed-in user may choose from."""
        ...

    def patients_at(self, place: PlaceOfWork) -> Sequence[PatientListEntry]:
        """Residents of a unit, or the visits of a route on its day."""
        ...

    def core_record(self, patient_id: PatientId) -> CoreRecord:
        """The patient's summary record; raises ``PatientNotFound``."""
        ...

    def medication_list(self, patient_id: PatientId) -> MedicationList:
        """The patient's medication list, stopped items included."""
        ...

    def prescriptions(self, patient_id: PatientId) -> Prescriptions:
        """The patient's prescriptions with dispenses and renewal requests."""
        ...

    def last_synced_at(self, patient_id: PatientId) -> datetime | None:
        """When this patient's data last came from the platform; None if never."""
        ...

    def unreadable_types(self, patient_id: PatientId) -> frozenset[str]:
        """Types of this patient's records the platform sent that could not be read ("" for a
        record whose type is unknown); the sync keeps and retries them."""
        ...

    def record_access(
        self, patient_id: PatientId, *, view: RecordView, grant: AccessGrant, at: datetime
    ) -> None:
        """Log the opening of ``view``: the access-log line and its AuditEvent (one
        transaction; the AuditEvent is sent with the next sync)."""
        ...

    def mark_medication_list_seen(self, patient_id: PatientId, *, at: datetime) -> None:
        """Remember that the signed-in user has now seen the medication list."""
        ...

    def request_renewal(
        self, patient_id: PatientId, *, prescription_id: str, note: str, at: datetime
    ) -> None:
        """Ask the prescriber to renew a prescription (a Task, with its outbox entry)."""
        ...


@runtime_checkable
class DueDoseSource(Protocol):
    """Counts due doses for the patients of a place."""

    def due_doses(self, place: PlaceOfWork, patient_ids: Sequence[str]) -> Mapping[str, DueDoses]:
        """``DueDoses`` per patient id for the current shift; patients without any may be
        left out (they count as nothing due)."""
        ...


@runtime_checkable
class VitalsAlertSource(Protocol):
    """Scores the newest vital signs of the patients of a place."""

    def vitals_alerts(
        self, place: PlaceOfWork, patient_ids: Sequence[str]
    ) -> Mapping[str, VitalsAlert]:
        """``VitalsAlert`` per patient id; patients without recent vital signs are left out."""
        ...


class BedsideSource(Protocol):
    """The local store as bedside documentation reads and writes it."""

    def current_user(self) -> Staff:
        """The signed-in user: Practitioner id, name, HPR number, role (Volven 9060)."""
        ...

    def round_patients(self, place: PlaceOfWork) -> Sequence[FhirJson]:
        """Patient resources of a unit or home-care route, in the patient list's order."""
        ...

    def patient(self, patient_id: str) -> FhirJson:
        """One Patient resource; raises ``PatientNotFound`` when it is not in the store."""
        ...

    def medication_data(self, patient_id: str) -> MedicationData:
        """Active and stopped MedicationStatements, MedicationRequests and their Medications."""
        ...

    def allergies(self, patient_id: str) -> Sequence[FhirJson]:
        """The patient's AllergyIntolerance resources (all statuses; the check filters)."""
        ...

    def administrations(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> Sequence[FhirJson]:
        """MedicationAdministrations whose effective time lies in ``[since, until)``."""
        ...

    def open_followups(self, patient_id: str) -> Sequence[FhirJson]:
        """PRN effect follow-up Tasks of the patient that are not completed or cancelled."""
        ...

    def medication_for_gtin(self, gtin: str) -> FhirJson | None:
        """The Medication whose code has this 14-digit GTIN (drug catalogue), or None."""
        ...

    def search_medications(self, text: str, *, limit: int = 50) -> Sequence[FhirJson]:
        """Catalogue Medications whose name contains ``text`` (for picking a pack by hand)."""
        ...

    def spo2_scale_2_decision(self, patient_id: str) -> FhirJson | None:
        """The active Flag or Condition documenting that SpO2 scale 2 applies, or None."""
        ...

    def vital_signs(self, patient_id: str, *, since: datetime) -> Sequence[FhirJson]:
        """Vital-sign and NEWS2 Observations effective at or after ``since``."""
        ...

    def trend_records(
        self, patient_id: str, *, since: datetime, until: datetime | None = None
    ) -> TrendRecords:
        """Vital signs and home measurements in ``[since, until)`` (one indexed period read)
        and the patient's alert-limit Goals."""
        ...

    def dispenser_records(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> DispenserRecords:
        """The patient's medicine dispenser and its VKP events in ``[since, until)``."""
        ...

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        """The colleague confirming a double signature; raises ``ColleagueNotVerified``."""
        ...

    def record_dose(self, entry: DoseEntry) -> Sequence[FhirJson]:
        """Save one dose (and an as-needed dose's follow-up Task); returns what was saved."""
        ...

    def record_pouch(self, entry: PouchEntry) -> Sequence[FhirJson]:
        """Save one administration per drug of a pouch, together; returns what was saved."""
        ...

    def record_effect(self, entry: EffectEntry) -> Sequence[FhirJson]:
        """Save the effect Observation and complete its follow-up Task, together."""
        ...

    def record_vitals(self, entry: VitalsEntry) -> RecordedVitals:
        """Save a set of vital signs and, when complete, its NEWS2 score, together."""
        ...


class FollowUpSource(Protocol):
    """The remote follow-up list and the nurse's follow-up of its items."""

    def followup_list(
        self, place: PlaceOfWork | None, *, patient_id: str | None = None
    ) -> FollowUpList:
        """The items of one patient, of a place's patients (with alerts that match nobody), or
        of every patient on this computer (``place`` None), open and most severe first."""
        ...

    def record_followup(self, entry: FollowUpEntry) -> Sequence[FhirJson]:
        """Save an acknowledgement or action (a Task, and a Communication for a contact)."""
        ...


class ShiftWorkSource(Protocol):
    """The shift's own work: tasks, notes and handovers of the signed-in user's store."""

    def shift_tasks(self, patient_id: str) -> TaskList:
        """The patient's tasks this shift: overdue first, then due now, then later."""
        ...

    def place_tasks(self, place: PlaceOfWork) -> TaskList:
        """Every patient's tasks of a unit or route this shift, in the same order."""
        ...

    def record_task_outcome(self, entry: TaskOutcomeEntry) -> Sequence[FhirJson]:
        """Save done / not done / postponed (the Task, and a finding) in one transaction;
        ``EntryRefused`` when a rule refuses it (also when it is documented already)."""
        ...

    def create_task(self, entry: NewTaskEntry) -> FhirJson:
        """Leave a task for a patient, as the signed-in user."""
        ...

    def notes(self, patient_id: str) -> NoteList:
        """The patient's notes from every system, newest first, corrections beside."""
        ...

    def note_links(self, patient_id: str) -> Sequence[NoteLink]:
        """What a new note may concern (the last day's doses, vital signs, tasks)."""
        ...

    def note_draft(self, patient_id: str, *, correcting: str | None = None) -> NoteDraft | None:
        """The user's unsigned draft for the patient (or for correcting a note), if any."""
        ...

    def stage_note_draft(self, draft: NoteDraft) -> None:
        """Keep the draft in memory at once; never blocks (the one call the GUI thread may make
        directly). ``save_note_drafts`` writes it; a lock or user switch writes it too."""
        ...

    def save_note_drafts(self) -> int:
        """Write the staged drafts into the encrypted store."""
        ...

    def discard_note_draft(self, patient_id: str, *, correcting: str | None = None) -> None:
        """Throw the draft away."""
        ...

    def sign_note(self, entry: NoteEntry) -> FhirJson:
        """Sign a note or a correction (the original kept, marked); returns the new note."""
        ...

    def patient_handover_draft(self, patient_id: str) -> HandoverDraft:
        """The patient's ISBAR prefilled from the shift, each line with its source."""
        ...

    def place_handover_draft(self, place: PlaceOfWork) -> HandoverDraft:
        """Every patient of the unit or route, prefilled."""
        ...

    def sign_handover(self, entry: HandoverEntry) -> Sequence[FhirJson]:
        """Sign the handover (one patient, or a place's report) in one transaction."""
        ...

    def open_handovers(self, patient_ids: Sequence[str]) -> Sequence[HandoverReport]:
        """Reports from the previous shift not yet acknowledged, newest first."""
        ...

    def patient_handovers(self, patient_id: str) -> Sequence[Handover]:
        """Every handover of the patient, newest first."""
        ...

    def acknowledge_handovers(self, composition_ids: Sequence[str]) -> Sequence[FhirJson]:
        """Acknowledge having read these handovers (one transaction)."""
        ...


class ClinicalSource(
    RecordSource,
    DueDoseSource,
    VitalsAlertSource,
    BedsideSource,
    FollowUpSource,
    ShiftWorkSource,
    Protocol,
):
    """Everything the signed-in user's window reads and writes."""

    def own_accesses(self, limit: int = 50) -> Sequence[OwnAccess]:
        """The user's newest record openings (newest first), at most ``limit``."""
        ...


class ConflictResolver(Protocol):
    """Lists open sync conflicts and settles them."""

    def open_conflicts(self) -> Sequence[Conflict]:
        """Conflicts waiting for a person."""
        ...

    def resolve(
        self,
        conflict_id: str,
        *,
        resolution: Resolution,
        merged: Mapping[str, Any] | None = None,
    ) -> None:
        """Settle one conflict; ``merged`` is the resource to keep when merging."""
        ...


class SessionUser(Protocol):
    """The signed-in person as the screens show them (``client.oidc.Identity`` fits)."""

    @property
    def subject(self) -> str: ...

    @property
    def display_name(self) -> str: ...

    @property
    def hpr_number(self) -> str | None: ...

    @property
    def role_label(self) -> str: ...


class SessionServices(Protocol):
    """Sign-in, unlock, user switch, a forgotten PIN and sign-out for the session screens.

    Each person gets only their own session: the PIN unlocks the named person's own store, and
    another person than the window's owner is a user switch (the screens rebuild the window).
    """

    def current_user(self) -> SessionUser | None:
        """Whose session this is (the person whose window is open or locked), if anyone."""
        ...

    def people(self) -> Sequence[SessionUser]:
        """The people with a store on this computer (to choose who unlocks)."""
        ...

    def pin_state(self, person: str | None = None) -> PinState:
        """Whether ``person`` (a subject; default the owner) may unlock with the PIN now."""
        ...

    def unlock_with_pin(self, pin: str, *, person: str | None = None) -> SessionUser:
        """Open ``person``'s own store (default the owner's) with their PIN and return them;
        raises ``UnlockRefused``."""
        ...

    def sign_in_online(self) -> SessionUser:
        """Interactive sign-in in the system browser; returns who signed in (maybe another).
        On a shared computer nothing opens until their PIN (``complete_sign_in``) or a new PIN
        (``create_store``); raises ``SignInFailed``."""
        ...

    def needs_pin(self) -> bool:
        """The person who signed in online must now give their PIN."""
        ...

    def needs_new_pin(self) -> bool:
        """The person who signed in online has no store here yet: they choose a PIN."""
        ...

    def complete_sign_in(self, pin: str) -> SessionUser:
        """The PIN of the person who signed in online: their store opens (``UnlockRefused``)."""
        ...

    def create_store(self, pin: str) -> None:
        """A new encrypted store for the person who signed in online, protected by ``pin``."""
        ...

    def abandon_sign_in(self) -> None:
        """Forget an online sign-in whose PIN step was cancelled (nothing was recorded)."""
        ...

    def cancel_sign_in(self) -> None:
        """End a pending ``sign_in_online`` (from the GUI thread)."""
        ...

    def forgot_pin(self, person: str | None = None) -> ForgotPin:
        """What ``person`` can do about a forgotten PIN here."""
        ...

    def start_fresh_store(self) -> None:
        """After an online sign-in: the old store (nothing unsent) is put aside so a new PIN
        makes a fresh one; raises ``FreshStoreRefused``."""
        ...

    def recover(
        self, person: str | None, *, key_pem: bytes, passphrase: bytearray, new_pin: str
    ) -> SessionUser:
        """IT's recovery with the organisation's key; raises ``RecoveryFailed``."""
        ...

    def lock(self) -> None:
        """The screen locked: the store and tokens leave the window's reach; never loses records.

        Unsynced records may still be pushed in the background under the same person's
        sign-in; that push holds their key and tokens only until it ends.
        """
        ...

    def sign_out(self) -> None:
        """Revoke and forget the sign-in; stored records (also unsynced ones) stay."""
        ...


class SettingsSource(Protocol):
    """This computer's settings as the settings dialog shows and edits them."""

    def effective(self) -> Sequence[EffectiveValue]:
        """Every setting's value in force, with its layer and source."""
        ...

    def info(self, name: str) -> SettingInfo | None:
        """What ``name`` means and accepts; None for a setting this version does not know."""
        ...

    def is_managed(self, name: str) -> bool:
        """Whether a policy sets ``name``."""
        ...

    def is_user_settable(self, name: str) -> bool:
        """Whether a user value for ``name`` would take effect."""
        ...

    def check(self, name: str, value: object) -> None:
        """Raise ``SettingRefused`` for a value ``name`` does not accept."""
        ...

    def set_user(self, name: str, value: object) -> None:
        """Store the user's value; raises ``SettingRefused`` when refused."""
        ...

    def reset_user(self, name: str) -> None:
        """Remove the user's value so the lower layers apply again."""
        ...
