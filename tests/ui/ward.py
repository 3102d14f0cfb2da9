"""A realistic, fully synthetic ward and home-care route as FHIR R4 JSON, for UI tests and shots.

Fødselsnummer use month + 80 (synthetic persons) with valid check digits. Nothing here is real.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.values import PlaceId, PlaceKind, PlaceOfWork

OSLO = ZoneInfo("Europe/Oslo")
TODAY = date(2025, 3, 12)
NOW = datetime(2025, 3, 12, 9, 40, tzinfo=OSLO)
FNR = "urn:oid:2.16.578.1.12.4.1.4.1"
HPR = "urn:oid:2.16.578.1.12.4.1.4.4"
USE_SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.9101"

UNIT = PlaceOfWork(id=PlaceId("unit-solsiden"), kind=PlaceKind.UNIT, name="Solsiden 2. etasje")
ROUTE = PlaceOfWork(
    id=PlaceId("route-nord"), kind=PlaceKind.ROUTE, name="Hjemmesykepleien rute Nord", day=TODAY
)

Json = dict[str, Any]


def synthetic_fnr(birth: date, individual: int) -> str:
    """A synthetic fødselsnummer (month + 80) with valid check digits, skipping invalid ones."""
    for number in range(individual, individual + 50):
        base = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}{number % 1000:03d}"
        digits = [int(c) for c in base]
        k1 = 11 - sum(d * w for d, w in zip(digits, (3, 7, 6, 1, 8, 9, 4, 5, 2), strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        digits.append(k1)
        k2 = (
            11
            - sum(d * w for d, w in zip(digits, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        )
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return base + str(k1) + str(k2)
    raise ValueError("no valid number in range")


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def meta(updated: datetime) -> Json:
    return {"versionId": "1", "lastUpdated": iso(updated)}


@dataclass
class PatientData:
    """All resources of one synthetic patient."""

    patient: Json
    location: Json | None = None
    visit: Json | None = None
    allergies: list[Json] = field(default_factory=list)
    conditions: list[Json] = field(default_factory=list)
    flags: list[Json] = field(default_factory=list)
    consents: list[Json] = field(default_factory=list)
    immunizations: list[Json] = field(default_factory=list)
    encounters: list[Json] = field(default_factory=list)
    related: list[Json] = field(default_factory=list)
    gp: Json | None = None
    statements: list[Json] = field(default_factory=list)
    medications: list[Json] = field(default_factory=list)
    requests: list[Json] = field(default_factory=list)
    dispenses: list[Json] = field(default_factory=list)
    last_seen_at: datetime | None = None
    synced_at: datetime | None = None


def patient(
    pid: str,
    given: list[str],
    family: str,
    birth: date,
    *,
    individual: int,
    gender: str,
    address: str = "",
    postal: str = "",
    city: str = "",
) -> Json:
    resource: Json = {
        "resourceType": "Patient",
        "id": pid,
        "meta": meta(NOW - timedelta(days=40)),
        "identifier": [{"system": FNR, "value": synthetic_fnr(birth, individual)}],
        "name": [{"use": "official", "family": family, "given": given}],
        "gender": gender,
        "birthDate": birth.isoformat(),
        "generalPractitioner": [{"reference": "Practitioner/gp-1", "display": "Lege Kari Holm"}],
    }
    if address:
        resource["address"] = [
            {"use": "home", "line": [address], "postalCode": postal, "city": city}
        ]
    return resource


def room(number: int) -> Json:
    return {
        "resourceType": "Location",
        "id": f"room-{number}",
        "name": f"Rom {number}",
        "physicalType": {"coding": [{"code": "ro", "display": "Room"}]},
    }


def visit(pid: str, hour: int, minute: int) -> Json:
    start = datetime.combine(TODAY, datetime.min.time(), tzinfo=OSLO).replace(
        hour=hour, minute=minute
    )
    return {
        "resourceType": "Appointment",
        "id": f"visit-{pid}",
        "status": "booked",
        "start": iso(start),
        "end": iso(start + timedelta(minutes=30)),
        "participant": [{"actor": {"reference": f"Patient/{pid}"}, "status": "accepted"}],
    }


def allergy(
    pid: str,
    aid: str,
    substance: str,
    reaction: str,
    *,
    criticality: str,
    verified: bool,
    drug: bool = True,
) -> Json:
    return {
        "resourceType": "AllergyIntolerance",
        "id": aid,
        "meta": meta(NOW - timedelta(days=400)),
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "verificationStatus": {"coding": [{"code": "confirmed" if verified else "unconfirmed"}]},
        "category": ["medication" if drug else "environment"],
        "criticality": criticality,
        "code": {"text": substance},
        "patient": {"reference": f"Patient/{pid}"},
        "recordedDate": "2019-05-14",
        "recorder": {"display": "Lege Per Lunde"},
        "reaction": [{"manifestation": [{"text": reaction}]}],
    }


def condition(pid: str, cid: str, text: str, category: str, onset: str, note: str = "") -> Json:
    resource: Json = {
        "resourceType": "Condition",
        "id": cid,
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "category": [{"coding": [{"code": category}]}],
        "code": {"text": text},
        "subject": {"reference": f"Patient/{pid}"},
        "onsetDateTime": onset,
        "recorder": {"display": "Lege Kari Holm"},
    }
    if note:
        resource["note"] = [{"text": note}]
    return resource


def hlr_minus(pid: str) -> Json:
    return {
        "resourceType": "Consent",
        "id": f"hlr-{pid}",
        "status": "active",
        "scope": {"coding": [{"code": "treatment"}]},
        "category": [{"text": "Behandlingsavklaring"}],
        "patient": {"reference": f"Patient/{pid}"},
        "dateTime": "2024-11-04",
        "performer": [{"display": "Sykehjemslege Anders Berg"}],
        "policyRule": {"text": "Avklart med pasient og pårørende"},
        "provision": {"code": [{"text": "HLR-minus: ikke hjerte-lunge-redning"}]},
    }


def statement(
    pid: str,
    sid: str,
    name: str,
    *,
    use: str,
    start: str,
    end: str | None = None,
    when: dict[str, float] | None = None,
    text: str = "",
    unit: str = "tablett",
    indication: str = "",
    status: str = "active",
    multidose: bool = False,
    updated: datetime | None = None,
    form: str = "",
    stopped_by: str = "",
    stopped_reason: str = "",
    prescriber: str = "Lege Kari Holm",
) -> Json:
    dosages: list[Json] = []
    if when:
        for code, amount in when.items():
            dosages.append(
                {
                    "timing": {"repeat": {"when": [code]}},
                    "doseAndRate": [{"doseQuantity": {"value": amount, "unit": unit}}],
                }
            )
    if text:
        dosages.append({"text": text, "asNeededBoolean": use == "3"})
    resource: Json = {
        "resourceType": "MedicationStatement",
        "id": sid,
        "status": status,
        "meta": meta(updated or NOW - timedelta(days=60)),
        "category": {"coding": [{"system": USE_SYSTEM, "code": use}]},
        "medicationCodeableConcept": {"text": name},
        "subject": {"reference": f"Patient/{pid}"},
        "effectivePeriod": {"start": start, **({"end": end} if end else {})},
        "dateAsserted": start,
        "informationSource": {"display": prescriber},
        "dosage": dosages,
    }
    if form:
        resource["medicationCodeableConcept"] = {"text": name, "coding": [{"display": name}]}
        resource["extension"] = []
    if indication:
        resource["reasonCode"] = [{"text": indication}]
    if multidose:
        resource.setdefault("extension", []).append(
            {"url": "http://pleiepunkt.no/fhir/StructureDefinition/multidose", "valueBoolean": True}
        )
    if stopped_by or stopped_reason:
        resource["statusReason"] = [{"text": stopped_reason}]
        resource.setdefault("extension", []).append(
            {
                "url": "http://ehelse.no/fhir/StructureDefinition/sfm-discontinuation",
                "extension": [
                    {"url": "by", "valueReference": {"display": stopped_by}},
                    {"url": "reason", "valueString": stopped_reason},
                    {"url": "date", "valueDateTime": end or start},
                ],
            }
        )
    return resource


def request(
    pid: str,
    rid: str,
    name: str,
    *,
    authored: str,
    valid_until: str,
    repeats: int,
    dosage: str,
    status: str = "active",
    prior: str | None = None,
    reason: str = "",
) -> Json:
    resource: Json = {
        "resourceType": "MedicationRequest",
        "id": rid,
        "status": status,
        "intent": "order",
        "medicationCodeableConcept": {"text": name},
        "subject": {"reference": f"Patient/{pid}"},
        "authoredOn": authored,
        "requester": {"reference": "Practitioner/gp-1", "display": "Lege Kari Holm"},
        "dosageInstruction": [{"text": dosage}],
        "dispenseRequest": {
            "validityPeriod": {"start": authored, "end": valid_until},
            "numberOfRepeatsAllowed": repeats,
        },
    }
    if prior:
        resource["priorPrescription"] = {"reference": f"MedicationRequest/{prior}"}
    if reason:
        resource["statusReason"] = {"text": reason}
    return resource


def dispense(rid: str, did: str, handed: str) -> Json:
    return {
        "resourceType": "MedicationDispense",
        "id": did,
        "status": "completed",
        "authorizingPrescription": [{"reference": f"MedicationRequest/{rid}"}],
        "whenHandedOver": handed,
    }


def ingrid() -> PatientData:
    """The showcase resident: penicillin anaphylaxis, HLR-minus, a rich medication list."""
    pid = "pas-ingrid"
    data = PatientData(
        patient=patient(
            pid, ["Ingrid", "Marie"], "Solberg", date(1938, 4, 17), individual=412, gender="female"
        ),
        location=room(204),
        synced_at=NOW - timedelta(minutes=6),
        last_seen_at=NOW - timedelta(days=3),
    )
    data.allergies = [
        allergy(
            pid,
            "al-pen",
            "Penicilliner",
            "Anafylaktisk reaksjon",
            criticality="high",
            verified=True,
        ),
        allergy(pid, "al-sulfa", "Sulfonamider", "Utslett", criticality="low", verified=False),
        allergy(
            pid, "al-latex", "Lateks", "Kontakteksem", criticality="low", verified=True, drug=False
        ),
    ]
    data.conditions = [
        condition(
            pid,
            "c-af",
            "Atrieflimmer med antikoagulasjon",
            "5",
            "2016-09-01",
            "Blødningsrisiko ved fall og prosedyrer.",
        ),
        condition(pid, "c-pm", "Pacemaker (DDD), implantert 2021", "implant", "2021-02-11"),
        condition(pid, "c-dm", "Diabetes mellitus type 2", "problem-list-item", "2009-01-01"),
    ]
    data.flags = [
        {
            "resourceType": "Flag",
            "id": "flag-mr",
            "status": "active",
            "category": [{"text": "Annen prosedyreendring"}],
            "code": {"text": "MR kontraindisert (pacemaker)"},
            "subject": {"reference": f"Patient/{pid}"},
            "period": {"start": "2021-02-11"},
            "author": {"display": "Lege Per Lunde"},
        }
    ]
    data.consents = [hlr_minus(pid)]
    data.immunizations = [
        {
            "resourceType": "Immunization",
            "id": "imm-1",
            "status": "completed",
            "vaccineCode": {"text": "Influensavaksine 2024/25"},
            "occurrenceDateTime": "2024-10-15",
        },
        {
            "resourceType": "Immunization",
            "id": "imm-2",
            "status": "completed",
            "vaccineCode": {"text": "Covid-19 (Comirnaty JN.1)"},
            "occurrenceDateTime": "2024-10-15",
            "protocolApplied": [{"doseNumberString": "7"}],
        },
        {
            "resourceType": "Immunization",
            "id": "imm-3",
            "status": "completed",
            "vaccineCode": {"text": "Pneumokokkvaksine (Prevenar 20)"},
            "occurrenceDateTime": "2023-09-20",
        },
    ]
    data.encounters = [
        {
            "resourceType": "Encounter",
            "id": "enc-1",
            "status": "finished",
            "class": {"code": "IMP"},
            "serviceProvider": {"display": "Sykehuset Østfold Kalnes"},
            "period": {"start": "2025-01-08", "end": "2025-01-14"},
            "reasonCode": [{"text": "Pneumoni"}],
        },
        {
            "resourceType": "Encounter",
            "id": "enc-2",
            "status": "finished",
            "class": {"code": "EMER"},
            "serviceProvider": {"display": "Legevakten Fredrikstad"},
            "period": {"start": "2024-08-30", "end": "2024-08-30"},
            "reasonCode": [{"text": "Fall, kontroll etter hodeskade"}],
        },
    ]
    data.related = [
        {
            "resourceType": "RelatedPerson",
            "id": "rp-1",
            "active": True,
            "patient": {"reference": f"Patient/{pid}"},
            "relationship": [{"text": "Datter"}, {"coding": [{"code": "C"}]}],
            "name": [{"family": "Solberg Aas", "given": ["Hanne"]}],
            "telecom": [{"system": "phone", "value": "+47 912 34 567"}],
        },
        {
            "resourceType": "RelatedPerson",
            "id": "rp-2",
            "active": True,
            "patient": {"reference": f"Patient/{pid}"},
            "relationship": [{"text": "Sønn"}],
            "name": [{"family": "Solberg", "given": ["Erik"]}],
            "telecom": [{"system": "phone", "value": "+47 934 56 789"}],
        },
    ]
    data.gp = {
        "resourceType": "Practitioner",
        "id": "gp-1",
        "identifier": [{"system": HPR, "value": "9144889"}],
        "name": [{"family": "Holm", "given": ["Kari"]}],
        "telecom": [{"system": "phone", "value": "+47 69 30 12 00"}],
        "address": [{"text": "Gamlebyen legesenter, Fredrikstad"}],
    }
    data.statements = [
        statement(
            pid,
            "ms-apixaban",
            "Eliquis 2,5 mg tablett",
            use="1",
            start="2016-09-05",
            when={"MORN": 1, "EVE": 1},
            indication="Atrieflimmer",
            multidose=True,
        ),
        statement(
            pid,
            "ms-metformin",
            "Metformin 500 mg tablett",
            use="1",
            start="2019-03-01",
            when={"MORN": 1, "EVE": 1},
            indication="Diabetes type 2",
            multidose=True,
            updated=NOW - timedelta(days=1),
        ),
        statement(
            pid,
            "ms-furosemid",
            "Furix 20 mg tablett",
            use="1",
            start="2025-03-10",
            when={"MORN": 1},
            indication="Ødem",
            multidose=True,
            updated=NOW - timedelta(days=2),
        ),
        statement(
            pid,
            "ms-levaxin",
            "Levaxin 50 mikrog tablett",
            use="1",
            start="2012-06-01",
            when={"MORN": 1},
            indication="Hypotyreose",
        ),
        statement(
            pid,
            "ms-zopiklon",
            "Zopiklon 3,75 mg tablett",
            use="1",
            start="2023-01-10",
            when={"NIGHT": 0.5},
            indication="Søvnvansker",
        ),
        statement(
            pid,
            "ms-amoxi",
            "Klindamycin 150 mg kapsel",
            use="2",
            start="2025-03-09",
            end="2025-03-16",
            when={"MORN": 2, "NOON": 2, "EVE": 2, "NIGHT": 2},
            unit="kapsel",
            indication="Erysipelas (penicillinallergi)",
        ),
        statement(
            pid,
            "ms-paracet",
            "Paracetamol 500 mg tablett",
            use="3",
            start="2020-05-01",
            text="1–2 tabletter ved behov, minst 4 timer mellom, maks 6 per døgn",
            indication="Smerter",
        ),
        statement(
            pid,
            "ms-oxynorm",
            "OxyNorm 5 mg kapsel",
            use="3",
            start="2025-02-20",
            text="1 kapsel ved sterke smerter, maks 3 per døgn",
            indication="Gjennombruddssmerter",
            updated=NOW - timedelta(days=2),
        ),
        statement(
            pid,
            "ms-ibux",
            "Ibuprofen 400 mg tablett",
            use="3",
            start="2018-01-01",
            end="2025-03-10",
            status="stopped",
            text="1 tablett ved behov",
            stopped_by="Lege Kari Holm",
            stopped_reason="Nyrefunksjon – NSAID unngås sammen med Eliquis",
            updated=NOW - timedelta(days=2),
        ),
        statement(
            pid,
            "ms-simva",
            "Simvastatin 20 mg tablett",
            use="1",
            start="2010-01-01",
            end="2024-06-01",
            status="stopped",
            when={"EVE": 1},
            stopped_by="Lege Per Lunde",
            stopped_reason="Muskelsmerter",
        ),
    ]
    data.requests = [
        request(
            pid,
            "rx-eliquis-1",
            "Eliquis 2,5 mg tablett, 168 stk",
            authored="2023-03-01",
            valid_until="2024-03-01",
            repeats=3,
            dosage="1 tablett morgen og kveld",
            status="completed",
        ),
        request(
            pid,
            "rx-eliquis-2",
            "Eliquis 2,5 mg tablett, 168 stk",
            authored="2024-02-20",
            valid_until="2025-02-20",
            repeats=3,
            dosage="1 tablett morgen og kveld",
            status="completed",
            prior="rx-eliquis-1",
        ),
        request(
            pid,
            "rx-eliquis-3",
            "Eliquis 2,5 mg tablett, 168 stk",
            authored="2025-02-18",
            valid_until="2026-02-18",
            repeats=3,
            dosage="1 tablett morgen og kveld",
            prior="rx-eliquis-2",
        ),
        request(
            pid,
            "rx-metformin",
            "Metformin 500 mg tablett, 200 stk",
            authored="2024-04-02",
            valid_until="2025-04-02",
            repeats=4,
            dosage="1 tablett morgen og kveld",
        ),
        request(
            pid,
            "rx-levaxin",
            "Levaxin 50 mikrog tablett, 100 stk",
            authored="2024-01-15",
            valid_until="2025-01-15",
            repeats=5,
            dosage="1 tablett morgen",
        ),
        request(
            pid,
            "rx-oxynorm",
            "OxyNorm 5 mg kapsel, 28 stk",
            authored="2025-02-20",
            valid_until="2025-03-22",
            repeats=0,
            dosage="1 kapsel ved behov, maks 3 per døgn",
        ),
        request(
            pid,
            "rx-ibux",
            "Ibuprofen 400 mg tablett, 30 stk",
            authored="2024-09-01",
            valid_until="2025-09-01",
            repeats=2,
            dosage="1 tablett ved behov",
            status="stopped",
            reason="Seponert: nyrefunksjon",
        ),
    ]
    data.dispenses = [
        dispense("rx-eliquis-3", "d-1", "2025-02-21"),
        dispense("rx-metformin", "d-2", "2024-04-05"),
        dispense("rx-metformin", "d-3", "2024-08-02"),
        dispense("rx-metformin", "d-4", "2024-12-01"),
        dispense("rx-levaxin", "d-5", "2024-10-10"),
        dispense("rx-oxynorm", "d-6", "2025-02-21"),
    ]
    return data


def _simple(
    pid: str,
    given: list[str],
    family: str,
    birth: date,
    individual: int,
    gender: str,
    **kwargs: Any,
) -> PatientData:
    data = PatientData(
        patient=patient(
            pid,
            given,
            family,
            birth,
            individual=individual,
            gender=gender,
            address=kwargs.pop("address", ""),
            postal=kwargs.pop("postal", ""),
            city=kwargs.pop("city", ""),
        ),
        synced_at=NOW - timedelta(minutes=6),
        **kwargs,
    )
    data.statements = [
        statement(
            pid,
            f"ms-{pid}-1",
            "Paracetamol 500 mg tablett",
            use="1",
            start="2022-01-01",
            when={"MORN": 2, "EVE": 2},
            indication="Smerter",
            multidose=True,
        ),
    ]
    return data


def unit_patients() -> list[PatientData]:
    """Residents of Solsiden 2. etasje."""
    residents = [
        ingrid(),
        _simple("pas-olav", ["Olav"], "Haugen", date(1931, 11, 2), 135, "male", location=room(201)),
        _simple(
            "pas-astrid", ["Astrid"], "Nilsen", date(1942, 1, 23), 260, "female", location=room(202)
        ),
        _simple(
            "pas-ola",
            ["<b>Ola</b>"],
            "Nordmann <img src=x>",
            date(1940, 7, 7),
            311,
            "male",
            location=room(203),
        ),
        _simple(
            "pas-bjorg",
            ["Bjørg"],
            "Kristiansen",
            date(1936, 5, 30),
            118,
            "female",
            location=room(205),
        ),
        _simple(
            "pas-arne", ["Arne", "Johan"], "Lie", date(1929, 2, 14), 171, "male", location=room(206)
        ),
        _simple(
            "pas-sigrid", ["Sigrid"], "Ødegård", date(1944, 9, 9), 226, "female", location=room(207)
        ),
        _simple(
            "pas-kjell", ["Kjell"], "Bakken", date(1938, 12, 1), 198, "male", location=room(208)
        ),
    ]
    residents[2].allergies = [
        allergy(
            "pas-astrid",
            "al-astrid",
            "Nøtter",
            "Hevelse i svelget",
            criticality="high",
            verified=True,
            drug=False,
        )
    ]
    residents[5].consents = [hlr_minus("pas-arne")]
    # A midday dose, so the patient list shows one still to come this shift.
    residents[4].statements.append(
        statement(
            "pas-bjorg",
            "ms-pas-bjorg-2",
            "Movicol pulver til mikstur",
            use="1",
            start="2024-06-01",
            when={"NOON": 1},
            unit="dosepose",
            indication="Forstoppelse",
        )
    )
    return residents


def route_patients() -> list[PatientData]:
    """Home-care visits on route Nord today."""
    visits = [
        _simple(
            "pas-hjem-1",
            ["Randi"],
            "Johansen",
            date(1945, 3, 3),
            402,
            "female",
            address="Storgata 14",
            postal="1607",
            city="Fredrikstad",
        ),
        _simple(
            "pas-hjem-2",
            ["Per", "Olav"],
            "Strand",
            date(1939, 8, 19),
            133,
            "male",
            address="Torsnesveien 112",
            postal="1630",
            city="Gamle Fredrikstad",
        ),
        _simple(
            "pas-hjem-3",
            ["Liv"],
            "Andersen",
            date(1950, 6, 12),
            455,
            "female",
            address="Kirkegata 3B",
            postal="1606",
            city="Fredrikstad",
        ),
    ]
    for data, (hour, minute) in zip(visits, [(8, 0), (8, 45), (10, 15)], strict=True):
        data.visit = visit(data.patient["id"], hour, minute)
    visits[1].allergies = [
        allergy(
            "pas-hjem-2",
            "al-hjem-2",
            "Kodein",
            "Kraftig kvalme og forvirring",
            criticality="low",
            verified=True,
        )
    ]
    return visits
