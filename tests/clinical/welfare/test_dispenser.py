"""Dispenser pouches: dispensed, not dispensed, stopped, awaiting, no report."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from clinical.welfare.dispenser import (
    DEVICE_TYPE_SYSTEM,
    MEDICINE_DISPENSER,
    DispenserState,
    dispenser_events,
    is_dispenser,
    pouch_reports,
)
from clinical.welfare.vkp import ALERT_CODE_SYSTEM, DISPENSE_EVENT_SYSTEM

OSLO = ZoneInfo("Europe/Oslo")
HOUR = timedelta(hours=1)


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute, tzinfo=OSLO)


def _dispensed(rid: str, at: datetime, code: str = "1.1") -> dict[str, object]:
    return {
        "resourceType": "MedicationDispense",
        "id": rid,
        "status": "completed",
        "category": {"coding": [{"system": DISPENSE_EVENT_SYSTEM, "code": code}]},
        "whenHandedOver": at.isoformat(),
    }


def _alert(rid: str, at: datetime, code: str, text: str | None = None) -> dict[str, object]:
    concept: dict[str, object] = {"coding": [{"system": ALERT_CODE_SYSTEM, "code": code}]}
    if text:
        concept["text"] = text
    return {
        "resourceType": "DetectedIssue",
        "id": rid,
        "status": "final",
        "code": concept,
        "identifiedDateTime": at.isoformat(),
    }


DUE = [_at(8), _at(14), _at(20)]


def _states(resources: list[dict[str, object]], now: datetime) -> list[DispenserState]:
    events = dispenser_events(resources)
    return [r.state for r in pouch_reports(DUE, events, now=now, tolerance=HOUR)]


def test_each_pouch_gets_its_nearest_event() -> None:
    resources = [_dispensed("d1", _at(8, 1)), _alert("a1", _at(14, 5), "1.1", "Ikke tatt ut")]
    reports = pouch_reports(DUE, dispenser_events(resources), now=_at(15), tolerance=HOUR)
    assert [r.state for r in reports] == [
        DispenserState.DISPENSED,
        DispenserState.NOT_DISPENSED,
        DispenserState.AWAITING,
    ]
    assert reports[1].event is not None
    assert reports[1].event.text == "Ikke tatt ut"  # the event's own words when sent
    assert reports[1].event.at == _at(14, 5)


def test_a_late_confirmation_beats_an_uncertain_alert() -> None:
    resources = [_alert("a1", _at(8, 10), "1.3"), _dispensed("d1", _at(8, 40))]
    assert _states(resources, _at(9))[0] is DispenserState.DISPENSED


def test_no_report_after_the_tolerance() -> None:
    assert _states([], _at(9, 1))[0] is DispenserState.NO_REPORT
    assert _states([], _at(9))[0] is DispenserState.AWAITING


def test_dispensing_stopped_puts_later_pouches_at_risk_until_it_works_again() -> None:
    stopped = [_dispensed("d1", _at(8)), _alert("a1", _at(11), "1.8")]
    assert _states(stopped, _at(13)) == [
        DispenserState.DISPENSED,
        DispenserState.STOPPED,
        DispenserState.STOPPED,
    ]
    repaired = [*stopped, _dispensed("d2", _at(14, 2))]
    assert _states(repaired, _at(15))[1:] == [DispenserState.DISPENSED, DispenserState.AWAITING]


def test_as_needed_travel_and_other_alerts_are_not_pouches() -> None:
    resources = [
        _dispensed("prn", _at(8), code="1.3"),
        _dispensed("travel", _at(8), code="2.1"),
        _alert("battery", _at(8), "1.17"),
        _alert("fall", _at(8), "4.1"),
    ]
    assert [e.resource_id for e in dispenser_events(resources)] == ["battery"]
    assert _states(resources, _at(9, 30))[0] is DispenserState.NO_REPORT


def test_a_dispenser_device() -> None:
    device = {"type": {"coding": [{"system": DEVICE_TYPE_SYSTEM, "code": MEDICINE_DISPENSER}]}}
    assert is_dispenser({**device, "status": "active"})
    assert not is_dispenser({**device, "status": "inactive"})
    assert not is_dispenser({"type": {"text": "Medisindispenser"}})
