"""Dates, times and decimals in Norwegian form (dd.mm.yyyy, 24-hour, decimal comma).

Times are shown in the clinical zone (``clinical.clock``), never the computer's own zone: the
app sets it once from its ``ClinicalClock`` (``set_display_zone``), Europe/Oslo until then.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal, InvalidOperation

from clinical.clock import DEFAULT_ZONE
from clinical.fhir_read import parse_datetime

_display_zone: tzinfo = DEFAULT_ZONE


def set_display_zone(zone: tzinfo | None) -> None:
    """Show times in ``zone``, the clinical clock's zone (None: back to the default)."""
    global _display_zone  # noqa: PLW0603 - one clinical zone per process, like the locale
    _display_zone = DEFAULT_ZONE if zone is None else zone


def display_zone() -> tzinfo:
    """The zone times are shown in."""
    return _display_zone


def format_date(value: date | datetime | None) -> str:
    """ "05.03.2025", or "" when unknown."""
    if value is None:
        return ""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def format_time(value: datetime | None, *, zone: tzinfo | None = None) -> str:
    """ "14:05" in ``zone`` (the clinical zone when None), or ""."""
    if value is None:
        return ""
    local = value.astimezone(zone or _display_zone)
    return f"{local.hour:02d}:{local.minute:02d}"


def format_datetime(value: datetime | None, *, zone: tzinfo | None = None) -> str:
    """ "05.03.2025 14:05" in ``zone`` (the clinical zone when None), or ""."""
    if value is None:
        return ""
    local = value.astimezone(zone or _display_zone)
    return f"{format_date(local)} {format_time(local, zone=local.tzinfo)}"


def format_decimal(value: object) -> str:
    """A quantity with a decimal comma and no trailing zeros: 0.5 -> "0,5", 2.0 -> "2"."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    if not number.is_finite():
        return ""
    normal = number.normalize()
    rendered = f"{normal:f}"
    if "." in rendered:
        rendered = rendered.rstrip("0").rstrip(".")
    return rendered.replace(".", ",").replace("-", "\u2212")


def age_on(birth: date | None, today: date) -> int | None:
    """Whole years between ``birth`` and ``today``."""
    if birth is None or birth > today:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def fhir_date_text(value: object) -> str:
    """A FHIR date/dateTime string shown as a Norwegian date."""
    return format_date(parse_datetime(value))
