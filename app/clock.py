"""The workstation's clock: the time now, aware, and today's date where the ward is."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def local_now() -> datetime:
    """The current time, aware, in the computer's zone (the default clock)."""
    return datetime.now().astimezone()


def oslo_today() -> date:
    """Today's date in Norway (a route's visit plan is for this day)."""
    return datetime.now(OSLO).date()
