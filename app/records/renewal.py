"""``RenewalRequests``: a nurse asks the prescriber to renew a prescription.

The request is a FHIR Task (``clinical.records.renewal``) saved with its outbox entry; the next
sync sends it, and the prescriptions tab shows the renewal as asked for from then on.
"""

from __future__ import annotations

from datetime import datetime

from app.errors import NotSaved, PrescriptionNotFound
from app.service_context import StoreService, store_errors
from app.values import PatientId
from clinical.fhir_read import reference_target
from clinical.records.renewal import renewal_task


class RenewalRequests(StoreService):
    """Writes renewal requests for the signed-in user."""

    def request_renewal(
        self, patient_id: PatientId, *, prescription_id: str, note: str, at: datetime
    ) -> None:
        """Queue a renewal-request Task to the prescriber of ``prescription_id``."""
        with store_errors(NotSaved):
            store = self._store()
            request = store.get("MedicationRequest", prescription_id)
            if request is None or reference_target(request.get("subject")) != (
                f"Patient/{patient_id}"
            ):
                raise PrescriptionNotFound("This prescription is not on this computer.")
            store.create(
                renewal_task(
                    request=request,
                    patient_id=patient_id,
                    requester=self._context.user,
                    note=note,
                    at=at,
                )
            )
