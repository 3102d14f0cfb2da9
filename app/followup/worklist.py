"""The follow-up list, built from FHIR JSON (pure: no store, no clock, no Qt).

For each patient, over the list's window:
- every home measurement (``clinical.welfare.measurements``) with a value outside the patient's
  limits (``clinical.welfare.limits``): severity high past a red limit, moderate past a yellow;
- every measurement the monitoring plan expected and nothing came for
  (``clinical.welfare.monitoring``), counted only up to ``measured_until`` (the last sync: a
  measurement not synced yet is not missed);
- every VKP alert (``DetectedIssue``): a dispenser alert or an alarm, as severe as it says
  (``clinical.welfare.vkp.alert_severity``).
Records naming a person nobody here is are one UNMATCHED item per identifier, never attached
to anyone. Each item carries the follow-up Tasks recorded for it; a follow-up of a later
out-of-range value of the same measure also covers the earlier ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.followup.values import Acknowledgement, AlertKind, FhirJson, FollowUpItem
from clinical.fhir_read import (
    codings,
    concept_text,
    effective_time,
    parse_datetime,
    patient_name,
    reference_display,
    reference_id,
)
from clinical.records.alert_followup import ACK_SYSTEM, ACTION_SYSTEM, FollowUpAction
from clinical.welfare.limits import Level, goal_limits, judge, measurement_limits
from clinical.welfare.logical import logical_patient
from clinical.welfare.measurements import is_home_measurement, measure_code, measured_values
from clinical.welfare.monitoring import expected_measurements, missed_measurements
from clinical.welfare.vkp import Severity, alert_code, alert_severity, dispenser_alert

_LEVEL_SEVERITY = {Level.RED: Severity.HIGH, Level.YELLOW: Severity.MODERATE}
_WITHDRAWN = frozenset({"cancelled", "entered-in-error"})


@dataclass(frozen=True, slots=True)
class PatientRecords:
    """What one patient's items are built from: the Patient, the window's Observations and
    DetectedIssues, and the patient's CarePlans and Goals (all of them)."""

    patient: FhirJson
    observations: Sequence[FhirJson] = ()
    issues: Sequence[FhirJson] = ()
    plans: Sequence[FhirJson] = ()
    goals: Sequence[FhirJson] = ()


def ack_key(resource: Mapping[str, Any]) -> str:
    """The key of an alert that is a resource: ``Type/id``."""
    return f"{resource.get('resourceType')}/{resource.get('id')}"


def missed_key(plan_id: str, code: str, due: datetime) -> str:
    """The key of a missed measurement: the plan, the measure and the slot (UTC)."""
    return f"missed/CarePlan/{plan_id}/{code}/{due.astimezone(ZoneInfo('UTC')).isoformat()}"


def acknowledgement(task: Mapping[str, Any], *, me: str) -> Acknowledgement | None:
    """A follow-up Task as an acknowledgement, or None when it is not one (or withdrawn)."""
    if task.get("status") in _WITHDRAWN:
        return None
    action = next(
        (
            FollowUpAction(code)
            for system, code, _d in codings(task.get("businessStatus"))
            if system == ACTION_SYSTEM and code in FollowUpAction._value2member_map_
        ),
        None,
    )
    at = parse_datetime(task.get("lastModified")) or parse_datetime(task.get("authoredOn"))
    if action is None or at is None:
        return None
    owner = task.get("owner") or task.get("requester")
    practitioner = reference_id(owner, "Practitioner")
    notes = [n for n in task.get("note") or () if isinstance(n, Mapping)]
    return Acknowledgement(
        task_id=str(task.get("id", "")),
        by=reference_display(owner),
        practitioner_id=practitioner,
        at=at,
        action=action,
        note=str(notes[-1].get("text", "")) if notes else "",
        mine=bool(practitioner) and practitioner == me,
    )


def acks_by_key(tasks: Iterable[Mapping[str, Any]], *, me: str) -> dict[str, list[Acknowledgement]]:
    """The acknowledgements among ``tasks``, by the item key each names (``ACK_SYSTEM``)."""
    found: dict[str, list[Acknowledgement]] = defaultdict(list)
    for task in tasks:
        keys = [
            i.get("value")
            for i in task.get("identifier") or ()
            if isinstance(i, Mapping) and i.get("system") == ACK_SYSTEM
        ]
        ack = acknowledgement(task, me=me)
        for key in keys:
            if ack is not None and isinstance(key, str):
                found[key].append(ack)
    return found


def _out_of_range(records: PatientRecords, name: str, pid: str) -> list[tuple[str, FollowUpItem]]:
    limits = goal_limits(records.goals)
    found = []
    for observation in records.observations:
        if observation.get("status") in _WITHDRAWN or not is_home_measurement(observation):
            continue
        at = effective_time(observation)
        if at is None:
            continue
        values = measured_values(observation)
        sent = measurement_limits(observation)
        worst = None
        for value in values:
            judgement = judge(value, [*limits, *sent])
            if judgement is None or not judgement.outside:
                continue
            if worst is None or judgement.level > worst.level:
                worst = judgement
        if worst is None:
            continue
        measure = measure_code(observation) or ""
        found.append(
            (
                measure,
                FollowUpItem(
                    key=ack_key(observation),
                    kind=AlertKind.OUT_OF_RANGE,
                    severity=_LEVEL_SEVERITY[worst.level],
                    at=at,
                    focus=ack_key(observation),
                    title=concept_text(observation.get("code")),
                    patient_id=pid,
                    patient_name=name,
                    measured=tuple(values),
                    limit=worst.limit,
                    level=worst.level,
                ),
            )
        )
    return found


def _missed(
    records: PatientRecords,
    name: str,
    pid: str,
    *,
    since: datetime,
    measured_until: datetime | None,
    zone: ZoneInfo,
) -> list[FollowUpItem]:
    if measured_until is None or measured_until <= since:
        return []
    expected = expected_measurements(records.plans, start=since, end=measured_until, zone=zone)
    measured: dict[str, list[datetime]] = defaultdict(list)
    for observation in records.observations:
        code, at = measure_code(observation), effective_time(observation)
        if code is not None and at is not None and observation.get("status") not in _WITHDRAWN:
            measured[code].append(at)
    return [
        FollowUpItem(
            key=missed_key(item.plan_id, item.code, item.due_at),
            kind=AlertKind.MISSED_MEASUREMENT,
            severity=Severity.LOW,
            at=item.due_at,
            focus=f"CarePlan/{item.plan_id}",
            title=item.name,
            patient_id=pid,
            patient_name=name,
            slot=(item.code, item.due_at),
        )
        for item in missed_measurements(expected, measured, now=measured_until)
    ]


def _issue_item(issue: Mapping[str, Any], pid: str | None, name: str) -> FollowUpItem | None:
    if issue.get("status") in _WITHDRAWN:
        return None
    found = alert_code(issue)
    at = parse_datetime(issue.get("identifiedDateTime")) or parse_datetime(
        (issue.get("identifiedPeriod") or {}).get("start")
    )
    if found is None or at is None:
        return None
    code, display = found
    text = (issue.get("code") or {}).get("text")
    return FollowUpItem(
        key=ack_key(issue),
        kind=AlertKind.DISPENSER if dispenser_alert(code) is not None else AlertKind.ALARM,
        severity=alert_severity(issue),
        at=at,
        focus=ack_key(issue),
        title=text.strip() if isinstance(text, str) and text.strip() else display,
        patient_id=pid,
        patient_name=name,
    )


def _with_acks(item: FollowUpItem, acks: Mapping[str, Sequence[Acknowledgement]]) -> FollowUpItem:
    own = tuple(acks.get(item.key, ()))
    return replace(item, acknowledgements=own) if own else item


def patient_items(
    records: PatientRecords,
    *,
    since: datetime,
    measured_until: datetime | None,
    zone: ZoneInfo,
    acks: Mapping[str, Sequence[Acknowledgement]],
) -> list[FollowUpItem]:
    """One patient's items (see the module docstring), each with its acknowledgements."""
    pid = str(records.patient.get("id", ""))
    name = patient_name(records.patient)
    ranged = [(m, _with_acks(i, acks)) for m, i in _out_of_range(records, name, pid)]
    items = [i for _m, i in _covered(ranged)]
    missed = _missed(records, name, pid, since=since, measured_until=measured_until, zone=zone)
    items += [_with_acks(i, acks) for i in missed]
    for issue in records.issues:
        item = _issue_item(issue, pid, name)
        if item is not None and item.at >= since:
            items.append(_with_acks(item, acks))
    return items


def _covered(ranged: list[tuple[str, FollowUpItem]]) -> list[tuple[str, FollowUpItem]]:
    """A follow-up of an out-of-range value covers the earlier values of the same measure."""
    by_measure: dict[str, list[FollowUpItem]] = defaultdict(list)
    for measure, item in ranged:
        by_measure[measure].append(item)
    result = []
    for measure, items in by_measure.items():
        items.sort(key=lambda i: i.at, reverse=True)
        later: tuple[Acknowledgement, ...] = ()
        for item in items:
            if item.acknowledgements:
                later = item.acknowledgements
                result.append((measure, item))
            elif later:
                covering = tuple(replace(a, covers_earlier=True) for a in later)
                result.append((measure, replace(item, acknowledgements=covering)))
            else:
                result.append((measure, item))
    return result


def unmatched_items(
    resources: Iterable[Mapping[str, Any]],
    *,
    since: datetime,
    acks: Mapping[str, Sequence[Acknowledgement]],
) -> list[FollowUpItem]:
    """One item per identifier that named nobody here: its newest record, how many there were,
    the most severe of them, the name the sender gave (shown as sent, never matched on)."""
    groups: dict[tuple[str, str], list[tuple[datetime, Severity, Mapping[str, Any]]]] = defaultdict(
        list
    )
    for resource in resources:
        logical = logical_patient(resource)
        if logical is None or resource.get("status") in _WITHDRAWN:
            continue
        if resource.get("resourceType") == "DetectedIssue":
            issue = _issue_item(resource, None, "")
            if issue is None:
                continue
            at, severity = issue.at, issue.severity
        else:
            when = effective_time(resource) or parse_datetime(resource.get("whenHandedOver"))
            if when is None:
                continue
            at, severity = when, Severity.MODERATE
        if at >= since:
            groups[(logical.system, logical.value)].append((at, severity, resource))
    items = []
    for (system, value), named in groups.items():
        named.sort(key=lambda f: f[0])
        at, _severity, newest = named[-1]
        logical = logical_patient(newest)
        key = f"unmatched/{system}|{value}"
        issue = (
            _issue_item(newest, None, "") if newest.get("resourceType") == "DetectedIssue" else None
        )
        items.append(
            FollowUpItem(
                key=key,
                kind=AlertKind.UNMATCHED,
                severity=max(s for _a, s, _r in named),
                at=at,
                focus=ack_key(newest),
                title=issue.title if issue else concept_text(newest.get("code")),
                patient_id=None,
                patient_name=logical.display if logical else "",
                person=f"{system}|{value}",
                count=len(named),
                acknowledgements=tuple(acks.get(key, ())),
            )
        )
    return items


def ordered(items: Iterable[FollowUpItem]) -> list[FollowUpItem]:
    """Open before handled, most severe first, newest first."""
    return sorted(items, key=lambda i: i.sort_key())
