"""The medication round of one patient for a shift, from FHIR JSON (no Qt).

Active medication-list items (MedicationStatement, with the MedicationRequest they are based
on) and active prescriptions that no list item covers become ``OrderLine``s. Their scheduled
doses in the round window (``clinical.doses``) become rows, minus the doses already documented
(an administration naming the same order and scheduled time). Multidose items due at the same
time form one pouch row; as-needed items are rows with what they still allow; open PRN effect
follow-ups are rows too. A dosage that cannot be scheduled safely is a row of its own that
says so, never a silent gap.

A patient with an electronic medicine dispenser has their multidose pouches handed over by it:
each pouch row carries what the dispenser reported (``clinical.welfare.dispenser``). A pouch it
handed over, or is still to hand over, is the dispenser's and makes nothing due (listed after
staff's doses, never as given by staff); a pouch it did not hand over, or reported nothing for,
is overdue for staff, with the dispenser's time and words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app.values import FhirJson, MedicationData
from clinical.doses import (
    ActivePeriod,
    DosageError,
    DoseAmount,
    DoseStatus,
    GivenDose,
    PrnAllowance,
    ScheduledDose,
    is_as_needed,
    last_dose,
    order_for_round,
    prn_allowance,
    scheduled_doses,
)
from clinical.fhir_read import concept_text, effective_time, reference_id
from clinical.medication_read import is_multidose, medication_atc, medication_name, scheduled_time
from clinical.records import DoseQuantity, MedicationSource
from clinical.welfare.dispenser import DispenserEvent, DispenserState, PouchReport, pouch_reports

_ROUND_TOLERANCE = timedelta(hours=1)  # order_for_round's default


@dataclass(frozen=True)
class OrderLine:
    """One drug the patient is to have: list item and/or prescription, and its Medication."""

    statement: FhirJson | None
    request: FhirJson | None
    medication: FhirJson | None
    display: str
    dosages: tuple[Mapping[str, Any], ...]
    active: ActivePeriod

    @property
    def key(self) -> str:
        """Stable key: the list item's id, else the prescription's."""
        resource = self.statement or self.request or {}
        return str(resource.get("id", ""))

    @property
    def atc(self) -> str | None:
        """The drug's ATC code from its Medication."""
        return medication_atc(self.medication)

    @property
    def multidose(self) -> bool:
        """Delivered in multidose pouches."""
        return is_multidose(self.statement) or is_multidose(self.request)

    @property
    def as_needed(self) -> bool:
        """An as-needed (PRN) item."""
        return bool(self.dosages) and all(is_as_needed(d) for d in self.dosages)

    @property
    def route(self) -> Mapping[str, Any] | None:
        """The first dosage's route."""
        for dosage in self.dosages:
            route = dosage.get("route")
            if isinstance(route, Mapping):
                return route
        return None

    @property
    def route_text(self) -> str:
        """The route as text ("Oral bruk")."""
        return concept_text(self.route)

    @property
    def dosage_text(self) -> str:
        """The dosage text of the first dosage."""
        for dosage in self.dosages:
            text = dosage.get("text")
            if isinstance(text, str):
                return text
        return ""

    @property
    def indication(self) -> Mapping[str, Any] | None:
        """The PRN indication (``asNeededCodeableConcept``)."""
        for dosage in self.dosages:
            concept = dosage.get("asNeededCodeableConcept")
            if isinstance(concept, Mapping):
                return concept
        return None

    def source(self) -> MedicationSource:
        """What the administration builder needs to reference this order."""
        medication_id = None if self.medication is None else self.medication.get("id")
        return MedicationSource(
            medication_id=medication_id if isinstance(medication_id, str) else None,
            display=self.display,
            code=None if self.medication is None else self.medication.get("code"),
            request_id=None if self.request is None else self.request.get("id"),
            statement_id=None if self.statement is None else self.statement.get("id"),
        )

    def references(self, administration: FhirJson) -> bool:
        """True when the administration documents this order."""
        request_id = reference_id(administration.get("request"), "MedicationRequest")
        statements = {
            reference_id(r, "MedicationStatement")
            for r in administration.get("supportingInformation") or ()
        }
        own_request = None if self.request is None else self.request.get("id")
        own_statement = None if self.statement is None else self.statement.get("id")
        return (own_request is not None and request_id == own_request) or (
            own_statement is not None and own_statement in statements
        )


def _by_id(resources: Sequence[FhirJson], resource_type: str) -> dict[str, FhirJson]:
    return {
        str(r["id"]): r
        for r in resources
        if r.get("resourceType") == resource_type and isinstance(r.get("id"), str)
    }


def _period(resource: FhirJson, key: str) -> ActivePeriod:
    period = resource.get(key)
    if not isinstance(period, Mapping):
        return ActivePeriod()
    try:
        return ActivePeriod.from_fhir(period)
    except DosageError:
        return ActivePeriod()


def _medication(
    resource: FhirJson, medications: Mapping[str, FhirJson]
) -> tuple[FhirJson | None, str]:
    ref = resource.get("medicationReference")
    medication_id = reference_id(ref, "Medication")
    medication = medications.get(medication_id) if medication_id else None
    fallback = ref.get("display", "") if isinstance(ref, Mapping) else ""
    if medication is None and isinstance(resource.get("medicationCodeableConcept"), Mapping):
        fallback = concept_text(resource["medicationCodeableConcept"])
    return medication, medication_name(medication, str(fallback))


def order_lines(data: MedicationData) -> list[OrderLine]:
    """Active list items with their prescriptions, then active prescriptions not on the list."""
    medications = _by_id(data.medications, "Medication")
    requests = _by_id(data.requests, "MedicationRequest")
    lines: list[OrderLine] = []
    covered: set[str] = set()
    for statement in data.statements:
        based_on = [reference_id(r, "MedicationRequest") for r in statement.get("basedOn") or ()]
        covered.update(r for r in based_on if r)
        if statement.get("status") != "active":
            continue
        request = next((requests[r] for r in based_on if r in requests), None)
        medication, name = _medication(statement, medications)
        lines.append(
            OrderLine(
                statement=statement,
                request=request,
                medication=medication,
                display=name,
                dosages=tuple(statement.get("dosage") or ()),
                active=_period(statement, "effectivePeriod"),
            )
        )
    for request in requests.values():
        if request.get("status") != "active" or request["id"] in covered:
            continue
        medication, name = _medication(request, medications)
        lines.append(
            OrderLine(
                statement=None,
                request=request,
                medication=medication,
                display=name,
                dosages=tuple(request.get("dosageInstruction") or ()),
                active=ActivePeriod(),
            )
        )
    return lines


class RowKind(StrEnum):
    """What a round row asks the nurse to do."""

    DOSE = "dose"
    POUCH = "pouch"
    PRN = "prn"
    FOLLOWUP = "followup"
    PROBLEM = "problem"


@dataclass(frozen=True)
class PouchItem:
    """One drug in a multidose pouch."""

    line: OrderLine
    dose: ScheduledDose


@dataclass(frozen=True)
class RoundRow:
    """One line of the round; the fields used depend on ``kind``."""

    kind: RowKind
    line: OrderLine | None = None
    dose: ScheduledDose | None = None
    status: DoseStatus | None = None
    pouch: tuple[PouchItem, ...] = ()
    allowance: PrnAllowance | None = None
    task: FhirJson | None = None
    problem_key: str | None = None
    last_dose: ScheduledDose | None = None  # an order that ends (a course): its final dose
    dispenser: PouchReport | None = None  # a dispenser patient's pouch: what it reported

    @property
    def by_dispenser(self) -> bool:
        """A pouch the dispenser handed over or is to hand over: nothing for staff to give."""
        return self.dispenser is not None and not self.dispenser.state.needs_staff

    @property
    def is_last_dose(self) -> bool:
        """True when this row's dose is the final dose of an order that ends."""
        return (
            self.dose is not None
            and self.last_dose is not None
            and self.dose.due_at.astimezone(UTC) == self.last_dose.due_at.astimezone(UTC)
        )

    @property
    def due_at(self) -> datetime | None:
        """When the dose (or the pouch, or the follow-up) is due."""
        if self.dose is not None:
            return self.dose.due_at
        if self.pouch:
            return self.pouch[0].dose.due_at
        if self.task is not None:
            restriction = self.task.get("restriction") or {}
            end = (restriction.get("period") or {}).get("end")
            return _parse(end)
        return None


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class RoundPlan:
    """All rows of a patient's round, overdue first; counts for the unit overview."""

    rows: tuple[RoundRow, ...] = field(default_factory=tuple)

    def count(self, status: DoseStatus) -> int:
        """Scheduled doses (pouch items counted one by one) with this status."""
        total = 0
        for row in self.rows:
            if row.status is status:
                total += len(row.pouch) if row.pouch else 1
        return total

    @property
    def prn_count(self) -> int:
        """As-needed items that may be given now."""
        return sum(
            1
            for r in self.rows
            if r.kind is RowKind.PRN and r.allowance is not None and r.allowance.may_give_now
        )

    @property
    def followup_count(self) -> int:
        """Open PRN effect follow-ups."""
        return sum(1 for r in self.rows if r.kind is RowKind.FOLLOWUP)


def _documented(line: OrderLine, dose: ScheduledDose, administrations: Sequence[FhirJson]) -> bool:
    due = dose.due_at.astimezone(UTC)
    for administration in administrations:
        if administration.get("status") == "entered-in-error":
            continue
        at = scheduled_time(administration)
        if at is not None and at.astimezone(UTC) == due and line.references(administration):
            return True
    return False


def _given_doses(line: OrderLine, administrations: Sequence[FhirJson]) -> list[GivenDose]:
    given = []
    for administration in administrations:
        if administration.get("status") != "completed" or not line.references(administration):
            continue
        at = effective_time(administration)
        dose = (administration.get("dosage") or {}).get("dose") or {}
        value = dose.get("value")
        if at is None or not isinstance(value, int | float):
            continue
        unit = dose.get("code") or dose.get("unit")
        given.append(GivenDose(at, Decimal(str(value)), unit if isinstance(unit, str) else None))
    return given


def _prn_row(line: OrderLine, administrations: Sequence[FhirJson], now: datetime) -> RoundRow:
    try:
        allowance = prn_allowance(
            line.dosages[0], given=_given_doses(line, administrations), now=now
        )
    except DosageError as error:
        return RoundRow(RowKind.PROBLEM, line=line, problem_key=error.key)
    return RoundRow(RowKind.PRN, line=line, allowance=allowance)


def _final_dose(line: OrderLine) -> ScheduledDose | None:
    """The last dose of a line that ends; its dosages were already scheduled without error."""
    try:
        return last_dose(line.dosages, active=line.active)
    except DosageError:
        return None


def build_round(
    data: MedicationData,
    *,
    administrations: Sequence[FhirJson],
    followups: Sequence[FhirJson] = (),
    window: tuple[datetime, datetime],
    now: datetime,
    tolerance: timedelta | None = None,
    dispenser: Sequence[DispenserEvent] | None = None,
) -> RoundPlan:
    """The round: problems, overdue, due, upcoming (pouches as units), the dispenser's pouches,
    then PRN, follow-ups. ``dispenser``: the patient's dispenser events (None: no dispenser)."""
    problems: list[RoundRow] = []
    singles: list[tuple[OrderLine, ScheduledDose]] = []
    pouched: list[tuple[OrderLine, ScheduledDose]] = []
    prn: list[RoundRow] = []
    finals: dict[str, ScheduledDose | None] = {}
    for line in order_lines(data):
        if line.as_needed:
            prn.append(_prn_row(line, administrations, now))
            continue
        try:
            doses = scheduled_doses(
                line.dosages, window_start=window[0], window_end=window[1], active=line.active
            )
        except DosageError as error:
            problems.append(RoundRow(RowKind.PROBLEM, line=line, problem_key=error.key))
            continue
        for dose in doses:
            if _documented(line, dose, administrations):
                continue
            (pouched if line.multidose else singles).append((line, dose))
    lines_by_dose = {id(dose): line for line, dose in singles + pouched}
    pouch_at: dict[datetime, list[PouchItem]] = {}
    for line, dose in pouched:
        pouch_at.setdefault(dose.due_at.astimezone(UTC), []).append(PouchItem(line, dose))
    reports: dict[datetime, PouchReport] = {}
    if dispenser is not None:
        due_times = sorted(pouch_at)
        found = pouch_reports(
            due_times, dispenser, now=now, tolerance=tolerance or _ROUND_TOLERANCE
        )
        reports = dict(zip(due_times, found, strict=True))
    representatives = [d for _, d in singles] + [items[0].dose for items in pouch_at.values()]
    kwargs = {} if tolerance is None else {"tolerance": tolerance}
    rows: list[RoundRow] = []
    dispensed: list[RoundRow] = []
    for item in order_for_round(representatives, now=now, **kwargs):
        line = lines_by_dose[id(item.dose)]
        if line.multidose:
            due = item.dose.due_at.astimezone(UTC)
            row = RoundRow(RowKind.POUCH, status=item.status, pouch=tuple(pouch_at[due]))
            row = _with_report(row, reports.get(due))
            (dispensed if row.by_dispenser else rows).append(row)
            continue
        rows.append(
            RoundRow(
                RowKind.DOSE,
                line=line,
                dose=item.dose,
                status=item.status,
                last_dose=finals[line.key]
                if line.key in finals
                else finals.setdefault(line.key, _final_dose(line)),
            )
        )
    if reports:
        rank = list(DoseStatus)
        rows.sort(key=lambda r: rank.index(r.status) if r.status is not None else len(rank))
    followup_rows = [RoundRow(RowKind.FOLLOWUP, task=task) for task in followups]
    return RoundPlan(tuple(problems + rows + dispensed + prn + followup_rows))


def _with_report(row: RoundRow, report: PouchReport | None) -> RoundRow:
    """A pouch with what the dispenser reported: the dispenser's (nothing due) when it handed
    the pouch over or is still to; overdue for staff when it did not or said nothing; only at
    risk (its scheduled status kept) when dispensing stopped before its time."""
    if report is None:
        return row
    if not report.state.needs_staff:
        return replace(row, status=None, dispenser=report)
    if report.state is DispenserState.STOPPED:
        return replace(row, dispenser=report)
    return replace(row, status=DoseStatus.OVERDUE, dispenser=report)


def ordered_dose(dose: DoseAmount | None) -> DoseQuantity | None:
    """The ordered amount (the low end of a range) as a quantity for the record."""
    if dose is None:
        return None
    return DoseQuantity(dose.low, dose.unit)
