"""One patient's identity and surroundings: Patient, pårørende, stay or home, who cares for them."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from clinical import codes
from clinical.identifiers import PersonIdKind, Sex, individual_number_ranges, make_person_id
from tests.synthetic.fhir import Resource, concept, identifier, local_time, ref
from tests.synthetic.ids import IdFactory
from tests.synthetic.municipality import Municipality, Staff, Unit
from tests.synthetic.people import address, human_name, phone

D_NUMBER_SHARE = 0.03
# COPD with chronic hypercapnic respiratory failure: the physician documents SpO2 scale 2 (NEWS2).
HYPERCAPNIC_COPD_SHARE = 0.05
DEMO_SLOTS = (0, 7)  # in every ward and district: the danger scenario for demos

# (v3 RoleCode, Norwegian text, female?) for pårørende.
RELATIONS = (
    ("DAU", "Datter", True),
    ("SON", "Sønn", False),
    ("WIFE", "Ektefelle", True),
    ("HUSB", "Ektefelle", False),
    ("NIECE", "Niese", True),
    ("NEPHEW", "Nevø", False),
    ("SIS", "Søster", True),
    ("FRND", "Venn", False),
)


class PersonNumbers:
    """Hands out unique synthetic person numbers (month + 80), remembering only the numbers."""

    def __init__(self) -> None:
        self._issued: set[str] = set()

    def issue(self, rng: random.Random, born: dt.date, *, female: bool, d_number: bool) -> str:
        sex = Sex.FEMALE if female else Sex.MALE
        kind = PersonIdKind.D_NUMMER if d_number else PersonIdKind.FODSELSNUMMER
        candidates = [
            i
            for r in individual_number_ranges(born.year)
            for i in r
            if i % 2 == (0 if female else 1)
        ]
        while True:
            number = make_person_id(
                born, rng.choice(candidates), sex=sex, kind=kind, synthetic=True
            )
            if number is not None and number not in self._issued:
                self._issued.add(number)
                return number


@dataclass(slots=True)
class PatientContext:
    """What every resource of one patient needs to know."""

    index: int
    rng: random.Random
    ids: IdFactory
    today: dt.date
    town: Municipality
    unit: Unit
    slot: int
    in_ward: bool
    id: str
    female: bool
    born: dt.date
    name: Resource
    person_number: str
    gp: Staff
    physician: Staff  # sykehjemslege in a ward, the fastlege at home
    nurse: Staff  # primærkontakt
    demo: bool  # the danger scenario: penicillin allergy, HLR-minus, penicillin ordered
    multidose: bool
    hypercapnic_copd: bool  # has the documented SpO2 scale 2 decision
    stay: str | None  # Encounter id of the nursing-home stay
    home: str | None  # Location id of the home (home care)

    def rid(self, resource_type: str, *parts: object) -> str:
        """A deterministic id for this patient's resource."""
        return self.ids("patient", self.index, resource_type, *parts)

    @property
    def subject(self) -> dict[str, str]:
        return ref("Patient", self.id, str(self.name["text"]))

    def staff_member(self) -> Staff:
        return self.rng.choice(self.unit.staff)

    def days_ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)


def new_patient(
    *,
    index: int,
    seed: int,
    ids: IdFactory,
    today: dt.date,
    town: Municipality,
    placement: tuple[str, int, int],
    numbers: PersonNumbers,
) -> PatientContext:
    """Draw a patient's identity and carers from a Random of their own (seed, index)."""
    rng = random.Random(f"{seed}/patient/{index}")
    kind, unit_no, slot = placement
    in_ward = kind == "ward"
    unit = town.wards[unit_no] if in_ward else town.districts[unit_no]
    if in_ward or rng.random() < 0.85:
        age = min(104, int(rng.triangular(67, 101, 87)))
    else:
        age = rng.randint(22, 66)
    female = rng.random() < (0.65 if age >= 67 else 0.5)
    born = today - dt.timedelta(days=age * 365 + rng.randrange(365))
    d_number = rng.random() < D_NUMBER_SHARE
    assert unit.physician is not None or not in_ward
    gp = town.fastleger[rng.randrange(len(town.fastleger))]
    return PatientContext(
        index=index,
        rng=rng,
        ids=ids,
        today=today,
        town=town,
        unit=unit,
        slot=slot,
        in_ward=in_ward,
        id=ids("patient", index, "Patient"),
        female=female,
        born=born,
        name=human_name(rng, female=female, old=age >= 60),
        person_number=numbers.issue(rng, born, female=female, d_number=d_number),
        gp=gp,
        physician=unit.physician if in_ward and unit.physician else gp,
        nurse=rng.choice(unit.nurses()),
        demo=slot in DEMO_SLOTS,
        multidose=rng.random() < (0.7 if in_ward else 0.5),
        hypercapnic_copd=rng.random() < HYPERCAPNIC_COPD_SHARE,
        stay=ids("patient", index, "Encounter", "stay") if in_ward else None,
        home=None if in_ward else ids("patient", index, "Location", "home"),
    )


def patient_resources(ctx: PatientContext, numbers: PersonNumbers) -> Iterator[Resource]:
    """Patient, pårørende, and the nursing-home stay or the home as a place to visit."""
    rng = ctx.rng
    if ctx.in_ward:
        room = ctx.unit.places[ctx.slot % len(ctx.unit.places)]
        home_address = {**ctx.unit.address, "use": "home"}
    else:
        home_address = address(rng)
    system = codes.D_NUMMER if int(ctx.person_number[0]) >= 4 else codes.FODSELSNUMMER
    yield {
        "resourceType": "Patient",
        "id": ctx.id,
        "identifier": [identifier(system, ctx.person_number)],
        "active": True,
        "name": [ctx.name],
        "telecom": [phone(rng)] if rng.random() < 0.6 else [],
        "gender": "female" if ctx.female else "male",
        "birthDate": ctx.born.isoformat(),
        "address": [home_address],
        "maritalStatus": concept(
            "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus",
            *rng.choice(
                (("W", "Widowed"), ("M", "Married"), ("D", "Divorced"), ("U", "unmarried"))
            ),
        ),
        "generalPractitioner": [ref("Practitioner", ctx.gp.practitioner, ctx.gp.display)],
        "managingOrganization": ref("Organization", ctx.unit.organization),
    }
    for n in range(rng.choice((1, 1, 2, 2, 2, 3))):
        code, text, female = rng.choice(RELATIONS)
        name = human_name(rng, female=female, old=code in ("WIFE", "HUSB", "SIS"))
        age = (
            ctx.today.year
            - ctx.born.year
            - (30 if code in ("DAU", "SON", "NIECE", "NEPHEW") else 0)
        )
        related: Resource = {
            "resourceType": "RelatedPerson",
            "id": ctx.rid("RelatedPerson", n),
            "active": True,
            "patient": ctx.subject,
            "relationship": [
                concept(codes.ROLE_CODE, code, None, text),
                concept(
                    codes.CONTACT_ROLE,
                    "N" if n == 0 else "C",
                    "Next-of-Kin" if n == 0 else "Emergency Contact",
                ),
            ],
            "name": [name],
            "telecom": [phone(rng)],
            "gender": "female" if female else "male",
            "address": [address(rng)],
        }
        if rng.random() < 0.5:
            born = dt.date(max(1920, ctx.today.year - age), rng.randint(1, 12), rng.randint(1, 28))
            related["identifier"] = [
                identifier(
                    codes.FODSELSNUMMER, numbers.issue(rng, born, female=female, d_number=False)
                )
            ]
        yield related
    if ctx.in_ward:
        admitted = ctx.days_ago(rng.randint(20, 2000))
        yield {
            "resourceType": "Encounter",
            "id": ctx.stay,
            "status": "in-progress",
            "class": {"system": codes.ACT_CODE, "code": "NONAC", "display": "inpatient non-acute"},
            "type": [
                concept(codes.TJENESTETYPE_HELSE_OMSORG, "21", "Langtidsopphold i institusjon")
            ],
            "subject": ctx.subject,
            "participant": [
                {"individual": ref("Practitioner", ctx.nurse.practitioner, ctx.nurse.display)}
            ],
            "period": {"start": local_time(admitted, 12)},
            "location": [
                {
                    "location": ref("Location", room, ctx.unit.place_names[ctx.slot]),
                    "status": "active",
                },
                {"location": ref("Location", ctx.unit.location, ctx.unit.name), "status": "active"},
            ],
            "serviceProvider": ref("Organization", ctx.unit.organization),
        }
    else:
        yield {
            "resourceType": "Location",
            "id": ctx.home,
            "status": "active",
            "name": f"Hjemme hos {ctx.name['text']}",
            "mode": "instance",
            "physicalType": concept(codes.LOCATION_PHYSICAL_TYPE, "ho", "House"),
            "address": home_address,
            "description": rng.choice(
                (
                    "Enebolig, inngang på baksiden",
                    "Leilighet i 2. etasje, heis",
                    "Omsorgsbolig, ringeklokke merket med navn",
                    "Rekkehus, nøkkelboks ved døren",
                    "Gårdsbruk, kjør helt opp til tunet",
                )
            ),
            "managingOrganization": ref("Organization", ctx.unit.organization),
            "partOf": ref("Location", ctx.unit.location),
        }
