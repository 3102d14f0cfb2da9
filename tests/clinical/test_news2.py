"""NEWS2 by RCP 2017 Chart 1: every threshold from both sides, both SpO2 scales, the bands."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinical.news2 import (
    MESSAGES,
    Consciousness,
    News2InputError,
    News2Inputs,
    Parameter,
    ResponseBand,
    SpO2Scale,
    calculate,
    next_measurement_due,
    response_band,
    score_air_or_oxygen,
    score_consciousness,
    score_pulse,
    score_respiration_rate,
    score_spo2_scale_1,
    score_spo2_scale_2,
    score_systolic_bp,
    score_temperature,
)

# Derandomised so every run checks the same examples; no deadline on a shared machine.
DETERMINISTIC = settings(derandomize=True, deadline=None, database=None)

NORMAL = News2Inputs(
    respiration_rate=16,
    spo2=97,
    on_oxygen=False,
    systolic_bp=120,
    pulse=70,
    consciousness=Consciousness.ALERT,
    temperature=37.0,
)


@pytest.mark.parametrize(
    ("rate", "score"),
    [(0, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3), (60, 3)],
)
def test_respiration_rate(rate: int, score: int) -> None:
    assert score_respiration_rate(rate) == score


@pytest.mark.parametrize(
    ("spo2", "score"),
    [(50, 3), (91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0), (100, 0)],
)
def test_spo2_scale_1(spo2: int, score: int) -> None:
    assert score_spo2_scale_1(spo2) == score


@pytest.mark.parametrize(
    ("spo2", "on_oxygen", "score"),
    [
        (60, False, 3),
        (83, False, 3),
        (83, True, 3),
        (84, False, 2),
        (85, True, 2),
        (86, False, 1),
        (87, True, 1),
        (88, False, 0),
        (88, True, 0),
        (92, False, 0),
        (92, True, 0),
        (93, False, 0),
        (100, False, 0),
        (93, True, 1),
        (94, True, 1),
        (95, True, 2),
        (96, True, 2),
        (97, True, 3),
        (100, True, 3),
    ],
)
def test_spo2_scale_2(spo2: int, on_oxygen: bool, score: int) -> None:
    assert score_spo2_scale_2(spo2, on_oxygen=on_oxygen) == score


def test_air_or_oxygen() -> None:
    assert score_air_or_oxygen(on_oxygen=True) == 2
    assert score_air_or_oxygen(on_oxygen=False) == 0


@pytest.mark.parametrize(
    ("systolic", "score"),
    [
        (60, 3),
        (90, 3),
        (91, 2),
        (100, 2),
        (101, 1),
        (110, 1),
        (111, 0),
        (219, 0),
        (220, 3),
        (260, 3),
    ],
)
def test_systolic_bp(systolic: int, score: int) -> None:
    assert score_systolic_bp(systolic) == score


@pytest.mark.parametrize(
    ("pulse", "score"),
    [
        (30, 3),
        (40, 3),
        (41, 1),
        (50, 1),
        (51, 0),
        (90, 0),
        (91, 1),
        (110, 1),
        (111, 2),
        (130, 2),
        (131, 3),
        (180, 3),
    ],
)
def test_pulse(pulse: int, score: int) -> None:
    assert score_pulse(pulse) == score


@pytest.mark.parametrize(
    ("level", "score"),
    [
        (Consciousness.ALERT, 0),
        (Consciousness.NEW_CONFUSION, 3),
        (Consciousness.VOICE, 3),
        (Consciousness.PAIN, 3),
        (Consciousness.UNRESPONSIVE, 3),
    ],
)
def test_consciousness(level: Consciousness, score: int) -> None:
    assert score_consciousness(level) == score


@pytest.mark.parametrize(
    ("celsius", "score"),
    [
        (33.0, 3),
        (35.0, 3),
        (35.05, 1),
        (35.1, 1),
        (36.0, 1),
        (36.1, 0),
        (38.0, 0),
        (38.1, 1),
        (39.0, 1),
        (39.1, 2),
        (41.0, 2),
    ],
)
def test_temperature(celsius: float, score: int) -> None:
    assert score_temperature(celsius) == score


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_impossible_inputs_raise(bad: float) -> None:
    with pytest.raises(News2InputError) as caught:
        score_pulse(bad)
    assert caught.value.parameter is Parameter.PULSE
    assert caught.value.key.startswith("news2.input.")


def test_all_normal_scores_zero() -> None:
    result = calculate(NORMAL)
    assert result.complete
    assert result.aggregate == 0
    assert result.band is ResponseBand.ZERO
    assert result.message_key == "news2.band.zero"
    assert [s.score for s in result.subscores] == [0] * 7


def test_known_example_sums_each_subscore() -> None:
    result = calculate(
        News2Inputs(
            respiration_rate=22,  # 2
            spo2=94,  # 1 on scale 1
            on_oxygen=True,  # 2
            systolic_bp=105,  # 1
            pulse=115,  # 2
            consciousness=Consciousness.ALERT,  # 0
            temperature=38.5,  # 1
        )
    )
    assert result.subscore(Parameter.RESPIRATION_RATE) == 2
    assert result.subscore(Parameter.SPO2) == 1
    assert result.subscore(Parameter.AIR_OR_OXYGEN) == 2
    assert result.subscore(Parameter.SYSTOLIC_BP) == 1
    assert result.subscore(Parameter.PULSE) == 2
    assert result.subscore(Parameter.CONSCIOUSNESS) == 0
    assert result.subscore(Parameter.TEMPERATURE) == 1
    assert result.aggregate == 9
    assert result.band is ResponseBand.HIGH


def test_scale_2_only_when_chosen() -> None:
    hypercapnic = News2Inputs(**{**NORMAL.__dict__, "spo2": 89, "on_oxygen": False})
    assert calculate(hypercapnic).subscore(Parameter.SPO2) == 3
    scale_2 = News2Inputs(**{**hypercapnic.__dict__, "spo2_scale": SpO2Scale.SCALE_2})
    result = calculate(scale_2)
    assert result.subscore(Parameter.SPO2) == 0
    assert result.spo2_scale is SpO2Scale.SCALE_2


def test_scale_2_high_spo2_on_oxygen_scores_and_adds_oxygen_points() -> None:
    inputs = News2Inputs(**{**NORMAL.__dict__, "spo2": 97, "on_oxygen": True})
    assert calculate(inputs).aggregate == 2  # scale 1: 97 % scores 0, oxygen 2
    result = calculate(News2Inputs(**{**inputs.__dict__, "spo2_scale": SpO2Scale.SCALE_2}))
    assert result.subscore(Parameter.SPO2) == 3
    assert result.aggregate == 5
    assert result.band is ResponseBand.MEDIUM


def test_scale_2_high_spo2_without_oxygen_status_is_unscored() -> None:
    inputs = News2Inputs(
        **{**NORMAL.__dict__, "spo2": 95, "on_oxygen": None, "spo2_scale": SpO2Scale.SCALE_2}
    )
    result = calculate(inputs)
    assert set(result.missing) == {Parameter.SPO2, Parameter.AIR_OR_OXYGEN}
    assert result.aggregate is None
    low = calculate(News2Inputs(**{**inputs.__dict__, "spo2": 85}))
    assert low.subscore(Parameter.SPO2) == 2
    assert low.missing == (Parameter.AIR_OR_OXYGEN,)


@pytest.mark.parametrize(
    "field",
    [
        "respiration_rate",
        "spo2",
        "on_oxygen",
        "systolic_bp",
        "pulse",
        "consciousness",
        "temperature",
    ],
)
def test_missing_parameter_makes_the_set_incomplete(field: str) -> None:
    result = calculate(News2Inputs(**{**NORMAL.__dict__, field: None}))
    assert not result.complete
    assert len(result.missing) == 1
    assert result.aggregate is None
    assert result.band is None
    assert result.message_key == "news2.incomplete"
    assert len(result.subscores) == 6


def test_partial_set_still_reports_red_parameters() -> None:
    result = calculate(News2Inputs(respiration_rate=30))
    assert result.red_parameters == (Parameter.RESPIRATION_RATE,)
    assert result.aggregate is None
    assert len(result.missing) == 6


# RCP NEWS2 Chart 2: "a score of 3 in any individual parameter" needs an urgent ward-based
# response; missing parameters can only add points, so the measured ones bound the band below.
@pytest.mark.parametrize(
    ("inputs", "least", "key"),
    [
        (News2Inputs(respiration_rate=30), ResponseBand.LOW_MEDIUM, "news2.partial.low-medium"),
        (News2Inputs(consciousness=Consciousness.NEW_CONFUSION), ResponseBand.LOW_MEDIUM, None),
        (News2Inputs(pulse=125, temperature=39.5, respiration_rate=22), ResponseBand.MEDIUM, None),
        # The set: RR 29, SpO2 82, BP 83/59, pulse 117, ACVPU V, 39.6 °C, air/O2 unknown.
        (
            News2Inputs(
                respiration_rate=29,
                spo2=82,
                systolic_bp=83,
                pulse=117,
                consciousness=Consciousness.VOICE,
                temperature=39.6,
            ),
            ResponseBand.HIGH,
            "news2.partial.high",
        ),
        (News2Inputs(pulse=95, temperature=38.5), ResponseBand.LOW, "news2.incomplete"),
        (News2Inputs(pulse=80), ResponseBand.ZERO, "news2.incomplete"),
    ],
)
def test_a_partial_set_gives_the_band_it_reaches_at_least(
    inputs: News2Inputs, least: ResponseBand, key: str | None
) -> None:
    result = calculate(inputs)
    assert not result.complete
    assert result.band is None
    assert result.least_band is least
    urgent = least.rank >= ResponseBand.LOW_MEDIUM.rank
    assert result.urgent_while_partial is urgent
    assert result.message_key == (key or f"news2.partial.{least.value}")
    assert next_measurement_due(result, measured_at=datetime(2025, 3, 1, tzinfo=UTC)) == datetime(
        2025, 3, 1, tzinfo=UTC
    )


def test_a_full_set_reaches_its_own_band_at_least() -> None:
    result = calculate(NORMAL)
    assert result.least_band is result.band
    assert not result.urgent_while_partial


@pytest.mark.parametrize(
    ("aggregate", "red", "band"),
    [
        (0, False, ResponseBand.ZERO),
        (1, False, ResponseBand.LOW),
        (4, False, ResponseBand.LOW),
        (3, True, ResponseBand.LOW_MEDIUM),
        (4, True, ResponseBand.LOW_MEDIUM),
        (5, False, ResponseBand.MEDIUM),
        (5, True, ResponseBand.MEDIUM),
        (6, False, ResponseBand.MEDIUM),
        (6, True, ResponseBand.MEDIUM),
        (7, False, ResponseBand.HIGH),
        (7, True, ResponseBand.HIGH),
        (20, True, ResponseBand.HIGH),
    ],
)
def test_response_bands(aggregate: int, red: bool, band: ResponseBand) -> None:
    assert response_band(aggregate, has_red_score=red) is band


def test_single_red_parameter_band_from_full_set() -> None:
    result = calculate(News2Inputs(**{**NORMAL.__dict__, "consciousness": Consciousness.VOICE}))
    assert result.aggregate == 3
    assert result.band is ResponseBand.LOW_MEDIUM
    assert result.red_parameters == (Parameter.CONSCIOUSNESS,)


@pytest.mark.parametrize(
    ("band", "interval"),
    [
        (ResponseBand.ZERO, timedelta(hours=12)),
        (ResponseBand.LOW, timedelta(hours=4)),
        (ResponseBand.LOW_MEDIUM, timedelta(hours=1)),
        (ResponseBand.MEDIUM, timedelta(hours=1)),
        (ResponseBand.HIGH, None),
    ],
)
def test_monitoring_intervals(band: ResponseBand, interval: timedelta | None) -> None:
    assert band.monitoring_interval == interval


def test_next_measurement_due() -> None:
    at = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    assert next_measurement_due(calculate(NORMAL), measured_at=at) == at + timedelta(hours=12)
    high = calculate(
        News2Inputs(
            **{**NORMAL.__dict__, "respiration_rate": 30, "pulse": 135, "temperature": 39.5}
        )
    )
    assert next_measurement_due(high, measured_at=at) is None
    partial = calculate(News2Inputs(pulse=80))
    assert next_measurement_due(partial, measured_at=at) == at


def test_every_band_and_notice_has_both_languages() -> None:
    keys = {band.message_key for band in ResponseBand} | {"news2.incomplete"}
    keys |= {f"news2.partial.{b.value}" for b in ResponseBand if b.rank >= 2}
    assert keys <= set(MESSAGES)
    for key in keys:
        assert MESSAGES[key]["nb"]
        assert MESSAGES[key]["en"]
        assert MESSAGES[key]["nb"] != MESSAGES[key]["en"]
    assert ResponseBand.HIGH.response_text("nb").startswith("NEWS2 7")


inputs_strategy = st.builds(
    News2Inputs,
    respiration_rate=st.integers(0, 70),
    spo2=st.integers(40, 100),
    on_oxygen=st.booleans(),
    systolic_bp=st.integers(40, 300),
    pulse=st.integers(20, 250),
    consciousness=st.sampled_from(Consciousness),
    temperature=st.floats(25.0, 44.0, allow_nan=False),
    spo2_scale=st.sampled_from(SpO2Scale),
)


@DETERMINISTIC
@given(inputs_strategy)
def test_aggregate_is_the_sum_of_seven_subscores(inputs: News2Inputs) -> None:
    result = calculate(inputs)
    assert result.complete
    assert len(result.subscores) == 7
    assert result.aggregate == sum(s.score for s in result.subscores)
    assert 0 <= (result.aggregate or 0) <= 20
    assert all(0 <= s.score <= 3 for s in result.subscores)


@DETERMINISTIC
@given(inputs_strategy)
def test_band_is_consistent_with_aggregate_and_red_scores(inputs: News2Inputs) -> None:
    result = calculate(inputs)
    band = result.band
    assert band is not None
    total = result.aggregate or 0
    if total >= 7:
        assert band is ResponseBand.HIGH
    elif total >= 5:
        assert band is ResponseBand.MEDIUM
    elif result.red_parameters:
        assert band is ResponseBand.LOW_MEDIUM
    assert (band is ResponseBand.ZERO) == (total == 0)


@DETERMINISTIC
@given(st.integers(0, 20), st.integers(0, 20), st.booleans())
def test_band_is_monotone(a: int, b: int, red: bool) -> None:
    low, high = sorted((a, b))
    if red and low < 3:
        return  # a red score implies an aggregate of at least 3
    assert response_band(low, has_red_score=red).rank <= response_band(high, has_red_score=red).rank
    assert (
        response_band(low, has_red_score=False).rank <= response_band(low, has_red_score=red).rank
    )


@DETERMINISTIC
@given(inputs_strategy, st.sampled_from([f for f in News2Inputs.__dataclass_fields__]))
def test_removing_any_input_never_yields_a_total(inputs: News2Inputs, field: str) -> None:
    if field == "spo2_scale":
        return
    result = calculate(News2Inputs(**{**inputs.__dict__, field: None}))
    assert result.aggregate is None
    assert result.band is None


@DETERMINISTIC
@given(st.floats(0, 80, allow_nan=False), st.floats(0, 80, allow_nan=False))
def test_respiration_score_is_u_shaped(a: float, b: float) -> None:
    # Further from the normal range never scores lower.
    low, high = sorted((a, b))
    if low >= 16:
        assert score_respiration_rate(low) <= score_respiration_rate(high)
    if high <= 16:
        assert score_respiration_rate(low) >= score_respiration_rate(high)
