"""The follow-up list's words: kinds, urgency, state, actions, values with their limits.

Every string is a literal ``QCoreApplication.translate("FollowUpWords", ...)`` call (lupdate
extracts them statically). Urgency and state are always a word and a symbol, never colour only.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.followup.values import (
    Acknowledgement,
    AlertKind,
    FollowUpAction,
    FollowUpItem,
    FollowUpState,
    Level,
    Limit,
    MeasuredValue,
    Severity,
)
from ui.presenters.formatting import (
    display_zone,
    format_date,
    format_datetime,
    format_decimal,
    format_time,
)

_SYSTOLIC, _DIASTOLIC = "8480-6", "8462-4"
_UNITS = {"mm[Hg]": "mmHg", "Cel": "°C", "/min": "/min", "%": "%", "kg": "kg", "g": "g"}


def kind(value: AlertKind) -> str:
    """What the item is, in a word or two."""
    if value is AlertKind.OUT_OF_RANGE:
        return QCoreApplication.translate("FollowUpWords", "Home measurement outside limit")
    if value is AlertKind.MISSED_MEASUREMENT:
        return QCoreApplication.translate("FollowUpWords", "Measurement not received")
    if value is AlertKind.DISPENSER:
        return QCoreApplication.translate("FollowUpWords", "Medicine dispenser")
    if value is AlertKind.ALARM:
        return QCoreApplication.translate("FollowUpWords", "Alarm")
    return QCoreApplication.translate("FollowUpWords", "Unknown person")


def severity(value: Severity) -> str:
    """Urgency with a symbol: ▲▲▲ high, ▲▲ moderate, ▲ low."""
    if value is Severity.HIGH:
        return QCoreApplication.translate("FollowUpWords", "▲▲▲ High")
    if value is Severity.MODERATE:
        return QCoreApplication.translate("FollowUpWords", "▲▲ Moderate")
    if value is Severity.LOW:
        return QCoreApplication.translate("FollowUpWords", "▲ Low")
    return QCoreApplication.translate("FollowUpWords", "– Not given")


def action(value: FollowUpAction) -> str:
    """What a nurse did."""
    if value is FollowUpAction.ACKNOWLEDGED:
        return QCoreApplication.translate("FollowUpWords", "Acknowledged")
    if value is FollowUpAction.CONTACTED_PATIENT:
        return QCoreApplication.translate("FollowUpWords", "Contacted patient")
    if value is FollowUpAction.VISIT_SCHEDULED:
        return QCoreApplication.translate("FollowUpWords", "Visit scheduled")
    if value is FollowUpAction.GP_INFORMED:
        return QCoreApplication.translate("FollowUpWords", "GP informed")
    return QCoreApplication.translate("FollowUpWords", "No action needed")


def _who_when(ack: Acknowledgement) -> str:
    name = ack.by or QCoreApplication.translate("FollowUpWords", "unknown")
    return f"{name} {format_time(ack.at)}"


def state(item: FollowUpItem) -> str:
    """Where the item stands, with who did what and when."""
    current = item.state
    if current is FollowUpState.NEW:
        return QCoreApplication.translate("FollowUpWords", "● New")
    if current is FollowUpState.CONFLICT:
        people = ", ".join(f"{a.by} ({action(a.action)})" for a in item.acknowledgements)
        return QCoreApplication.translate(
            "FollowUpWords", "⚠ Followed up twice, settle it: %1"
        ).replace("%1", people)
    newest = max(item.acknowledgements, key=lambda a: a.at)
    if newest.covers_earlier:
        return QCoreApplication.translate(
            "FollowUpWords", "✔ Covered by the follow-up of a later value (%1)"
        ).replace("%1", _who_when(newest))
    if current is FollowUpState.ACKNOWLEDGED:
        return QCoreApplication.translate("FollowUpWords", "✓ Acknowledged by %1").replace(
            "%1", _who_when(newest)
        )
    return f"✔ {action(newest.action)}: {_who_when(newest)}"


def _unit(value: str) -> str:
    return _UNITS.get(value, value)


def measured(values: tuple[MeasuredValue, ...]) -> str:
    """ "192/104 mmHg", "91 %", "7,9 mmol/L"."""
    by_code = {v.code: v for v in values}
    if _SYSTOLIC in by_code and _DIASTOLIC in by_code:
        systolic, diastolic = by_code[_SYSTOLIC], by_code[_DIASTOLIC]
        return (
            f"{format_decimal(systolic.value)}/{format_decimal(diastolic.value)}"
            f" {_unit(systolic.unit)}"
        )
    return ", ".join(f"{format_decimal(v.value)} {_unit(v.unit)}".strip() for v in values)


def limit(value: Limit | None, level: Level) -> str:
    """The limit crossed: "red limit 90–180 mmHg", "yellow limit from 92 %"."""
    if value is None:
        return ""
    unit = _unit(value.unit)
    low = "" if value.low is None else format_decimal(value.low)
    high = "" if value.high is None else format_decimal(value.high)
    if low and high:
        bounds = f"{low}–{high} {unit}"
    elif low:
        bounds = QCoreApplication.translate("FollowUpWords", "from %1").replace(
            "%1", f"{low} {unit}"
        )
    else:
        bounds = QCoreApplication.translate("FollowUpWords", "up to %1").replace(
            "%1", f"{high} {unit}"
        )
    if level is Level.RED:
        return QCoreApplication.translate("FollowUpWords", "⚠⚠ red limit %1").replace("%1", bounds)
    return QCoreApplication.translate("FollowUpWords", "⚠ yellow limit %1").replace("%1", bounds)


def detail(item: FollowUpItem) -> str:
    """The value column: a measurement with its limit, the slot missed, or how many records."""
    if item.kind is AlertKind.OUT_OF_RANGE:
        return f"{measured(item.measured)} · {limit(item.limit, item.level)}"
    if item.kind is AlertKind.MISSED_MEASUREMENT:
        return QCoreApplication.translate("FollowUpWords", "Expected %1, nothing received").replace(
            "%1", format_time(item.at)
        )
    if item.kind is AlertKind.UNMATCHED:
        return QCoreApplication.translate("FollowUpWords", "%1 record(s) name this person").replace(
            "%1", str(item.count)
        )
    return ""


def patient(item: FollowUpItem) -> str:
    """The patient, or for an unmatched item the number sent and the name it came with."""
    if item.patient_id is not None:
        return item.patient_name
    number = item.person.partition("|")[2]
    text = QCoreApplication.translate("FollowUpWords", "⚠ Not matched: %1, sent as %2")
    return text.replace("%1", number).replace("%2", item.patient_name or "–")


def when(at: datetime, now: datetime) -> str:
    """ "14:05" today, "25.11. 14:05" another day (in the clinical zone)."""
    local, today = at.astimezone(display_zone()), now.astimezone(display_zone())
    if local.date() == today.date():
        return format_time(at)
    return f"{format_date(local)[:6]} {format_time(at)}"


def full_time(at: datetime) -> str:
    return format_datetime(at)
