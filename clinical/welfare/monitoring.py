"""What a remote-monitoring care plan expects to be measured, and which measurements were missed.

VKP gives no structured measurement schedule (its care plan is a visit plan; a DHO system sends
a missed measurement as a DetectedIssue 5.3.2 "Måling ikke rapportert"). Pleiepunkt's own plan
is a ``CarePlan`` with ``category`` ``REMOTE_MONITORING``: each ``activity.detail`` names what
to measure by LOINC (``code``) and when, as an R4 ``scheduledTiming`` with ``repeat.timeOfDay``
(and optionally ``dayOfWeek``), in the clinical time zone.

A scheduled measurement is *missed* when nothing of its code was measured from ``before`` ahead
of its time until ``grace`` after it, and that window has passed. The plan's ``period`` and the
activity's ``status`` (not-started, scheduled, in-progress) bound what is expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from clinical.fhir_read import codings, concept_text, parse_datetime
from clinical.welfare.measurements import canonical_code

PLEIEPUNKT: Final = "http://pleiepunkt.no/fhir"
CAREPLAN_CATEGORY_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/careplan-category"
REMOTE_MONITORING: Final = "remote-monitoring"
_LIVE_ACTIVITY: Final = frozenset({"not-started", "scheduled", "in-progress"})
_DAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_BEFORE: Final = timedelta(hours=2)
DEFAULT_GRACE: Final = timedelta(hours=3)


@dataclass(frozen=True, slots=True)
class ExpectedMeasurement:
    """One measurement a plan expects: what (LOINC ``code``), its name, when, and the plan."""

    code: str
    name: str
    due_at: datetime
    plan_id: str


def is_monitoring_plan(plan: Mapping[str, Any]) -> bool:
    """An active remote-monitoring CarePlan."""
    if plan.get("resourceType") != "CarePlan" or plan.get("status") != "active":
        return False
    return any(
        system == CAREPLAN_CATEGORY_SYSTEM and code == REMOTE_MONITORING
        for concept in plan.get("category") or ()
        for system, code, _d in codings(concept)
    )


def _times(repeat: Mapping[str, Any]) -> list[time]:
    found = []
    for text in repeat.get("timeOfDay") or ():
        try:
            found.append(time.fromisoformat(str(text)))
        except ValueError:
            continue
    return found


def _days(repeat: Mapping[str, Any]) -> set[int] | None:
    names = [str(d) for d in repeat.get("dayOfWeek") or ()]
    return {_DAYS.index(n) for n in names if n in _DAYS} or None


def _bounds(plan: Mapping[str, Any]) -> tuple[datetime | None, datetime | None]:
    period = plan.get("period")
    if not isinstance(period, Mapping):
        return None, None
    return parse_datetime(period.get("start")), parse_datetime(period.get("end"))


def expected_measurements(
    plans: Iterable[Mapping[str, Any]], *, start: datetime, end: datetime, zone: ZoneInfo
) -> list[ExpectedMeasurement]:
    """The measurements ``plans`` expect with a time in ``[start, end)``, oldest first."""
    found: list[ExpectedMeasurement] = []
    for plan in plans:
        if not is_monitoring_plan(plan):
            continue
        plan_start, plan_end = _bounds(plan)
        for activity in plan.get("activity") or ():
            detail = activity.get("detail") if isinstance(activity, Mapping) else None
            if not isinstance(detail, Mapping) or detail.get("status") not in _LIVE_ACTIVITY:
                continue
            code = next(
                (
                    c
                    for system, value, _d in codings(detail.get("code"))
                    if (c := canonical_code(system, value)) is not None
                ),
                None,
            )
            timing = detail.get("scheduledTiming")
            repeat = timing.get("repeat") if isinstance(timing, Mapping) else None
            if code is None or not isinstance(repeat, Mapping):
                continue
            times, days = _times(repeat), _days(repeat)
            name = concept_text(detail.get("code")) or code
            day: date = start.astimezone(zone).date() - timedelta(days=1)
            while day <= end.astimezone(zone).date():
                if days is None or day.weekday() in days:
                    for moment in times:
                        due = datetime.combine(day, moment, tzinfo=zone)
                        if not start <= due < end:
                            continue
                        if (plan_start and due < plan_start) or (plan_end and due >= plan_end):
                            continue
                        found.append(ExpectedMeasurement(code, name, due, str(plan.get("id", ""))))
                day += timedelta(days=1)
    found.sort(key=lambda e: (e.due_at.astimezone(UTC), e.code))
    return found


def missed_measurements(
    expected: Sequence[ExpectedMeasurement],
    measured: Mapping[str, Sequence[datetime]],
    *,
    now: datetime,
    before: timedelta = DEFAULT_BEFORE,
    grace: timedelta = DEFAULT_GRACE,
) -> list[ExpectedMeasurement]:
    """The expected measurements nothing was measured for in ``[due - before, due + grace)``,
    once ``due + grace`` has passed. ``measured`` maps a LOINC code to when it was measured."""
    missed = []
    for item in expected:
        closes = item.due_at + grace
        if closes > now:
            continue
        opens = item.due_at - before
        if not any(opens <= at < closes for at in measured.get(item.code, ())):
            missed.append(item)
    return missed
