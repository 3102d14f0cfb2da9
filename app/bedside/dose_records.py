"""How a documented dose becomes FHIR resources: the decisions between the dialog and the store.

A dialog hands over what the nurse chose and typed (``app.entries``); these functions decide
what it means and build the resources through ``clinical.records``:

- the outcome of a dose: an as-needed dose is given; a scheduled dose is classified against the
  ordered amount (``clinical.nonadministration.classify_dose``: all of it, part of it, none);
- who performed it: the signed-in user, and the co-signing colleague as verifier when anything
  was given (for a pouch: only on the drugs that need a double signature);
- the reason an as-needed dose is given: the order's coded indication when the nurse kept its
  words, else her own words;
- an as-needed dose gets an effect follow-up Task, due in the ward's follow-up window.

Pure: no clock, no store. Errors: ``DoseRecordError`` (a rule refused the entry; ``key`` says
which), ``RecordBuildError`` (inputs that contradict each other: a bug in the caller).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from app.bedside.config import BedsideConfig
from app.entries import DoseEntry, EffectEntry, PouchEntry, PouchItemEntry
from clinical.fhir_read import reference_id
from clinical.nonadministration import DoseOutcome, DoseRecordError, classify_dose
from clinical.records import (
    DoseQuantity,
    Performer,
    PerformerFunction,
    RecordBuildError,
    Staff,
    completed_followup,
    effect_followup_task,
    effect_observation,
    medication_administration,
    new_id,
)

Json = dict[str, Any]


def dose_outcome(entry: DoseEntry) -> tuple[DoseOutcome, Decimal]:
    """The outcome to record and the amount given; ``DoseRecordError`` when a rule refuses."""
    given = entry.given if entry.chosen is not DoseOutcome.NOT_GIVEN else Decimal(0)
    if entry.as_needed:
        if given <= 0:
            raise DoseRecordError("dose.given_negative")
        return DoseOutcome.GIVEN, given
    ordered = entry.ordered
    if ordered is not None:
        record = classify_dose(
            prescribed=ordered.value,
            given=given,
            prescribed_unit=ordered.unit or "",
            given_unit=ordered.unit or "",
            not_given=entry.not_given,
        )
        return record.outcome, given
    if entry.chosen is DoseOutcome.PARTIAL:
        raise DoseRecordError("dose.prescribed_not_positive")
    return entry.chosen, given


def _prn_reason(entry: DoseEntry) -> Mapping[str, Any] | None:
    if not entry.as_needed:
        return None
    reason: Mapping[str, Any] = {"text": entry.indication.strip()}
    coded = entry.ordered_indication
    if coded is not None and coded.get("coding") and coded.get("text") == reason["text"]:
        reason = dict(coded)
    return reason


def dose_resources(
    entry: DoseEntry, *, giver: Staff, ward: BedsideConfig, now: datetime
) -> list[Json]:
    """The MedicationAdministration of ``entry`` and, for an as-needed dose, its follow-up."""
    outcome, given = dose_outcome(entry)
    giving = outcome is not DoseOutcome.NOT_GIVEN
    performers = [Performer(giver)]
    if entry.verifier is not None and given > 0:
        performers.append(Performer(entry.verifier, PerformerFunction.VERIFIER))
    administration = medication_administration(
        patient_id=entry.patient_id,
        medication=entry.medication,
        performers=performers,
        effective=entry.effective,
        outcome=outcome,
        given=DoseQuantity(given, entry.unit) if giving else None,
        prescribed=entry.ordered,
        not_given=entry.not_given,
        route=entry.route,
        dosage_text=entry.dosage_text or None,
        scheduled_at=entry.scheduled_at,
        pack=entry.pack if giving else None,
        overrides=entry.overrides if giving else (),
        prn_reason=_prn_reason(entry),
        note=entry.note,
        substitution=entry.substitution if giving else None,
    )
    resources = [administration]
    if entry.as_needed:
        resources.append(
            effect_followup_task(
                administration_id=administration["id"],
                patient_id=entry.patient_id,
                requester=giver,
                authored=now,
                assess_from=entry.effective + ward.prn_followup_after,
                assess_by=entry.effective + ward.prn_followup_by,
                medication_display=entry.medication.display,
            )
        )
    return resources


def _pouch_item(
    entry: PouchEntry, item: PouchItemEntry, *, giver: Staff, ward: BedsideConfig, pouch_id: str
) -> Json:
    if not item.given and item.not_given is None:
        raise DoseRecordError("dose.reason_required")
    performers = [Performer(giver)]
    if item.given and entry.verifier is not None and ward.needs_double_signature(item.atc):
        performers.append(Performer(entry.verifier, PerformerFunction.VERIFIER))
    return medication_administration(
        patient_id=entry.patient_id,
        medication=item.medication,
        performers=performers,
        effective=entry.effective,
        outcome=DoseOutcome.GIVEN if item.given else DoseOutcome.NOT_GIVEN,
        given=item.ordered if item.given else None,
        not_given=None if item.given else item.not_given,
        route=item.route,
        dosage_text=item.dosage_text or None,
        scheduled_at=item.scheduled_at,
        overrides=entry.overrides if item.given else (),
        pouch_event_id=pouch_id,
    )


def pouch_resources(entry: PouchEntry, *, giver: Staff, ward: BedsideConfig) -> list[Json]:
    """One MedicationAdministration per drug of the pouch, all sharing one pouch-event id."""
    pouch_id = new_id()
    return [
        _pouch_item(entry, item, giver=giver, ward=ward, pouch_id=pouch_id) for item in entry.items
    ]


def effect_resources(entry: EffectEntry, *, assessor: Staff) -> list[Json]:
    """The effect Observation and the follow-up Task, completed with it as its output."""
    administration_id = reference_id(entry.task.get("focus"), "MedicationAdministration")
    if not administration_id:
        raise RecordBuildError("records.followup_without_dose")
    observation = effect_observation(
        administration_id=administration_id,
        patient_id=entry.patient_id,
        performer=assessor,
        effective=entry.at,
        effect=entry.effect,
        note=entry.note,
    )
    task = completed_followup(
        entry.task, observation_id=observation["id"], owner=assessor, at=entry.at
    )
    return [observation, task]
