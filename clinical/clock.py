"""The clinical clock: every clinical time is read, reckoned and shown in one configured zone.

A dose "given at 16:42", a set of vital signs "measured at 16:42", what is overdue, the time in
the status bar, "saved at 16:42", the trend's rows and NEWS2's next full set are Norwegian
wall-clock times, whatever zone the computer itself is set to: a laptop left on UTC or a
visitor's zone must show the same 16:42 as the ward's clock and the paper chart. So nothing
clinical reads the computer's zone; views, forms, messages and rules take their times from one
``ClinicalClock``, whose zone is a machine setting (default Europe/Oslo, the IANA zone of
mainland Norway, CET/CEST with EU daylight saving).

Errors: ``ValueError`` for a zone name the tz database does not know (never a silent fallback).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE_NAME: Final = "Europe/Oslo"
DEFAULT_ZONE: Final = ZoneInfo(DEFAULT_ZONE_NAME)


def clinical_zone(name: str) -> ZoneInfo:
    """The tz database zone called ``name``; ValueError if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ClinicalClock:
    """Now, today and any moment, in the clinical zone; call it for now (a ``Clock``).

    ``source`` gives the current instant (any aware datetime; tests pass a fixed one); only its
    instant counts, never its zone.
    """

    def __init__(
        self,
        zone: ZoneInfo = DEFAULT_ZONE,
        *,
        source: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._zone = zone
        self._source = source

    @property
    def zone(self) -> ZoneInfo:
        """The zone every clinical time is shown and reckoned in."""
        return self._zone

    def now(self) -> datetime:
        """The current time as an aware datetime in the clinical zone."""
        instant = self._source()
        if instant.tzinfo is None:
            raise ValueError("the clock's source must give aware datetimes")
        return instant.astimezone(self._zone)

    def __call__(self) -> datetime:
        return self.now()

    def today(self) -> date:
        """The date in the clinical zone now (a day starts at midnight there, not in UTC)."""
        return self.now().date()

    def local(self, moment: datetime) -> datetime:
        """``moment`` as wall-clock time in the clinical zone; naive moments are refused."""
        if moment.tzinfo is None:
            raise ValueError("a clinical time must be aware (naive times have no zone)")
        return moment.astimezone(self._zone)
