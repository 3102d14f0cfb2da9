"""What this workstation syncs: its places of work, found among the platform's Locations."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from app.records.places import places_of_work
from app.values import PlaceKind
from client import FhirClient
from sync import SyncScope, VisitPlan


def discover_scope(fhir: FhirClient, *, wanted: Collection[str], today: date) -> SyncScope:
    """This workstation's sync scope: its configured places, or every unit and route found.

    Places of work are Locations: nursing-home units are pulled with their residents, home-care
    routes with today's and tomorrow's visit plans. ``wanted`` (the ``places_of_work`` setting,
    set by IT per machine) narrows the list; without it a workstation serves every place the
    platform has.
    """
    places = places_of_work(fhir.search("Location"), today=today, route_days=2, wanted=wanted)
    return SyncScope(
        units=tuple(p.id for p in places if p.kind is PlaceKind.UNIT),
        visit_plans=tuple(
            VisitPlan(route=f"Location/{p.id}", day=p.day)
            for p in places
            if p.kind is PlaceKind.ROUTE and p.day is not None
        ),
    )
