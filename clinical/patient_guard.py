"""One patient at a time: every bedside save and scan is checked against the patient shown.

The header names the open patient. A view that loads slowly, a dialog left open, or a scan
typed into the wrong window must never record for, or show a dose of, anyone else. So the
place that changes the header calls ``PatientGuard.show`` first, and everything that writes or
acts on a scan asks the same guard:

- ``check(patient_id)``: the view's or dialog's patient is the one shown (scans, opening a dose);
- ``check_resources(resources)``: every resource about to be written belongs to the patient
  shown (``subject``, ``patient``, ``for``, ``beneficiary``), and at least one names a patient.

A mismatch raises ``WrongPatientError`` before anything is written: one transaction, all or
nothing, so nothing is saved. The guard is plain Python and thread-safe: the header changes on
the GUI thread while a write is checked on a worker, and the check at write time is what
closes the window between pressing Save and the write reaching the store.

Errors: ``WrongPatientError`` (a ``ValueError``) with a stable ``key`` into ``MESSAGES``; its
text never holds a patient id.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final, Literal

Language = Literal["nb", "en"]

# Elements by which a resource names the patient it is about (FHIR R4 Patient compartment:
# MedicationAdministration.subject, Observation.subject, Task.for, AllergyIntolerance.patient).
_PATIENT_ELEMENTS: Final = ("subject", "patient", "for", "beneficiary")


class WrongPatientError(ValueError):
    """A save or scan for another patient than the one shown; ``key`` says which case."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def patient_of(resource: Mapping[str, Any]) -> str | None:
    """The id of the Patient a resource names (``Patient/<id>`` in a patient element), or None."""
    for element in _PATIENT_ELEMENTS:
        reference = resource.get(element)
        if isinstance(reference, Mapping):
            value = reference.get("reference")
            if isinstance(value, str) and value.startswith("Patient/"):
                return value.removeprefix("Patient/")
    return None


class PatientGuard:
    """Holds the patient in the header; checks saves and scans against it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._shown: str | None = None

    @property
    def shown(self) -> str | None:
        """The patient in the header now, or None when no patient is open."""
        with self._lock:
            return self._shown

    def show(self, patient_id: str) -> None:
        """The header now shows ``patient_id``: call this before the views are told."""
        with self._lock:
            self._shown = patient_id

    def clear(self) -> None:
        """No patient is shown (back to the list, locked, signed out)."""
        with self._lock:
            self._shown = None

    def check(self, patient_id: str | None) -> None:
        """Raise ``WrongPatientError`` unless ``patient_id`` is the patient shown."""
        shown = self.shown
        if shown is None:
            raise WrongPatientError("patient_guard.no_patient_shown")
        if patient_id != shown:
            raise WrongPatientError("patient_guard.other_patient")

    def check_resources(self, resources: Iterable[Mapping[str, Any]]) -> None:
        """Raise ``WrongPatientError`` unless every resource is about the patient shown."""
        named = [patient_of(resource) for resource in resources]
        if not any(named):
            raise WrongPatientError("patient_guard.no_patient_in_record")
        for patient_id in named:
            if patient_id is not None:
                self.check(patient_id)


MESSAGES: Final[Mapping[str, Mapping[Language, str]]] = MappingProxyType(
    {
        key: MappingProxyType({"nb": nb, "en": en})
        for key, nb, en in (
            (
                "patient_guard.other_patient",
                "Dette gjelder en annen pasient enn den som vises øverst. Ingenting er lagret. "
                "Åpne riktig pasient og prøv igjen.",
                "This is for another patient than the one shown at the top. Nothing was saved. "
                "Open the right patient and try again.",
            ),
            (
                "patient_guard.no_patient_shown",
                "Ingen pasient er åpen. Ingenting er lagret.",
                "No patient is open. Nothing was saved.",
            ),
            (
                "patient_guard.no_patient_in_record",
                "Registreringen sier ikke hvilken pasient den gjelder. Ingenting er lagret.",
                "The record does not say which patient it is for. Nothing was saved.",
            ),
        )
    }
)
