"""FHIR R4 ``instant`` and ``dateTime`` values, parsed so they can be compared: never compare text.

Text comparison orders ``…T02:30:00+02:00`` after ``…T02:10:00+01:00`` although it is 40 minutes
earlier (the autumn clock change in Europe/Oslo), and ``…:00Z`` after ``…:00.5Z``. Everything
that decides by time (staleness, watermarks, overlaps, ordering) parses first.

The grammar is the specification's (https://hl7.org/fhir/R4/datatypes.html#instant and
#dateTime): an instant has seconds, a time zone (``Z`` or ``±hh:mm`` up to ``+14:00``) and any
number of fractional digits; a dateTime may stop after the year, the month or the day (then it
has no zone and denotes that whole period in the zone of the reader), or carry a full time with
a zone. Second 60 (a leap second) is accepted and counted as the first moment of the next
second, as POSIX time does. An ``Instant`` holds the exact value (a ``Fraction`` of seconds
since 1970 UTC), so precision beyond microseconds is never lost or rounded.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from fractions import Fraction
from zoneinfo import ZoneInfo

_YEAR = r"(?P<year>[0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)"
_TIME = (
    r"T(?P<hour>[01][0-9]|2[0-3]):(?P<minute>[0-5][0-9]):(?P<second>[0-5][0-9]|60)"
    r"(?:\.(?P<fraction>[0-9]+))?"
    r"(?P<zone>Z|(?P<sign>[+-])(?P<zh>0[0-9]|1[0-3]|14):(?P<zm>[0-5][0-9]))"
)
_INSTANT = re.compile(
    _YEAR + r"-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])" + _TIME + r"\Z"
)
_DATE_TIME = re.compile(
    _YEAR + r"(?:-(?P<month>0[1-9]|1[0-2])(?:-(?P<day>0[1-9]|[12][0-9]|3[01])"
    r"(?:" + _TIME + r")?)?)?\Z"
)
OSLO = ZoneInfo("Europe/Oslo")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, order=True, slots=True)
class Instant:
    """One exact moment: seconds since 1970-01-01T00:00:00Z, as a fraction (no rounding)."""

    epoch: Fraction

    @classmethod
    def from_datetime(cls, moment: datetime) -> Instant:
        """The instant of an aware ``datetime`` (ValueError for a naive one)."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("an instant needs a time zone")
        delta = moment - _EPOCH
        whole = delta.days * 86400 + delta.seconds
        return cls(Fraction(whole) + Fraction(delta.microseconds, 1_000_000))

    def to_datetime(self) -> datetime:
        """This instant as an aware UTC ``datetime`` (truncated to microseconds)."""
        micros = math.floor(self.epoch * 1_000_000)
        return _EPOCH + timedelta(microseconds=micros)

    def __add__(self, delta: timedelta) -> Instant:
        return Instant(self.epoch + _seconds(delta))

    def __sub__(self, delta: timedelta) -> Instant:
        return Instant(self.epoch - _seconds(delta))

    def since(self, earlier: Instant) -> timedelta:
        """The time from ``earlier`` to this instant (truncated to microseconds)."""
        return timedelta(microseconds=math.floor((self.epoch - earlier.epoch) * 1_000_000))

    def isoformat(self) -> str:
        """FHIR instant text in UTC: milliseconds at least, every further digit kept."""
        whole = math.floor(self.epoch)
        stamp = datetime.fromtimestamp(whole, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        rest = self.epoch - whole
        digits = ""
        while rest and len(digits) < 30:
            rest *= 10
            digit = math.floor(rest)
            digits += str(digit)
            rest -= digit
        digits = digits.rstrip("0").ljust(3, "0")
        return f"{stamp}.{digits}Z"


@dataclass(frozen=True, slots=True)
class Period:
    """What a dateTime denotes: ``[start, end)``; a full time is a period of zero length."""

    start: Instant
    end: Instant
    precision: str  # "year", "month", "day" or "time"


def parse_instant(text: str) -> Instant:
    """The moment a FHIR ``instant`` names; ValueError (without the value) when it is not one."""
    match = _INSTANT.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError("not a FHIR instant")
    return _moment(match)


def parse_date_time(text: str, *, zone: tzinfo = OSLO) -> Period:
    """The period a FHIR ``dateTime`` denotes; a partial date is read in ``zone``.

    ValueError (without the value) when ``text`` is not a dateTime or names no real date.
    """
    match = _DATE_TIME.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError("not a FHIR dateTime")
    if match["hour"] is not None:
        moment = _moment(match)
        return Period(moment, moment, "time")
    year = int(match["year"])
    if match["day"] is not None:
        first = _date(year, int(match["month"]), int(match["day"]))
        after, precision = first + timedelta(days=1), "day"
    elif match["month"] is not None:
        month = int(match["month"])
        first = date(year, month, 1)
        after = date(year + month // 12, month % 12 + 1, 1)
        precision = "month"
    else:
        first, after, precision = date(year, 1, 1), date(year + 1, 1, 1), "year"
    return Period(_local_midnight(first, zone), _local_midnight(after, zone), precision)


def format_instant(moment: datetime) -> str:
    """An aware ``datetime`` as FHIR instant text in UTC, exactly to the millisecond (fixed
    width: such texts order as their moments do)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("an instant needs a time zone")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _moment(match: re.Match[str]) -> Instant:
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    _date(year, month, day)
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"])
    whole = calendar.timegm((year, month, day, hour, minute, min(second, 59), 0, 0, 0))
    whole += second - min(second, 59)  # a leap second counts into the next second
    fraction = match["fraction"]
    exact = Fraction(whole) + (Fraction(int(fraction), 10 ** len(fraction)) if fraction else 0)
    if match["zone"] != "Z":
        offset = int(match["zh"]) * 3600 + int(match["zm"]) * 60
        if offset > 14 * 3600:
            raise ValueError("not a FHIR time zone (at most 14:00 from UTC)")
        exact -= offset if match["sign"] == "+" else -offset
    return Instant(exact)


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("not a real calendar date") from None


def _local_midnight(day: date, zone: tzinfo) -> Instant:
    return Instant.from_datetime(datetime(day.year, day.month, day.day, tzinfo=zone))


def _seconds(delta: timedelta) -> Fraction:
    return Fraction(delta.days * 86400 + delta.seconds) + Fraction(delta.microseconds, 1_000_000)
