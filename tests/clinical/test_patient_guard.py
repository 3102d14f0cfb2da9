"""The patient guard: saves and scans only for the patient in the header."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from clinical.patient_guard import MESSAGES, PatientGuard, WrongPatientError, patient_of

A, B = "pasient-a", "pasient-b"


def administration(patient: str) -> dict[str, Any]:
    return {
        "resourceType": "MedicationAdministration",
        "subject": {"reference": f"Patient/{patient}"},
    }


def task(patient: str) -> dict[str, Any]:
    return {"resourceType": "Task", "for": {"reference": f"Patient/{patient}"}}


@pytest.mark.parametrize(
    ("resource", "patient"),
    [
        (administration(A), A),
        (task(A), A),
        ({"resourceType": "AllergyIntolerance", "patient": {"reference": f"Patient/{A}"}}, A),
        ({"resourceType": "Observation", "subject": {"reference": "Group/x"}}, None),
        ({"resourceType": "Observation"}, None),
    ],
)
def test_the_patient_a_resource_names(resource: dict[str, Any], patient: str | None) -> None:
    assert patient_of(resource) == patient


@pytest.mark.parametrize(
    ("shown", "resources", "key"),
    [
        (A, [administration(A), task(A)], None),
        (A, [administration(A), task(B)], "patient_guard.other_patient"),
        (B, [administration(A)], "patient_guard.other_patient"),
        (None, [administration(A)], "patient_guard.no_patient_shown"),
        (A, [{"resourceType": "Observation"}], "patient_guard.no_patient_in_record"),
        (A, [], "patient_guard.no_patient_in_record"),
    ],
)
def test_records_are_checked_against_the_patient_shown(
    shown: str | None, resources: list[dict[str, Any]], key: str | None
) -> None:
    guard = PatientGuard()
    if shown is not None:
        guard.show(shown)
    if key is None:
        guard.check_resources(resources)
        return
    with pytest.raises(WrongPatientError) as caught:
        guard.check_resources(resources)
    assert caught.value.key == key
    assert A not in str(caught.value)
    assert MESSAGES[key]["nb"]
    assert MESSAGES[key]["en"]


def test_show_and_clear() -> None:
    guard = PatientGuard()
    guard.show(A)
    guard.check(A)
    guard.show(B)
    with pytest.raises(WrongPatientError):
        guard.check(A)
    guard.clear()
    assert guard.shown is None
    with pytest.raises(WrongPatientError):
        guard.check(B)


def test_a_check_on_a_worker_sees_the_header_change_at_once() -> None:
    guard = PatientGuard()
    guard.show(A)
    started, switched = threading.Event(), threading.Event()
    outcome: list[str] = []

    def worker() -> None:
        started.set()
        switched.wait(5)
        try:
            guard.check_resources([administration(A)])
            outcome.append("saved")
        except WrongPatientError as error:
            outcome.append(error.key)

    thread = threading.Thread(target=worker)
    thread.start()
    started.wait(5)
    guard.show(B)
    switched.set()
    thread.join(5)
    assert outcome == ["patient_guard.other_patient"]
