"""Tiltaksplan (CarePlan) for everyone, and a fortnight of planned home visits (Appointment)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from clinical import codes
from tests.synthetic import catalogue as cat
from tests.synthetic.fhir import Resource, concept, local_time, ref, text_concept
from tests.synthetic.patient import PatientContext

HOME_CARE = concept(codes.TJENESTETYPE_HELSE_OMSORG, "15", "Helsetjenester i hjemmet")
# (first hour, last hour, route index, what is done)
VISIT_SLOTS = (
    (7, 10, 0, "Morgenbesøk"),
    (11, 14, 1, "Formiddagsbesøk"),
    (16, 19, 2, "Ettermiddagsbesøk"),
    (20, 22, 3, "Kveldsbesøk"),
)
DAYS_BACK = 7
DAYS_AHEAD = 7


def care_plan(ctx: PatientContext) -> Iterator[Resource]:
    """One active tiltaksplan with 2-5 activities, their times of day and weekdays."""
    rng = ctx.rng
    chosen = rng.sample(cat.TILTAK, rng.randint(2, 5))
    yield {
        "resourceType": "CarePlan",
        "id": ctx.rid("CarePlan", 0),
        "status": "active",
        "intent": "plan",
        "category": [text_concept("Tiltaksplan")],
        "title": "Tiltaksplan",
        "subject": ctx.subject,
        "period": {"start": ctx.days_ago(rng.randint(14, 900)).isoformat()},
        "author": ref("Practitioner", ctx.nurse.practitioner, ctx.nurse.display),
        "activity": [_activity(ctx, *chosen_one) for chosen_one in chosen],
    }


def _activity(
    ctx: PatientContext,
    title: str,
    description: str,
    times: tuple[str, ...],
    weekdays: tuple[str, ...],
    snomed: tuple[str, str] | None,
) -> Resource:
    """One tiltak with its timing, shaped as VKP's arbeidsplan example (HL7Norway/
    Velferdsteknologi ``Arbeidsplan-CarePlan.xml``: frequency 1 per 1 d at ``timeOfDay``, on
    the ``dayOfWeek`` days when it is weekly)."""
    repeat: Resource = {
        "frequency": len(times),
        "period": 1,
        "periodUnit": "d",
        "timeOfDay": list(times),
    }
    if weekdays:
        repeat["dayOfWeek"] = list(weekdays)
    code = text_concept(title)
    if snomed is not None:
        code = {**concept(codes.SNOMED_CT, snomed[0], snomed[1]), "text": title}
    return {
        "detail": {
            "code": code,
            "status": "in-progress",
            "description": description,
            "scheduledTiming": {"repeat": repeat},
            "performer": [ref("Organization", ctx.unit.organization)],
        }
    }


def home_visits(ctx: PatientContext) -> Iterator[Resource]:
    """Past (fulfilled) and coming (booked) visits on the district's routes."""
    if ctx.in_ward or ctx.home is None:
        return
    rng = ctx.rng
    slots = sorted(rng.sample(VISIT_SLOTS, rng.choice((1, 1, 2, 2, 3, 4))))
    care_plan_ref = ref("CarePlan", ctx.rid("CarePlan", 0))
    minutes = {slot: (rng.randint(0, 5) * 10, rng.choice((15, 20, 30, 45))) for slot in slots}
    for offset in range(-DAYS_BACK, DAYS_AHEAD + 1):
        day = ctx.today + dt.timedelta(days=offset)
        for first, last, route, what in slots:
            start_minute, duration = minutes[(first, last, route, what)]
            hour = rng.randint(first, last - 1)
            start = dt.datetime.fromisoformat(local_time(day, hour, start_minute))
            end = start + dt.timedelta(minutes=duration)
            staff = rng.choice(ctx.unit.staff)
            yield {
                "resourceType": "Appointment",
                "id": ctx.rid("Appointment", offset, route),
                "status": "fulfilled" if offset < 0 else "booked",
                "serviceType": [HOME_CARE],
                "description": f"{what}: {ctx.unit.place_names[route]}",
                "start": start.isoformat(),
                "end": end.isoformat(),
                "minutesDuration": duration,
                "supportingInformation": [care_plan_ref],
                "participant": [
                    {"actor": ctx.subject, "required": "required", "status": "accepted"},
                    {
                        "actor": ref("Practitioner", staff.practitioner, staff.display),
                        "required": "required",
                        "status": "accepted",
                    },
                    {
                        "actor": ref(
                            "Location", ctx.unit.places[route], ctx.unit.place_names[route]
                        ),
                        "required": "information-only",
                        "status": "accepted",
                    },
                    {
                        "actor": ref("Location", ctx.home),
                        "required": "required",
                        "status": "accepted",
                    },
                ],
            }
