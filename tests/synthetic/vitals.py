"""Vital-sign history (LOINC, the NEWS2 inputs) over the last week; some patients get worse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from clinical import codes
from tests.synthetic.fhir import Resource, concept, local_time, quantity, ref
from tests.synthetic.patient import PatientContext

VITAL_SIGNS = concept(codes.OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")
ACVPU = (
    ("A", "Alert", "Våken"),
    ("C", "New confusion", "Nyoppstått forvirring"),
    ("V", "Voice", "Reagerer på tiltale"),
)


def vital_signs(ctx: PatientContext) -> Iterator[Resource]:
    """Sets of seven observations (RR, SpO2, BP, pulse, temperature, ACVPU, air or oxygen) per
    measurement time: a complete NEWS2 set."""
    rng = ctx.rng
    # Low SpO2 runs in lung disease; those on scale 2 live at their 88-92 % target.
    copd = rng.random() < 0.15 or ctx.hypercapnic_copd
    base = {
        "rr": rng.randint(13, 18),
        "spo2": rng.randint(88, 93) if copd else rng.randint(94, 99),
        "sys": rng.randint(105, 165),
        "dia": rng.randint(58, 92),
        "pulse": rng.randint(58, 92),
        "temp": rng.uniform(36.2, 37.2),
    }
    times: list[tuple[dt.date, int, int, float]] = []  # day, hour, minute, how ill (0-1)
    if ctx.in_ward:
        for days in range(6, -1, -1):
            day = ctx.days_ago(days)
            times.append((day, 8, rng.randint(0, 50), 0.0))
            if rng.random() < 0.25:
                times.append((day, 19, rng.randint(0, 50), 0.0))
    else:
        for days in sorted(rng.sample(range(7), rng.choice((1, 2, 3, 4))), reverse=True):
            times.append((ctx.days_ago(days), rng.randint(8, 14), rng.randint(0, 59), 0.0))
    if ctx.demo or rng.random() < 0.05:
        # Getting worse over the last two days: the NEWS2 demo.
        times = [t for t in times if t[0] < ctx.days_ago(1)]
        for step, (days, hour) in enumerate(((1, 8), (1, 14), (1, 20), (0, 2), (0, 8))):
            times.append((ctx.days_ago(days), hour, rng.randint(0, 30), (step + 1) / 5))
    performer_pool = ctx.unit.staff
    for n, (day, hour, minute, ill) in enumerate(times):
        when = local_time(day, hour, minute)
        performer = rng.choice(performer_pool)
        yield from _set(ctx, n, when, performer.practitioner, base, ill, rng.random())


def _observation(
    ctx: PatientContext, rid: str, when: str, performer: str, code: Resource
) -> Resource:
    resource: Resource = {
        "resourceType": "Observation",
        "id": rid,
        "status": "final",
        "category": [VITAL_SIGNS],
        "code": code,
        "subject": ctx.subject,
        "effectiveDateTime": when,
        "performer": [ref("Practitioner", performer)],
    }
    if ctx.stay:
        resource["encounter"] = ref("Encounter", ctx.stay)
    return resource


def _set(
    ctx: PatientContext,
    n: int,
    when: str,
    performer: str,
    base: dict[str, float],
    ill: float,
    noise: float,
) -> Iterator[Resource]:
    jitter = noise * 2 - 1

    def obs(key: str, code: Resource) -> Resource:
        return _observation(ctx, ctx.rid("Observation", n, key), when, performer, code)

    loinc = codes.LOINC
    rr = obs(
        "rr",
        concept(loinc, codes.LOINC_RESPIRATORY_RATE, "Respiratory rate", "Respirasjonsfrekvens"),
    )
    rr["valueQuantity"] = quantity(round(base["rr"] + 12 * ill + 2 * jitter), "/min")
    yield rr

    spo2 = obs(
        "spo2",
        {
            "coding": [
                {
                    "system": loinc,
                    "code": codes.LOINC_OXYGEN_SATURATION,
                    "display": "Oxygen saturation in Arterial blood by Pulse oximetry",
                },
                {
                    "system": loinc,
                    "code": codes.LOINC_OXYGEN_SATURATION_ARTERIAL,
                    "display": "Oxygen saturation in Arterial blood",
                },
            ],
            "text": "SpO₂",
        },
    )
    spo2["valueQuantity"] = quantity(min(100, round(base["spo2"] - 9 * ill + jitter)), "%")
    yield spo2

    bp = obs(
        "bp",
        concept(
            loinc,
            codes.LOINC_BLOOD_PRESSURE_PANEL,
            "Blood pressure panel with all children optional",
            "Blodtrykk",
        ),
    )
    bp["component"] = [
        {
            "code": concept(loinc, codes.LOINC_SYSTOLIC, "Systolic blood pressure"),
            "valueQuantity": quantity(round(base["sys"] - 35 * ill + 8 * jitter), "mmHg", "mm[Hg]"),
        },
        {
            "code": concept(loinc, codes.LOINC_DIASTOLIC, "Diastolic blood pressure"),
            "valueQuantity": quantity(round(base["dia"] - 15 * ill + 5 * jitter), "mmHg", "mm[Hg]"),
        },
    ]
    yield bp

    pulse = obs("pulse", concept(loinc, codes.LOINC_HEART_RATE, "Heart rate", "Puls"))
    pulse["valueQuantity"] = quantity(round(base["pulse"] + 40 * ill + 5 * jitter), "/min")
    yield pulse

    temp = obs(
        "temp", concept(loinc, codes.LOINC_BODY_TEMPERATURE, "Body temperature", "Temperatur")
    )
    temp["valueQuantity"] = quantity(round(base["temp"] + 2.4 * ill + 0.3 * jitter, 1), "°C", "Cel")
    yield temp

    level = ACVPU[2] if ill > 0.9 else ACVPU[1] if ill > 0.5 else ACVPU[0]
    acvpu = obs(
        "acvpu",
        concept(loinc, codes.LOINC_CONSCIOUSNESS, "Level of responsiveness", "Bevissthet (ACVPU)"),
    )
    acvpu["valueCodeableConcept"] = concept(codes.PLEIEPUNKT_ACVPU, level[0], level[1], level[2])
    yield acvpu

    # Air or oxygen completes the NEWS2 set (RCP Chart 1): room air (0 L/min) unless the patient
    # is on scale 2 or getting worse. Decided without the random stream, so the values and ids
    # of everything generated before this observation existed stay as they were.
    oxygen = obs(
        "o2",
        concept(
            loinc,
            codes.LOINC_INHALED_OXYGEN_FLOW,
            "Inhaled oxygen flow rate",
            "Oksygentilførsel (l/min)",
        ),
    )
    flow = 2 if ctx.hypercapnic_copd else 3 if ill > 0.6 else 0
    oxygen["valueQuantity"] = quantity(flow, "l/min", "L/min")
    yield oxygen
