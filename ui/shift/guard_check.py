"""The header's patient check for the shift's writes, as an error ``ui.errors`` can word."""

from __future__ import annotations

from collections.abc import Callable

from app.errors import EntryRefused
from clinical import patient_guard
from clinical.patient_guard import PatientGuard, WrongPatientError


def patient_check(guard: PatientGuard | None, patient_id: str) -> Callable[[], None]:
    """A check to run on the worker at the moment of writing: ``patient_id`` is still the
    patient in the header (no guard: a unit's or route's list, nothing to check)."""

    def check() -> None:
        if guard is None:
            return
        try:
            guard.check(patient_id)
        except WrongPatientError as error:
            raise EntryRefused(error.key, messages=patient_guard.MESSAGES) from error

    return check
