"""NEWS2 (Royal College of Physicians 2017): subscores, aggregate and clinical response band.

The thresholds are Chart 1 of the RCP NEWS2 report, written upper-inclusive (``<= 35.0``,
``<= 36.0`` ...) so decimal input is banded consistently. A parameter that was not measured
is reported as missing and the aggregate is then ``None``: a partial set is never scored as if
the missing values were normal. A partial set is not silent either: a missing parameter can only
add points, so the measured ones give the band the set reaches *at least* (``least_band``), and
RCP Chart 2 asks for an urgent ward-based response to a single parameter scoring 3 (a red
score) whether or not the rest was measured.

Errors: ``News2InputError`` (a ``ValueError``) for values no measurement can produce
(negative, not finite). Plausibility of the values themselves is ``clinical.vitals``' job.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum, IntEnum, StrEnum
from types import MappingProxyType
from typing import Final, Literal

Language = Literal["nb", "en"]


class News2InputError(ValueError):
    """A NEWS2 input that no measurement can produce; ``key`` names it for the UI."""

    def __init__(self, key: str, parameter: Parameter) -> None:
        super().__init__(f"{key}: {parameter.value}")
        self.key = key
        self.parameter = parameter


class Parameter(StrEnum):
    """The seven NEWS2 parameters, in chart order."""

    RESPIRATION_RATE = "respiration-rate"
    SPO2 = "spo2"
    AIR_OR_OXYGEN = "air-or-oxygen"
    SYSTOLIC_BP = "systolic-bp"
    PULSE = "pulse"
    CONSCIOUSNESS = "consciousness"
    TEMPERATURE = "temperature"


class SpO2Scale(IntEnum):
    """Which SpO2 row to score; scale 2 needs a documented decision (hypercapnic failure)."""

    SCALE_1 = 1
    SCALE_2 = 2


class Consciousness(StrEnum):
    """ACVPU. ``C`` is *new* confusion; C, V, P and U all score 3."""

    ALERT = "A"
    NEW_CONFUSION = "C"
    VOICE = "V"
    PAIN = "P"
    UNRESPONSIVE = "U"


# Chart 1 rows as (upper-inclusive limit, points) steps; values above the last limit score
# the row's final points.
_Steps = tuple[tuple[float, int], ...]
_RESPIRATION: Final[_Steps] = ((8, 3), (11, 1), (20, 0), (24, 2))
_SPO2_SCALE_1: Final[_Steps] = ((91, 3), (93, 2), (95, 1))
_SPO2_SCALE_2_AIR: Final[_Steps] = ((83, 3), (85, 2), (87, 1))
_SPO2_SCALE_2_OXYGEN: Final[_Steps] = ((83, 3), (85, 2), (87, 1), (92, 0), (94, 1), (96, 2))
_SYSTOLIC: Final[_Steps] = ((90, 3), (100, 2), (110, 1), (219, 0))
_PULSE: Final[_Steps] = ((40, 3), (50, 1), (90, 0), (110, 1), (130, 2))
_TEMPERATURE: Final[_Steps] = ((35.0, 3), (36.0, 1), (38.0, 0), (39.0, 1))


def _score(value: float, parameter: Parameter, steps: _Steps, *, above: int) -> int:
    if not math.isfinite(value):
        raise News2InputError("news2.input.not_finite", parameter)
    if value < 0:
        raise News2InputError("news2.input.negative", parameter)
    for limit, points in steps:
        if value <= limit:
            return points
    return above


def score_respiration_rate(rate: float) -> int:
    """Subscore for respirations per minute: <=8 3, 9-11 1, 12-20 0, 21-24 2, >=25 3."""
    return _score(rate, Parameter.RESPIRATION_RATE, _RESPIRATION, above=3)


def score_spo2_scale_1(spo2: float) -> int:
    """Subscore for SpO2 % on scale 1: <=91 3, 92-93 2, 94-95 1, >=96 0."""
    return _score(spo2, Parameter.SPO2, _SPO2_SCALE_1, above=0)


def score_spo2_scale_2(spo2: float, *, on_oxygen: bool) -> int:
    """Subscore for SpO2 % on scale 2.

    <=83 3, 84-85 2, 86-87 1, 88-92 0, >=93 on air 0; on oxygen 93-94 1, 95-96 2, >=97 3.
    """
    if on_oxygen:
        return _score(spo2, Parameter.SPO2, _SPO2_SCALE_2_OXYGEN, above=3)
    return _score(spo2, Parameter.SPO2, _SPO2_SCALE_2_AIR, above=0)


def score_air_or_oxygen(*, on_oxygen: bool) -> int:
    """Subscore for supplemental oxygen: oxygen 2, air 0."""
    return 2 if on_oxygen else 0


def score_systolic_bp(systolic: float) -> int:
    """Subscore for systolic mmHg: <=90 3, 91-100 2, 101-110 1, 111-219 0, >=220 3."""
    return _score(systolic, Parameter.SYSTOLIC_BP, _SYSTOLIC, above=3)


def score_pulse(pulse: float) -> int:
    """Subscore for pulse per minute: <=40 3, 41-50 1, 51-90 0, 91-110 1, 111-130 2, >=131 3."""
    return _score(pulse, Parameter.PULSE, _PULSE, above=3)


def score_consciousness(level: Consciousness) -> int:
    """Subscore for ACVPU: alert 0, any of C, V, P, U 3."""
    return 0 if level is Consciousness.ALERT else 3


def score_temperature(celsius: float) -> int:
    """Subscore for temperature °C: <=35.0 3, 35.1-36.0 1, 36.1-38.0 0, 38.1-39.0 1, >=39.1 2."""
    return _score(celsius, Parameter.TEMPERATURE, _TEMPERATURE, above=2)


@dataclass(frozen=True)
class News2Inputs:
    """One set of observations; ``None`` means not measured.

    ``spo2_scale`` must be ``SCALE_2`` only when the patient carries a documented clinical
    decision for it (type 2 respiratory failure, target 88-92 %); the caller reads that
    decision from the record, never from the measurement.
    """

    respiration_rate: float | None = None
    spo2: float | None = None
    on_oxygen: bool | None = None
    systolic_bp: float | None = None
    pulse: float | None = None
    consciousness: Consciousness | None = None
    temperature: float | None = None
    spo2_scale: SpO2Scale = SpO2Scale.SCALE_1


class ResponseBand(Enum):
    """RCP clinical response bands, ordered by urgency; ``value`` is the stable code."""

    ZERO = "zero"
    LOW = "low"
    LOW_MEDIUM = "low-medium"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """Urgency order: 0 for ``ZERO`` up to 4 for ``HIGH``."""
        return _BAND_ORDER.index(self)

    @property
    def monitoring_interval(self) -> timedelta | None:
        """Longest time to the next set; ``None`` means continuous monitoring."""
        return _INTERVALS[self]

    @property
    def message_key(self) -> str:
        """Key of the response text in ``MESSAGES``."""
        return f"news2.band.{self.value}"

    def response_text(self, language: Language) -> str:
        """The plain-language clinical response for this band."""
        return MESSAGES[self.message_key][language]


_BAND_ORDER: Final = (
    ResponseBand.ZERO,
    ResponseBand.LOW,
    ResponseBand.LOW_MEDIUM,
    ResponseBand.MEDIUM,
    ResponseBand.HIGH,
)

# RCP Chart 2 minimum frequencies. For 1-4 the chart says "4-6 hourly"; the stricter end is
# used for the due time so a patient is never measured later than the chart allows.
_INTERVALS: Final[MappingProxyType[ResponseBand, timedelta | None]] = MappingProxyType(
    {
        ResponseBand.ZERO: timedelta(hours=12),
        ResponseBand.LOW: timedelta(hours=4),
        ResponseBand.LOW_MEDIUM: timedelta(hours=1),
        ResponseBand.MEDIUM: timedelta(hours=1),
        ResponseBand.HIGH: None,
    }
)

MESSAGES: Final[MappingProxyType[str, MappingProxyType[Language, str]]] = MappingProxyType(
    {
        key: MappingProxyType({"nb": nb, "en": en})
        for key, nb, en in (
            (
                "news2.band.zero",
                "NEWS2 0: Fortsett rutinemessige målinger, minst hver 12. time.",
                "NEWS2 0: Continue routine monitoring, at least every 12 hours.",
            ),
            (
                "news2.band.low",
                "NEWS2 1–4 (lav risiko): Mål minst hver 4.–6. time. Sykepleier vurderer om "
                "målingene skal gjøres oftere og om lege skal kontaktes.",
                "NEWS2 1–4 (low risk): Measure at least every 4–6 hours. A registered nurse "
                "decides whether to monitor more often or escalate.",
            ),
            (
                "news2.band.low-medium",
                "Én parameter gir 3 (lav–middels risiko): Mål minst hver time. Sykepleier "
                "informerer lege, som avgjør om tilstanden skal vurderes raskt.",
                "One parameter scores 3 (low–medium risk): Measure at least hourly. The nurse "
                "informs the doctor, who decides whether urgent assessment is needed.",
            ),
            (
                "news2.band.medium",
                "NEWS2 5–6 (middels risiko): Mål minst hver time. Kontakt lege straks for "
                "akutt vurdering innen én time.",
                "NEWS2 5–6 (medium risk): Measure at least hourly. Contact the doctor at once "
                "for urgent assessment within one hour.",
            ),
            (
                "news2.band.high",
                "NEWS2 7 eller mer (høy risiko): Kontinuerlig overvåking. Tilkall lege "
                "umiddelbart for akutt vurdering; vurder innleggelse.",
                "NEWS2 7 or more (high risk): Continuous monitoring. Call the doctor "
                "immediately for emergency assessment; consider transfer to hospital.",
            ),
            (
                "news2.partial.low-medium",
                "Ufullstendig sett, men én parameter gir 3 (rød): Rask vurdering på avdelingen, "
                "også uten de andre målingene. Sykepleier informerer lege straks, mål minst hver "
                "time, og mål det som mangler.",
                "Incomplete set, but a single parameter scores 3 (red): an urgent ward-based "
                "response, even without the other measurements. The nurse informs the doctor at "
                "once, measures at least hourly, and measures what is missing.",
            ),
            (
                "news2.partial.medium",
                "Ufullstendig sett, men de målte parameterne gir alt 5 eller mer: Kontakt lege "
                "straks for akutt vurdering innen én time, og mål det som mangler.",
                "Incomplete set, but the measured parameters already score 5 or more: contact "
                "the doctor at once for urgent assessment within one hour, and measure what is "
                "missing.",
            ),
            (
                "news2.partial.high",
                "Ufullstendig sett, men de målte parameterne gir alt 7 eller mer: Kontinuerlig "
                "overvåking. Tilkall lege umiddelbart for akutt vurdering; vurder innleggelse.",
                "Incomplete set, but the measured parameters already score 7 or more: "
                "continuous monitoring. Call the doctor immediately for emergency assessment; "
                "consider transfer to hospital.",
            ),
            (
                "news2.incomplete",
                "Ufullstendig NEWS2: alle sju parametere må være målt for å gi en samlet skår.",
                "Incomplete NEWS2: all seven parameters must be measured for a total score.",
            ),
        )
    }
)


def response_band(aggregate: int, *, has_red_score: bool) -> ResponseBand:
    """The RCP response band for an aggregate and whether any single parameter scored 3."""
    if aggregate < 0:
        msg = "aggregate must not be negative"
        raise ValueError(msg)
    if aggregate >= 7:
        return ResponseBand.HIGH
    if aggregate >= 5:
        return ResponseBand.MEDIUM
    if has_red_score:
        return ResponseBand.LOW_MEDIUM
    if aggregate >= 1:
        return ResponseBand.LOW
    return ResponseBand.ZERO


@dataclass(frozen=True)
class Subscore:
    """One parameter's NEWS2 points."""

    parameter: Parameter
    score: int


@dataclass(frozen=True)
class News2Result:
    """Subscores of the measured parameters; aggregate and band only when all seven are present."""

    subscores: tuple[Subscore, ...]
    missing: tuple[Parameter, ...]
    spo2_scale: SpO2Scale

    @property
    def complete(self) -> bool:
        """True when every parameter was measured."""
        return not self.missing

    @property
    def red_parameters(self) -> tuple[Parameter, ...]:
        """Measured parameters scoring 3 (shown even on a partial set)."""
        return tuple(s.parameter for s in self.subscores if s.score == 3)

    @property
    def aggregate(self) -> int | None:
        """Sum of the subscores, or ``None`` for a partial set."""
        if self.missing:
            return None
        return sum(s.score for s in self.subscores)

    @property
    def band(self) -> ResponseBand | None:
        """Clinical response band, or ``None`` for a partial set."""
        total = self.aggregate
        if total is None:
            return None
        return response_band(total, has_red_score=bool(self.red_parameters))

    @property
    def least_band(self) -> ResponseBand:
        """The band the set reaches at least: a full set's own band; for a partial set, the
        band of the measured points alone (a missing parameter can only add points)."""
        measured = sum(s.score for s in self.subscores)
        return response_band(measured, has_red_score=bool(self.red_parameters))

    @property
    def urgent_while_partial(self) -> bool:
        """A partial set that already needs an urgent response (RCP Chart 2): a red score, or
        measured points of 5 or more."""
        return not self.complete and self.least_band.rank >= ResponseBand.LOW_MEDIUM.rank

    @property
    def message_key(self) -> str:
        """Key in ``MESSAGES`` of the response: the band's; for a partial set the urgent
        response it already needs, else the incomplete-set notice."""
        band = self.band
        if band is not None:
            return band.message_key
        if self.urgent_while_partial:
            return f"news2.partial.{self.least_band.value}"
        return "news2.incomplete"

    def subscore(self, parameter: Parameter) -> int | None:
        """The parameter's points, or ``None`` when it was not measured."""
        for s in self.subscores:
            if s.parameter is parameter:
                return s.score
        return None


def _spo2_subscore(inputs: News2Inputs) -> int | None:
    if inputs.spo2 is None:
        return None
    if inputs.spo2_scale is SpO2Scale.SCALE_1:
        return score_spo2_scale_1(inputs.spo2)
    if inputs.on_oxygen is None:
        # Scale 2 scores 93 % and above by whether oxygen is given; unknown means unscored.
        score = score_spo2_scale_2(inputs.spo2, on_oxygen=False)
        return None if inputs.spo2 > 92 else score
    return score_spo2_scale_2(inputs.spo2, on_oxygen=inputs.on_oxygen)


def calculate(inputs: News2Inputs) -> News2Result:
    """Score a set of observations by RCP NEWS2 Chart 1."""
    scores: dict[Parameter, int | None] = {
        Parameter.RESPIRATION_RATE: (
            None
            if inputs.respiration_rate is None
            else score_respiration_rate(inputs.respiration_rate)
        ),
        Parameter.SPO2: _spo2_subscore(inputs),
        Parameter.AIR_OR_OXYGEN: (
            None if inputs.on_oxygen is None else score_air_or_oxygen(on_oxygen=inputs.on_oxygen)
        ),
        Parameter.SYSTOLIC_BP: (
            None if inputs.systolic_bp is None else score_systolic_bp(inputs.systolic_bp)
        ),
        Parameter.PULSE: None if inputs.pulse is None else score_pulse(inputs.pulse),
        Parameter.CONSCIOUSNESS: (
            None if inputs.consciousness is None else score_consciousness(inputs.consciousness)
        ),
        Parameter.TEMPERATURE: (
            None if inputs.temperature is None else score_temperature(inputs.temperature)
        ),
    }
    return News2Result(
        subscores=tuple(Subscore(p, s) for p, s in scores.items() if s is not None),
        missing=tuple(p for p, s in scores.items() if s is None),
        spo2_scale=inputs.spo2_scale,
    )


def next_measurement_due(result: News2Result, *, measured_at: datetime) -> datetime | None:
    """When the next full set is due by the band's minimum frequency.

    ``None`` means continuous monitoring. A partial set is due again at once (``measured_at``):
    it gives no band to wait on.
    """
    band = result.band
    if band is None:
        return measured_at
    interval = band.monitoring_interval
    return None if interval is None else measured_at + interval
