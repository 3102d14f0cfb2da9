"""A nurse recording doses through the window's services while a sync runs (tests and bench)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from app.entries import DoseEntry
from app.services import ClinicalServices
from clinical.nonadministration import DoseOutcome
from clinical.records import MedicationSource
from offline.store import Store
from tests.app.conftest import services_over


def active_request(resources: Iterable[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The first active MedicationRequest among ``resources``: the order she documents."""
    return next(
        r for r in resources if r["resourceType"] == "MedicationRequest" and r["status"] == "active"
    )


class Nurse:
    """Records a dose of ``request`` through the window's services every ``every`` seconds, on
    her own thread (the window's worker), and keeps what was saved, how long each save took
    and anything that went wrong."""

    def __init__(self, store: Store, request: Mapping[str, Any], *, every: float = 0.05) -> None:
        self._services: ClinicalServices = services_over(store)
        patient_id = request["subject"]["reference"].removeprefix("Patient/")
        reference = request["medicationReference"]
        self._entry = DoseEntry(
            patient_id=patient_id,
            medication=MedicationSource(
                medication_id=reference["reference"].removeprefix("Medication/"),
                display=reference.get("display", "?"),
                request_id=request["id"],
            ),
            effective=dt.datetime.now(dt.UTC),
            chosen=DoseOutcome.GIVEN,
            given=Decimal(1),
            unit="tablett",
        )
        self._every = every
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._round, name="nurse", daemon=True)
        self.saved: list[str] = []
        self.save_seconds: list[float] = []
        self.failures: list[BaseException] = []

    def __enter__(self) -> Nurse:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join(30)

    def _round(self) -> None:
        while not self._done.wait(self._every):
            started = time.perf_counter()
            try:
                saved = self._services.record_dose(self._entry)
            except BaseException as error:  # kept for the test to show
                self.failures.append(error)
                return
            self.save_seconds.append(time.perf_counter() - started)
            self.saved.extend(
                r["id"] for r in saved if r["resourceType"] == "MedicationAdministration"
            )
