"""The trend's measurement sets judged against the patient's limits (pure, no store, no Qt).

Each value of each set, staff's and home, is judged against the patient's limits
(``clinical.welfare.limits``: the limit Goals, and limits sent with the measurement, which win
for that value). The trend marks what lies outside and draws the limits of the series shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.bedside.vitals_history import SERIES_CODE, MeasurementSet, Series, measurement_sets
from app.followup.values import TrendRecords
from clinical.welfare.limits import Judgement, Limit, goal_limits, judge


@dataclass(frozen=True, slots=True)
class JudgedSet:
    """A measurement set and, by the LOINC code of each value, how it stands to the limits
    (values without a limit are left out)."""

    measured: MeasurementSet
    judgements: Mapping[str, Judgement] = field(default_factory=dict)

    def level_of(self, code: str) -> int:
        """0 within (or no limit), 1 past a yellow limit, 2 past a red one."""
        found = self.judgements.get(code)
        return 0 if found is None else int(found.level)


@dataclass(frozen=True, slots=True)
class JudgedTrend:
    """The period's sets, oldest first, judged; and the patient's limits from their Goals."""

    sets: Sequence[JudgedSet]
    limits: Sequence[Limit]

    def limits_of(self, series: Series) -> list[Limit]:
        """The Goal limits of the value ``series`` plots."""
        code = SERIES_CODE.get(series)
        return [limit for limit in self.limits if limit.code == code]


def judged_trend(records: TrendRecords) -> JudgedTrend:
    """The records' sets, each value judged against the patient's limits."""
    limits = goal_limits(records.goals)
    sets = []
    for measured in measurement_sets(records.observations):
        judgements: dict[str, Judgement] = {}
        for value in measured.measured:
            found = judge(value, [*limits, *measured.sent_limits])
            if found is not None:
                judgements[value.code] = found
        sets.append(JudgedSet(measured, judgements))
    return JudgedTrend(sets, limits)
