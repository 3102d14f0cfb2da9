"""A patient's due doses for the patient list, counted from the same round the round pages show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.bedside.config import BedsideConfig
from app.bedside.round_plan import RoundPlan, RowKind, build_round
from app.values import DueDoses, FhirJson, MedicationData
from clinical.doses import DoseStatus
from clinical.welfare.dispenser import DispenserEvent


def due_doses_of(plan: RoundPlan) -> DueDoses:
    """The round's counts: pouch items one by one, as the unit round page counts them."""
    return DueDoses(
        overdue=plan.count(DoseStatus.OVERDUE),
        due_now=plan.count(DoseStatus.DUE),
        later=plan.count(DoseStatus.UPCOMING),
        unclear=sum(1 for row in plan.rows if row.kind is RowKind.PROBLEM),
        followups=plan.followup_count,
    )


def count_due(
    data: MedicationData,
    *,
    administrations: Sequence[FhirJson],
    followups: Sequence[FhirJson],
    now: datetime,
    config: BedsideConfig,
    dispenser: Sequence[DispenserEvent] | None = None,
) -> DueDoses:
    """Build the patient's round for ``now`` (``config``'s window and tolerance) and count it.

    ``administrations`` are those effective in ``config.round_window(now)``; ``followups`` the
    open PRN effect follow-up Tasks; ``dispenser`` a dispenser patient's dispenser events
    (pouches it handed over are not due).
    """
    plan = build_round(
        data,
        administrations=administrations,
        followups=followups,
        window=config.round_window(now),
        now=now,
        tolerance=config.tolerance,
        dispenser=dispenser,
    )
    return due_doses_of(plan)
