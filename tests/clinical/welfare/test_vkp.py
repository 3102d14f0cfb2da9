"""VKP codes: alert groups, dispense events and how urgent an alert is (table-driven)."""

from __future__ import annotations

import pytest

from clinical.welfare.vkp import (
    ALERT_CODE_SYSTEM,
    ALERT_CODES,
    DISPENSE_EVENT_SYSTEM,
    SEVERITY_LEVEL_EXTENSION,
    SEVERITY_LEVEL_SYSTEM,
    SEVERITY_LEVEL_VALUESET,
    DispenserAlert,
    Severity,
    alert_code,
    alert_severity,
    dispense_event,
    dispenser_alert,
    is_scheduled_dispense,
)


def _issue(code: str, **fields: object) -> dict[str, object]:
    return {
        "resourceType": "DetectedIssue",
        "status": "final",
        "code": {"coding": [{"system": ALERT_CODE_SYSTEM, "code": code}]},
        **fields,
    }


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("1.1", DispenserAlert.NOT_DISPENSED),
        ("1.4", DispenserAlert.NOT_DISPENSED),
        ("1.5", DispenserAlert.STOPPED),
        ("1.9", DispenserAlert.STOPPED),
        ("1.10", DispenserAlert.SUPPLY),
        ("1.13", DispenserAlert.SUPPLY),
        ("1.17", DispenserAlert.TECHNICAL),
        ("1.23", DispenserAlert.TECHNICAL),
        ("1", None),
        ("4.1", None),
        ("5.3.2", None),
    ],
)
def test_dispenser_alert_groups_follow_the_definitions(code: str, kind: DispenserAlert | None):
    assert dispenser_alert(code) is kind


def test_the_code_system_is_complete() -> None:
    assert len(ALERT_CODES) == 65
    assert ALERT_CODES["1.13"] == "Tomt for medisin"
    assert ALERT_CODES["5.3.2"] == "Måling ikke rapportert"


def test_alert_code_takes_the_sent_display_else_the_table() -> None:
    assert alert_code(_issue("4.1")) == ("4.1", "Fall")
    sent = {"coding": [{"system": ALERT_CODE_SYSTEM, "code": "4.1", "display": "Fall i stua"}]}
    assert alert_code({"code": sent}) == ("4.1", "Fall i stua")
    assert alert_code({"code": {"coding": [{"system": "other", "code": "4.1"}]}}) is None


@pytest.mark.parametrize(
    ("fields", "code", "expected"),
    [
        ({"severity": "low"}, "1.1", Severity.LOW),  # what is sent wins
        ({"severity": "high"}, "4.16", Severity.HIGH),
        ({"detail": "yellow"}, "4.1", Severity.MODERATE),
        ({"detail": " Rød "}, "4.16", Severity.HIGH),
        ({}, "1.1", Severity.HIGH),  # a missed dose
        ({}, "1.6", Severity.HIGH),  # dispensing stopped
        ({}, "1.17", Severity.MODERATE),  # battery low
        ({}, "4.1", Severity.HIGH),  # a fall
        ({}, "4.16", Severity.MODERATE),  # door closed
    ],
)
def test_alert_severity(fields: dict[str, object], code: str, expected: Severity) -> None:
    assert alert_severity(_issue(code, **fields)) is expected


@pytest.mark.parametrize("system", [SEVERITY_LEVEL_SYSTEM, SEVERITY_LEVEL_VALUESET])
def test_severity_level_extension_is_read_with_either_system(system: str) -> None:
    extension = {
        "url": SEVERITY_LEVEL_EXTENSION,
        "valueCodeableConcept": {"coding": [{"system": system, "code": "40"}]},
    }
    assert alert_severity(_issue("4.16", extension=[extension])) is Severity.HIGH


def test_an_issue_without_a_vkp_code_is_unknown() -> None:
    assert alert_severity({"resourceType": "DetectedIssue"}) is Severity.UNKNOWN


@pytest.mark.parametrize(
    ("code", "scheduled"),
    [("1", True), ("1.1", True), ("1.2", True), ("1.3", False), ("2.1", False), ("3", False)],
)
def test_scheduled_dispenses(code: str, scheduled: bool) -> None:
    dispense = {"category": {"coding": [{"system": DISPENSE_EVENT_SYSTEM, "code": code}]}}
    found = dispense_event(dispense)
    assert found is not None
    assert is_scheduled_dispense(found[0]) is scheduled
    assert dispense_event({"category": {"coding": [{"system": "x", "code": "1"}]}}) is None
