"""A small synthetic nursing-home unit as FHIR R4 JSON for bedside tests and screenshots.

Three residents with realistic medication lists (multidose pouches, a penicillin course the
first resident reacts to, controlled drugs, as-needed items), GTIN-coded Medications, staff,
a documented SpO2 scale 2 decision and a week of vital signs. Every person is synthetic:
fødselsnummer with month + 80 and valid check digits. Ids are fixed UUIDs so screenshots and
tests are stable.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from app.values import PlaceId, PlaceKind, PlaceOfWork
from clinical import codes
from clinical.news2 import Consciousness, SpO2Scale
from clinical.nonadministration import DoseOutcome
from clinical.records import (
    DoseQuantity,
    MedicationSource,
    Performer,
    Staff,
    VitalSignsSet,
    medication_administration,
    vital_signs_resources,
)
from tests.synthetic.fest import FestPackage, FestProduct, medication_resource

Json = dict[str, Any]
OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2025, 3, 12, 9, 40, tzinfo=OSLO)
UNIT = PlaceOfWork(PlaceId("unit-solsiden"), PlaceKind.UNIT, "Solsiden")
"""The unit whose round the fake serves (every patient of the fake is on it)."""
TODAY = NOW.date()
_NAMESPACE = uuid.UUID("6b1f6f0e-3b7e-4c1a-9d4e-2f8a1c0b7e55")

NURSE = Staff(
    practitioner_id=str(uuid.uuid5(_NAMESPACE, "nurse")),
    name="Kari Nordmann",
    hpr="9144889",
    role="SP",
)
COLLEAGUE = Staff(
    practitioner_id=str(uuid.uuid5(_NAMESPACE, "colleague")),
    name="Ola Hansen",
    hpr="9104730",
    role="SP",
)
# username, HPR, PIN -> staff; the fake's "PIN verifier".
STAFF_PINS = {("kari", "9144889", "1234"): NURSE, ("ola", "9104730", "4321"): COLLEAGUE}


def rid(*path: str) -> str:
    """A stable UUID for a path of names."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(path)))


def gtin(body: str) -> str:
    """A GTIN-14 with its GS1 check digit (``body`` is 13 digits)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def synthetic_fnr(birth: date, individual: int) -> str:
    """A synthetic fødselsnummer (month + 80) with valid check digits."""
    for number in range(individual, individual + 50):
        base = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}{number % 1000:03d}"
        digits = [int(c) for c in base]
        k1 = 11 - sum(d * w for d, w in zip(digits, (3, 7, 6, 1, 8, 9, 4, 5, 2), strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        digits.append(k1)
        weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
        k2 = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return base + str(k1) + str(k2)
    raise ValueError("no valid number")


# key: name, substance, ATC, GTIN body, dose unit, route
DRUGS = {
    "albyl": ("Albyl-E enterotab 75 mg", "acetylsalisylsyre", "B01AC06", "704626100001", "tablett"),
    "metoprolol": ("Selo-Zok depottab 50 mg", "metoprolol", "C07AB02", "704626100002", "tablett"),
    "furosemid": ("Furix tab 40 mg", "furosemid", "C03CA01", "704626100003", "tablett"),
    "paracet": ("Paracet tab 500 mg", "paracetamol", "N02BE01", "704626100004", "tablett"),
    "apocillin": (
        "Apocillin tab 660 mg",
        "fenoksymetylpenicillin",
        "J01CE02",
        "704626100005",
        "tablett",
    ),
    "movicol": ("Movicol pulver til mikstur", "makrogol", "A06AD65", "704626100006", "dosepose"),
    "oxazepam": ("Sobril tab 10 mg", "oksazepam", "N05BA04", "704626100007", "tablett"),
    "oxynorm": ("OxyNorm kapsel 5 mg", "oksykodon", "N02AA05", "704626100008", "kapsel"),
    "paracet1g": (
        "Paracetamol Orifarm tab 1 g",
        "paracetamol",
        "N02BE01",
        "704626100009",
        "tablett",
    ),
    "spiriva": (
        "Spiriva Respimat inh 2,5 µg",
        "tiotropium",
        "R03BB04",
        "704626100010",
        "inhalasjon",
    ),
    "amoxicillin": (
        "Amoxicillin Sandoz tab 500 mg",
        "amoksicillin",
        "J01CA04",
        "704626100011",
        "tablett",
    ),
    "pinex": ("Pinex tab 500 mg", "paracetamol", "N02BE01", "704626100012", "tablett"),
}
ORAL = ("26643006", "Oral bruk")
INHALED = ("447694001", "Inhalasjon")


def drug_gtin(key: str) -> str:
    """The GTIN-14 of a fixture drug's pack."""
    return gtin("0" + DRUGS[key][3])


# key: strength, strength unit, per, form, byttegruppe (None: may not be swapped). Paracet 500 mg
# and Paracetamol Orifarm 1 g are both N02BE01: only the product tells them apart. Pinex is in
# Paracet's byttegruppe and only in the catalogue: a pharmacy may hand it out instead.
PRODUCTS: dict[str, tuple[float, str, str, str, str | None]] = {
    "albyl": (75, "mg", "tablett", "Enterotablett", None),
    "metoprolol": (50, "mg", "tablett", "Depottablett", "metoprolol depottablett 50 mg"),
    "furosemid": (40, "mg", "tablett", "Tablett", "furosemid tablett 40 mg"),
    "paracet": (500, "mg", "tablett", "Tablett", "paracetamol tablett 500 mg"),
    "apocillin": (660, "mg", "tablett", "Tablett", None),
    "movicol": (13.8, "g", "dosepose", "Pulver til mikstur", None),
    "oxazepam": (10, "mg", "tablett", "Tablett", None),
    "oxynorm": (5, "mg", "kapsel", "Kapsel", None),
    "paracet1g": (1, "g", "tablett", "Tablett", "paracetamol tablett 1 g"),
    "spiriva": (2.5, "ug", "dose", "Inhalasjonsvæske", None),
    "amoxicillin": (500, "mg", "tablett", "Tablett", None),
    "pinex": (500, "mg", "tablett", "Tablett", "paracetamol tablett 500 mg"),
}


def fest_product(key: str) -> FestProduct:
    """A fixture drug as a FEST product (legemiddelmerkevare)."""
    name, substance, atc, _, _ = DRUGS[key]
    strength, unit, per, form, group = PRODUCTS[key]
    return FestProduct(key, name, substance, atc, strength, unit, per, form, group)


def medication(key: str) -> Json:
    """The fixture drug's one package, FEST-coded (``tests.synthetic.fest``)."""
    package = FestPackage(fest_product(key), 100, drug_gtin(key))
    return medication_resource(package, resource_id=rid("Medication", key))


def dosage(
    key: str,
    *,
    text: str,
    dose: float,
    when: tuple[str, ...] = (),
    time_of_day: tuple[str, ...] = (),
    prn: str | None = None,
    max_per_day: float | None = None,
    route: tuple[str, str] = ORAL,
) -> Json:
    result: Json = {
        "text": text,
        "route": {"coding": [{"system": codes.SNOMED_CT, "code": route[0]}], "text": route[1]},
        "doseAndRate": [{"doseQuantity": {"value": dose, "unit": DRUGS[key][4]}}],
    }
    if prn is not None:
        result["asNeededCodeableConcept"] = {"text": prn}
        if max_per_day is not None:
            result["maxDosePerPeriod"] = {
                "numerator": {"value": max_per_day, "unit": DRUGS[key][4]},
                "denominator": {"value": 1, "unit": "døgn", "system": codes.UCUM, "code": "d"},
            }
        return result
    repeat: Json = {}
    if when:
        repeat["when"] = list(when)
    if time_of_day:
        repeat["timeOfDay"] = list(time_of_day)
    result["timing"] = {"repeat": repeat}
    return result


def order(
    pid: str, key: str, dose_json: Json, *, multidose: bool = False, start: str = "2024-01-10"
) -> list[Json]:
    """A MedicationRequest and the MedicationStatement based on it."""
    request_id, statement_id = rid(pid, key, "request"), rid(pid, key, "statement")
    name = DRUGS[key][0]
    med_ref = {"reference": f"Medication/{rid('Medication', key)}", "display": name}
    extension = [{"url": codes.PLEIEPUNKT_MULTIDOSE, "valueBoolean": True}] if multidose else []
    request: Json = {
        "resourceType": "MedicationRequest",
        "id": request_id,
        "identifier": [{"system": codes.IETF_URI, "value": f"urn:uuid:{request_id}"}],
        "status": "active",
        "intent": "order",
        "medicationReference": med_ref,
        "subject": {"reference": f"Patient/{pid}"},
        "authoredOn": f"{start}T10:00:00+01:00",
        "dosageInstruction": [dose_json],
    }
    statement: Json = {
        "resourceType": "MedicationStatement",
        "id": statement_id,
        "basedOn": [{"reference": f"MedicationRequest/{request_id}"}],
        "status": "active",
        "medicationReference": med_ref,
        "subject": {"reference": f"Patient/{pid}"},
        "effectivePeriod": {"start": start},
        "dosage": [dose_json],
    }
    if extension:
        request["extension"] = extension
        statement["extension"] = list(extension)
    return [request, statement]


def patient(pid: str, given: str, family: str, birth: date, individual: int, gender: str) -> Json:
    return {
        "resourceType": "Patient",
        "id": pid,
        "identifier": [{"system": codes.FODSELSNUMMER, "value": synthetic_fnr(birth, individual)}],
        "name": [{"use": "official", "family": family, "given": [given]}],
        "gender": gender,
        "birthDate": birth.isoformat(),
    }


INGRID = rid("patient", "ingrid")
PER = rid("patient", "per")
ASTRID = rid("patient", "astrid")


def _ingrid() -> list[Json]:
    pid = INGRID
    resources = [patient(pid, "Ingrid", "Solberg", date(1938, 4, 2), 512, "female")]
    resources += order(
        pid,
        "albyl",
        dosage("albyl", text="1 tablett morgen", dose=1, when=("MORN",)),
        multidose=True,
    )
    resources += order(
        pid,
        "metoprolol",
        dosage("metoprolol", text="1 tablett morgen", dose=1, when=("MORN",)),
        multidose=True,
    )
    resources += order(
        pid,
        "furosemid",
        dosage("furosemid", text="1 tablett morgen", dose=1, when=("MORN",)),
        multidose=True,
    )
    resources += order(
        pid,
        "paracet",
        dosage(
            "paracet",
            text="2 tabletter 4 ganger daglig",
            dose=2,
            when=("MORN", "NOON", "EVE", "NIGHT"),
        ),
        multidose=True,
    )
    course = dosage(
        "apocillin",
        text="1 tablett 3 ganger daglig i 7 dager",
        dose=1,
        when=("MORN", "NOON", "EVE"),
    )
    # Seven days from the 11th: FHIR's Period.end is inclusive, so the course ends on the 17th.
    course["timing"]["repeat"]["boundsPeriod"] = {"start": "2025-03-11", "end": "2025-03-17"}
    resources += order(pid, "apocillin", course, start="2025-03-11")
    resources += order(
        pid, "movicol", dosage("movicol", text="1 dosepose morgen", dose=1, when=("MORN",))
    )
    resources += order(
        pid,
        "oxazepam",
        dosage("oxazepam", text="1 tablett kl. 10", dose=1, time_of_day=("10:00:00",)),
    )
    resources += order(
        pid,
        "oxynorm",
        dosage(
            "oxynorm",
            text="1 kapsel ved smerter, maks 4 per døgn",
            dose=1,
            prn="Smerter",
            max_per_day=4,
        ),
    )
    resources += order(
        pid,
        "paracet1g",
        dosage(
            "paracet1g",
            text="1 tablett ved feber/smerter, maks 3 per døgn",
            dose=1,
            prn="Feber eller smerter",
            max_per_day=3,
        ),
    )
    resources.append(
        {
            "resourceType": "AllergyIntolerance",
            "id": rid(pid, "allergy", "penicillin"),
            "clinicalStatus": {
                "coding": [{"system": codes.ALLERGY_CLINICAL_STATUS, "code": "active"}]
            },
            "verificationStatus": {
                "coding": [{"system": codes.ALLERGY_VERIFICATION_STATUS, "code": "confirmed"}]
            },
            "type": "allergy",
            "category": ["medication"],
            "criticality": "high",
            "code": {"coding": [{"system": codes.ATC, "code": "J01CE"}], "text": "Penicillin"},
            "patient": {"reference": f"Patient/{pid}"},
            "reaction": [{"manifestation": [{"text": "Anafylaksi"}], "severity": "severe"}],
        }
    )
    return resources


def _per() -> list[Json]:
    pid = PER
    resources = [patient(pid, "Per", "Hansen", date(1944, 11, 23), 431, "male")]
    resources += order(
        pid,
        "spiriva",
        dosage("spiriva", text="2 inhalasjoner morgen", dose=2, when=("MORN",), route=INHALED),
    )
    resources += order(
        pid,
        "metoprolol",
        dosage("metoprolol", text="1 tablett morgen", dose=1, when=("MORN",)),
        multidose=True,
    )
    resources += order(
        pid,
        "albyl",
        dosage("albyl", text="1 tablett morgen", dose=1, when=("MORN",)),
        multidose=True,
    )
    resources += order(
        pid,
        "paracet1g",
        dosage(
            "paracet1g",
            text="1 tablett ved smerter, maks 3 per døgn",
            dose=1,
            prn="Smerter",
            max_per_day=3,
        ),
    )
    resources.append(
        {
            "resourceType": "Flag",
            "id": rid(pid, "flag", "scale2"),
            "status": "active",
            "category": [{"coding": [{"system": codes.FLAG_CATEGORY, "code": "clinical"}]}],
            "code": {
                "coding": [
                    {"system": "http://pleiepunkt.no/fhir/CodeSystem/flag", "code": "spo2-scale-2"}
                ],
                "text": "KOLS med hyperkapnisk respirasjonssvikt: bruk SpO₂-skala 2, mål 88–92 %",
            },
            "subject": {"reference": f"Patient/{pid}"},
            "period": {"start": "2024-10-02"},
            "author": {"reference": f"Practitioner/{rid('gp')}", "display": "Lege Kari Holm"},
        }
    )
    return resources


def _astrid() -> list[Json]:
    pid = ASTRID
    resources = [patient(pid, "Astrid", "Berg", date(1931, 7, 15), 618, "female")]
    resources += order(
        pid,
        "paracet",
        dosage("paracet", text="2 tabletter morgen og kveld", dose=2, when=("MORN", "EVE")),
    )
    return resources


def _history(pid: str, *, scale: SpO2Scale, worsening: bool) -> list[Json]:
    """A week of morning sets, the last ones getting worse when ``worsening``."""
    resources: list[Json] = []
    for days in range(6, -1, -1):
        ill = max(0, 3 - days) / 3 if worsening else 0.0
        at = datetime.combine(TODAY - timedelta(days=days), datetime.min.time(), tzinfo=OSLO)
        at = at.replace(hour=8, minute=5 + days)
        values = VitalSignsSet(
            respiration_rate=round(16 + 8 * ill),
            spo2=round((90 if scale is SpO2Scale.SCALE_2 else 97) - 5 * ill),
            on_oxygen=ill > 0.5,
            oxygen_flow=2.0 if ill > 0.5 else None,
            systolic=round(138 - 30 * ill),
            diastolic=round(82 - 12 * ill),
            pulse=round(72 + 30 * ill),
            consciousness=Consciousness.NEW_CONFUSION if ill > 0.9 else Consciousness.ALERT,
            temperature=round(36.8 + 1.6 * ill, 1),
            spo2_scale=scale,
        )
        made, _ = vital_signs_resources(values, patient_id=pid, performer=NURSE, effective=at)
        resources += made
    return resources


def _night_dose_given() -> Json:
    """Last night's 22:00 pouch for Ingrid, documented by the night shift."""
    scheduled = datetime.combine(TODAY - timedelta(days=1), datetime.min.time(), tzinfo=OSLO)
    scheduled = scheduled.replace(hour=22)
    request_id, statement_id = (
        rid(INGRID, "paracet", "request"),
        rid(INGRID, "paracet", "statement"),
    )
    return medication_administration(
        patient_id=INGRID,
        medication=MedicationSource(
            rid("Medication", "paracet"), DRUGS["paracet"][0], None, request_id, statement_id
        ),
        performers=[Performer(COLLEAGUE)],
        effective=scheduled + timedelta(minutes=12),
        outcome=DoseOutcome.GIVEN,
        given=DoseQuantity(Decimal(2), "tablett"),
        scheduled_at=scheduled,
        pouch_event_id=rid("pouch", "night"),
        resource_id=rid("administration", "night"),
    )


def ward_resources() -> list[Json]:
    """Every resource of the unit: catalogue, residents, orders, allergies, flags, history."""
    resources = [medication(key) for key in DRUGS]
    resources += _ingrid() + _per() + _astrid()
    resources.append(_night_dose_given())
    resources += _history(INGRID, scale=SpO2Scale.SCALE_1, worsening=True)
    resources += _history(PER, scale=SpO2Scale.SCALE_2, worsening=False)
    return resources
