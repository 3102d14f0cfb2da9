"""FHIR instants and dateTimes compare as moments, whatever their offset or precision."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinical.fhir_time import OSLO, Instant, parse_date_time, parse_instant

UTC = dt.UTC
# Europe/Oslo changes clock at 01:00 UTC: spring forward 29 March, fall back 25 October 2026.
SPRING = dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
AUTUMN = dt.datetime(2026, 10, 25, 1, 0, tzinfo=UTC)


def offsets() -> st.SearchStrategy[int]:
    """Minutes east of UTC a FHIR zone may carry: -13:59 … +13:59, and ±14:00 exactly."""
    return st.one_of(st.integers(-13 * 60 - 59, 13 * 60 + 59), st.sampled_from([-840, 840]))


def render(moment: dt.datetime, *, offset_minutes: int, digits: str, z: bool = True) -> str:
    """``moment`` (whole seconds) written in a zone ``offset_minutes`` east, with ``digits``;
    UTC itself as ``Z`` or (``z`` False) as ``+00:00``."""
    local = moment.astimezone(dt.timezone(dt.timedelta(minutes=offset_minutes)))
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    fraction = f".{digits}" if digits else ""
    zone = "Z" if offset_minutes == 0 and z else f"{sign}{hours:02}:{minutes:02}"
    return local.strftime("%Y-%m-%dT%H:%M:%S") + fraction + zone


@st.composite
def written_instants(draw: st.DrawFn) -> tuple[str, Fraction]:
    """FHIR instant text and the exact seconds since 1970 it denotes."""
    moment = draw(
        st.datetimes(
            min_value=dt.datetime(1950, 1, 1),
            max_value=dt.datetime(2090, 12, 31),
            timezones=st.just(UTC),
        )
    ).replace(microsecond=0)
    digits = draw(st.text(alphabet="0123456789", max_size=9))
    text = render(moment, offset_minutes=draw(offsets()), digits=digits, z=draw(st.booleans()))
    exact = Fraction(int(moment.timestamp()))
    if digits:
        exact += Fraction(int(digits), 10 ** len(digits))
    return text, exact


@given(written_instants())
def test_an_instant_parses_to_the_exact_moment(written: tuple[str, Fraction]) -> None:
    text, exact = written
    assert parse_instant(text).epoch == exact


@given(written_instants(), written_instants())
def test_instants_order_by_moment_not_by_text(
    a: tuple[str, Fraction], b: tuple[str, Fraction]
) -> None:
    assert (parse_instant(a[0]) < parse_instant(b[0])) == (a[1] < b[1])
    assert (parse_instant(a[0]) == parse_instant(b[0])) == (a[1] == b[1])


@given(written_instants())
def test_the_utc_text_of_an_instant_names_the_same_moment(written: tuple[str, Fraction]) -> None:
    instant = parse_instant(written[0])
    assert parse_instant(instant.isoformat()) == instant
    assert instant.isoformat().endswith("Z")


@pytest.mark.parametrize("change", [SPRING, AUTUMN], ids=["spring", "autumn"])
@given(
    seconds=st.lists(st.integers(-3 * 3600, 3 * 3600), min_size=2, max_size=6),
    digits=st.text(alphabet="0123456789", max_size=4),
)
def test_oslo_local_times_order_across_the_clock_change(
    change: dt.datetime, seconds: list[int], digits: str
) -> None:
    """Times written with Oslo's own offset (+01:00 or +02:00) sort as the moments they are."""
    moments = [change + dt.timedelta(seconds=s) for s in seconds]
    texts = [
        render(
            m,
            offset_minutes=int(m.astimezone(OSLO).utcoffset().total_seconds() // 60),
            digits=digits,
        )  # type: ignore[union-attr]
        for m in moments
    ]
    by_text = sorted(range(len(texts)), key=lambda i: (parse_instant(texts[i]), i))
    by_moment = sorted(range(len(moments)), key=lambda i: (moments[i], i))
    assert by_text == by_moment


def test_the_autumn_hour_that_repeats_is_ordered_by_offset() -> None:
    earlier = parse_instant("2026-10-25T02:30:00.000+02:00")  # 00:30Z
    later = parse_instant("2026-10-25T02:10:00.000+01:00")  # 01:10Z
    assert earlier < later
    assert later.since(earlier) == dt.timedelta(minutes=40)


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2026-03-02T12:00:00Z", "2026-03-02T12:00:00.5Z"),
        ("2026-03-02T12:00:00.5Z", "2026-03-02T12:00:00.51Z"),
        ("2026-03-02T13:00:00+01:00", "2026-03-02T12:30:00Z"),
        ("2026-03-02T12:00:00.999999999Z", "2026-03-02T12:00:01Z"),
        ("2016-12-31T23:59:59.5Z", "2016-12-31T23:59:60.2Z"),
        ("2026-03-02T00:30:00+14:00", "2026-03-01T23:00:00-13:59"),
    ],
)
def test_precision_and_offsets_never_reorder(earlier: str, later: str) -> None:
    assert parse_instant(earlier) < parse_instant(later)
    assert earlier > later or earlier < later  # the texts alone would not tell


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-02",
        "2026-03-02T12:00:00",
        "2026-03-02T12:00Z",
        "2026-02-30T12:00:00Z",
        "2026-03-02T24:00:00Z",
        "2026-03-02T12:00:00+14:30",
        "2026-03-02T12:00:00.Z",
        " 2026-03-02T12:00:00Z",
        "0000-03-02T12:00:00Z",
    ],
)
def test_what_is_not_an_instant_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not") as caught:
        parse_instant(text)
    assert text.strip() not in str(caught.value)


def test_partial_dates_denote_their_whole_period_in_oslo() -> None:
    october = parse_date_time("2026-10")
    assert october.precision == "month"
    assert october.start == Instant.from_datetime(dt.datetime(2026, 9, 30, 22, tzinfo=UTC))
    assert october.end == Instant.from_datetime(dt.datetime(2026, 10, 31, 23, tzinfo=UTC))
    autumn_day = parse_date_time("2026-10-25")
    assert autumn_day.end.since(autumn_day.start) == dt.timedelta(hours=25)
    spring_day = parse_date_time("2026-03-29")
    assert spring_day.end.since(spring_day.start) == dt.timedelta(hours=23)
    year = parse_date_time("2026", zone=UTC)
    assert (year.start.isoformat(), year.end.isoformat()) == (
        "2026-01-01T00:00:00.000Z",
        "2027-01-01T00:00:00.000Z",
    )
    december = parse_date_time("2026-12", zone=UTC)
    assert december.end.isoformat() == "2027-01-01T00:00:00.000Z"


def test_a_full_date_time_is_an_instant() -> None:
    period = parse_date_time("2026-10-25T02:30:00+02:00")
    assert period.start == period.end == parse_instant("2026-10-25T00:30:00Z")
    with pytest.raises(ValueError, match="not a real"):
        parse_date_time("2026-02-29")


def test_arithmetic_keeps_the_exact_fraction() -> None:
    start = parse_instant("2026-03-02T12:00:00.1234567Z")
    assert (start - dt.timedelta(minutes=2)).isoformat() == "2026-03-02T11:58:00.1234567Z"
    assert (start + dt.timedelta(microseconds=1)).isoformat() == "2026-03-02T12:00:00.1234577Z"
    assert start.to_datetime() == dt.datetime(2026, 3, 2, 12, 0, 0, 123456, tzinfo=UTC)
