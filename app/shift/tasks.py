"""``ShiftTasks``: the task list of a patient or a place, and what the nurse did with a task.

Reads build the list from the store (``app.shift.reads`` and the rules of
``app.shift.task_list``). A place's list is read ``CHUNK`` patients at a time: a home-care
district's thousands of patients are never all in memory at once, what one chunk read is freed
before the next is read, and the rows made so far are kept out of the garbage collector's way
(``app.heap``), so the window's GUI thread never waits for a collection over them.

Writes turn a dialog's ``TaskOutcomeEntry`` into the Task's new state
(``clinical.records.task_writer``) and, for a done care-plan activity with a finding, the
Procedure or Observation it produced (``clinical.records.findings``), saved with their outbox
entries in ONE transaction (``Store.write_all``).

An occurrence nobody has acted on has no Task yet: acting on it creates the Task with its
deterministic id (every computer derives the same one). When the Task is already in the store,
it is the base of the change; when the store's copy is already finished (a colleague's
completion arrived by sync) the entry is refused, and when two computers finish it offline the
sync turns the second into a conflict for a person (``sync.outgoing.derived_id``).

Errors: ``EntryRefused`` (a rule refused the entry; nothing is written), ``NotSaved``,
``StoreReadFailed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from app.errors import EntryRefused, NotSaved, PatientNotFound, StoreReadFailed
from app.heap import settle
from app.records.reads import RecordReads
from app.records.walking_order import room_name, walking_order
from app.service_context import StoreService, store_errors
from app.shift.entries import NewTaskEntry, TaskOutcomeEntry
from app.shift.reads import finished_tasks, patient_inputs, shift_clock
from app.shift.task_list import CLOSED_STATUSES, patient_tasks
from app.shift.values import FhirJson, TaskAction, TaskList, ordered_tasks
from app.values import PlaceOfWork
from clinical.records import RecordBuildError
from clinical.records.findings import activity_observation, activity_procedure, measure_of
from clinical.records.shift_messages import MESSAGES
from clinical.records.task_writer import (
    SHIFT_TASK,
    Reason,
    TaskOutcome,
    task_done,
    task_not_done,
    task_postponed,
    task_to_do,
)

CHUNK: Final = 25
"""Patients read and turned into tasks together (a few batched queries each); a list of more
than one chunk settles the heap before the first and after each (``app.heap.settle``): what a
chunk reads then never waits long for a collection (25 patients' records: ~40,000 objects)."""


def _refused(key: str) -> EntryRefused:
    return EntryRefused(key, messages=MESSAGES)


class ShiftTasks(StoreService):
    """The shift's tasks over the signed-in user's store."""

    def shift_tasks(self, patient_id: str) -> TaskList:
        """The patient's tasks this shift, overdue first."""
        context = self._context
        clock = shift_clock(context.clock(), context.ward)
        with store_errors(StoreReadFailed):
            store = self._store()
            patient = store.get("Patient", patient_id)
            if patient is None:
                raise PatientNotFound("The patient is not on this computer.")
            inputs = patient_inputs(
                store,
                [(patient, "")],
                clock=clock,
                config=context.ward,
                finished=finished_tasks(clock),
            )
        rows, done = patient_tasks(inputs[0], clock=clock, requester=context.user)
        return TaskList(tasks=ordered_tasks(rows), done=done, shift=clock.shift)

    def place_tasks(self, place: PlaceOfWork) -> TaskList:
        """Every patient's tasks of a unit or a route this shift, overdue first; a patient
        visited twice on a route is listed once (at the first visit)."""
        entries = sorted(RecordReads(self._context).people_at(place), key=walking_order)
        seen: dict[str, tuple[FhirJson, str]] = {}
        for entry in entries:
            seen.setdefault(
                str(entry.patient.get("id")), (entry.patient, room_name(entry.location))
            )
        return self.tasks_of(list(seen.values()))

    def tasks_of(self, patients: Sequence[tuple[FhirJson, str]]) -> TaskList:
        """The tasks this shift of ``patients`` ((Patient, room) pairs), overdue first."""
        context = self._context
        clock = shift_clock(context.clock(), context.ward)
        finished = finished_tasks(clock)
        rows = []
        done = 0
        large = len(patients) > CHUNK
        if large:
            settle()  # the patients themselves (a district: thousands) stay for the whole read
        for start in range(0, len(patients), CHUNK):
            with store_errors(StoreReadFailed):
                inputs = patient_inputs(
                    self._store(),
                    patients[start : start + CHUNK],
                    clock=clock,
                    config=context.ward,
                    finished=finished,
                )
            for patient in inputs:
                found, closed = patient_tasks(patient, clock=clock, requester=context.user)
                rows.extend(found)
                done += closed
            del inputs
            if large:
                settle()
        return TaskList(tasks=ordered_tasks(rows), done=done, shift=clock.shift)

    def record_task_outcome(self, entry: TaskOutcomeEntry) -> Sequence[FhirJson]:
        """Save what became of a task: the Task (and a finding) in one transaction."""
        row = entry.task
        if TaskAction.RECORD not in row.actions:
            raise _refused("task.not_recordable")
        with store_errors(NotSaved):
            store = self._store()
            base = _current(store, row.task or row.template)
            if base is None:
                raise _refused("task.not_recordable")
            if base.get("status") in CLOSED_STATUSES:
                raise _refused("task.already_documented")
            try:
                resources = self._outcome(entry, base)
            except RecordBuildError as error:
                raise _refused(error.key) from error
            store.write_all(resources)
        return resources

    def _outcome(self, entry: TaskOutcomeEntry, base: FhirJson) -> list[dict[str, Any]]:
        user = self._context.user
        row = entry.task
        if entry.outcome is TaskOutcome.NOT_DONE:
            if entry.reason is None:
                raise RecordBuildError("task.reason_required")
            reason = Reason(entry.reason, entry.reason_text)
            return [task_not_done(base, by=user, at=entry.at, reason=reason)]
        if entry.outcome is TaskOutcome.POSTPONED:
            if entry.reason is None:
                raise RecordBuildError("task.reason_required")
            if entry.until is None:
                raise RecordBuildError("task.postpone_time_required")
            reason = Reason(entry.reason, entry.reason_text)
            return [task_postponed(base, by=user, at=entry.at, until=entry.until, reason=reason)]
        finding: list[dict[str, Any]] = []
        outputs = []
        measure = measure_of(row.activity_code)
        if entry.measured is not None and measure is not None and row.care_plan_id:
            finding.append(
                activity_observation(
                    patient_id=row.patient_id,
                    care_plan_id=row.care_plan_id,
                    measure=measure,
                    value=entry.measured,
                    performer=user,
                    effective=entry.at,
                    note=entry.finding,
                )
            )
            outputs.append((measure.display, {"reference": f"Observation/{finding[0]['id']}"}))
        elif entry.finding.strip() and row.care_plan_id:
            finding.append(
                activity_procedure(
                    patient_id=row.patient_id,
                    care_plan_id=row.care_plan_id,
                    code=row.activity_code,
                    title=row.title,
                    performer=user,
                    performed=entry.at,
                    finding=entry.finding,
                )
            )
            outputs.append(("Utført tiltak", {"reference": f"Procedure/{finding[0]['id']}"}))
        note = entry.finding if not finding else ""
        done = task_done(base, by=user, at=entry.at, outputs=outputs, note=note)
        return [*finding, done]

    def create_task(self, entry: NewTaskEntry) -> FhirJson:
        """Leave a task for a patient (for this shift or the next), as the signed-in user."""
        context = self._context
        try:
            task = task_to_do(
                patient_id=entry.patient_id,
                code=SHIFT_TASK,
                description=entry.description,
                due=entry.due,
                requester=context.user,
                authored=context.clock(),
                note=entry.note,
            )
        except RecordBuildError as error:
            raise _refused(error.key) from error
        with store_errors(NotSaved):
            store = self._store()
            if store.get("Patient", entry.patient_id) is None:
                raise PatientNotFound("The patient is not on this computer.")
            store.write_all([task])
        return task


def _current(store: Any, task: FhirJson | None) -> FhirJson | None:
    """The store's copy of ``task`` when it has one (the freshest base), else ``task``."""
    if task is None:
        return None
    stored: FhirJson | None = store.get("Task", str(task.get("id")))
    return stored if stored is not None else task
