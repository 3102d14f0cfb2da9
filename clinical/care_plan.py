"""Care-plan activities (tiltak) and when they fall due, from FHIR R4 CarePlan JSON (stdlib only).

A tiltaksplan is a CarePlan whose ``activity.detail`` holds what to do (``code`` where coded,
else ``description`` or the code's text), when (``scheduledTiming``, ``scheduledPeriod`` or
nothing) and its own ``status``; VKP's ``vkp-CarePlan`` and its examples use exactly these
elements (research note issue18-design §3.1, HL7Norway/Velferdsteknologi
``examples/STU3/Arbeidsplan-CarePlan.xml``: ``scheduledTiming.repeat`` with ``timeOfDay`` and
``dayOfWeek``). The Timing is the FHIR ``Timing`` datatype a dose schedule uses too, so it is
expanded by the same reader (``clinical.doses.scheduled_doses``): named times of day, clock
times, weekdays, intervals, bounds, with the same refusal of what it cannot read safely.

Only plans ``active`` with activities not ``completed``, ``cancelled``, ``stopped``,
``entered-in-error`` or ``on-hold`` produce occurrences. An activity whose timing cannot be read
is reported (``ActivityProblem``), never silently dropped; one without any timing is due once a
shift, at no set time (``Occurrence.due_at`` None).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from clinical.doses import OSLO, ActivePeriod, DosageError, scheduled_doses
from clinical.fhir_read import concept_text, dicts, parse_datetime, text

_CLOSED_ACTIVITY: Final = frozenset(
    {"completed", "cancelled", "stopped", "entered-in-error", "on-hold", "not-started-never"}
)


@dataclass(frozen=True)
class PlannedActivity:
    """One activity of a care plan: what, how it is coded, and its timing as written."""

    care_plan_id: str
    patient_id: str
    index: int
    title: str
    description: str
    code: Mapping[str, Any] | None
    timing: Mapping[str, Any] | None
    period: Mapping[str, Any] | None
    plan_period: ActivePeriod


@dataclass(frozen=True)
class Occurrence:
    """One time an activity is due; ``key`` names it the same on every computer."""

    activity: PlannedActivity
    due_at: datetime | None
    key: str


@dataclass(frozen=True)
class ActivityProblem:
    """An activity whose timing could not be read safely (``key``: the timing rule's key)."""

    activity: PlannedActivity
    key: str


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def planned_activities(
    care_plan: Mapping[str, Any], *, tz: ZoneInfo = OSLO
) -> list[PlannedActivity]:
    """The open activities of an active CarePlan (none for any other status)."""
    if care_plan.get("resourceType") != "CarePlan" or care_plan.get("status") != "active":
        return []
    plan_id = text(care_plan.get("id"))
    subject = care_plan.get("subject")
    patient = text(subject.get("reference")) if isinstance(subject, Mapping) else ""
    if not plan_id or not patient.startswith("Patient/"):
        return []
    bounds = care_plan.get("period")
    try:
        plan_period = (
            ActivePeriod.from_fhir(bounds, tz=tz) if isinstance(bounds, Mapping) else ActivePeriod()
        )
    except DosageError:
        plan_period = ActivePeriod()
    found = []
    for index, activity in enumerate(dicts(care_plan.get("activity"))):
        detail = activity.get("detail")
        if not isinstance(detail, Mapping) or detail.get("status") in _CLOSED_ACTIVITY:
            continue
        code = detail.get("code") if isinstance(detail.get("code"), Mapping) else None
        description = text(detail.get("description"))
        title = concept_text(code) or description
        if not title:
            continue
        timing = detail.get("scheduledTiming")
        period = detail.get("scheduledPeriod")
        found.append(
            PlannedActivity(
                care_plan_id=plan_id,
                patient_id=patient.removeprefix("Patient/").split("/_history/")[0],
                index=index,
                title=title,
                description=description if description != title else "",
                code=code,
                timing=timing if isinstance(timing, Mapping) else None,
                period=period if isinstance(period, Mapping) else None,
                plan_period=plan_period,
            )
        )
    return found


def occurrence_key(activity: PlannedActivity, due_at: datetime | None, *, shift: str) -> str:
    """``CarePlan/<id>/activity/<index>/<due instant>`` (``/shift-<shift>`` when untimed)."""
    when = _instant(due_at) if due_at is not None else f"shift-{shift}"
    return f"CarePlan/{activity.care_plan_id}/activity/{activity.index}/{when}"


def occurrences(
    activities: Sequence[PlannedActivity],
    *,
    window: tuple[datetime, datetime],
    shift_key: str,
    tz: ZoneInfo = OSLO,
) -> tuple[list[Occurrence], list[ActivityProblem]]:
    """Every time each activity is due in ``window`` ([start, end)), and the activities whose
    timing cannot be read. ``shift_key`` (e.g. the shift's start) names the one occurrence of
    an untimed activity in this shift."""
    start, end = window
    found: list[Occurrence] = []
    problems: list[ActivityProblem] = []
    for activity in activities:
        if activity.timing is not None:
            try:
                doses = scheduled_doses(
                    [{"timing": activity.timing}],
                    window_start=start,
                    window_end=end,
                    active=activity.plan_period,
                    tz=tz,
                )
            except DosageError as error:
                problems.append(ActivityProblem(activity, error.key))
                continue
            found.extend(
                Occurrence(activity, d.due_at, occurrence_key(activity, d.due_at, shift=shift_key))
                for d in doses
            )
        elif activity.period is not None:
            at = parse_datetime(activity.period.get("start"))
            if at is not None and start <= at < end and activity.plan_period.contains(at):
                found.append(
                    Occurrence(activity, at, occurrence_key(activity, at, shift=shift_key))
                )
        elif activity.plan_period.contains(start):
            found.append(
                Occurrence(activity, None, occurrence_key(activity, None, shift=shift_key))
            )
    return found, problems
