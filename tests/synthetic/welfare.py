"""Welfare technology for home-care patients: dispensers, home measurements, limits, alarms.

Shares of the home-care patients (each drawn from a Random of the patient's own, so no other
resource of the patient changes):
- ``DISPENSER_SHARE`` of those on multidose get an electronic medicine dispenser (a ``Device``
  the municipality registered), which reports every pouch of the last ``DISPENSER_DAYS`` days:
  mostly handed over, now and then not (``vkp-DetectedIssue`` 1.1/1.3/1.4), a low battery;
- ``MONITORED_SHARE`` are followed up at home in one ``PROGRAMS`` programme: a monitoring
  ``CarePlan`` (what to measure, when), the physician's alert limits as ``Goal`` targets
  (yellow and red), and measurements twice a day (weight once) for ``days`` days, a few
  missed, a few outside the limits;
- ``SAFETY_ALARM_SHARE`` have a safety alarm, some of which went off in the last week.
Patients in district slots ``DEMO_SLOTS`` always get both (a dispenser when on multidose).
Each district also gets an alert naming a person number nobody here carries (``unmatched``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from clinical import codes
from clinical.welfare.dispenser import DEVICE_TYPE_SYSTEM, MEDICINE_DISPENSER
from clinical.welfare.limits import ALERT_LEVEL_URL, ALERT_LIMITS, GOAL_CATEGORY_SYSTEM
from clinical.welfare.measurements import LOINC_BODY_WEIGHT, LOINC_GLUCOSE
from clinical.welfare.monitoring import CAREPLAN_CATEGORY_SYSTEM, REMOTE_MONITORING
from tests.synthetic import home
from tests.synthetic.fhir import Resource, coding, local_datetime, quantity, ref
from tests.synthetic.home import BLOOD_PRESSURE, GLUCOSE, PULSE, SPO2, WEIGHT, Measure, Person
from tests.synthetic.municipality import Municipality
from tests.synthetic.patient import PatientContext, PersonNumbers
from tests.synthetic.people import human_name

DISPENSER_SHARE = 0.45
MONITORED_SHARE = 0.2
SAFETY_ALARM_SHARE = 0.3
DEMO_SLOTS = (3, 4)
DISPENSER_DAYS = 14
MISSED_SHARE = 0.03
YELLOW_SHARE = 0.03
RED_SHARE = 0.007
DISPENSER_NAME = "Medisindispenser (demo)"
# clinical.doses: the ward clock of the dose-time codes a multidose plan uses.
POUCH_HOURS = {"MORN": 8, "NOON": 13, "EVE": 18, "NIGHT": 22}


@dataclass(frozen=True, slots=True)
class Limits:
    """Yellow and red (low, high) of one measured value; None where a side has no limit."""

    code: str
    unit: str
    yellow: tuple[float | None, float | None]
    red: tuple[float | None, float | None]


@dataclass(frozen=True, slots=True)
class Programme:
    """A follow-up programme: its title, what is measured when, and its device."""

    key: str
    title: str
    schedule: tuple[tuple[Measure, tuple[str, ...]], ...]
    device: str


TWICE = ("08:00:00", "20:00:00")
PROGRAMS = (
    Programme(
        "heart",
        "Digital hjemmeoppfølging: hjertesvikt og blodtrykk",
        ((BLOOD_PRESSURE, TWICE), (PULSE, TWICE), (WEIGHT, ("08:00:00",))),
        "Blodtrykksmåler og vekt",
    ),
    Programme(
        "copd", "Digital hjemmeoppfølging: KOLS", ((SPO2, TWICE), (PULSE, TWICE)), "Pulsoksymeter"
    ),
    Programme(
        "diabetes", "Digital hjemmeoppfølging: diabetes", ((GLUCOSE, TWICE),), "Blodsukkerapparat"
    ),
)


@dataclass(frozen=True, slots=True)
class Baseline:
    """A monitored patient's usual values (and how much they vary) and their limits."""

    usual: dict[str, float]
    spread: dict[str, float]
    limits: tuple[Limits, ...]


def person_of(ctx: PatientContext) -> Person:
    """The patient as VKP names them."""
    system = codes.D_NUMMER if int(ctx.person_number[0]) >= 4 else codes.FODSELSNUMMER
    return Person(system, ctx.person_number, str(ctx.name["text"]), ctx.id)


def baseline(programme: Programme, rng: random.Random) -> Baseline:
    """Usual values drawn for one patient and the limits their physician set around them."""
    usual = {
        "8480-6": rng.uniform(122, 148),
        "8462-4": rng.uniform(68, 88),
        codes.LOINC_HEART_RATE: rng.uniform(60, 82),
        codes.LOINC_OXYGEN_SATURATION_ARTERIAL: rng.uniform(89.5, 93)
        if programme.key == "copd"
        else rng.uniform(95, 98),
        LOINC_BODY_WEIGHT: round(rng.uniform(56, 96), 1),
        LOINC_GLUCOSE: rng.uniform(6, 9),
    }
    spread = {
        "8480-6": 7,
        "8462-4": 5,
        codes.LOINC_HEART_RATE: 5,
        codes.LOINC_OXYGEN_SATURATION_ARTERIAL: 1,
        LOINC_BODY_WEIGHT: 0.4,
        LOINC_GLUCOSE: 0.9,
    }
    weight = usual[LOINC_BODY_WEIGHT]
    low_spo2 = 87 if programme.key == "copd" else 92
    limits = (
        Limits("8480-6", "mm[Hg]", (100, 160), (90, 180)),
        Limits("8462-4", "mm[Hg]", (50, 100), (45, 110)),
        Limits(codes.LOINC_HEART_RATE, "/min", (50, 100), (40, 120)),
        Limits(codes.LOINC_OXYGEN_SATURATION_ARTERIAL, "%", (low_spo2, None), (low_spo2 - 3, None)),
        Limits(
            LOINC_BODY_WEIGHT,
            "kg",
            (round(weight - 2, 1), round(weight + 2, 1)),
            (round(weight - 4, 1), round(weight + 3, 1)),
        ),
        Limits(LOINC_GLUCOSE, "mmol/L", (4, 12), (3, 15)),
    )
    return Baseline(usual, spread, limits)


def measured(code: str, base: Baseline, rng: random.Random) -> float:
    """One value: usual with noise, now and then past a yellow or a red limit."""
    roll = rng.random()
    limit = next(x for x in base.limits if x.code == code)
    if roll < RED_SHARE + YELLOW_SHARE:
        low, high = limit.red if roll < RED_SHARE else limit.yellow
        step = base.spread[code]
        if high is not None and (low is None or rng.random() < 0.7):
            value = high + rng.uniform(0.3, 1.5) * step
        else:
            assert low is not None
            value = low - rng.uniform(0.3, 1.5) * step
    else:
        value = rng.gauss(base.usual[code], base.spread[code] / 2)
    digits = 1 if code in (LOINC_BODY_WEIGHT, LOINC_GLUCOSE) else 0
    return round(value, digits)


def measurements_at(
    person: Person,
    measure: Measure,
    *,
    at: dt.datetime,
    base: Baseline,
    rng: random.Random,
    device: tuple[str, str],
) -> Resource:
    """One measurement of ``measure`` for ``person`` at ``at``, values from ``base``."""
    if measure is BLOOD_PRESSURE:
        value: float | tuple[float, float] = (
            measured("8480-6", base, rng),
            measured("8462-4", base, rng),
        )
    else:
        value = measured(measure.loinc, base, rng)
    return home.measurement(person, measure, at=at, value=value, device=device)


def _goal(ctx: PatientContext, programme: Programme, base: Baseline, start: dt.date) -> Resource:
    measured_codes = {m.loinc for m, _t in programme.schedule}
    if BLOOD_PRESSURE.loinc in measured_codes:
        measured_codes |= {"8480-6", "8462-4"}
    targets = []
    for limit in base.limits:
        if limit.code not in measured_codes:
            continue
        for level, (low, high) in (("yellow", limit.yellow), ("red", limit.red)):
            bounds: Resource = {}
            if low is not None:
                bounds["low"] = quantity(low, limit.unit)
            if high is not None:
                bounds["high"] = quantity(high, limit.unit)
            targets.append(
                {
                    "extension": [{"url": ALERT_LEVEL_URL, "valueCode": level}],
                    "measure": {"coding": [coding(codes.LOINC, limit.code)]},
                    "detailRange": bounds,
                }
            )
    return {
        "resourceType": "Goal",
        "id": ctx.rid("Goal", "alert-limits"),
        "lifecycleStatus": "active",
        "category": [{"coding": [coding(GOAL_CATEGORY_SYSTEM, ALERT_LIMITS, "Varslingsgrenser")]}],
        "description": {"text": f"Varslingsgrenser: {programme.title}"},
        "subject": ctx.subject,
        "startDate": start.isoformat(),
        "expressedBy": ref("Practitioner", ctx.physician.practitioner, ctx.physician.display),
        "target": targets,
    }


def _plan(ctx: PatientContext, programme: Programme, start: dt.date) -> Resource:
    return {
        "resourceType": "CarePlan",
        "id": ctx.rid("CarePlan", "remote-monitoring"),
        "status": "active",
        "intent": "plan",
        "category": [
            {
                "coding": [
                    coding(CAREPLAN_CATEGORY_SYSTEM, REMOTE_MONITORING, "Digital hjemmeoppfølging")
                ]
            }
        ],
        "title": programme.title,
        "subject": ctx.subject,
        "period": {"start": start.isoformat()},
        "author": ref("Practitioner", ctx.physician.practitioner, ctx.physician.display),
        "goal": [ref("Goal", ctx.rid("Goal", "alert-limits"))],
        "activity": [
            {
                "detail": {
                    "code": {
                        "coding": [coding(codes.LOINC, m.loinc, m.display)],
                        "text": m.display,
                    },
                    "status": "in-progress",
                    "description": f"{m.display}: {', '.join(t[:5] for t in times)}",
                    "scheduledTiming": {
                        "repeat": {
                            "frequency": len(times),
                            "period": 1,
                            "periodUnit": "d",
                            "timeOfDay": list(times),
                        }
                    },
                }
            }
            for m, times in programme.schedule
        ],
    }


def programme_of(ctx: PatientContext) -> Programme | None:
    """The follow-up programme of a home-care patient, or None."""
    rng = random.Random(f"welfare/{ctx.id}/monitored")
    if ctx.in_ward or not (ctx.slot in DEMO_SLOTS or rng.random() < MONITORED_SHARE):
        return None
    return PROGRAMS[0] if ctx.slot in DEMO_SLOTS else rng.choice(PROGRAMS)


def has_dispenser(ctx: PatientContext) -> bool:
    """A home-care patient on multidose with an electronic dispenser."""
    rng = random.Random(f"welfare/{ctx.id}/dispenser")
    return (
        not ctx.in_ward
        and ctx.multidose
        and (ctx.slot in DEMO_SLOTS or rng.random() < DISPENSER_SHARE)
    )


def pouch_hours(medications: Sequence[Resource]) -> list[int]:
    """The hours the patient's multidose pouches are due (``when`` codes of their list items)."""
    hours: set[int] = set()
    for resource in medications:
        if (
            resource.get("resourceType") != "MedicationStatement"
            or resource.get("status") != "active"
        ):
            continue
        if not any(
            e.get("url") == codes.PLEIEPUNKT_MULTIDOSE for e in resource.get("extension", [])
        ):
            continue
        for dosage in resource.get("dosage", []):
            for when in dosage.get("timing", {}).get("repeat", {}).get("when", []):
                if when in POUCH_HOURS:
                    hours.add(POUCH_HOURS[when])
    return sorted(hours)


def dispenser_serial(ctx: PatientContext) -> str:
    return f"PD{int(ctx.id.replace('-', '')[:8], 16) % 1_000_000:06d}"


def welfare(
    ctx: PatientContext, medications: Sequence[Resource], *, days: int
) -> Iterator[Resource]:
    """The patient's welfare technology and its history (nothing for nursing-home residents)."""
    if ctx.in_ward:
        return
    person = person_of(ctx)
    yield from _dispenser(ctx, person, medications)
    programme = programme_of(ctx)
    if programme is not None and days > 0:
        yield from _monitoring(ctx, person, programme, days=days)
    yield from _safety_alarm(ctx, person)


def _dispenser(
    ctx: PatientContext, person: Person, medications: Sequence[Resource]
) -> Iterator[Resource]:
    hours = pouch_hours(medications)
    if not has_dispenser(ctx) or not hours:
        return
    serial = dispenser_serial(ctx)
    yield {
        "resourceType": "Device",
        "id": ctx.rid("Device", "dispenser"),
        "identifier": [{"system": home.DEVICE_SERIAL_SYSTEM, "value": serial}],
        "status": "active",
        "deviceName": [{"name": DISPENSER_NAME, "type": "user-friendly-name"}],
        "type": {"coding": [coding(DEVICE_TYPE_SYSTEM, MEDICINE_DISPENSER, "Medisindispenser")]},
        "patient": ctx.subject,
        "owner": ref("Organization", ctx.unit.organization),
    }
    rng = random.Random(f"welfare/{ctx.id}/dispenser-events")
    for days_back in range(DISPENSER_DAYS, 0, -1):
        day = ctx.days_ago(days_back)
        for hour in hours:
            yield dispenser_event(person, at=local_datetime(day, hour), rng=rng, serial=serial)
        if rng.random() < 0.03:
            at = local_datetime(day, rng.randint(9, 21), rng.randint(0, 59))
            yield home.alert(person, code="1.17", at=at, author=DISPENSER_NAME, severity="moderate")


def dispenser_event(
    person: Person, *, at: dt.datetime, rng: random.Random, serial: str
) -> Resource:
    """What the dispenser reports for the pouch due at ``at``: usually handed over."""
    if rng.random() < 0.025:
        code, text = rng.choice(
            (
                ("1.1", "Medisinen ble ikke tatt ut av dispenseren"),
                ("1.1", None),
                ("1.3", None),
                ("1.4", "Påminnelsen ble ikke kvittert"),
            )
        )
        when = at + dt.timedelta(minutes=rng.randint(30, 60))
        return home.alert(
            person, code=code, at=when, author=DISPENSER_NAME, severity="high", text=text
        )
    when = at + dt.timedelta(minutes=rng.randint(0, 12))
    return home.dispensed(
        person, at=when, dispenser=(DISPENSER_NAME, serial), assisted=rng.random() < 0.1
    )


def _monitoring(
    ctx: PatientContext, person: Person, programme: Programme, *, days: int
) -> Iterator[Resource]:
    rng = random.Random(f"welfare/{ctx.id}/measurements")
    base = baseline(programme, rng)
    start = ctx.days_ago(days)
    yield _goal(ctx, programme, base, start)
    yield _plan(ctx, programme, start)
    device = (programme.device, f"MD{int(ctx.id.replace('-', '')[8:16], 16) % 1_000_000:06d}")
    for days_back in range(days, 0, -1):
        day = ctx.days_ago(days_back)
        yield from measurements_on(person, programme, day=day, base=base, rng=rng, device=device)


def measurements_on(
    person: Person,
    programme: Programme,
    *,
    day: dt.date,
    base: Baseline,
    rng: random.Random,
    device: tuple[str, str],
) -> Iterator[Resource]:
    """The programme's measurements of one day, a few missed."""
    for measure, times in programme.schedule:
        for text in times:
            slot = local_datetime(day, int(text[:2]), int(text[3:5]))
            if rng.random() < MISSED_SHARE:
                continue
            at = slot + dt.timedelta(minutes=rng.randint(-30, 75))
            yield measurements_at(person, measure, at=at, base=base, rng=rng, device=device)


def _safety_alarm(ctx: PatientContext, person: Person) -> Iterator[Resource]:
    rng = random.Random(f"welfare/{ctx.id}/safety-alarm")
    if not (ctx.slot in DEMO_SLOTS or rng.random() < SAFETY_ALARM_SHARE):
        return
    if ctx.slot in DEMO_SLOTS or rng.random() < 0.3:
        code, severity = rng.choice((("4.13", "moderate"), ("4.1", "high"), ("4.21", "moderate")))
        at = local_datetime(ctx.days_ago(rng.randint(1, 6)), rng.randint(0, 23), rng.randint(0, 59))
        yield home.alert(person, code=code, at=at, author="Trygghetsalarm", severity=severity)


def unmatched(
    town: Municipality, numbers: PersonNumbers, *, today: dt.date, seed: int
) -> Iterator[Resource]:
    """Per district, a dispenser alert naming a person number nobody in this municipality has
    (a patient moved away, or a typo at the response centre): shown unmatched, never guessed."""
    for index in range(len(town.districts)):
        rng = random.Random(f"{seed}/welfare/unmatched/{index}")
        female = rng.random() < 0.5
        born = today - dt.timedelta(days=rng.randint(70, 95) * 365)
        number = numbers.issue(rng, born, female=female, d_number=False)
        name = human_name(rng, female=female, old=True)
        stranger = Person(codes.FODSELSNUMMER, number, str(name["text"]), f"unmatched-{index}")
        at = local_datetime(today - dt.timedelta(days=1), 18, rng.randint(5, 40))
        yield home.alert(stranger, code="1.1", at=at, author=DISPENSER_NAME, severity="high")
