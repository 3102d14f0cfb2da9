"""What is due in a shift for one patient, from FHIR JSON: the task list's rules (no Qt, no I/O).

Six sources, one list (ux_packaging.md §A.4: "Due meds, PRN follow-ups, NEWS2 re-measure due
times, wound care and similar. Sort overdue first."):

- scheduled doses and multidose pouches not yet documented, as-needed doses' effects to assess,
  and orders whose dosage cannot be scheduled: the medication round's own rows
  (``app.bedside.round_plan``), so the list and the round never disagree;
- the NEWS2 re-measurement: due when the newest set's response band says (RCP Chart 2 minimum
  frequencies, ``clinical.news2.next_measurement_due``: 12 h at 0, 4 h at 1-4, hourly at a red
  parameter or 5-6, continuous at 7 or more; an incomplete set at once). Only a set from the
  last ``NEWS2_FOLLOWUP`` counts: an older score no longer sets a measuring rhythm;
- renewal requests waiting for the physician, due when the prescription's validity ends;
- care-plan activities (tiltak) at their times (``clinical.care_plan``);
- Tasks a colleague or the previous shift created, coded as the product's tasks or not coded
  at all (Tasks of other workflows, coded in their own systems, belong to their own lists).

Timing: overdue when due more than the ward's tolerance ago, due now within the tolerance
either side (the medication round's rule, ``clinical.doses.order_for_round``), later after
that; an activity with no set time is due now, last of its group. A task someone acted on
(its Task completed or cancelled) is gone from the list and counted as done; a postponed one
comes back at its new time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from app.bedside.round_plan import OrderLine, RoundPlan, RoundRow, RowKind
from app.shift.values import FhirJson, ShiftTask, TaskAction, TaskKind, TaskTiming
from app.values import VitalsAlert
from clinical.care_plan import occurrences, planned_activities
from clinical.doses import DoseStatus
from clinical.fhir_read import (
    concept_codes,
    concept_text,
    dicts,
    parse_datetime,
    patient_name,
    reference_id,
    text,
)
from clinical.medication_read import medication_name
from clinical.news2 import next_measurement_due
from clinical.records import Staff, reference
from clinical.records.as_needed import FOLLOWUP_CODE
from clinical.records.common import TASK_CODE_SYSTEM
from clinical.records.findings import measure_of
from clinical.records.handover import ACKNOWLEDGE
from clinical.records.renewal import RENEWAL_CODE
from clinical.records.task_writer import (
    CARE_PLAN_ACTIVITY,
    NEWS2_REMEASURE,
    OCCURRENCE_SYSTEM,
    occurrence_id,
    task_to_do,
)

NEWS2_FOLLOWUP: Final = timedelta(hours=24)
OPEN_STATUSES: Final = frozenset(
    {"draft", "requested", "received", "accepted", "ready", "in-progress", "on-hold"}
)
CLOSED_STATUSES: Final = frozenset({"completed", "cancelled", "failed", "rejected"})
_OTHER_LISTS: Final = frozenset({FOLLOWUP_CODE, RENEWAL_CODE, ACKNOWLEDGE.code})


@dataclass(frozen=True)
class ShiftClock:
    """When the list is read: now, the shift, the window overdue items are looked for in."""

    now: datetime
    shift: tuple[datetime, datetime]
    window: tuple[datetime, datetime]
    tolerance: timedelta

    def timing(self, due: datetime | None) -> TaskTiming:
        """Overdue, due now or later, by the ward's tolerance around ``due``."""
        if due is None:
            return TaskTiming.DUE_NOW
        if due < self.now - self.tolerance:
            return TaskTiming.OVERDUE
        if due <= self.now + self.tolerance:
            return TaskTiming.DUE_NOW
        return TaskTiming.LATER


@dataclass(frozen=True)
class PatientInputs:
    """What one patient's list is built from (the service reads it from the store)."""

    patient: FhirJson
    plan: RoundPlan
    statements: Sequence[FhirJson] = ()
    tasks: Sequence[FhirJson] = ()
    care_plans: Sequence[FhirJson] = ()
    requests: Sequence[FhirJson] = ()
    medications: Mapping[str, FhirJson] = field(default_factory=dict)
    vitals: VitalsAlert | None = None
    conflicts: frozenset[str] = frozenset()
    room: str = ""

    @property
    def patient_id(self) -> str:
        return str(self.patient.get("id"))


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def task_codes(task: FhirJson) -> set[str]:
    """The product codes of a Task (``TASK_CODE_SYSTEM``)."""
    return {
        str(c.get("code"))
        for c in dicts((task.get("code") or {}).get("coding"))
        if c.get("system") == TASK_CODE_SYSTEM
    }


def task_due(task: FhirJson) -> datetime | None:
    """When a Task is due: ``restriction.period`` start, else its end."""
    restriction = task.get("restriction")
    found = restriction.get("period") if isinstance(restriction, Mapping) else None
    if not isinstance(found, Mapping):
        return None
    return parse_datetime(found.get("start")) or parse_datetime(found.get("end"))


def _occurrence_key(task: FhirJson) -> str:
    for ident in dicts(task.get("identifier")):
        if ident.get("system") == OCCURRENCE_SYSTEM and isinstance(ident.get("value"), str):
            return str(ident["value"])
    return ""


def _closed_in_shift(task: FhirJson, clock: ShiftClock) -> bool:
    changed = parse_datetime(task.get("lastModified"))
    return (
        task.get("status") in CLOSED_STATUSES and changed is not None and changed >= clock.shift[0]
    )


class _Builder:
    """Collects one patient's rows."""

    def __init__(self, inputs: PatientInputs, clock: ShiftClock, *, requester: Staff) -> None:
        self.inputs = inputs
        self.clock = clock
        self.requester = requester
        self.rows: list[ShiftTask] = []
        self.tasks = {str(t.get("id")): t for t in inputs.tasks if t.get("id")}
        self.used: set[str] = set()
        self.name = patient_name(inputs.patient)

    def add(self, **fields: Any) -> None:
        fields.setdefault("patient_id", self.inputs.patient_id)
        fields.setdefault("patient_name", self.name)
        fields.setdefault("room", self.inputs.room)
        task = fields.get("task")
        if task is not None and str(task.get("id")) in self.inputs.conflicts:
            fields["conflict"] = True
        self.rows.append(ShiftTask(**fields))

    # The medication round's rows ------------------------------------------------------------

    def round_rows(self) -> None:
        for row in self.inputs.plan.rows:
            if row.kind in (RowKind.DOSE, RowKind.POUCH):
                self._dose(row)
            elif row.kind is RowKind.FOLLOWUP and row.task is not None:
                due = row.due_at
                self.add(
                    key=f"task/{row.task.get('id')}",
                    kind=TaskKind.FOLLOWUP,
                    title=text(row.task.get("description")) or concept_text(row.task.get("code")),
                    detail="",
                    due_at=due,
                    timing=self.clock.timing(due),
                    actions=frozenset({TaskAction.ROUND}),
                    task=row.task,
                )
                self.used.add(str(row.task.get("id")))
            elif row.kind is RowKind.PROBLEM and row.line is not None:
                self.add(
                    key=f"order-problem/{row.line.key}",
                    kind=TaskKind.ORDER_PROBLEM,
                    title=row.line.display,
                    detail=row.problem_key or "",
                    due_at=None,
                    timing=TaskTiming.DUE_NOW,
                    actions=frozenset({TaskAction.ROUND}),
                )

    def _dose(self, row: RoundRow) -> None:
        due = row.due_at
        if due is None or row.status is None:
            return
        timing = {
            DoseStatus.OVERDUE: TaskTiming.OVERDUE,
            DoseStatus.DUE: TaskTiming.DUE_NOW,
            DoseStatus.UPCOMING: TaskTiming.LATER,
        }[row.status]
        if row.kind is RowKind.POUCH:
            names = ", ".join(item.line.display for item in row.pouch)
            key = f"pouch/{_instant(due)}"
            title, detail = names, str(len(row.pouch))
            order = _order(row.pouch[0].line) if row.pouch else None
        else:
            assert row.line is not None
            key = f"dose/{row.line.key}/{_instant(due)}"
            amount = row.dose.dose if row.dose is not None else None
            title = row.line.display
            order = _order(row.line)
            detail = (
                f"{amount.low.normalize():f} {amount.unit or ''}".strip()
                if amount is not None and amount.low == amount.high
                else row.line.dosage_text
            )
        self.add(
            key=key,
            kind=TaskKind.DOSE,
            title=title,
            detail=detail,
            due_at=due,
            timing=timing,
            actions=frozenset({TaskAction.ROUND}),
            order=order,
        )

    # NEWS2 ---------------------------------------------------------------------------------

    def news2(self) -> None:
        alert = self.inputs.vitals
        if alert is None or alert.at < self.clock.now - NEWS2_FOLLOWUP:
            return
        due = next_measurement_due(alert.result, measured_at=alert.at)
        band = alert.result.band
        key = f"news2/{self.inputs.patient_id}/{_instant(alert.at)}"
        existing = self.tasks.get(occurrence_id(key))
        if existing is not None:
            self.used.add(str(existing.get("id")))
            if existing.get("status") in CLOSED_STATUSES:
                return
        postponed = existing is not None and existing.get("status") == "on-hold"
        when = task_due(existing) if postponed and existing is not None else due
        if when is not None and when >= self.clock.shift[1]:
            return
        score = alert.result.aggregate
        self.add(
            key=key,
            kind=TaskKind.NEWS2,
            title="" if score is None else str(score),
            detail=_instant(alert.at),
            due_at=alert.at if when is None else when,
            timing=TaskTiming.OVERDUE if when is None else self.clock.timing(when),
            actions=frozenset({TaskAction.VITALS, TaskAction.RECORD}),
            task=existing,
            template=None
            if existing is not None
            else task_to_do(
                patient_id=self.inputs.patient_id,
                code=NEWS2_REMEASURE,
                description="Ny NEWS2-måling",
                due=when or alert.at,
                requester=self.requester,
                authored=self.clock.now,
                key=key,
            ),
            postponed=postponed,
            band="continuous" if when is None else (band.value if band else "incomplete"),
        )

    # Renewals ------------------------------------------------------------------------------

    def renewals(self) -> None:
        requests = {str(r.get("id")): r for r in self.inputs.requests}
        for task_id, task in self.tasks.items():
            if RENEWAL_CODE not in task_codes(task) or task.get("status") not in OPEN_STATUSES:
                continue
            self.used.add(task_id)
            request = requests.get(reference_id(task.get("focus"), "MedicationRequest"))
            medication = None
            if request is not None:
                medication = self.inputs.medications.get(
                    reference_id(request.get("medicationReference"), "Medication")
                )
            name = medication_name(medication, _request_name(request)) if request else ""
            validity = ((request or {}).get("dispenseRequest") or {}).get("validityPeriod")
            due = parse_datetime(validity.get("end")) if isinstance(validity, Mapping) else None
            if due is not None and due >= self.clock.shift[1]:
                due_timing = TaskTiming.LATER
            else:
                due_timing = self.clock.timing(due) if due is not None else TaskTiming.LATER
            self.add(
                key=f"task/{task_id}",
                kind=TaskKind.RENEWAL,
                title=name or concept_text(task.get("code")),
                detail=text(task.get("description")),
                due_at=due,
                timing=due_timing,
                actions=frozenset({TaskAction.PRESCRIPTIONS}),
                task=task,
            )

    # Care plan -----------------------------------------------------------------------------

    def care_plan(self, *, shift_key: str) -> None:
        activities = [a for plan in self.inputs.care_plans for a in planned_activities(plan)]
        found, problems = occurrences(activities, window=self.clock.window, shift_key=shift_key)
        for occurrence in found:
            activity = occurrence.activity
            existing = self.tasks.get(occurrence_id(occurrence.key))
            if existing is not None:
                self.used.add(str(existing.get("id")))
                if existing.get("status") in CLOSED_STATUSES:
                    continue
            postponed = existing is not None and existing.get("status") == "on-hold"
            due = task_due(existing) if postponed and existing is not None else occurrence.due_at
            if due is not None and due >= self.clock.shift[1]:
                continue
            measure = measure_of(activity.code)
            self.add(
                key=occurrence.key,
                kind=TaskKind.CARE_PLAN,
                title=activity.title,
                detail=activity.description,
                due_at=due,
                timing=self.clock.timing(due),
                actions=frozenset({TaskAction.RECORD}),
                task=existing,
                template=None
                if existing is not None
                else task_to_do(
                    patient_id=self.inputs.patient_id,
                    code=CARE_PLAN_ACTIVITY,
                    description=activity.title,
                    due=occurrence.due_at or self.clock.shift[0],
                    requester=self.requester,
                    authored=self.clock.now,
                    key=occurrence.key,
                    based_on=[reference("CarePlan", activity.care_plan_id)],
                    focus=reference("CarePlan", activity.care_plan_id),
                ),
                care_plan_id=activity.care_plan_id,
                activity_code=activity.code,
                measures=None if measure is None else measure.unit,
                postponed=postponed,
            )
        for problem in problems:
            self.add(
                key=f"care-plan-problem/{problem.activity.care_plan_id}/{problem.activity.index}",
                kind=TaskKind.CARE_PLAN_PROBLEM,
                title=problem.activity.title,
                detail=problem.key,
                due_at=None,
                timing=TaskTiming.DUE_NOW,
            )

    # Tasks others left ---------------------------------------------------------------------

    def requested(self) -> None:
        for task_id, task in self.tasks.items():
            if task_id in self.used or task.get("status") not in OPEN_STATUSES:
                continue
            codes_here = task_codes(task)
            coded_elsewhere = bool(concept_codes(task.get("code"))) and not codes_here
            if codes_here & _OTHER_LISTS or coded_elsewhere:
                continue
            if NEWS2_REMEASURE.code in codes_here:
                continue  # a newer set of vital signs has replaced the score it followed
            due = task_due(task)
            if due is not None and due >= self.clock.shift[1]:
                continue
            based_on = dicts(task.get("basedOn"))
            care_plan_id = next(
                (
                    reference_id(ref, "CarePlan")
                    for ref in based_on
                    if reference_id(ref, "CarePlan")
                ),
                None,
            )
            self.add(
                key=f"task/{task_id}",
                kind=TaskKind.REQUESTED,
                title=text(task.get("description")) or concept_text(task.get("code")),
                detail=_last_note(task),
                due_at=due,
                timing=self.clock.timing(due),
                actions=frozenset({TaskAction.RECORD}),
                task=task,
                care_plan_id=care_plan_id,
                postponed=task.get("status") == "on-hold",
            )

    def done(self) -> int:
        return sum(
            1
            for task in self.tasks.values()
            if _closed_in_shift(task, self.clock)
            and (_occurrence_key(task) or not task_codes(task) & _OTHER_LISTS)
        )


def _order(line: OrderLine) -> str | None:
    """The order a dose row documents: its medication-list item, else its prescription."""
    if line.statement is not None:
        return f"MedicationStatement/{line.statement.get('id')}"
    if line.request is not None:
        return f"MedicationRequest/{line.request.get('id')}"
    return None


def _request_name(request: FhirJson | None) -> str:
    if request is None:
        return ""
    ref = request.get("medicationReference")
    if isinstance(ref, Mapping) and isinstance(ref.get("display"), str):
        return str(ref["display"])
    return concept_text(request.get("medicationCodeableConcept"))


def _last_note(task: FhirJson) -> str:
    notes = dicts(task.get("note"))
    return text(notes[-1].get("text")) if notes else ""


def patient_tasks(
    inputs: PatientInputs, *, clock: ShiftClock, requester: Staff
) -> tuple[list[ShiftTask], int]:
    """The patient's tasks in this shift (unordered) and how many were done in it."""
    builder = _Builder(inputs, clock, requester=requester)
    builder.round_rows()
    builder.news2()
    builder.renewals()
    builder.care_plan(shift_key=_instant(clock.shift[0]))
    builder.requested()
    return builder.rows, builder.done()
