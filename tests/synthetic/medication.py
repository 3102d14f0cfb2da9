"""Medication list, prescriptions with renewal chains, dispensings, and the drug catalogue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from clinical import codes
from tests.synthetic import catalogue as cat
from tests.synthetic.catalogue import Drug
from tests.synthetic.fest import FestPackage, FestProduct, medication_resource
from tests.synthetic.fhir import (
    Resource,
    concept,
    local_datetime,
    local_time,
    quantity,
    ref,
    text_concept,
)
from tests.synthetic.ids import IdFactory
from tests.synthetic.patient import PatientContext

USE = {"fast": ("1", "Fast"), "kur": ("2", "Kur"), "behov": ("3", "Ved behov")}
COURSE_OF_THERAPY = "http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy"
DOSE_RATE_TYPE = "http://terminology.hl7.org/CodeSystem/dose-rate-type"
STOP_REASONS = (
    ("X", "Seponert på grunn av svimmelhet og fall"),
    ("A", "Seponert etter legemiddelgjennomgang"),
    ("X", "Seponert på grunn av nedsatt nyrefunksjon"),
    ("A", "Ikke lenger indikasjon"),
)
VALIDITY_DAYS = 365


def fest_product(drug: Drug) -> FestProduct:
    """A prescribable drug as a FEST legemiddelmerkevare."""
    _, _, per = drug.strength_unit.partition("/")
    numerator = drug.strength_unit.partition("/")[0]
    group = f"{drug.substance} {drug.form} {drug.strength} {numerator}".casefold()
    return FestProduct(
        key=drug.key,
        name=drug.name,
        substance=drug.substance,
        atc=drug.atc,
        strength=drug.strength,
        strength_unit=numerator,
        per_unit=per or drug.unit,
        form=drug.form,
        byttegruppe=group if drug.key in cat.IN_BYTTEGRUPPE else None,
    )


def _substitute_product(substitute: cat.Substitute) -> FestProduct:
    """A catalogue-only product: its byttegruppe's substance, strength and form, its own name."""
    of = fest_product(cat.DRUGS_BY_KEY[substitute.of])
    return FestProduct(
        key=substitute.key,
        name=substitute.name,
        substance=of.substance,
        atc=of.atc,
        strength=of.strength,
        strength_unit=of.strength_unit,
        per_unit=of.per_unit,
        form=of.form,
        byttegruppe=of.byttegruppe,
    )


def _package_id(ids: IdFactory, key: str, size: int) -> str:
    # The first size keeps the id each drug's Medication always had.
    return ids("Medication", key) if size == cat.PACK_SIZES[0] else ids("Medication", key, size)


def _gtin(ids: IdFactory, key: str, size: int) -> str:
    return ids.gtin(key) if size == cat.PACK_SIZES[0] else ids.gtin(f"{key}/{size}")


def catalogue_packages(ids: IdFactory) -> Iterator[tuple[str, FestPackage]]:
    """(Medication id, package) for every package of every product, prescribable ones first."""
    products = [fest_product(d) for d in cat.DRUGS]
    products += [_substitute_product(s) for s in cat.SUBSTITUTES]
    for product in products:
        for size in cat.PACK_SIZES:
            package = FestPackage(product, size, _gtin(ids, product.key, size))
            yield _package_id(ids, product.key, size), package


def medication_catalogue(ids: IdFactory) -> Iterator[Resource]:
    """One Medication per FEST package: FEST ids, varenummer, GTIN, byttegruppe, composition."""
    for resource_id, package in catalogue_packages(ids):
        yield medication_resource(package, resource_id=resource_id)


def medication_id(ids: IdFactory, drug: Drug) -> str:
    """The Medication resource id of the package a prescription of ``drug`` names."""
    return _package_id(ids, drug.key, cat.PACK_SIZES[0])


def dosage(drug: Drug, *, start: dt.date | None = None, days: int | None = None) -> Resource:
    """A Dosage with free text, route, timing (morning/midday/evening/night) or PRN limits."""
    result: Resource = {
        "text": drug.text,
        "route": concept(codes.SNOMED_CT, drug.route[0], None, drug.route[1]),
        "doseAndRate": [
            {
                "type": concept(DOSE_RATE_TYPE, "ordered", "Ordered"),
                "doseQuantity": {"value": drug.dose, "unit": drug.unit},
            }
        ],
    }
    if drug.use == "behov":
        result["asNeededCodeableConcept"] = text_concept(drug.indication)
        result["maxDosePerPeriod"] = {
            "numerator": {"value": drug.dose * 4, "unit": drug.unit},
            "denominator": quantity(1, "døgn", "d"),
        }
        return result
    repeat: Resource = {"when": list(drug.when)}
    if start is not None and days is not None:
        # FHIR Period.end is inclusive: a course of 7 days from the 1st ends on the 7th.
        repeat["boundsPeriod"] = {
            "start": start.isoformat(),
            "end": (start + dt.timedelta(days=days - 1)).isoformat(),
        }
    result["timing"] = {"repeat": repeat}
    return result


def medications(ctx: PatientContext) -> Iterator[Resource]:
    """The patient's medication list with its prescriptions and dispensings."""
    rng = ctx.rng
    substances: set[str] = set()

    def pick(pool: tuple[Drug, ...], count: int) -> list[Drug]:
        chosen = []
        for drug in rng.sample(pool, min(count, len(pool))):
            if drug.substance not in substances:
                substances.add(drug.substance)
                chosen.append(drug)
        return chosen

    items: list[tuple[Drug, str]] = []  # (drug, "active" | "stopped" | "completed")
    items += [
        (d, "active")
        for d in pick(cat.REGULAR, rng.randint(3, 7) if ctx.in_ward else rng.randint(2, 6))
    ]
    items += [(d, "active") for d in pick(cat.AS_NEEDED, rng.randint(1, 3))]
    if ctx.in_ward and rng.random() < 0.1:
        items += [(d, "active") for d in pick(cat.PALLIATIVE, 4)]
    if ctx.demo:
        items.append((cat.DRUGS_BY_KEY["apocillin"], "active"))
    elif rng.random() < 0.2:
        items += [(d, "active") for d in pick(cat.COURSES, 1)]
    if rng.random() < 0.4:
        items += [(d, "stopped") for d in pick(cat.REGULAR, 1)]
    if rng.random() < 0.3:
        items += [(d, "completed") for d in pick(cat.COURSES, 1)]
    for n, (drug, state) in enumerate(items):
        yield from _item(ctx, n, drug, state)


def _item(ctx: PatientContext, n: int, drug: Drug, state: str) -> Iterator[Resource]:
    rng = ctx.rng
    multidose = ctx.multidose and drug.use == "fast" and drug.route is cat.ORAL
    if drug.use == "kur":
        days = 7 if drug.key == "apocillin" else rng.choice((3, 5, 7))
        if state == "active":
            start = ctx.days_ago(1 if ctx.demo and drug.key == "apocillin" else rng.randint(0, 2))
        else:
            start = ctx.days_ago(rng.randint(30, 300))
        chain = [start]
    else:
        days = None
        first = ctx.days_ago(rng.randint(30, 1500))
        renewals = (ctx.today - first).days // VALIDITY_DAYS
        chain = [first + dt.timedelta(days=VALIDITY_DAYS * k) for k in range(renewals + 1)]
        start = first
    stopped_on = None
    if state == "stopped":
        stopped_on = ctx.days_ago(rng.randint(5, min(60, (ctx.today - start).days)))
        chain = [authored for authored in chain if authored <= stopped_on]
    # Some prescriptions ran out a while ago and wait for renewal: the list still shows the drug.
    # The dropped renewal's day is when the remaining head's validity ended: strictly before today.
    expired = state == "active" and len(chain) > 1 and rng.random() < 0.15 and chain[-1] < ctx.today
    if expired:
        chain = chain[:-1]
    requester = ctx.physician if rng.random() < 0.6 else ctx.gp
    prior: str | None = None
    request_ids = []
    authored_times: list[dt.datetime] = []
    for k, authored in enumerate(chain):
        authored_at = local_datetime(authored, rng.randint(9, 15), rng.choice((0, 20, 40)))
        rid = ctx.rid("MedicationRequest", n, k)
        head = k == len(chain) - 1
        if head and state == "stopped":
            status = "stopped"
        elif head and state == "active" and not expired:
            status = "active"
        else:
            status = "completed"
        request: Resource = {
            "resourceType": "MedicationRequest",
            "id": rid,
            "identifier": [{"system": codes.IETF_URI, "value": f"urn:uuid:{rid}"}],
            "status": status,
            "intent": "order",
            "category": [concept(codes.BRUK, *USE[drug.use])],
            "medicationReference": ref("Medication", medication_id(ctx.ids, drug), drug.name),
            "subject": ctx.subject,
            "authoredOn": authored_at.isoformat(),
            "requester": ref("Practitioner", requester.practitioner, requester.display),
            "reasonCode": [text_concept(drug.indication)],
            "courseOfTherapyType": concept(
                COURSE_OF_THERAPY,
                *(
                    ("acute", "Short course (acute) therapy")
                    if drug.use == "kur"
                    else ("continuous", "Continuous long term therapy")
                ),
            ),
            "dosageInstruction": [dosage(drug, start=authored, days=days)],
            "dispenseRequest": {
                "validityPeriod": {
                    "start": authored.isoformat(),
                    "end": (authored + dt.timedelta(days=VALIDITY_DAYS)).isoformat(),
                },
                "numberOfRepeatsAllowed": 0 if drug.use == "kur" else rng.choice((1, 2, 3, 5)),
                "quantity": {"value": 100 if drug.use == "fast" else 20, "unit": drug.unit},
                "expectedSupplyDuration": quantity(days or 90, "dager", "d"),
            },
        }
        if ctx.stay:
            request["encounter"] = ref("Encounter", ctx.stay)
        if status == "completed":
            if not head:
                reason = "Fornyet"
            elif expired:
                reason = "Utløpt, må fornyes"
            else:
                reason = "Kuren er fullført"
            request["statusReason"] = text_concept(reason)
        if status == "stopped" and stopped_on is not None:
            code, text = rng.choice(STOP_REASONS)
            request["statusReason"] = concept(codes.SEPONERINGSARSAK, code, None, text)
        if prior:
            request["priorPrescription"] = ref("MedicationRequest", prior)
        if multidose:
            request["extension"] = [{"url": codes.PLEIEPUNKT_MULTIDOSE, "valueBoolean": True}]
        prior = rid
        request_ids.append(rid)
        authored_times.append(authored_at)
        yield request
    head_id = request_ids[-1]
    statement: Resource = {
        "resourceType": "MedicationStatement",
        "id": ctx.rid("MedicationStatement", n),
        "basedOn": [ref("MedicationRequest", head_id)],
        "status": state,
        "category": concept(codes.BRUK, *USE[drug.use]),
        "medicationReference": ref("Medication", medication_id(ctx.ids, drug), drug.name),
        "subject": ctx.subject,
        "effectivePeriod": {"start": start.isoformat()},
        "dateAsserted": local_time(ctx.days_ago(rng.randint(0, 30)), rng.randint(9, 15)),
        "informationSource": ref("Practitioner", requester.practitioner, requester.display),
        "reasonCode": [text_concept(drug.indication)],
        "dosage": [dosage(drug, start=chain[-1], days=days)],
    }
    if state == "stopped" and stopped_on is not None:
        statement["effectivePeriod"]["end"] = stopped_on.isoformat()
        statement["statusReason"] = [text_concept("Seponert av lege")]
    if state == "completed" and days is not None:
        statement["effectivePeriod"]["end"] = (start + dt.timedelta(days=days - 1)).isoformat()
    if multidose:
        statement["extension"] = [{"url": codes.PLEIEPUNKT_MULTIDOSE, "valueBoolean": True}]
    yield statement
    if state == "stopped" and stopped_on is not None:
        until = stopped_on
    elif state == "completed" and days is not None:
        until = start + dt.timedelta(days=days - 1)
    else:
        # An expired head could be dispensed until its validity ran out, an active one until today.
        until = min(ctx.today, chain[-1] + dt.timedelta(days=VALIDITY_DAYS))
    yield from _dispenses(
        ctx,
        n,
        drug,
        head=request_ids[-1],
        authored_at=authored_times[-1],
        until=until,
        multidose=multidose,
        state=state,
    )


def _dispenses(
    ctx: PatientContext,
    n: int,
    drug: Drug,
    *,
    head: str,
    authored_at: dt.datetime,
    until: dt.date,
    multidose: bool,
    state: str,
) -> Iterator[Resource]:
    """Dispensings of the chain head, oldest first, between its writing and ``until``.

    A pharmacy hands a drug over only on a prescription that exists, so every hand-over comes
    at least an hour after ``authored_at``.
    """
    rng = ctx.rng
    if drug.use == "behov":
        count = rng.choice((0, 1))
    elif drug.use == "kur":
        count = 1
    else:
        count = 2 if state == "active" else 1
    first = authored_at.date()
    span = (until - first).days
    if drug.use == "kur":
        # A course is fetched the day it is written or the day after.
        days = [first + dt.timedelta(days=rng.randint(0, min(1, span)))] if count else []
    else:
        interval = 14 if multidose else 30
        newest = until - dt.timedelta(days=rng.randint(0, min(6 if multidose else 25, span)))
        days = sorted(
            day for k in range(count) if (day := newest - dt.timedelta(days=interval * k)) >= first
        )
    pharmacy = ctx.town.pharmacies[ctx.index % len(ctx.town.pharmacies)]
    earliest = authored_at + dt.timedelta(hours=1)
    for k, day in enumerate(days):
        handed = max(
            earliest, local_datetime(day, rng.randint(10, 16), rng.choice((0, 15, 30, 45)))
        )
        prepared = max(authored_at, local_datetime(day - dt.timedelta(days=1), 14))
        if multidose:
            kind = concept(codes.ACT_CODE, "DF", "Daily Fill", "Multidose, 14 dager")
            supply = 14
        else:
            kind = concept(codes.ACT_CODE, "RF" if k else "FF", "Refill" if k else "First Fill")
            supply = 30 if drug.use != "kur" else 7
        yield {
            "resourceType": "MedicationDispense",
            "id": ctx.rid("MedicationDispense", n, k),
            "status": "completed",
            "medicationReference": ref("Medication", medication_id(ctx.ids, drug), drug.name),
            "subject": ctx.subject,
            "performer": [{"actor": ref("Organization", pharmacy.id, pharmacy.name)}],
            "authorizingPrescription": [ref("MedicationRequest", head)],
            "type": kind,
            "quantity": {"value": supply * max(1, len(drug.when)) * drug.dose, "unit": drug.unit},
            "daysSupply": quantity(supply, "dager", "d"),
            "whenPrepared": prepared.isoformat(),
            "whenHandedOver": handed.isoformat(),
            "dosageInstruction": [dosage(drug)],
        }
