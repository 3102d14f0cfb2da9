"""Places of work read from Location resources: nursing-home units and home-care routes.

A unit is a Location with ``physicalType`` ``wa`` (ward). A route is a Location with
``physicalType`` ``area`` that is ``partOf`` another Location (its home-care district); the
district itself is not a place of work, because visits (Appointments) name the route. Homes
(``ho``), rooms (``ro``) and buildings (``bu``) are not places of work. Each route is offered
for today and the following days, so a nurse can read tomorrow's list the evening before.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Final

from app.values import PlaceId, PlaceKind, PlaceOfWork

WARD: Final = "wa"
AREA: Final = "area"
ROOM: Final = "ro"
ACTIVE_STATUSES: Final = frozenset({"active", ""})


def physical_type(location: Mapping[str, Any]) -> str:
    """The first ``physicalType`` code of a Location, or ""."""
    concept = location.get("physicalType")
    codings = concept.get("coding") if isinstance(concept, Mapping) else None
    for coding in codings if isinstance(codings, list) else ():
        if isinstance(coding, Mapping) and isinstance(coding.get("code"), str):
            return str(coding["code"])
    return ""


def place_kind(location: Mapping[str, Any]) -> PlaceKind | None:
    """UNIT, ROUTE, or None when the Location is not a place of work."""
    if str(location.get("status") or "") not in ACTIVE_STATUSES:
        return None
    kind = physical_type(location)
    if kind == WARD:
        return PlaceKind.UNIT
    part_of = location.get("partOf")
    has_parent = isinstance(part_of, Mapping) and bool(part_of.get("reference"))
    if kind == AREA and has_parent:
        return PlaceKind.ROUTE
    return None


def places_of_work(
    locations: Iterable[Mapping[str, Any]],
    *,
    today: date,
    route_days: int,
    wanted: Collection[str] = (),
) -> list[PlaceOfWork]:
    """Units by name, then routes by day and name; ``wanted`` (ids or names) narrows the list."""
    wanted_keys = {w.strip().casefold() for w in wanted if w.strip()}
    units: list[PlaceOfWork] = []
    routes: list[PlaceOfWork] = []
    for location in locations:
        kind = place_kind(location)
        rid = location.get("id")
        name = str(location.get("name") or rid)
        if kind is None or not isinstance(rid, str):
            continue
        if wanted_keys and rid.casefold() not in wanted_keys and name.casefold() not in wanted_keys:
            continue
        if kind is PlaceKind.UNIT:
            units.append(PlaceOfWork(PlaceId(rid), kind, name))
        else:
            routes.extend(
                PlaceOfWork(PlaceId(rid), kind, name, today + timedelta(days=offset))
                for offset in range(route_days)
            )
    units.sort(key=lambda p: p.name.casefold())
    routes.sort(key=lambda p: (p.day or today, p.name.casefold()))
    return [*units, *routes]
