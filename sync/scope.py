"""What one point of care pulls: a ``SyncScope`` and the searches that list its patients.

A scope names patients indirectly (the residents of nursing-home units, the patients on a
home-care route's visit plan for a day) or directly (explicit ids, for tests and tooling). What
is pulled for each patient is their Patient compartment as FHIR R4 defines it
(``sync.patient_compartment``), for the types the platform can search (``sync.strategy``); what
those records reference follows (``sync.pull.references``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

WARD_ENCOUNTER_STATUSES = ("arrived", "in-progress", "onleave")
_PATIENT_FIELDS = ("subject", "patient", "beneficiary", "for")


@dataclass(frozen=True, slots=True)
class VisitPlan:
    """The home-care visits of one route (``Location/…`` or ``CareTeam/…``) on one local day."""

    route: str
    day: dt.date
    timezone: str = "Europe/Oslo"

    def window(self) -> tuple[str, str]:
        """The day as ``[start, end)`` instants in UTC, for ``Appointment?date=``."""
        zone = ZoneInfo(self.timezone)
        start = dt.datetime.combine(self.day, dt.time(), tzinfo=zone)
        end = dt.datetime.combine(self.day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        return _instant(start), _instant(end)


@dataclass(frozen=True, slots=True)
class SyncScope:
    """Whose records this workstation keeps: unit residents, visit-plan patients, explicit ids.

    ``only_types`` narrows the compartment types pulled (tooling and benchmarks; None: every
    type of the compartment the platform can search). It must include Patient.
    """

    units: tuple[str, ...] = ()
    visit_plans: tuple[VisitPlan, ...] = ()
    patients: tuple[str, ...] = ()
    only_types: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.only_types is not None and "Patient" not in self.only_types:
            raise ValueError("the pulled types must include Patient")

    @property
    def key(self) -> str:
        """A short stable name for this scope's checkpoints (a hash: no ids in the database)."""
        parts = [
            "u:" + ",".join(sorted(self.units)),
            "v:" + ",".join(sorted(f"{v.route}@{v.day.isoformat()}" for v in self.visit_plans)),
            "p:" + ",".join(sorted(self.patients)),
        ]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ScopeQuery:
    """One search that yields scope members; ``patient_of`` picks them from each match."""

    resource_type: str
    params: tuple[tuple[str, str], ...] = field(default=())


def member_queries(scope: SyncScope) -> list[ScopeQuery]:
    """The searches that list the scope's patients (explicit ids need none)."""
    queries = []
    if scope.units:
        units = ",".join(f"Location/{u}" for u in scope.units)
        queries.append(
            ScopeQuery(
                "Encounter",
                (("location", units), ("status", ",".join(WARD_ENCOUNTER_STATUSES))),
            )
        )
    for plan in scope.visit_plans:
        start, end = plan.window()
        queries.append(
            ScopeQuery(
                "Appointment",
                (("actor", plan.route), ("date", f"ge{start}"), ("date", f"lt{end}")),
            )
        )
    return queries


def patient_of(resource: Mapping[str, Any]) -> str | None:
    """The id of the patient whose compartment holds ``resource`` (itself for a Patient)."""
    if resource.get("resourceType") == "Patient":
        rid = resource.get("id")
        return rid if isinstance(rid, str) else None
    for name in _PATIENT_FIELDS:
        target = _target(resource.get(name))
        if target is not None and target[0] == "Patient":
            return target[1]
    participants = resource.get("participant")
    for participant in participants if isinstance(participants, list) else []:
        if isinstance(participant, Mapping):
            target = _target(participant.get("actor"))
            if target is not None and target[0] == "Patient":
                return target[1]
    return None


def references(node: Any) -> Iterator[tuple[str, str]]:
    """Every ``(type, id)`` the resource points at with a literal reference."""
    # Plain dict/list checks, iteratively: this walks every pulled resource, and ABC
    # isinstance checks made it a fifth of the pull's CPU time.
    stack = [node]
    while stack:
        item = stack.pop()
        if type(item) is dict:
            for key, value in item.items():
                if key == "reference" and type(value) is str:
                    target = _split(value)
                    if target is not None:
                        yield target
                elif type(value) is dict or type(value) is list:
                    stack.append(value)
        elif type(item) is list:
            stack.extend(v for v in item if type(v) is dict or type(v) is list)


def _target(ref: Any) -> tuple[str, str] | None:
    if not isinstance(ref, Mapping):
        return None
    value = ref.get("reference")
    return _split(value) if isinstance(value, str) else None


def _split(value: str) -> tuple[str, str] | None:
    if value.startswith(("#", "urn:")) or "?" in value:
        return None
    parts = value.split("/")
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    if len(parts) < 2 or not parts[-2][:1].isupper() or not parts[-1]:
        return None
    return parts[-2], parts[-1]


def _instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
