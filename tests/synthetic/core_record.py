"""The core record: allergies, critical conditions, flags, treatment limits, vaccines, stays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from clinical import codes
from tests.synthetic import catalogue as cat
from tests.synthetic import vocabulary as vocab
from tests.synthetic.fhir import OSLO, Resource, concept, local_time, ref, text_concept
from tests.synthetic.patient import PatientContext


def core_record(ctx: PatientContext) -> Iterator[Resource]:
    """Every core-record resource of one patient."""
    yield from _allergies(ctx)
    yield from _conditions(ctx)
    yield from _flags(ctx)
    yield from _treatment_limits(ctx)
    yield from _immunizations(ctx)
    yield from _hospital_contacts(ctx)


def _recorder(ctx: PatientContext) -> dict[str, str]:
    doctor = ctx.physician if ctx.rng.random() < 0.6 else ctx.gp
    return ref("Practitioner", doctor.practitioner, doctor.display)


def _allergies(ctx: PatientContext) -> Iterator[Resource]:
    rng = ctx.rng
    allergens = []
    if ctx.demo:
        allergens.append(cat.PENICILLIN)
    count = rng.choice((0, 0, 0, 1, 1, 1, 2, 3))
    for allergen in rng.sample(cat.ALLERGENS[1:], count):
        allergens.append(allergen)
    for n, allergen in enumerate(allergens):
        demo = ctx.demo and allergen is cat.PENICILLIN
        reaction = cat.REACTIONS[0] if demo else rng.choice(cat.REACTIONS)
        severe = reaction[2] == "severe"
        confirmed = demo or rng.random() < 0.7
        if allergen.system == "atc":
            code = concept(codes.ATC, allergen.code, None, allergen.text)
        elif allergen.system == "snomed":
            code = concept(codes.SNOMED_CT, allergen.code, None, allergen.text)
        else:
            code = text_concept(allergen.text)
        recorded = ctx.days_ago(rng.randint(30, 4000))
        yield {
            "resourceType": "AllergyIntolerance",
            "id": ctx.rid("AllergyIntolerance", n),
            "clinicalStatus": concept(codes.ALLERGY_CLINICAL_STATUS, "active", "Active"),
            "verificationStatus": concept(
                codes.ALLERGY_VERIFICATION_STATUS,
                *(("confirmed", "Confirmed") if confirmed else ("unconfirmed", "Unconfirmed")),
            ),
            "type": "allergy" if severe or allergen.category != "medication" else "intolerance",
            "category": [allergen.category],
            "criticality": "high" if severe else "low",
            "code": code,
            "patient": ctx.subject,
            "recordedDate": local_time(recorded, rng.randint(8, 15), rng.choice((0, 15, 30, 45))),
            "recorder": _recorder(ctx),
            "reaction": [
                {
                    "manifestation": [concept(codes.SNOMED_CT, reaction[0], None, reaction[1])],
                    "severity": reaction[2],
                    "description": (
                        "Anafylaktisk reaksjon etter første tablett, behandlet i akuttmottak"
                        if demo
                        else f"{reaction[1]} etter inntak"
                    ),
                }
            ],
        }


def _conditions(ctx: PatientContext) -> Iterator[Resource]:
    rng = ctx.rng
    diagnoses = rng.sample(cat.CHRONIC, rng.randint(1, 4 if ctx.in_ward else 3))
    if rng.random() < 0.25:
        diagnoses.append(rng.choice(cat.CRITICAL))
    if ctx.hypercapnic_copd:
        if cat.COPD not in diagnoses:
            diagnoses.append(cat.COPD)
        diagnoses.append(cat.HYPERCAPNIC_FAILURE)
    for n, diagnosis in enumerate(diagnoses):
        category = [concept(codes.CONDITION_CATEGORY, "problem-list-item", "Problem List Item")]
        if diagnosis.critical:
            shown = vocab.CRITICAL_INFO_CATEGORIES[diagnosis.critical]
            category.append(
                concept(vocab.CRITICAL_INFO_CATEGORY_SYSTEM, diagnosis.critical, shown, shown)
            )
        yield {
            "resourceType": "Condition",
            "id": ctx.rid("Condition", n),
            "clinicalStatus": concept(codes.CONDITION_CLINICAL_STATUS, "active", "Active"),
            "verificationStatus": concept(
                codes.CONDITION_VERIFICATION_STATUS, "confirmed", "Confirmed"
            ),
            "category": category,
            "code": concept(codes.ICD10, diagnosis.icd10, diagnosis.text, diagnosis.text),
            "subject": ctx.subject,
            "onsetDateTime": ctx.days_ago(rng.randint(200, 9000)).isoformat(),
            "recordedDate": ctx.days_ago(rng.randint(10, 190)).isoformat(),
            "recorder": _recorder(ctx),
        }


def _flags(ctx: PatientContext) -> Iterator[Resource]:
    rng = ctx.rng
    chosen = rng.sample(cat.FLAGS, rng.choice((0, 0, 0, 1, 1, 2)))
    for n, (category, text) in enumerate(chosen):
        yield {
            "resourceType": "Flag",
            "id": ctx.rid("Flag", n),
            "status": "active",
            "category": [concept(codes.FLAG_CATEGORY, category)],
            "code": text_concept(text),
            "subject": ctx.subject,
            "period": {"start": ctx.days_ago(rng.randint(5, 700)).isoformat()},
            "author": ref("Practitioner", ctx.nurse.practitioner, ctx.nurse.display),
        }
    if ctx.hypercapnic_copd:
        yield _spo2_scale_2_decision(ctx)


def _spo2_scale_2_decision(ctx: PatientContext) -> Resource:
    """The physician's documented decision that NEWS2 scores SpO2 on scale 2 (target 88-92 %)."""
    return {
        "resourceType": "Flag",
        "id": ctx.rid("Flag", "spo2-scale-2"),
        "status": "active",
        "category": [concept(codes.FLAG_CATEGORY, "clinical", "Clinical")],
        "code": concept(
            vocab.PLEIEPUNKT_FLAG_SYSTEM,
            vocab.SPO2_SCALE_2,
            "SpO2 scale 2 (NEWS2)",
            "KOLS med hyperkapnisk respirasjonssvikt: bruk SpO₂-skala 2, mål 88–92 %",
        ),
        "subject": ctx.subject,
        "period": {"start": ctx.days_ago(ctx.rng.randint(30, 900)).isoformat()},
        "author": ref("Practitioner", ctx.physician.practitioner, ctx.physician.display),
    }


def _treatment_limits(ctx: PatientContext) -> Iterator[Resource]:
    rng = ctx.rng
    hlr_minus = ctx.demo or rng.random() < (0.5 if ctx.in_ward else 0.12)
    if not hlr_minus:
        return
    decided = ctx.days_ago(rng.randint(3, 600))
    limits: list[tuple[str, str]] = [("89666000", "Hjerte-lunge-redning (HLR)")]
    if rng.random() < 0.4:
        limits.append(("32485007", "Sykehusinnleggelse"))
    yield {
        "resourceType": "Consent",
        "id": ctx.rid("Consent", 0),
        "status": "active",
        "scope": concept(codes.CONSENT_SCOPE, "treatment", "Treatment"),
        "category": [
            concept(
                codes.CONSENT_CATEGORY,
                "dnr",
                "Do Not Resuscitate",
                "HLR-minus og behandlingsavklaringer",
            )
        ],
        "patient": ctx.subject,
        "dateTime": local_time(decided, rng.randint(9, 15)),
        "performer": [ref("Practitioner", ctx.physician.practitioner, ctx.physician.display)],
        "organization": [ref("Organization", ctx.unit.organization)],
        "policyRule": text_concept(
            "Ikke gjenoppliving (HLR-minus). Besluttet av lege etter samtale med pasient og "
            "pårørende."
        ),
        "provision": {
            "type": "deny",
            "period": {"start": decided.isoformat()},
            "code": [concept(codes.SNOMED_CT, code, None, text) for code, text in limits],
        },
    }


def _immunizations(ctx: PatientContext) -> Iterator[Resource]:
    rng = ctx.rng
    n = 0
    for atc, name, yearly in cat.VACCINES:
        if yearly:
            seasons = rng.choice((1, 2, 2, 3))
            days = [rng.randint(40, 80) + 365 * season for season in range(seasons)]
        elif rng.random() < 0.4:
            days = [rng.randint(100, 3000)]
        else:
            days = []
        for day in days:
            given = ctx.days_ago(day)
            yield {
                "resourceType": "Immunization",
                "id": ctx.rid("Immunization", n),
                "status": "completed",
                "vaccineCode": concept(codes.ATC, atc, None, name),
                "patient": ctx.subject,
                "occurrenceDateTime": local_time(given, rng.randint(9, 14)),
                "primarySource": True,
                "lotNumber": f"{rng.choice('ABCDEFGHKLMNPRSTUVXYZ')}{rng.randint(1000, 99999)}",
                "route": concept(
                    "http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration",
                    "IM",
                    "Injection, intramuscular",
                ),
                "performer": [
                    {"actor": ref("Practitioner", ctx.nurse.practitioner, ctx.nurse.display)}
                ],
                "location": ref("Location", ctx.unit.location),
            }
            n += 1


def _hospital_contacts(ctx: PatientContext) -> Iterator[Resource]:
    rng = ctx.rng
    for n in range(rng.choice((0, 0, 1, 1, 1, 2, 3))):
        icd, reason, cls = rng.choice(cat.HOSPITAL_REASONS)
        start = dt.datetime.combine(
            ctx.days_ago(rng.randint(14, 1000)), dt.time(rng.randint(0, 23), rng.randint(0, 59))
        ).replace(tzinfo=OSLO)
        stay = dt.timedelta(days=rng.randint(2, 12)) if cls == "IMP" else dt.timedelta(0)
        end = start + stay + dt.timedelta(hours=rng.randint(3, 9))
        hospital = rng.choice(ctx.town.hospitals)
        yield {
            "resourceType": "Encounter",
            "id": ctx.rid("Encounter", "hospital", n),
            "status": "finished",
            "class": {
                "system": codes.ACT_CODE,
                "code": cls,
                "display": "inpatient encounter" if cls == "IMP" else "emergency",
            },
            "type": [text_concept("Innleggelse" if cls == "IMP" else "Akuttmottak")],
            "subject": ctx.subject,
            "period": {"start": start.isoformat(), "end": end.isoformat()},
            "reasonCode": [concept(codes.ICD10, icd, reason, reason)],
            "hospitalization": {
                "dischargeDisposition": text_concept(
                    "Tilbake til sykehjemmet" if ctx.in_ward else "Hjem med hjemmetjenester"
                )
            },
            "serviceProvider": ref("Organization", hospital.id, hospital.name),
        }
