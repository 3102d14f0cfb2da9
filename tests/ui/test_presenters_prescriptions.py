"""Prescription groups: expired means the validity ran out; a completed course is finished."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.values import Prescriptions
from tests.ui.ward import TODAY
from ui.presenters.prescriptions import PrescriptionStatus, prescriptions_view

ACTIVE = PrescriptionStatus.ACTIVE
EXPIRED = PrescriptionStatus.EXPIRED
STOPPED = PrescriptionStatus.STOPPED
YESTERDAY = TODAY - timedelta(days=1)
NEXT_YEAR = TODAY + timedelta(days=300)


def _request(status: str, valid_until: object, **extra: Any) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "MedicationRequest",
        "id": "rx",
        "status": status,
        "intent": "order",
        "medicationCodeableConcept": {"text": "Apocillin tab 660 mg"},
        "authoredOn": (TODAY - timedelta(days=40)).isoformat(),
        **extra,
    }
    if valid_until is not None:
        resource["dispenseRequest"] = {
            "validityPeriod": {
                "start": (TODAY - timedelta(days=40)).isoformat(),
                "end": str(valid_until),
            },
            "numberOfRepeatsAllowed": 0,
        }
    return resource


@pytest.mark.parametrize(
    ("status", "valid_until", "group", "finished"),
    [
        pytest.param("completed", NEXT_YEAR, STOPPED, True, id="completed-course-still-valid"),
        pytest.param("completed", None, STOPPED, True, id="completed-without-validity"),
        pytest.param("completed", YESTERDAY, EXPIRED, False, id="completed-and-ran-out"),
        pytest.param("completed", TODAY, STOPPED, True, id="valid-through-today"),
        pytest.param("active", YESTERDAY, EXPIRED, False, id="active-but-ran-out"),
        pytest.param("active", TODAY, ACTIVE, False, id="active-last-day"),
        pytest.param("active", NEXT_YEAR, ACTIVE, False, id="active"),
        pytest.param("stopped", NEXT_YEAR, STOPPED, False, id="stopped"),
        pytest.param("stopped", YESTERDAY, STOPPED, False, id="stopped-beats-expired"),
        pytest.param("cancelled", NEXT_YEAR, STOPPED, False, id="cancelled"),
    ],
)
def test_prescription_groups(
    status: str, valid_until: object, group: PrescriptionStatus, finished: bool
) -> None:
    view = prescriptions_view(Prescriptions(requests=[_request(status, valid_until)]), today=TODAY)
    (item,) = view.groups[group]
    assert item.finished is finished
    assert sum(len(items) for items in view.groups.values()) == 1


def test_a_finished_course_is_not_called_stopped_and_is_not_renewed() -> None:
    course = _request("completed", NEXT_YEAR, statusReason=[{"text": "Kuren er fullført"}])
    (item,) = prescriptions_view(Prescriptions(requests=[course]), today=TODAY).groups[STOPPED]
    assert item.finished
    assert item.stopped_reason == ""
    assert not item.can_request_renewal
    assert not item.expiring_soon


def test_a_stopped_prescription_keeps_its_reason() -> None:
    stopped = _request("stopped", NEXT_YEAR, statusReason=[{"text": "Seponert: svimmelhet"}])
    (item,) = prescriptions_view(Prescriptions(requests=[stopped]), today=TODAY).groups[STOPPED]
    assert not item.finished
    assert item.stopped_reason == "Seponert: svimmelhet"


def test_an_expired_prescription_can_be_renewed() -> None:
    expired = _request("completed", YESTERDAY, statusReason=[{"text": "Utløpt, må fornyes"}])
    (item,) = prescriptions_view(Prescriptions(requests=[expired]), today=TODAY).groups[EXPIRED]
    assert item.can_request_renewal
