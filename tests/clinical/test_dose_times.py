"""Dose times exactly as FHIR R4 defines them: ``repeat.offset`` with ``when``, inclusive ends.

Sources (FHIR R4, http://hl7.org/fhir/R4/datatypes.html#Timing and valueset-event-timing.html):

- ``Timing.repeat.offset``: "The number of minutes from the event. If the event code does not
  indicate whether the minutes is before or after the event, then the offset is assumed to be
  after the event."
- EventTiming: AC/ACM/ACD/ACV "event occurs [offset] before a meal / breakfast / lunch /
  dinner"; PC/PCM/PCD/PCV "... after ..."; C/CM/CD/CV "at a meal"; HS "[offset] before the hour
  of sleep"; WAKE "[offset] after waking".
- tim-9: "If there's an offset, there must be a when (and not C, CM, CD, CV)".
- tim-10: "If there's a timeOfDay, there cannot be a when, or vice versa".
- ``Period.end``: "End time with inclusive boundary, if not ongoing".

The clock times of the events are this ward's defaults (``NORWEGIAN_CLOCK_TIMES``): breakfast
08:00, lunch 13:00, dinner 18:00, bedtime 22:00, waking 07:00.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from clinical.doses import (
    MESSAGES,
    OSLO,
    ActivePeriod,
    DosageError,
    last_dose,
    order_end,
    scheduled_doses,
)

DAY = date(2025, 3, 10)  # an ordinary Monday, UTC+1


def window(day: date = DAY, days: int = 1) -> dict[str, datetime]:
    start = datetime.combine(day, time(0), tzinfo=OSLO)
    return {"window_start": start, "window_end": start + timedelta(days=days)}


def dosage(repeat: dict[str, Any]) -> dict[str, Any]:
    return {"timing": {"repeat": repeat}}


def clock_times(repeat: dict[str, Any], **kwargs: Any) -> list[str]:
    doses = scheduled_doses([dosage(repeat)], **(kwargs or window()))
    return [d.due_at.astimezone(OSLO).strftime("%d %H:%M") for d in doses]


@pytest.mark.parametrize(
    ("repeat", "expected", "rule"),
    [
        ({"when": ["MORN"], "offset": 30}, ["10 08:30"], "MORN names no direction: after"),
        ({"when": ["ACM"], "offset": 30}, ["10 07:30"], "ACM: [offset] before breakfast"),
        ({"when": ["PCM"], "offset": 30}, ["10 08:30"], "PCM: [offset] after breakfast"),
        ({"when": ["ACD"], "offset": 15}, ["10 12:45"], "ACD: before lunch"),
        ({"when": ["ACV"], "offset": 60}, ["10 17:00"], "ACV: before dinner"),
        (
            {"when": ["AC"], "offset": 30},
            ["10 07:30", "10 12:30", "10 17:30"],
            "AC: before each meal",
        ),
        (
            {"when": ["PC"], "offset": 120},
            ["10 10:00", "10 15:00", "10 20:00"],
            "PC: after each meal",
        ),
        ({"when": ["HS"], "offset": 30}, ["10 21:30"], "HS: [offset] before the hour of sleep"),
        ({"when": ["WAKE"], "offset": 15}, ["10 07:15"], "WAKE: [offset] after waking"),
        ({"when": ["CM"]}, ["10 08:00"], "CM: at breakfast"),
        ({"when": ["ACM"]}, ["10 08:00"], "no offset: at the event"),
        ({"when": ["ACM", "HS"], "offset": 30}, ["10 07:30", "10 21:30"], "one offset, each event"),
        ({"when": ["PCV"], "offset": 0}, ["10 18:00"], "offset 0 is the event itself"),
    ],
)
def test_offset_counts_from_the_event_in_its_direction(
    repeat: dict[str, Any], expected: list[str], rule: str
) -> None:
    assert clock_times(repeat) == expected, rule


def test_offset_moves_a_dose_across_midnight() -> None:
    """NIGHT 22:00 + 180 min is 01:00 the next morning; the window sees yesterday's too."""
    assert clock_times({"when": ["NIGHT"], "offset": 180}) == ["10 01:00"]
    assert clock_times({"when": ["NIGHT"], "offset": 180}, **window(DAY, 2)) == [
        "10 01:00",
        "11 01:00",
    ]


def test_offset_is_elapsed_minutes_on_the_night_clocks_go_back() -> None:
    """26 Oct 2025 03:00 CEST becomes 02:00 CET: 22:00 + 360 min is 03:00, not 04:00."""
    assert clock_times({"when": ["NIGHT"], "offset": 360}, **window(date(2025, 10, 26))) == [
        "26 03:00"
    ]


@pytest.mark.parametrize(
    ("repeat", "key"),
    [
        pytest.param(
            {"timeOfDay": ["08:00:00"], "offset": 30},
            "doses.offset_with_time_of_day",
            id="tim-9: clock time with offset is refused, never moved to 08:30",
        ),
        pytest.param(
            {"timeOfDay": ["08:00:00"], "offset": 0},
            "doses.offset_with_time_of_day",
            id="tim-9: even offset 0",
        ),
        pytest.param({"offset": 30}, "doses.offset_needs_when", id="tim-9: no when"),
        pytest.param({"when": ["CM"], "offset": 30}, "doses.offset_at_meal", id="tim-9: CM"),
        pytest.param({"when": ["C"], "offset": 30}, "doses.offset_at_meal", id="tim-9: C"),
        pytest.param(
            {"when": ["MORN"], "timeOfDay": ["09:00:00"]}, "doses.time_and_when", id="tim-10"
        ),
        pytest.param({"when": ["MORN"], "offset": -30}, "doses.bad_offset", id="negative"),
        pytest.param({"when": ["MORN"], "offset": 2.5}, "doses.bad_offset", id="not whole"),
        pytest.param({"when": ["MORN"], "offset": "30"}, "doses.bad_offset", id="text"),
    ],
)
def test_invalid_offsets_are_refused_with_a_reason(repeat: dict[str, Any], key: str) -> None:
    with pytest.raises(DosageError) as caught:
        scheduled_doses([dosage(repeat)], **window())
    assert caught.value.key == key
    assert MESSAGES[key]["nb"]
    assert MESSAGES[key]["en"]


COURSE = {"when": ["MORN", "NOON", "EVE"]}


@pytest.mark.parametrize(
    ("end", "last"),
    [
        ("2025-03-10T13:00:00+01:00", "13:00"),  # inclusive end: the 13:00 dose is the last
        ("2025-03-10T12:59:00+01:00", "08:00"),
        ("2025-03-10T13:00+01:00", "13:00"),  # minute precision includes 13:00:59
        ("2025-03-10", "18:00"),  # a date includes the whole day
    ],
)
def test_a_course_end_includes_a_dose_due_exactly_then(end: str, last: str) -> None:
    period = ActivePeriod.from_fhir({"start": "2025-03-03", "end": end})
    due = scheduled_doses([dosage(COURSE)], **window(), active=period)
    assert due[-1].due_at.strftime("%H:%M") == last
    found = last_dose([dosage(COURSE)], active=period)
    assert found is not None
    assert found.due_at == due[-1].due_at


def test_last_dose_follows_the_dosage_bounds() -> None:
    course = dosage({**COURSE, "boundsPeriod": {"start": "2025-03-04", "end": "2025-03-10"}})
    found = last_dose([course])
    assert found is not None
    assert found.due_at == datetime(2025, 3, 10, 18, 0, tzinfo=OSLO)
    assert order_end([course]) == datetime(2025, 3, 11, tzinfo=OSLO)


def test_an_order_without_an_end_has_no_last_dose() -> None:
    assert last_dose([dosage(COURSE)]) is None
    bounded = dosage({**COURSE, "boundsPeriod": {"end": "2025-03-10"}})
    open_ended = dosage({"when": ["NIGHT"]})
    assert last_dose([bounded, open_ended]) is None
    assert last_dose([{"asNeededBoolean": True}]) is None
