"""Reading what the task list is built from, for one patient or a whole place at once.

A district's list covers thousands of patients, so the medication-round inputs
(``StoreReader.round_inputs``) and the care plans (``StoreReader.compartments``) are read with a
few batched indexed queries for everyone, not several per patient; the round of each patient is
then built exactly as the round pages build it (``app.bedside.round_plan.build_round``).

The task list reads finished Tasks only when they can still matter this shift
(``finished_tasks``): every activity done leaves a finished Task, and a year of them per
patient would otherwise be read, parsed and passed over on every read of the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

from app.bedside.config import BedsideConfig
from app.bedside.round_filters import effective_in, is_open_followup
from app.bedside.round_plan import build_round
from app.bedside.vitals_reads import newest_alerts
from app.shift.task_list import CLOSED_STATUSES, NEWS2_FOLLOWUP, PatientInputs, ShiftClock
from app.values import FhirJson, MedicationData
from offline import FinishedTasks

if TYPE_CHECKING:
    from offline import Store

AUTHORED_MARGIN: Final = timedelta(hours=24)
"""How long before the earliest occurrence a shift's list can show its Task may have been
authored: a Task for an occurrence is made from a list that showed it, and a list shows an
occurrence only in the shift it falls in or later (never one due after the shift ends), so its
``authoredOn`` is at most one shift (under 24 h) before the occurrence's due time."""


def shift_clock(now: datetime, config: BedsideConfig) -> ShiftClock:
    """The shift ``now`` falls in, by the ward's shift starts, tolerance and round window."""
    return ShiftClock(
        now=now,
        shift=config.shift(now),
        window=config.round_window(now),
        tolerance=config.tolerance,
    )


def finished_tasks(clock: ShiftClock) -> FinishedTasks:
    """The finished Tasks a shift's task list needs: those that close an occurrence it can show
    (a care-plan activity in its window, a NEWS2 re-measurement of a set from the last
    ``NEWS2_FOLLOWUP``), authored at most ``AUTHORED_MARGIN`` before the earliest of them, and
    those finished in the shift (its "done" count)."""
    earliest = min(clock.window[0], clock.now - NEWS2_FOLLOWUP, clock.shift[0])
    return FinishedTasks(
        statuses=CLOSED_STATUSES,
        authored_since=earliest - AUTHORED_MARGIN,
        modified_since=clock.shift[0],
    )


def open_task_conflicts(store: Store) -> frozenset[str]:
    """Ids of Tasks with a sync conflict waiting for a person."""
    return frozenset(
        str(c.resource_id) for c in store.open_conflicts() if str(c.resource_type) == "Task"
    )


def patient_inputs(
    store: Store,
    patients: Sequence[tuple[FhirJson, str]],
    *,
    clock: ShiftClock,
    config: BedsideConfig,
    finished: FinishedTasks | None = None,
) -> list[PatientInputs]:
    """``PatientInputs`` for each (Patient, room) in order (blocks on the store); with
    ``finished``, only the finished Tasks it names (the task list's ``finished_tasks``), else
    every Task (the handover reports what was finished since the last one)."""
    ids = [str(patient.get("id")) for patient, _room in patients]
    since, until = clock.window
    rounds = store.round_inputs(ids, since=since, until=until, finished=finished)
    plans = store.compartments(ids, ("CarePlan",))
    alerts = newest_alerts(store, ids, since=clock.now - NEWS2_FOLLOWUP)
    conflicts = open_task_conflicts(store)
    found = []
    for patient, room in patients:
        patient_id = str(patient.get("id"))
        inputs = rounds[patient_id]
        data = MedicationData(
            statements=inputs.statements,
            requests=inputs.requests,
            medications=list(inputs.medications.values()),
        )
        plan = build_round(
            data,
            administrations=[
                a for a in inputs.administrations if effective_in(a, since=since, until=until)
            ],
            followups=[t for t in inputs.tasks if is_open_followup(t)],
            window=clock.window,
            now=clock.now,
            tolerance=config.tolerance,
        )
        found.append(
            PatientInputs(
                patient=patient,
                plan=plan,
                statements=inputs.statements,
                tasks=inputs.tasks,
                care_plans=plans[patient_id],
                requests=inputs.requests,
                medications={
                    key.removeprefix("Medication/"): value
                    for key, value in inputs.medications.items()
                },
                vitals=alerts.get(patient_id),
                conflicts=conflicts,
                room=room,
            )
        )
    return found
