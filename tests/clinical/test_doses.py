"""Due doses from FHIR Dosage JSON (Oslo time, DST), PRN limits, and not-given/partial rules."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinical.doses import (
    MESSAGES,
    NORWEGIAN_CLOCK_TIMES,
    OSLO,
    ActivePeriod,
    DosageError,
    DoseAmount,
    DoseStatus,
    GivenDose,
    ScheduledDose,
    order_for_round,
    parse_fhir_datetime,
    prn_allowance,
    scheduled_doses,
)
from clinical.nonadministration import (
    MESSAGES as NOT_GIVEN_MESSAGES,
)
from clinical.nonadministration import (
    NOT_GIVEN_REASON_SYSTEM,
    DoseOutcome,
    DoseRecordError,
    NotGiven,
    NotGivenReason,
    classify_dose,
)

DETERMINISTIC = settings(derandomize=True, deadline=None, database=None)


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)  # type: ignore[misc]


def day_window(day: date) -> dict[str, datetime]:
    start = datetime.combine(day, time(0), tzinfo=OSLO)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=OSLO)
    return {"window_start": start, "window_end": end}


def dosage(repeat: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"timing": {"repeat": repeat or {}}}
    result.update(extra)
    return result


def local_times(doses: tuple[ScheduledDose, ...]) -> list[str]:
    return [d.due_at.astimezone(OSLO).isoformat() for d in doses]


ORDINARY = date(2025, 3, 10)
SPRING_FORWARD = date(2025, 3, 30)
FALL_BACK = date(2025, 10, 26)


@pytest.mark.parametrize(
    ("repeat", "day", "expected"),
    [
        pytest.param(
            {"when": ["MORN", "NOON", "EVE", "NIGHT"]},
            ORDINARY,
            [
                "2025-03-10T08:00:00+01:00",
                "2025-03-10T13:00:00+01:00",
                "2025-03-10T18:00:00+01:00",
                "2025-03-10T22:00:00+01:00",
            ],
            id="named-times",
        ),
        pytest.param(
            {"when": ["MORN", "NIGHT"]},
            SPRING_FORWARD,
            ["2025-03-30T08:00:00+02:00", "2025-03-30T22:00:00+02:00"],
            id="named-times-keep-clock-time-on-spring-forward-day",
        ),
        pytest.param(
            {"when": ["MORN", "NIGHT"]},
            FALL_BACK,
            ["2025-10-26T08:00:00+01:00", "2025-10-26T22:00:00+01:00"],
            id="named-times-keep-clock-time-on-fall-back-day",
        ),
        pytest.param(
            {"timeOfDay": ["02:30:00"]},
            SPRING_FORWARD,
            ["2025-03-30T03:30:00+02:00"],
            id="nonexistent-time-moves-forward",
        ),
        pytest.param(
            {"timeOfDay": ["02:30:00"]},
            FALL_BACK,
            ["2025-10-26T02:30:00+02:00"],
            id="ambiguous-time-is-first-occurrence",
        ),
        pytest.param(
            {"frequency": 3, "period": 1, "periodUnit": "d"},
            ORDINARY,
            [
                "2025-03-10T08:00:00+01:00",
                "2025-03-10T13:00:00+01:00",
                "2025-03-10T18:00:00+01:00",
            ],
            id="three-daily-defaults",
        ),
        pytest.param(
            {"frequency": 2, "period": 1, "periodUnit": "d"},
            ORDINARY,
            ["2025-03-10T08:00:00+01:00", "2025-03-10T18:00:00+01:00"],
            id="twice-daily-defaults",
        ),
        pytest.param(
            {"frequency": 2, "period": 1, "periodUnit": "d", "when": ["MORN", "EVE"]},
            ORDINARY,
            ["2025-03-10T08:00:00+01:00", "2025-03-10T18:00:00+01:00"],
            id="frequency-agrees-with-when",
        ),
        pytest.param(
            {"when": ["MORN"], "offset": 30},
            ORDINARY,
            ["2025-03-10T08:30:00+01:00"],
            id="offset-minutes-after",
        ),
        pytest.param(
            {"when": ["MORN"], "dayOfWeek": ["mon", "thu"]},
            date(2025, 3, 11),
            [],
            id="day-of-week-excludes-tuesday",
        ),
        pytest.param(
            {"frequency": 2, "period": 1, "periodUnit": "wk", "dayOfWeek": ["mon", "thu"]},
            date(2025, 3, 13),
            ["2025-03-13T08:00:00+01:00"],
            id="weekly-on-thursday",
        ),
    ],
)
def test_wall_clock_schedules(repeat: dict[str, Any], day: date, expected: list[str]) -> None:
    assert local_times(scheduled_doses([dosage(repeat)], **day_window(day))) == expected


def test_every_eight_hours_keeps_absolute_intervals_across_dst() -> None:
    doses = scheduled_doses(
        [dosage({"frequency": 1, "period": 8, "periodUnit": "h"})],
        window_start=oslo(2025, 3, 29, 12),
        window_end=oslo(2025, 3, 31, 0),
        active=ActivePeriod(start=oslo(2025, 3, 29, 22)),
    )
    assert local_times(doses) == [
        "2025-03-29T22:00:00+01:00",
        "2025-03-30T07:00:00+02:00",
        "2025-03-30T15:00:00+02:00",
        "2025-03-30T23:00:00+02:00",
    ]
    utc = [d.due_at.astimezone(UTC) for d in doses]
    assert {b - a for a, b in itertools.pairwise(utc)} == {timedelta(hours=8)}


def test_synthea_style_every_four_hours_from_the_order_start() -> None:
    synthea = {
        "sequence": 1,
        "asNeededBoolean": False,
        "timing": {"repeat": {"frequency": 1, "period": 4, "periodUnit": "h"}},
        "doseAndRate": [
            {
                "type": {"coding": [{"code": "ordered"}]},
                "doseQuantity": {"value": 1},
            }
        ],
    }
    doses = scheduled_doses(
        [synthea],
        **day_window(ORDINARY),
        active=ActivePeriod.from_fhir({"start": "2025-03-09T10:15:00+01:00"}),
    )
    assert [d.due_at.hour for d in doses] == [2, 6, 10, 14, 18, 22]
    assert doses[0].dose == DoseAmount(Decimal(1), Decimal(1), None)


def test_every_other_day_counts_from_the_start() -> None:
    window = {"window_start": oslo(2025, 3, 10), "window_end": oslo(2025, 3, 16)}
    doses = scheduled_doses(
        [dosage({"frequency": 1, "period": 2, "periodUnit": "d"})],
        **window,
        active=ActivePeriod(start=oslo(2025, 3, 10, 7)),
    )
    assert [d.due_at.day for d in doses] == [10, 12, 14]


def test_weekly_without_days_uses_the_start_weekday() -> None:
    doses = scheduled_doses(
        [dosage({"frequency": 1, "period": 1, "periodUnit": "wk"})],
        window_start=oslo(2025, 3, 1),
        window_end=oslo(2025, 4, 1),
        active=ActivePeriod(start=oslo(2025, 3, 5)),  # a Wednesday
    )
    assert [d.due_at.day for d in doses] == [5, 12, 19, 26]
    assert {d.due_at.weekday() for d in doses} == {2}


def test_fortnightly_on_monday() -> None:
    doses = scheduled_doses(
        [dosage({"frequency": 1, "period": 2, "periodUnit": "wk", "dayOfWeek": ["mon"]})],
        window_start=oslo(2025, 3, 1),
        window_end=oslo(2025, 4, 1),
        active=ActivePeriod(start=oslo(2025, 3, 5)),
    )
    assert [d.due_at.day for d in doses] == [17, 31]


def test_order_period_is_half_open_and_date_end_includes_the_day() -> None:
    four = [dosage({"when": ["MORN", "NOON", "EVE", "NIGHT"]})]
    stopped = ActivePeriod(start=oslo(2025, 3, 10, 13), end=oslo(2025, 3, 10, 22))
    doses = scheduled_doses(four, **day_window(ORDINARY), active=stopped)
    assert [d.due_at.hour for d in doses] == [13, 18]
    whole_day = ActivePeriod.from_fhir({"start": "2025-03-10", "end": "2025-03-10"})
    assert len(scheduled_doses(four, **day_window(ORDINARY), active=whole_day)) == 4
    assert scheduled_doses(four, **day_window(date(2025, 3, 11)), active=whole_day) == ()


def test_bounds_period_limits_each_dosage() -> None:
    tapering = [
        dosage({"when": ["MORN"], "boundsPeriod": {"end": "2025-03-10"}}, text="2 tabletter"),
        dosage({"when": ["MORN"], "boundsPeriod": {"start": "2025-03-11"}}, text="1 tablett"),
    ]
    first = scheduled_doses(tapering, **day_window(ORDINARY))
    second = scheduled_doses(tapering, **day_window(date(2025, 3, 11)))
    assert [(d.dosage_index, d.text) for d in first] == [(0, "2 tabletter")]
    assert [(d.dosage_index, d.text) for d in second] == [(1, "1 tablett")]


def test_explicit_events() -> None:
    once = {"timing": {"event": ["2025-03-10T15:45:00+01:00", "2025-03-12T09:00:00+01:00"]}}
    assert local_times(scheduled_doses([once], **day_window(ORDINARY))) == [
        "2025-03-10T15:45:00+01:00"
    ]


def test_window_is_half_open_and_spans_midnight() -> None:
    night_shift = {"window_start": oslo(2025, 3, 10, 22), "window_end": oslo(2025, 3, 11, 8)}
    doses = scheduled_doses([dosage({"when": ["MORN", "NIGHT"]})], **night_shift)
    assert local_times(doses) == ["2025-03-10T22:00:00+01:00"]


def test_as_needed_dosages_are_not_scheduled() -> None:
    prn = {"asNeededBoolean": True, "timing": {"repeat": {"frequency": 1, "period": 4}}}
    indication = {"asNeededCodeableConcept": {"text": "smerter"}}
    assert scheduled_doses([prn, indication], **day_window(ORDINARY)) == ()


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        ({"text": "1 tablett morgen"}, "doses.timing_missing"),
        ({"timing": {"code": {"text": "BID"}}}, "doses.timing_code"),
        (dosage({"when": ["MORN"], "count": 10}), "doses.unsupported_timing"),
        (dosage({"when": ["MORN.early"]}), "doses.unsupported_when"),
        (dosage({"timeOfDay": ["09:30:00"], "when": ["MORN"]}), "doses.time_and_when"),
        (dosage({"when": "MORN"}), "doses.unsupported_when"),
        (dosage({"timeOfDay": ["25:00:00"]}), "doses.bad_time"),
        (dosage({"frequency": 2, "period": 1, "when": ["MORN"]}), "doses.conflicting_timing"),
        (dosage({"frequency": 6, "period": 1, "periodUnit": "d"}), "doses.needs_clock_times"),
        (dosage({"frequency": 1, "period": 6, "periodUnit": "h"}), "doses.interval_needs_start"),
        (dosage({"frequency": 1, "period": 2, "periodUnit": "d"}), "doses.interval_needs_start"),
        (
            dosage({"frequency": 1, "period": 6, "periodUnit": "h", "when": ["MORN"]}),
            "doses.conflicting_timing",
        ),
        (
            dosage({"frequency": 1, "period": 1, "periodUnit": "mo"}),
            "doses.unsupported_period_unit",
        ),
        (dosage({"frequency": 2, "period": 1, "periodUnit": "wk"}), "doses.needs_days"),
        (dosage({"dayOfWeek": ["monday"]}), "doses.bad_day_of_week"),
        (dosage({"frequency": 0}), "doses.bad_frequency"),
        ({"timing": {"event": ["yesterday"]}}, "doses.bad_datetime"),
    ],
)
def test_unschedulable_dosages_raise(entry: dict[str, Any], key: str) -> None:
    with pytest.raises(DosageError) as caught:
        scheduled_doses([entry], **day_window(ORDINARY))
    assert caught.value.key == key
    assert key in MESSAGES


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        scheduled_doses([], window_start=datetime(2025, 3, 10), window_end=oslo(2025, 3, 11))


@pytest.mark.parametrize(
    ("entry", "amount"),
    [
        (
            {"doseAndRate": [{"doseQuantity": {"value": 0.5, "unit": "tablett"}}]},
            DoseAmount(Decimal("0.5"), Decimal("0.5"), "tablett"),
        ),
        (
            {
                "doseAndRate": [
                    {"type": {"coding": [{"code": "calculated"}]}, "doseQuantity": {"value": 9}},
                    {
                        "type": {"coding": [{"code": "ordered"}]},
                        "doseQuantity": {"value": 10, "unit": "milligram", "code": "mg"},
                    },
                ]
            },
            DoseAmount(Decimal(10), Decimal(10), "mg"),
        ),
        (
            {"doseAndRate": [{"doseRange": {"low": {"value": 1}, "high": {"value": 2}}}]},
            DoseAmount(Decimal(1), Decimal(2), None),
        ),
        ({"doseAndRate": [{"doseQuantity": {"value": True}}]}, None),
        ({}, None),
    ],
)
def test_dose_amounts(entry: dict[str, Any], amount: DoseAmount | None) -> None:
    (dose,) = scheduled_doses([dosage({"when": ["MORN"]}, **entry)], **day_window(ORDINARY))
    assert dose.dose == amount


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-10T08:00:00+01:00", datetime(2025, 3, 10, 7, tzinfo=UTC)),
        ("2025-03-10T07:00:00Z", datetime(2025, 3, 10, 7, tzinfo=UTC)),
        ("2025-03-10T08:00:00", datetime(2025, 3, 10, 7, tzinfo=UTC)),
        ("2025-06-10", datetime(2025, 6, 9, 22, tzinfo=UTC)),
        ("2025-03", datetime(2025, 2, 28, 23, tzinfo=UTC)),
        ("2025", datetime(2024, 12, 31, 23, tzinfo=UTC)),
    ],
)
def test_parse_fhir_datetime(value: str, expected: datetime) -> None:
    assert parse_fhir_datetime(value) == expected


def test_period_ends_of_partial_dates() -> None:
    assert ActivePeriod.from_fhir({"end": "2025-02"}).end == oslo(2025, 3, 1)
    assert ActivePeriod.from_fhir({"end": "2025"}).end == oslo(2026, 1, 1)
    assert ActivePeriod.from_fhir({"end": "2025-12"}).end == oslo(2026, 1, 1)
    assert ActivePeriod.from_fhir({"end": "2025-03-30"}).end == oslo(2025, 3, 31)


@DETERMINISTIC
@given(
    st.sets(st.sampled_from(["MORN", "NOON", "EVE", "NIGHT"]), min_size=1),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(1, 10),
)
def test_named_times_fall_on_their_clock_time_every_day(
    codes: set[str], first: date, days: int
) -> None:
    doses = scheduled_doses(
        [dosage({"when": sorted(codes)})],
        window_start=datetime.combine(first, time(0), tzinfo=OSLO),
        window_end=datetime.combine(first + timedelta(days=days), time(0), tzinfo=OSLO),
    )
    assert len(doses) == len(codes) * days
    assert [d.due_at for d in doses] == sorted(d.due_at for d in doses)
    expected = {NORWEGIAN_CLOCK_TIMES[c] for c in codes}
    assert {d.due_at.astimezone(OSLO).time() for d in doses} == expected


def make(hour: int, minute: int = 0, index: int = 0) -> ScheduledDose:
    return ScheduledDose(oslo(2025, 3, 10, hour, minute), index, None, None)


def test_round_order_puts_overdue_first() -> None:
    doses = [make(22), make(8), make(13), make(13, 30, index=1), make(18), make(11, 30)]
    items = order_for_round(doses, now=oslo(2025, 3, 10, 12, 45), tolerance=timedelta(hours=1))
    assert [(i.dose.due_at.hour, i.dose.due_at.minute, i.status) for i in items] == [
        (8, 0, DoseStatus.OVERDUE),
        (11, 30, DoseStatus.OVERDUE),
        (13, 0, DoseStatus.DUE),
        (13, 30, DoseStatus.DUE),
        (18, 0, DoseStatus.UPCOMING),
        (22, 0, DoseStatus.UPCOMING),
    ]


def test_round_tolerance_edges() -> None:
    now = oslo(2025, 3, 10, 12)
    items = order_for_round([make(11), make(13), make(10, 59)], now=now)
    assert [i.status for i in items] == [DoseStatus.OVERDUE, DoseStatus.DUE, DoseStatus.DUE]


PARACETAMOL_PRN: dict[str, Any] = {
    "asNeededCodeableConcept": {"text": "smerter"},
    "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablett"}}],
    "maxDosePerPeriod": {
        "numerator": {"value": 4, "unit": "tablett"},
        "denominator": {"value": 24, "unit": "time", "code": "h"},
    },
}
NOW = oslo(2025, 3, 10, 20)


def tablets(*hours_ago: float, amount: int = 1) -> list[GivenDose]:
    return [GivenDose(NOW - timedelta(hours=h), Decimal(amount), "tablett") for h in hours_ago]


def test_prn_remaining_in_rolling_24_hours() -> None:
    allowance = prn_allowance(PARACETAMOL_PRN, given=tablets(2, 8, 30), now=NOW)
    assert allowance.remaining_amount == Decimal(2)
    assert allowance.remaining_doses is None
    assert allowance.may_give_now
    assert allowance.next_allowed_at is None
    assert allowance.message_key == "doses.prn.allowed"


def test_prn_limit_reached_gives_the_next_allowed_time() -> None:
    allowance = prn_allowance(PARACETAMOL_PRN, given=tablets(1, 5, 10, 20), now=NOW)
    assert allowance.remaining_amount == Decimal(0)
    assert not allowance.may_give_now
    assert allowance.next_allowed_at == NOW + timedelta(hours=4)
    assert allowance.message_key == "doses.prn.limit_reached"


def test_prn_two_tablet_dose_waits_until_two_have_left_the_window() -> None:
    two = {**PARACETAMOL_PRN, "doseAndRate": [{"doseQuantity": {"value": 2, "unit": "tablett"}}]}
    allowance = prn_allowance(two, given=tablets(1, 5, 10), now=NOW)
    assert allowance.remaining_amount == Decimal(1)
    assert allowance.next_allowed_at == NOW + timedelta(hours=14)


def test_prn_minimum_interval_from_timing() -> None:
    every_four_hours = {
        **PARACETAMOL_PRN,
        "timing": {"repeat": {"frequency": 1, "period": 4, "periodUnit": "h"}},
    }
    allowance = prn_allowance(every_four_hours, given=tablets(1), now=NOW)
    assert allowance.remaining_doses == Decimal(0)
    assert allowance.remaining_amount == Decimal(3)
    assert allowance.next_allowed_at == NOW + timedelta(hours=3)
    assert prn_allowance(every_four_hours, given=tablets(4), now=NOW).may_give_now


def test_prn_frequency_max_and_daily_ratio_list() -> None:
    entry = {
        "asNeededBoolean": True,
        "timing": {"repeat": {"frequency": 1, "frequencyMax": 3, "period": 1, "periodUnit": "d"}},
        "maxDosePerPeriod": [
            {"numerator": {"value": 8, "code": "mg"}, "denominator": {"value": 1, "code": "d"}}
        ],
    }
    given_doses = [GivenDose(NOW - timedelta(hours=h), Decimal(2), "mg") for h in (1, 2, 3)]
    allowance = prn_allowance(entry, given=given_doses, now=NOW)
    assert allowance.remaining_doses == Decimal(0)
    assert allowance.remaining_amount == Decimal(2)
    assert allowance.next_allowed_at == NOW + timedelta(hours=21)


def test_prn_without_limits() -> None:
    allowance = prn_allowance({"asNeededBoolean": True}, given=tablets(1), now=NOW)
    assert allowance.limits == ()
    assert allowance.may_give_now
    assert allowance.message_key == "doses.prn.no_limit"


@pytest.mark.parametrize(
    ("entry", "given_doses", "key"),
    [
        ({"asNeededBoolean": False}, [], "doses.not_as_needed"),
        (
            PARACETAMOL_PRN,
            [GivenDose(NOW - timedelta(hours=1), Decimal(500), "mg")],
            "doses.unit_mismatch",
        ),
        (
            {**PARACETAMOL_PRN, "doseAndRate": [{"doseQuantity": {"value": 5}}]},
            [],
            "doses.dose_exceeds_limit",
        ),
        ({**PARACETAMOL_PRN, "maxDosePerPeriod": {"numerator": {}}}, [], "doses.bad_max_dose"),
        (
            {
                **PARACETAMOL_PRN,
                "maxDosePerPeriod": {
                    "numerator": {"value": 4},
                    "denominator": {"value": 1, "code": "mo"},
                },
            },
            [],
            "doses.unsupported_period_unit",
        ),
    ],
)
def test_prn_errors(entry: dict[str, Any], given_doses: list[GivenDose], key: str) -> None:
    with pytest.raises(DosageError) as caught:
        prn_allowance(entry, given=given_doses, now=NOW)
    assert caught.value.key == key
    assert key in MESSAGES


def test_every_dose_message_has_both_languages() -> None:
    assert all(text["nb"] and text["en"] for text in MESSAGES.values())


def test_not_given_reasons_are_the_norwegian_list_with_stable_codes() -> None:
    assert [r.value for r in NotGivenReason] == [
        "refused",
        "asleep",
        "not-present",
        "nauseous",
        "withheld-clinical-judgement",
        "not-available",
        "other",
    ]
    for reason in NotGivenReason:
        assert reason.label("nb")
        assert reason.label("en")
    assert NotGivenReason.REFUSED.label("nb") == "Pasienten nektet"
    assert [r for r in NotGivenReason if r.requires_text] == [NotGivenReason.OTHER]


def test_status_reason_codeable_concept() -> None:
    assert NotGiven(NotGivenReason.REFUSED, "  ").status_reason() == {
        "coding": [
            {"system": NOT_GIVEN_REASON_SYSTEM, "code": "refused", "display": "Pasienten nektet"},
            {"system": "http://snomed.info/sct", "code": "182895007"},
        ]
    }
    other = NotGiven(NotGivenReason.OTHER, " på dagsenter ").status_reason()
    assert other["text"] == "på dagsenter"
    assert len(other["coding"]) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "key"), [(None, "not_given.text_required"), ("x" * 501, "not_given.text_too_long")]
)
def test_not_given_text_rules(text: str | None, key: str) -> None:
    with pytest.raises(DoseRecordError) as caught:
        NotGiven(NotGivenReason.OTHER, text)
    assert caught.value.key == key
    assert key in NOT_GIVEN_MESSAGES


ASLEEP = NotGiven(NotGivenReason.ASLEEP)
NAUSEOUS = NotGiven(NotGivenReason.NAUSEOUS)


@pytest.mark.parametrize(
    ("prescribed", "given_amount", "reason", "outcome", "fhir_status"),
    [
        ("2", "2", None, DoseOutcome.GIVEN, "completed"),
        ("2", "1", NAUSEOUS, DoseOutcome.PARTIAL, "completed"),
        ("1", "0.5", NAUSEOUS, DoseOutcome.PARTIAL, "completed"),
        ("2", "0", ASLEEP, DoseOutcome.NOT_GIVEN, "not-done"),
    ],
)
def test_classify_dose(
    prescribed: str,
    given_amount: str,
    reason: NotGiven | None,
    outcome: DoseOutcome,
    fhir_status: str,
) -> None:
    record = classify_dose(
        prescribed=Decimal(prescribed),
        given=Decimal(given_amount),
        prescribed_unit="tablett",
        given_unit="tablett",
        not_given=reason,
    )
    assert record.outcome is outcome
    assert record.outcome.fhir_status == fhir_status
    assert record.given == Decimal(given_amount)
    assert record.not_given == reason


@pytest.mark.parametrize(
    ("prescribed", "given_amount", "unit", "reason", "key"),
    [
        ("2", "1", "tablett", None, "dose.reason_required"),
        ("2", "0", "tablett", None, "dose.reason_required"),
        ("2", "3", "tablett", NAUSEOUS, "dose.exceeds_prescribed"),
        ("2", "2", "tablett", ASLEEP, "dose.reason_for_full_dose"),
        ("2", "1", "mg", NAUSEOUS, "dose.unit_mismatch"),
        ("0", "0", "tablett", ASLEEP, "dose.prescribed_not_positive"),
        ("2", "-1", "tablett", ASLEEP, "dose.given_negative"),
        ("2", "NaN", "tablett", ASLEEP, "dose.given_negative"),
    ],
)
def test_partial_dose_rules(
    prescribed: str, given_amount: str, unit: str, reason: NotGiven | None, key: str
) -> None:
    with pytest.raises(DoseRecordError) as caught:
        classify_dose(
            prescribed=Decimal(prescribed),
            given=Decimal(given_amount),
            prescribed_unit="tablett",
            given_unit=unit,
            not_given=reason,
        )
    assert caught.value.key == key
    assert key in NOT_GIVEN_MESSAGES


def test_prn_window_is_24_real_hours_across_dst() -> None:
    now = oslo(2025, 3, 30, 21, 30)  # 23.5 real hours after the dose below
    given_doses = [GivenDose(oslo(2025, 3, 29, 21), Decimal(4), "tablett")]
    allowance = prn_allowance(PARACETAMOL_PRN, given=given_doses, now=now)
    assert not allowance.may_give_now
    assert allowance.next_allowed_at == oslo(2025, 3, 30, 22)
    assert allowance.next_allowed_at.tzinfo is OSLO  # type: ignore[union-attr]


def test_round_order_in_the_repeated_hour_of_fall_back() -> None:
    first = ScheduledDose(datetime(2025, 10, 26, 2, 30, tzinfo=OSLO), 0, None, None)
    second = ScheduledDose(datetime(2025, 10, 26, 2, 15, fold=1, tzinfo=OSLO), 1, None, None)
    now = datetime(2025, 10, 26, 0, 0, tzinfo=UTC)
    items = order_for_round([second, first], now=now, tolerance=timedelta(minutes=10))
    assert [i.dose.dosage_index for i in items] == [0, 1]
    assert [i.status for i in items] == [DoseStatus.UPCOMING, DoseStatus.UPCOMING]


def test_due_times_are_given_in_oslo_time() -> None:
    doses = scheduled_doses(
        [dosage({"frequency": 1, "period": 12, "periodUnit": "h"})],
        window_start=datetime(2025, 3, 10, tzinfo=UTC),
        window_end=datetime(2025, 3, 11, tzinfo=UTC),
        active=ActivePeriod(start=datetime(2025, 3, 9, 7, tzinfo=UTC)),
    )
    assert [d.due_at.tzinfo for d in doses] == [OSLO, OSLO]
    assert local_times(doses) == ["2025-03-10T08:00:00+01:00", "2025-03-10T20:00:00+01:00"]
