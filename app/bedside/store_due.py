"""Due doses for every patient of a place, from the store in a few queries (patient list column).

Reads the whole unit's round resources at once (``offline.views.StoreReader.round_inputs``)
and counts each patient's round exactly as the round pages derive it: the same filters for
administrations and open follow-ups as ``app.bedside.reads``, the same dispenser records as
``app.followup.home_reads``, the same ``build_round``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from app.bedside.config import BedsideConfig
from app.bedside.due_counts import count_due
from app.bedside.round_filters import effective_in, is_open_followup
from app.followup.dispenser import DISPENSER_EVENT_TYPES, dispenser_of, dispenser_records
from app.values import DueDoses, MedicationData
from clinical.welfare.dispenser import STOP_LOOKBACK

if TYPE_CHECKING:
    from offline import Store


def store_due_doses(
    store: Store, patient_ids: Sequence[str], *, now: datetime, config: BedsideConfig
) -> dict[str, DueDoses]:
    """``DueDoses`` for each patient id (blocks on the store: run it on a worker)."""
    since, until = config.round_window(now)
    found = store.round_inputs(patient_ids, since=since, until=until)
    devices = store.compartments(patient_ids, ("Device",))
    events = store.compartments(
        patient_ids, DISPENSER_EVENT_TYPES, since=since - STOP_LOOKBACK, until=until
    )
    counts: dict[str, DueDoses] = {}
    for patient_id, inputs in found.items():
        records = dispenser_records(devices.get(patient_id, []), events.get(patient_id, []))
        counts[patient_id] = count_due(
            MedicationData(
                statements=inputs.statements,
                requests=inputs.requests,
                medications=list(inputs.medications.values()),
            ),
            administrations=[
                a for a in inputs.administrations if effective_in(a, since=since, until=until)
            ],
            followups=[t for t in inputs.tasks if is_open_followup(t)],
            now=now,
            config=config,
            dispenser=dispenser_of(records),
        )
    return counts
