"""Pasientens legemiddelliste for display: groups, dose schedules, and what changed.

Conventions read from MedicationStatement (liberal; SFM and local profiles differ):

- Group: a ``category`` coding (or ``sfm-use`` extension) with Volven 9101 codes ``1`` regular,
  ``2`` course, ``3`` as needed (``regular``/``course``/``as-needed`` also accepted); otherwise
  ``asNeededBoolean`` means as needed and a planned end date means a course.
- Schedule: ``dosage[].timing.repeat.when`` (MORN, NOON/AFT, EVE, NIGHT/HS) with the dose in
  ``doseAndRate[].doseQuantity``; any dosage without ``when`` makes the free text ``dosage.text``
  the schedule instead.
- Multidose: an extension whose url ends with ``multidose`` and ``valueBoolean`` true.
- Stopped: ``status`` stopped (or completed, or an end date in the past). Why: ``statusReason``;
  who: an extension ending ``discontinuation`` (sub-extensions ``by``/``reason``/``date``), else
  a note's ``authorReference``.
- Changed since the user last looked: ``meta.lastUpdated`` after ``last_seen_at``; NEW when the
  statement was asserted or started after it, STOPPED when it is stopped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.values import MedicationList
from clinical.allergy_check import AllergyCheck
from clinical.fhir_read import (
    FhirResource,
    as_list,
    by_id,
    concept_codes,
    concept_text,
    dicts,
    extensions,
    first_concept_text,
    last_updated,
    parse_datetime,
    period,
    reference_display,
    reference_id,
    text,
)
from ui.presenters.allergy_flags import NO_MATCH, allergy_flag
from ui.presenters.formatting import format_decimal

_IN_USE = frozenset({"active", "intended", "on-hold", "unknown", ""})
_STOPPED = frozenset({"stopped", "completed", "not-taken"})


class UseGroup(StrEnum):
    """How a drug is used: the three groups of the national list."""

    REGULAR = "regular"
    COURSE = "course"
    AS_NEEDED = "as-needed"


class Change(StrEnum):
    """What happened to an item since the user last looked."""

    NONE = "none"
    NEW = "new"
    CHANGED = "changed"
    STOPPED = "stopped"


_GROUP_CODES = {
    "1": UseGroup.REGULAR,
    "regular": UseGroup.REGULAR,
    "2": UseGroup.COURSE,
    "course": UseGroup.COURSE,
    "3": UseGroup.AS_NEEDED,
    "as-needed": UseGroup.AS_NEEDED,
}
_WHEN_SLOTS = {
    "MORN": 0,
    "MORN.early": 0,
    "MORN.late": 0,
    "CM": 0,
    "NOON": 1,
    "AFT": 1,
    "AFT.early": 1,
    "AFT.late": 1,
    "CD": 1,
    "EVE": 2,
    "EVE.early": 2,
    "EVE.late": 2,
    "CV": 2,
    "NIGHT": 3,
    "HS": 3,
    "PHS": 3,
}


@dataclass(frozen=True, slots=True)
class DoseSchedule:
    """Doses at the four times of day; "" where nothing is given."""

    morning: str
    midday: str
    evening: str
    night: str
    unit: str

    def compact(self) -> str:
        """ "1 – 0 – 1 – 0" (the way Norwegian dose cards write it)."""
        return " – ".join(d or "0" for d in (self.morning, self.midday, self.evening, self.night))


@dataclass(frozen=True, slots=True)
class MedicationItem:
    """One line of the medication list."""

    id: str
    group: UseGroup
    name: str
    form: str
    schedule: DoseSchedule | None
    dose_text: str
    indication: str
    start: date | None
    end: date | None
    prescriber: str
    multidose: bool
    change: Change
    stopped: bool
    stopped_on: date | None
    stopped_by: str
    stopped_reason: str
    allergy: AllergyCheck = NO_MATCH
    """The patient's recorded reactions this medicine matches (``ui.presenters.allergy_flags``)."""


@dataclass(frozen=True, slots=True)
class MedicationListView:
    """The list grouped for display; ``first_look`` when the user never saw it before."""

    in_use: Mapping[UseGroup, tuple[MedicationItem, ...]]
    stopped: tuple[MedicationItem, ...]
    first_look: bool

    @property
    def changed_count(self) -> int:
        """How many items changed since the user last looked (stopped ones included)."""
        items = [i for group in self.in_use.values() for i in group] + list(self.stopped)
        return sum(1 for i in items if i.change is not Change.NONE)


def _group(statement: FhirResource) -> UseGroup:
    codes: set[str] = set()
    for concept in as_list(statement.get("category")):
        codes |= concept_codes(concept)
    for ext in extensions(statement, "sfm-use"):
        coding = ext.get("valueCoding")
        if isinstance(coding, Mapping):
            codes.add(text(coding.get("code")))
        codes |= concept_codes(ext.get("valueCodeableConcept"))
    for code in sorted(codes):
        if code in _GROUP_CODES:
            return _GROUP_CODES[code]
    if any(
        d.get("asNeededBoolean") is True or d.get("asNeededCodeableConcept")
        for d in dicts(statement.get("dosage"))
    ):
        return UseGroup.AS_NEEDED
    if period(statement.get("effectivePeriod"))[1] is not None:
        return UseGroup.COURSE
    return UseGroup.REGULAR


def _dose_quantity(dosage: Mapping[str, Any]) -> tuple[str, str]:
    for dose_and_rate in dicts(dosage.get("doseAndRate")):
        quantity = dose_and_rate.get("doseQuantity")
        if isinstance(quantity, Mapping) and quantity.get("value") is not None:
            return format_decimal(quantity["value"]), text(quantity.get("unit"))
    return "", ""


def _schedule(dosages: Sequence[Mapping[str, Any]]) -> DoseSchedule | None:
    slots = ["", "", "", ""]
    units: list[str] = []
    for dosage in dosages:
        timing = dosage.get("timing")
        repeat = timing.get("repeat") if isinstance(timing, Mapping) else None
        whens = as_list(repeat.get("when")) if isinstance(repeat, Mapping) else []
        if not whens:
            return None
        amount, unit = _dose_quantity(dosage)
        if not amount or any(w not in _WHEN_SLOTS for w in whens):
            return None
        for when in whens:
            slots[_WHEN_SLOTS[when]] = amount
        if unit and unit not in units:
            units.append(unit)
    if not any(slots):
        return None
    morning, midday, evening, night = slots
    return DoseSchedule(morning, midday, evening, night, unit="/".join(units))


def _medication_name(
    statement: FhirResource, medications: Mapping[str, FhirResource]
) -> tuple[str, str]:
    concept = statement.get("medicationCodeableConcept")
    if concept is not None:
        return concept_text(concept) or "?", ""
    medication = medications.get(reference_id(statement.get("medicationReference"), "Medication"))
    if medication is None:
        return reference_display(statement.get("medicationReference")) or "?", ""
    name = concept_text(medication.get("code")) or "?"
    for ingredient in dicts(medication.get("ingredient")):
        strength = ingredient.get("strength")
        numerator = strength.get("numerator") if isinstance(strength, Mapping) else None
        if isinstance(numerator, Mapping) and numerator.get("value") is not None:
            shown = f"{format_decimal(numerator['value'])} {text(numerator.get('unit'))}".strip()
            if shown and shown.replace(" ", "") not in name.replace(" ", ""):
                name = f"{name} {shown}"
            break
    return name, concept_text(medication.get("form"))


def _discontinuation(statement: FhirResource) -> tuple[str, str, date | None]:
    by, reason, when = "", "", None
    for ext in extensions(statement, "discontinuation"):
        for sub in dicts(ext.get("extension")):
            url = text(sub.get("url")).rsplit("/", 1)[-1]
            if url in ("by", "performer", "discontinuedBy"):
                by = (
                    by
                    or reference_display(sub.get("valueReference"))
                    or text(sub.get("valueString"))
                )
            elif url in ("reason", "cause"):
                reason = (
                    reason
                    or concept_text(sub.get("valueCodeableConcept"))
                    or text(sub.get("valueString"))
                )
            elif url in ("date", "timeDate", "dateTime"):
                parsed = parse_datetime(sub.get("valueDateTime"))
                when = when or (None if parsed is None else parsed.date())
    reason = reason or first_concept_text(statement.get("statusReason"))
    if not by:
        for note in dicts(statement.get("note")):
            if by := reference_display(note.get("authorReference")) or text(
                note.get("authorString")
            ):
                break
    return by, reason, when


def _change(
    statement: FhirResource, *, stopped: bool, start: datetime | None, seen: datetime | None
) -> Change:
    if seen is None:
        return Change.NONE
    updated = last_updated(statement)
    asserted = parse_datetime(statement.get("dateAsserted"))
    if updated is not None and updated <= seen:
        return Change.NONE
    if updated is None and (asserted is None or asserted <= seen):
        return Change.NONE
    if stopped:
        return Change.STOPPED
    if (asserted is not None and asserted > seen) or (start is not None and start > seen):
        return Change.NEW
    return Change.CHANGED


def medication_item(
    statement: FhirResource,
    medications: Mapping[str, FhirResource],
    *,
    today: date,
    last_seen_at: datetime | None,
    allergies: Sequence[FhirResource] = (),
) -> MedicationItem | None:
    """One statement as a list line, or None for entries in error; flagged when the patient
    has a recorded reaction to its medicine."""
    status = text(statement.get("status"))
    if status == "entered-in-error":
        return None
    start, end = period(statement.get("effectivePeriod"))
    start = start or parse_datetime(statement.get("effectiveDateTime"))
    stopped = status in _STOPPED or (end is not None and end.date() < today)
    dosages = dicts(statement.get("dosage"))
    name, form = _medication_name(statement, medications)
    schedule = _schedule(dosages)
    dose_text = "; ".join(text(d.get("text")) for d in dosages if text(d.get("text")))
    if schedule is None and not dose_text:
        amounts = [a for a, _ in map(_dose_quantity, dosages) if a]
        dose_text = ", ".join(amounts)
    indication = first_concept_text(statement.get("reasonCode")) or next(
        (
            concept_text(d.get("asNeededCodeableConcept"))
            for d in dosages
            if d.get("asNeededCodeableConcept")
        ),
        "",
    )
    multidose = any(e.get("valueBoolean") is True for e in extensions(statement, "multidose"))
    by, reason, stopped_on = _discontinuation(statement) if stopped else ("", "", None)
    if stopped and stopped_on is None:
        stopped_on = end.date() if end is not None else None
    return MedicationItem(
        id=text(statement.get("id")),
        group=_group(statement),
        name=name,
        form=form,
        schedule=schedule,
        dose_text=dose_text,
        indication=indication,
        start=None if start is None else start.date(),
        end=None if end is None else end.date(),
        prescriber=reference_display(statement.get("informationSource")),
        multidose=multidose,
        change=_change(statement, stopped=stopped, start=start, seen=last_seen_at),
        stopped=stopped,
        stopped_on=stopped_on,
        stopped_by=by,
        stopped_reason=reason,
        allergy=allergy_flag(statement, medications, allergies),
    )


def medication_list_view(data: MedicationList, *, today: date) -> MedicationListView:
    """Group the list: in use by regular/course/as needed, stopped last and newest first."""
    medications = by_id(data.medications)
    items = [
        item
        for statement in data.statements
        if (
            item := medication_item(
                statement,
                medications,
                today=today,
                last_seen_at=data.last_seen_at,
                allergies=data.allergies,
            )
        )
        is not None
    ]
    in_use: dict[UseGroup, tuple[MedicationItem, ...]] = {}
    for group in UseGroup:
        members = [i for i in items if not i.stopped and i.group is group]
        members.sort(key=lambda i: i.name.casefold())
        in_use[group] = tuple(members)
    stopped = [i for i in items if i.stopped]
    stopped.sort(key=lambda i: i.stopped_on or i.end or date.min, reverse=True)
    return MedicationListView(
        in_use=in_use, stopped=tuple(stopped), first_look=data.last_seen_at is None
    )
