"""``VitalsRecording``: a set of vital signs, saved with its NEWS2 score.

The dialog hands over what was measured (``app.entries.VitalsEntry``); the LOINC Observations
and, when the set is complete, the NEWS2 score Observation (``derivedFrom`` its inputs) are
built by ``clinical.records.vital_signs`` with the signed-in user as performer and saved with
their outbox entries in one transaction. Errors: ``NotSaved`` (nothing is written).
"""

from __future__ import annotations

from app.entries import RecordedVitals, VitalsEntry
from app.errors import NotSaved
from app.service_context import StoreService, store_errors
from clinical.records import vital_signs_resources


class VitalsRecording(StoreService):
    """Saves the vital signs the nurse measured, as the signed-in user."""

    def record_vitals(self, entry: VitalsEntry) -> RecordedVitals:
        """Save a set of vital signs and, when the set is complete, its NEWS2 score."""
        resources, score = vital_signs_resources(
            entry.values,
            patient_id=entry.patient_id,
            performer=self._context.user,
            effective=entry.effective,
        )
        with store_errors(NotSaved):
            self._store().write_all(resources)
        return RecordedVitals(resources=resources, score=score)
