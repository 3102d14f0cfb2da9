"""``HomeReads``: a patient's measurements by period with their limits, and their dispenser.

The trend reads one period through the store's ``(patient_id, type, date)`` index, never the
whole series (a year of twice-daily home measurements is thousands of records); the patient's
alert-limit Goals are read with it. The round reads the dispenser's VKP events of its window.
Every store failure becomes ``StoreReadFailed``.
"""

from __future__ import annotations

from datetime import datetime

from app.bedside.vitals_reads import vital_signs
from app.errors import StoreReadFailed
from app.followup.dispenser import DISPENSER_EVENT_TYPES, dispenser_records
from app.followup.values import DispenserRecords, TrendRecords
from app.service_context import StoreService, store_errors
from clinical.welfare.dispenser import STOP_LOOKBACK


class HomeReads(StoreService):
    """Trend periods with limits, and dispenser records, over the signed-in user's store."""

    def trend_records(
        self, patient_id: str, *, since: datetime, until: datetime | None = None
    ) -> TrendRecords:
        """The patient's vital signs and home measurements in ``[since, until)`` and their
        alert-limit Goals."""
        with store_errors(StoreReadFailed):
            store = self._store()
            observations = vital_signs(store, patient_id, since=since, until=until)
            goals = store.compartment(patient_id, ("Goal",))
        return TrendRecords(observations=observations, goals=goals, since=since, until=until)

    def dispenser_records(
        self, patient_id: str, *, since: datetime, until: datetime
    ) -> DispenserRecords:
        """The patient's dispenser and what it reported in ``[since, until)`` (and the day
        before, when dispensing may have stopped)."""
        with store_errors(StoreReadFailed):
            store = self._store()
            devices = store.compartment(patient_id, ("Device",))
            events = store.compartment(
                patient_id, DISPENSER_EVENT_TYPES, since=since - STOP_LOOKBACK, until=until
            )
        return dispenser_records(devices, events)
