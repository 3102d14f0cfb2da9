"""Due doses from FHIR ``Dosage`` JSON: scheduled times in a window, and what PRN still allows.

Clock times are Norwegian wall-clock times in Europe/Oslo. The named times of day
(``timing.repeat.when``, FHIR R4 EventTiming) come from ``NORWEGIAN_CLOCK_TIMES``, overridable
per ward: MORN 08:00, NOON 13:00, EVE 18:00, NIGHT 22:00 (morgen, middag, kveld, natt); the
meals CM/ACM/PCM breakfast 08:00, CD/ACD/PCD lunch 13:00, CV/ACV/PCV dinner 18:00 (C, AC and PC
mean each of the three); HS bedtime 22:00; WAKE 07:00. "N times daily" without named times uses
1: MORN, 2: MORN+EVE, 3: MORN+NOON+EVE, 4: all four. Interval schedules ("every 8 hours") step
in absolute time from the start of the order, so they shift on the wall clock at DST changes,
while named times stay at their clock time. A local time that does not exist (02:30 on the
spring-forward night) moves forward by the gap; an ambiguous one is its first occurrence.

``repeat.offset`` is read exactly as FHIR R4 ``Timing.repeat.offset`` defines it: "the number
of minutes from the event. If the event code does not indicate whether the minutes is before
or after the event, then the offset is assumed to be after the event." The before-events are
AC, ACM, ACD, ACV ("[offset] before a meal") and HS ("[offset] before the hour of sleep"); every
other event counts after. The minutes are real elapsed minutes from the event's instant.
Invariants tim-9 ("If there's an offset, there must be a when (and not C, CM, CD, CV)") and
tim-10 ("If there's a timeOfDay, there cannot be a when, or vice versa") are enforced: such a
dosage raises, it is never moved silently.

Periods follow FHIR ``Period``: the end is inclusive ("End time with inclusive boundary"), to the
precision it is written in, so a dose due exactly at a course's end time is its last dose, and a
date-only end ("2025-03-30") includes that whole day. Internally ``ActivePeriod.end`` is the
first instant after the period. ``last_dose`` says which dose ends an order that has an end.

PRN limits (``maxDosePerPeriod`` and timing frequency/period) are counted over a rolling
window ending now, the stricter reading of "maks 4 per døgn".

Errors: ``DosageError`` (a ``ValueError``) with a stable ``key`` when a dosage cannot be
turned into times safely (missing or contradictory timing, codes we do not support). It is
raised rather than guessed: a dose silently missing from a round is the worse failure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Literal
from zoneinfo import ZoneInfo

from clinical.clock import DEFAULT_ZONE

Language = Literal["nb", "en"]

OSLO: Final = DEFAULT_ZONE  # the clinical clock's default; callers pass the configured zone

NORWEGIAN_CLOCK_TIMES: Final[Mapping[str, time]] = MappingProxyType(
    {
        "MORN": time(8, 0),
        "NOON": time(13, 0),
        "EVE": time(18, 0),
        "NIGHT": time(22, 0),
        "CM": time(8, 0),  # frokost
        "CD": time(13, 0),  # middag, the midday meal in Norwegian institutions
        "CV": time(18, 0),  # kveldsmat
        "HS": time(22, 0),  # leggetid
        "WAKE": time(7, 0),
    }
)
# EventTiming codes tied to a meal: (meal codes the event stands for, offset counts before it).
# "AC: event occurs [offset] before a meal"; "PC: ... after a meal"; "C: ... at a meal".
_MEAL_EVENTS: Final = MappingProxyType(
    {
        "C": (("CM", "CD", "CV"), False),
        "CM": (("CM",), False),
        "CD": (("CD",), False),
        "CV": (("CV",), False),
        "AC": (("CM", "CD", "CV"), True),
        "ACM": (("CM",), True),
        "ACD": (("CD",), True),
        "ACV": (("CV",), True),
        "PC": (("CM", "CD", "CV"), False),
        "PCM": (("CM",), False),
        "PCD": (("CD",), False),
        "PCV": (("CV",), False),
    }
)
# "HS: event occurs [offset] before the hour of sleep"; every other event counts after.
_BEFORE_EVENTS: Final = frozenset({"AC", "ACM", "ACD", "ACV", "HS"})
# tim-9: an offset needs a when, and not one of the "at a meal" events.
_NO_OFFSET_EVENTS: Final = frozenset({"C", "CM", "CD", "CV"})
_DAILY_DEFAULTS: Final = MappingProxyType(
    {
        1: ("MORN",),
        2: ("MORN", "EVE"),
        3: ("MORN", "NOON", "EVE"),
        4: ("MORN", "NOON", "EVE", "NIGHT"),
    }
)
_UNIT_SECONDS: Final = MappingProxyType({"s": 1, "min": 60, "h": 3600, "d": 86400, "wk": 7 * 86400})
_WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SUPPORTED_REPEAT: Final = frozenset(
    {
        "when",
        "timeOfDay",
        "frequency",
        "period",
        "periodUnit",
        "dayOfWeek",
        "boundsPeriod",
        "offset",
        "duration",
        "durationMax",
        "durationUnit",
    }
)
_FHIR_PARTIAL_DATE: Final = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class DosageError(ValueError):
    """A dosage that cannot be scheduled or limited safely; ``key`` says why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        msg = f"{name} must be timezone-aware"
        raise ValueError(msg)
    return value


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    """Normalise through UTC, so nonexistent wall times move forward by the DST gap."""
    return datetime.fromtimestamp(moment.timestamp(), tz)


def parse_fhir_datetime(value: str, *, tz: ZoneInfo = OSLO) -> datetime:
    """A FHIR ``dateTime`` as an aware datetime; a partial date is its first instant in ``tz``."""
    text = value.strip()
    partial = _FHIR_PARTIAL_DATE.match(text)
    try:
        if partial:
            year, month, day = partial.groups()
            start = datetime(int(year), int(month or 1), int(day or 1), tzinfo=tz)
            return _local(start, tz)
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise DosageError("doses.bad_datetime") from None
    # FHIR requires an offset with a time; a missing one is read as local time.
    return _local(parsed.replace(tzinfo=tz), tz) if parsed.tzinfo is None else parsed


_TIME_PRECISION: Final = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.(\d+))?)?")


def _written_precision(value: str) -> timedelta:
    """The unit the last written digit of a FHIR time counts (1 min, 1 s, 0.1 s ...)."""
    found = _TIME_PRECISION.search(value)
    if found is None or ":" not in found.group(0)[4:]:
        return timedelta(minutes=1)
    fraction = found.group(1)
    if fraction is None:
        return timedelta(seconds=1)
    return timedelta(microseconds=10 ** max(0, 6 - len(fraction)))


def _end_of_fhir_datetime(value: str, tz: ZoneInfo) -> datetime:
    """The first instant after a Period end: FHIR's end is inclusive to its written precision."""
    start = parse_fhir_datetime(value, tz=tz)
    partial = _FHIR_PARTIAL_DATE.match(value.strip())
    if not partial:
        return start + _written_precision(value.strip())
    _, month, day = partial.groups()
    first = start.date()
    if day:
        following = first + timedelta(days=1)
    elif month:
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    else:
        following = first.replace(year=first.year + 1)
    return _local(datetime.combine(following, time(0), tzinfo=tz), tz)


@dataclass(frozen=True)
class ActivePeriod:
    """When an order is in force: ``start`` inclusive, ``end`` the first instant after it.

    ``from_fhir`` turns FHIR's inclusive ``Period.end`` into that first instant after; ``None``
    is open.
    """

    start: datetime | None = None
    end: datetime | None = None

    def __post_init__(self) -> None:
        if self.start is not None:
            _aware(self.start, "start")
        if self.end is not None:
            _aware(self.end, "end")

    def contains(self, moment: datetime) -> bool:
        """True when ``moment`` lies in the period."""
        instant = moment.astimezone(UTC)
        return (self.start is None or self.start.astimezone(UTC) <= instant) and (
            self.end is None or instant < self.end.astimezone(UTC)
        )

    def intersect(self, other: ActivePeriod) -> ActivePeriod:
        """The part of both periods."""
        starts = [s for s in (self.start, other.start) if s is not None]
        ends = [e for e in (self.end, other.end) if e is not None]
        return ActivePeriod(
            max(starts, key=_utc) if starts else None, min(ends, key=_utc) if ends else None
        )

    @classmethod
    def from_fhir(cls, period: Mapping[str, object], *, tz: ZoneInfo = OSLO) -> ActivePeriod:
        """From a FHIR ``Period``: its end is inclusive, so a date-only end covers that day."""
        start, end = period.get("start"), period.get("end")
        return cls(
            parse_fhir_datetime(start, tz=tz) if isinstance(start, str) else None,
            _end_of_fhir_datetime(end, tz) if isinstance(end, str) else None,
        )


@dataclass(frozen=True)
class DoseAmount:
    """A dose, or a dose range (``low`` < ``high``), in one unit."""

    low: Decimal
    high: Decimal
    unit: str | None


@dataclass(frozen=True)
class ScheduledDose:
    """One dose due at one time, from the dosage at ``dosage_index`` in the list given."""

    due_at: datetime
    dosage_index: int
    dose: DoseAmount | None
    text: str | None


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _unit(quantity: Mapping[str, object]) -> str | None:
    for key in ("code", "unit"):
        value = quantity.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _mapping(value: object) -> Mapping[str, object] | None:
    return value if isinstance(value, Mapping) else None


def _strings(value: object, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DosageError(key)
    return list(value)


def _dose_amount(dosage: Mapping[str, object]) -> DoseAmount | None:
    entries = dosage.get("doseAndRate")
    if not isinstance(entries, list) or not entries:
        return None
    maps = [e for e in entries if isinstance(e, Mapping)]
    ordered = [e for e in maps if "ordered" in str(e.get("type", ""))]
    for entry in ordered + maps:
        quantity = _mapping(entry.get("doseQuantity"))
        if quantity is not None:
            value = _decimal(quantity.get("value"))
            if value is not None:
                return DoseAmount(value, value, _unit(quantity))
        dose_range = _mapping(entry.get("doseRange"))
        if dose_range is not None:
            low, high = _mapping(dose_range.get("low")), _mapping(dose_range.get("high"))
            if low is not None and high is not None:
                low_value, high_value = _decimal(low.get("value")), _decimal(high.get("value"))
                if low_value is not None and high_value is not None:
                    return DoseAmount(low_value, high_value, _unit(low) or _unit(high))
    return None


def is_as_needed(dosage: Mapping[str, object]) -> bool:
    """True for a PRN dosage (``asNeededBoolean`` true or an ``asNeededCodeableConcept``)."""
    return dosage.get("asNeededBoolean") is True or "asNeededCodeableConcept" in dosage


def _positive(value: object, key: str) -> Decimal:
    number = _decimal(value)
    if number is None or number <= 0:
        raise DosageError(key)
    return number


def _duration(amount: Decimal, unit: object) -> timedelta:
    if not isinstance(unit, str) or unit not in _UNIT_SECONDS:
        raise DosageError("doses.unsupported_period_unit")
    return timedelta(seconds=float(amount * _UNIT_SECONDS[unit]))


@dataclass(frozen=True)
class _Timing:
    repeat: Mapping[str, object]
    bounds: ActivePeriod
    events: tuple[datetime, ...]


def _timing(dosage: Mapping[str, object], tz: ZoneInfo) -> _Timing:
    timing = _mapping(dosage.get("timing"))
    if timing is None:
        raise DosageError("doses.timing_missing")
    event_texts = _strings(timing.get("event"), "doses.bad_datetime")
    events = tuple(parse_fhir_datetime(e, tz=tz) for e in event_texts)
    repeat = _mapping(timing.get("repeat"))
    if repeat is None:
        if events:
            return _Timing(MappingProxyType({}), ActivePeriod(), events)
        raise DosageError("doses.timing_missing" if "code" not in timing else "doses.timing_code")
    if set(repeat) - _SUPPORTED_REPEAT:
        raise DosageError("doses.unsupported_timing")
    bounds = _mapping(repeat.get("boundsPeriod"))
    period = ActivePeriod() if bounds is None else ActivePeriod.from_fhir(bounds, tz=tz)
    return _Timing(repeat, period, events)


def _interval_times(
    repeat: Mapping[str, object], *, anchor: datetime | None, start: datetime, end: datetime
) -> list[datetime]:
    if "when" in repeat or "timeOfDay" in repeat:
        raise DosageError("doses.conflicting_timing")
    if anchor is None:
        raise DosageError("doses.interval_needs_start")
    frequency = _positive(repeat.get("frequency", 1), "doses.bad_frequency")
    period = _positive(repeat.get("period", 1), "doses.bad_period")
    step = _duration(period / frequency, repeat.get("periodUnit"))
    # Whole steps from the anchor, computed in UTC so a DST change does not bend the interval.
    first = max(0, math.ceil((start - anchor) / step))
    times = []
    moment = anchor.astimezone(UTC) + first * step
    while moment < end:
        times.append(moment)
        moment += step
    return times


@dataclass(frozen=True, order=True)
class _Anchor:
    """A wall-clock event time and the signed offset from it (FHIR ``repeat.offset``)."""

    at: time
    offset: timedelta = timedelta(0)


def _offset(repeat: Mapping[str, object], codes: Sequence[str], *, has_times: bool) -> int:
    """The offset in minutes (unsignedInt), after checking tim-9 and tim-10."""
    if codes and has_times:
        raise DosageError("doses.time_and_when")  # tim-10
    if "offset" not in repeat:
        return 0
    minutes = repeat["offset"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise DosageError("doses.bad_offset")
    if not codes:
        # tim-9: an offset counts from a when event; with clock times it has nothing to count
        # from, and moving the clock time would silently change the order.
        key = "doses.offset_with_time_of_day" if has_times else "doses.offset_needs_when"
        raise DosageError(key)
    if any(code in _NO_OFFSET_EVENTS for code in codes):
        raise DosageError("doses.offset_at_meal")  # tim-9
    return minutes


def _event_anchors(codes: Sequence[str], minutes: int, clock: Mapping[str, time]) -> set[_Anchor]:
    anchors: set[_Anchor] = set()
    for code in codes:
        events, before = _MEAL_EVENTS.get(code, ((code,), code in _BEFORE_EVENTS))
        if any(event not in clock for event in events):
            raise DosageError("doses.unsupported_when")
        shift = timedelta(minutes=-minutes if before else minutes)
        anchors |= {_Anchor(clock[event], shift) for event in events}
    return anchors


def _times_of_day(
    repeat: Mapping[str, object], clock: Mapping[str, time], *, daily: bool
) -> list[_Anchor]:
    codes = _strings(repeat.get("when"), "doses.unsupported_when")
    texts = _strings(repeat.get("timeOfDay"), "doses.bad_time")
    minutes = _offset(repeat, codes, has_times=bool(texts))
    try:
        anchors = {_Anchor(time.fromisoformat(t)) for t in texts}
    except ValueError:
        raise DosageError("doses.bad_time") from None
    anchors |= _event_anchors(codes, minutes, clock)
    frequency = repeat.get("frequency")
    count = None if frequency is None else _positive(frequency, "doses.bad_frequency")
    if not daily:
        # Weekly: frequency counts days, so only the time of day is decided here.
        return sorted(anchors) or [_Anchor(clock["MORN"])]
    if not anchors:
        count = count or Decimal(1)
        if count not in _DAILY_DEFAULTS:
            raise DosageError("doses.needs_clock_times")
        return [_Anchor(clock[code]) for code in _DAILY_DEFAULTS[int(count)]]
    if count is not None and count != len(anchors):
        raise DosageError("doses.conflicting_timing")
    return sorted(anchors)


@dataclass(frozen=True)
class _Days:
    """Which local dates a wall-clock schedule falls on."""

    weekdays: frozenset[int]
    every_days: int
    every_weeks: int
    anchor: date | None

    def allows(self, day: date) -> bool:
        if day.weekday() not in self.weekdays:
            return False
        if self.anchor is None:
            return True
        elapsed = (day - self.anchor).days
        if self.every_weeks > 1:
            monday = self.anchor - timedelta(days=self.anchor.weekday())
            return ((day - monday).days // 7) % self.every_weeks == 0
        return elapsed % self.every_days == 0


def _days(repeat: Mapping[str, object], anchor: datetime | None, tz: ZoneInfo) -> _Days:
    unit = repeat.get("periodUnit", "d")
    period = _positive(repeat.get("period", 1), "doses.bad_period")
    if unit not in ("d", "wk") or period != int(period):
        raise DosageError("doses.unsupported_period_unit")
    names = _strings(repeat.get("dayOfWeek"), "doses.bad_day_of_week")
    if any(n not in _WEEKDAYS for n in names):
        raise DosageError("doses.bad_day_of_week")
    weekdays = frozenset(_WEEKDAYS.index(n) for n in names) or frozenset(range(7))
    anchor_day = None if anchor is None else anchor.astimezone(tz).date()
    every_days, every_weeks = (int(period), 1) if unit == "d" else (1, int(period))
    if unit == "wk" and not names:
        frequency = _positive(repeat.get("frequency", 1), "doses.bad_frequency")
        if anchor_day is None or frequency != 1:
            raise DosageError("doses.needs_days")
        weekdays = frozenset({anchor_day.weekday()})
    if anchor_day is None and (every_days > 1 or every_weeks > 1):
        raise DosageError("doses.interval_needs_start")
    return _Days(weekdays, every_days, every_weeks, anchor_day)


def _wall_clock_times(
    repeat: Mapping[str, object],
    *,
    anchor: datetime | None,
    start: datetime,
    end: datetime,
    clock: Mapping[str, time],
    tz: ZoneInfo,
) -> list[datetime]:
    days = _days(repeat, anchor, tz)
    anchors = _times_of_day(repeat, clock, daily=repeat.get("periodUnit", "d") == "d")
    # An offset may move a dose across midnight: look that many days further either side.
    margin = timedelta(days=1 + max(abs(a.offset) for a in anchors).days)
    day = start.astimezone(tz).date() - margin
    last = end.astimezone(tz).date() + margin
    result: list[datetime] = []
    while day <= last:
        if days.allows(day):
            result.extend(
                _local(datetime.combine(day, a.at, tzinfo=tz), tz).astimezone(UTC) + a.offset
                for a in anchors
            )
        day += timedelta(days=1)
    return result


def scheduled_doses(
    dosages: Sequence[Mapping[str, object]],
    *,
    window_start: datetime,
    window_end: datetime,
    active: ActivePeriod | None = None,
    clock: Mapping[str, time] = NORWEGIAN_CLOCK_TIMES,
    tz: ZoneInfo = OSLO,
) -> tuple[ScheduledDose, ...]:
    """Scheduled doses due in ``[window_start, window_end)`` while the order is ``active``.

    ``dosages`` is the ``dosageInstruction`` (MedicationRequest) or ``dosage``
    (MedicationStatement) list; PRN entries produce no scheduled doses (see ``prn_allowance``).
    Each entry is scheduled on its own, within its own ``timing.repeat.boundsPeriod``.
    """
    # Arithmetic and comparisons in UTC: between datetimes sharing a tzinfo Python uses wall
    # time, which is wrong across a DST change.
    start = _aware(window_start, "window_start").astimezone(UTC)
    end = _aware(window_end, "window_end").astimezone(UTC)
    order = active or ActivePeriod()
    due: list[ScheduledDose] = []
    for index, dosage in enumerate(dosages):
        if is_as_needed(dosage):
            continue
        timing = _timing(dosage, tz)
        period = order.intersect(timing.bounds)
        times = [e.astimezone(UTC) for e in timing.events]
        if timing.repeat:
            if timing.repeat.get("periodUnit") in ("s", "min", "h"):
                times += _interval_times(timing.repeat, anchor=period.start, start=start, end=end)
            else:
                times += _wall_clock_times(
                    timing.repeat, anchor=period.start, start=start, end=end, clock=clock, tz=tz
                )
        dose = _dose_amount(dosage)
        text = dosage.get("text")
        due.extend(
            ScheduledDose(t.astimezone(tz), index, dose, text if isinstance(text, str) else None)
            for t in sorted(set(times))
            if start <= t < end and period.contains(t)
        )
    return tuple(sorted(due, key=lambda d: (d.due_at.astimezone(UTC), d.dosage_index)))


# How far back from an order's end ``last_dose`` looks: one weekly cycle and a day.
_LAST_DOSE_SEARCH: Final = timedelta(days=8)


def order_end(
    dosages: Sequence[Mapping[str, object]],
    *,
    active: ActivePeriod | None = None,
    tz: ZoneInfo = OSLO,
) -> datetime | None:
    """The first instant after the last scheduled dosage ends, or None when one never ends."""
    order = active or ActivePeriod()
    ends: list[datetime] = []
    for dosage in dosages:
        if is_as_needed(dosage):
            continue
        end = order.intersect(_timing(dosage, tz).bounds).end
        if end is None:
            return None
        ends.append(end)
    return max(ends, key=_utc) if ends else None


def last_dose(
    dosages: Sequence[Mapping[str, object]],
    *,
    active: ActivePeriod | None = None,
    clock: Mapping[str, time] = NORWEGIAN_CLOCK_TIMES,
    tz: ZoneInfo = OSLO,
) -> ScheduledDose | None:
    """The last scheduled dose of an order that ends (a course, a planned stop), else None.

    With FHIR's inclusive ``Period.end`` a dose due exactly at the end time is that last dose.
    """
    end = order_end(dosages, active=active, tz=tz)
    if end is None:
        return None
    doses = scheduled_doses(
        dosages,
        window_start=end - _LAST_DOSE_SEARCH,
        window_end=end,
        active=active,
        clock=clock,
        tz=tz,
    )
    return doses[-1] if doses else None


class DoseStatus(StrEnum):
    """Where a dose stands relative to now, in round order."""

    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class RoundItem:
    """A scheduled dose with its status for the round."""

    dose: ScheduledDose
    status: DoseStatus


def order_for_round(
    doses: Sequence[ScheduledDose], *, now: datetime, tolerance: timedelta = timedelta(hours=1)
) -> tuple[RoundItem, ...]:
    """Overdue doses first (oldest first), then those due within ``tolerance``, then upcoming.

    ``tolerance`` is the window around the scheduled time (ISMP: 1 h for most doses given
    more than daily, 30 min for time-critical drugs); doses already documented are removed
    by the caller.
    """
    current = _aware(now, "now").astimezone(UTC)
    rank = list(DoseStatus)

    def status(dose: ScheduledDose) -> DoseStatus:
        due = _utc(dose.due_at)
        if due < current - tolerance:
            return DoseStatus.OVERDUE
        if due <= current + tolerance:
            return DoseStatus.DUE
        return DoseStatus.UPCOMING

    items = [RoundItem(d, status(d)) for d in doses]
    return tuple(
        sorted(
            items,
            key=lambda i: (rank.index(i.status), _utc(i.dose.due_at), i.dose.dosage_index),
        )
    )


@dataclass(frozen=True)
class GivenDose:
    """A PRN dose already given (documented), for counting against the limits."""

    at: datetime
    amount: Decimal
    unit: str | None


@dataclass(frozen=True)
class LimitStatus:
    """One PRN limit over a rolling window: by amount (``unit`` set) or by count."""

    window: timedelta
    maximum: Decimal
    used: Decimal
    unit: str | None
    counts_doses: bool

    @property
    def remaining(self) -> Decimal:
        """How much more (amount or number of doses) the window allows now; never negative."""
        return max(Decimal(0), self.maximum - self.used)


@dataclass(frozen=True)
class PrnAllowance:
    """What a PRN order still allows at ``now``."""

    limits: tuple[LimitStatus, ...]
    next_allowed_at: datetime | None
    dose: DoseAmount | None
    now: datetime

    @property
    def may_give_now(self) -> bool:
        """True when no limit stops one more (smallest) dose now."""
        return self.next_allowed_at is None or _utc(self.next_allowed_at) <= _utc(self.now)

    @property
    def remaining_amount(self) -> Decimal | None:
        """The least remaining amount over the amount limits; ``None`` if there are none."""
        amounts = [limit.remaining for limit in self.limits if not limit.counts_doses]
        return min(amounts) if amounts else None

    @property
    def remaining_doses(self) -> Decimal | None:
        """The least remaining number of doses over the count limits; ``None`` if none."""
        counts = [limit.remaining for limit in self.limits if limit.counts_doses]
        return min(counts) if counts else None

    @property
    def message_key(self) -> str:
        """Key in ``MESSAGES``."""
        if not self.limits:
            return "doses.prn.no_limit"
        return "doses.prn.allowed" if self.may_give_now else "doses.prn.limit_reached"


def _limits(dosage: Mapping[str, object]) -> list[tuple[timedelta, Decimal, str | None, bool]]:
    limits: list[tuple[timedelta, Decimal, str | None, bool]] = []
    ratios = dosage.get("maxDosePerPeriod")
    for ratio in ratios if isinstance(ratios, list) else [ratios] if ratios else []:
        numerator = _mapping(ratio.get("numerator")) if isinstance(ratio, Mapping) else None
        denominator = _mapping(ratio.get("denominator")) if isinstance(ratio, Mapping) else None
        if numerator is None or denominator is None:
            raise DosageError("doses.bad_max_dose")
        maximum = _positive(numerator.get("value"), "doses.bad_max_dose")
        length = _positive(denominator.get("value"), "doses.bad_max_dose")
        limits.append((_duration(length, _unit(denominator)), maximum, _unit(numerator), False))
    timing = _mapping(dosage.get("timing"))
    repeat = None if timing is None else _mapping(timing.get("repeat"))
    if repeat is not None and "period" in repeat:
        count = repeat.get("frequencyMax", repeat.get("frequency", 1))
        period = _positive(repeat.get("period"), "doses.bad_period")
        window = _duration(period, repeat.get("periodUnit"))
        limits.append((window, _positive(count, "doses.bad_frequency"), None, True))
    return limits


def prn_allowance(
    dosage: Mapping[str, object], *, given: Sequence[GivenDose], now: datetime
) -> PrnAllowance:
    """How much more of a PRN order may be given now, and from when if nothing may.

    Limits are ``maxDosePerPeriod`` (amount per period) and the timing's frequency (or
    ``frequencyMax``) per period (number of doses). Doses given in the rolling window
    ``(now - period, now]`` count; the next allowed time is when enough of them have left
    the window for the smallest ordered dose (or one more dose) to fit.
    """
    current = _aware(now, "now").astimezone(UTC)
    if not is_as_needed(dosage):
        raise DosageError("doses.not_as_needed")
    dose = _dose_amount(dosage)
    statuses = []
    next_allowed: datetime | None = None
    for window, maximum, unit, counts in _limits(dosage):
        recent = sorted(
            (g for g in given if current - window < _utc(g.at) <= current),
            key=lambda g: _utc(g.at),
        )
        if not counts and any(g.unit != unit for g in recent):
            raise DosageError("doses.unit_mismatch")
        sizes = [Decimal(1) if counts else g.amount for g in recent]
        need = Decimal(1) if counts or dose is None else dose.low
        if need > maximum:
            raise DosageError("doses.dose_exceeds_limit")
        status = LimitStatus(window, maximum, sum(sizes, Decimal(0)), unit, counts)
        statuses.append(status)
        leaving = Decimal(0)
        for dose_given, size in zip(recent, sizes, strict=True):
            if maximum - (status.used - leaving) >= need:
                break
            leaving += size
            at = (_utc(dose_given.at) + window).astimezone(now.tzinfo)
            next_allowed = at if next_allowed is None else max(next_allowed, at, key=_utc)
    return PrnAllowance(tuple(statuses), next_allowed, dose, now)


MESSAGES: Final[Mapping[str, Mapping[Language, str]]] = MappingProxyType(
    {
        key: MappingProxyType({"nb": nb, "en": en})
        for key, nb, en in (
            (
                "doses.timing_missing",
                "Doseringen mangler tidspunkter. Les doseringsteksten og gi etter den.",
                "The dosage has no times. Read the dosage text and follow it.",
            ),
            (
                "doses.timing_code",
                "Doseringen har bare en forkortet tidskode. Les doseringsteksten.",
                "The dosage has only an abbreviated timing code. Read the dosage text.",
            ),
            (
                "doses.unsupported_timing",
                "Doseringen bruker et tidsmønster programmet ikke kan tolke sikkert.",
                "The dosage uses a timing pattern the program cannot read safely.",
            ),
            (
                "doses.unsupported_when",
                "Doseringen har et tidspunkt på dagen uten fast klokkeslett.",
                "The dosage has a time of day with no set clock time.",
            ),
            (
                "doses.unsupported_period_unit",
                "Doseringens periode kan ikke tolkes.",
                "The dosage period cannot be read.",
            ),
            (
                "doses.conflicting_timing",
                "Doseringens antall per dag og tidspunkter stemmer ikke overens.",
                "The dosage's number per day and its times do not agree.",
            ),
            (
                "doses.needs_clock_times",
                "Doseringen sier hvor ofte, men ikke når. Kontakt lege for tidspunkter.",
                "The dosage says how often but not when. Ask the doctor for times.",
            ),
            (
                "doses.needs_days",
                "Doseringen mangler ukedag.",
                "The dosage has no day of the week.",
            ),
            (
                "doses.interval_needs_start",
                "Doseringen mangler startidspunkt, så intervallet kan ikke beregnes.",
                "The dosage has no start time, so the interval cannot be worked out.",
            ),
            ("doses.bad_time", "Ugyldig klokkeslett i doseringen.", "Invalid time in the dosage."),
            (
                "doses.time_and_when",
                "Doseringen har både klokkeslett og tidspunkt på dagen. Det er ugyldig "
                "(FHIR tim-10). Kontakt lege.",
                "The dosage has both clock times and times of day. That is invalid "
                "(FHIR tim-10). Contact the doctor.",
            ),
            (
                "doses.offset_with_time_of_day",
                "Doseringen har klokkeslett og en forskyvning i minutter. Forskyvningen regnes "
                "bare fra en hendelse (f.eks. før frokost), så tidspunktet er ugyldig og flyttes "
                "ikke. Kontakt lege.",
                "The dosage has clock times and an offset in minutes. An offset counts only "
                "from an event (e.g. before breakfast), so the time is invalid and is not "
                "moved. Contact the doctor.",
            ),
            (
                "doses.offset_needs_when",
                "Doseringen har en forskyvning i minutter uten hendelse å regne fra. Kontakt lege.",
                "The dosage has an offset in minutes with no event to count from. "
                "Contact the doctor.",
            ),
            (
                "doses.offset_at_meal",
                "Doseringen har en forskyvning fra «ved måltid», som ikke sier før eller etter "
                "(FHIR tim-9). Kontakt lege.",
                "The dosage has an offset from 'at a meal', which says neither before nor "
                "after (FHIR tim-9). Contact the doctor.",
            ),
            (
                "doses.bad_offset",
                "Ugyldig forskyvning i doseringen (hele minutter, 0 eller mer).",
                "Invalid offset in the dosage (whole minutes, 0 or more).",
            ),
            ("doses.bad_datetime", "Ugyldig dato i doseringen.", "Invalid date in the dosage."),
            (
                "doses.bad_day_of_week",
                "Ugyldig ukedag i doseringen.",
                "Invalid day of the week in the dosage.",
            ),
            (
                "doses.bad_frequency",
                "Ugyldig hyppighet i doseringen.",
                "Invalid frequency in the dosage.",
            ),
            ("doses.bad_period", "Ugyldig periode i doseringen.", "Invalid period in the dosage."),
            (
                "doses.bad_max_dose",
                "Ugyldig maksimal dose per periode.",
                "Invalid maximum dose per period.",
            ),
            (
                "doses.not_as_needed",
                "Legemidlet er ikke ordinert ved behov.",
                "The medicine is not ordered as needed.",
            ),
            (
                "doses.unit_mismatch",
                "Tidligere doser har en annen enhet enn maksimaldosen.",
                "Earlier doses have a different unit from the maximum dose.",
            ),
            (
                "doses.dose_exceeds_limit",
                "Én dose er større enn maksimal dose per periode. Kontakt lege.",
                "A single dose is more than the maximum per period. Contact the doctor.",
            ),
            (
                "doses.prn.no_limit",
                "Ingen maksimaldose er angitt for behovsmedisinen.",
                "No maximum dose is set for this as-needed medicine.",
            ),
            (
                "doses.prn.allowed",
                "Kan gis nå innenfor maksimaldosen.",
                "May be given now within the maximum dose.",
            ),
            (
                "doses.prn.limit_reached",
                "Maksimal dose for perioden er nådd.",
                "The maximum dose for the period has been reached.",
            ),
        )
    }
)
