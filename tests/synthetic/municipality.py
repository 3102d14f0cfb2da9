"""The municipality's structure: organisations, places and staff, and their FHIR resources."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from clinical import codes
from tests.synthetic import vocabulary as vocab
from tests.synthetic.fhir import Resource, concept, identifier, ref
from tests.synthetic.ids import IdFactory
from tests.synthetic.people import address, human_name
from tests.synthetic.profile import WARD_SIZE, MunicipalityProfile

ROOMS_PER_WARD = WARD_SIZE

# 9060 category -> (Norwegian title, terminology.hl7.org practitioner-role code)
CATEGORIES = {
    "SP": ("Sykepleier", "nurse"),
    "HF": ("Helsefagarbeider", "nurse"),
    "LE": ("Lege", "doctor"),
}


@dataclass(frozen=True, slots=True)
class Staff:
    """A practitioner and the role they hold in one organisation."""

    practitioner: str
    role: str
    category: str  # Volven 9060 code
    title: str  # as shown: "Sykepleier", "Fastlege"…
    name: Resource
    hpr: str
    female: bool
    organization: str
    location: str | None

    @property
    def display(self) -> str:
        return str(self.name["text"])


@dataclass(slots=True)
class Unit:
    """A nursing-home ward or a home-care district, with the staff who work there."""

    kind: str  # "ward" or "district"
    name: str
    location: str
    organization: str
    organization_name: str
    address: Resource
    places: list[str] = field(default_factory=list)  # rooms or routes
    place_names: list[str] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    physician: Staff | None = None

    def nurses(self) -> list[Staff]:
        return [s for s in self.staff if s.category == "SP"]


@dataclass(slots=True)
class Organisation:
    """An organisation resource to emit."""

    id: str
    name: str
    number: str
    type_code: str
    type_display: str
    part_of: str | None
    address: Resource


@dataclass(slots=True)
class Municipality:
    """Everything patients refer to; small (grows with staff, not with patient records)."""

    organisations: list[Organisation] = field(default_factory=list)
    buildings: list[tuple[str, str, str, Resource]] = field(default_factory=list)
    wards: list[Unit] = field(default_factory=list)
    districts: list[Unit] = field(default_factory=list)
    fastleger: list[Staff] = field(default_factory=list)
    hospitals: list[Organisation] = field(default_factory=list)
    pharmacies: list[Organisation] = field(default_factory=list)
    kommune: str = ""

    def resources(self) -> Iterator[Resource]:
        """The structure's resources, parents before children."""
        for org in self.organisations:
            yield _organization(org)
        for building_id, name, org_id, addr in self.buildings:
            yield _location(building_id, name, "bu", "Bygning", org_id, None, addr)
        for unit in [*self.wards, *self.districts]:
            yield from _unit_locations(unit)
        staff = [s for u in [*self.wards, *self.districts] for s in u.staff]
        staff += [u.physician for u in self.wards if u.physician is not None]
        for member in _unique(staff + self.fastleger):
            yield _practitioner(member)
            yield _practitioner_role(member)


def _unique(staff: list[Staff]) -> list[Staff]:
    seen: set[str] = set()
    result = []
    for member in staff:
        if member.role not in seen:
            seen.add(member.role)
            result.append(member)
    return result


def build_municipality(
    profile: MunicipalityProfile, ids: IdFactory, rng: random.Random
) -> Municipality:
    """Lay out organisations, buildings, wards, districts and staff for ``profile``."""
    town = Municipality()
    counter = iter(range(1_000_000))

    def organisation(
        name: str, type_code: str, type_display: str, part_of: str | None, addr: Resource
    ) -> Organisation:
        n = next(counter)
        org = Organisation(
            ids("Organization", n),
            name,
            ids.organisation_number(n),
            type_code,
            type_display,
            part_of,
            addr,
        )
        town.organisations.append(org)
        return org

    hpr_counter = iter(range(1_000_000))

    def hire(org: str, location: str | None, category: str, title: str, *, young: bool) -> Staff:
        n = next(hpr_counter)
        female = rng.random() < (0.85 if category != "LE" else 0.5)
        return Staff(
            practitioner=ids("Practitioner", n),
            role=ids("PractitionerRole", n),
            category=category,
            title=title,
            name=human_name(rng, female=female, old=not young),
            hpr=ids.hpr_number(n),
            female=female,
            organization=org,
            location=location,
        )

    town_hall = address(rng, line="Rådhusplassen 1", postcode=0)
    kommune = organisation(
        f"{vocab.MUNICIPALITY_NAME} kommune", "govt", "Government", None, town_hall
    )
    town.kommune = kommune.id
    care = organisation(
        f"Helse og omsorg, {vocab.MUNICIPALITY_NAME} kommune",
        "dept",
        "Hospital Department",
        kommune.id,
        town_hall,
    )

    for home_no in range(profile.nursing_homes):
        base = vocab.NURSING_HOMES[home_no % len(vocab.NURSING_HOMES)]
        name = base if home_no < len(vocab.NURSING_HOMES) else f"{base} {home_no // 6 + 1}"
        addr = address(rng)
        org = organisation(name, "prov", "Healthcare Provider", care.id, addr)
        building = ids("Location", "building", home_no)
        town.buildings.append((building, name, org.id, addr))
        physician = hire(org.id, building, "LE", "Sykehjemslege", young=True)
        first_ward = home_no * 4
        for ward_no in range(first_ward, min(first_ward + 4, profile.wards)):
            ward_name = vocab.WARD_NAMES[ward_no % len(vocab.WARD_NAMES)]
            kind = vocab.WARD_KINDS[ward_no % len(vocab.WARD_KINDS)]
            floor = ward_no - first_ward + 1
            unit = Unit(
                "ward",
                f"{ward_name} ({kind}), {floor}. etasje",
                ids("Location", "ward", ward_no),
                org.id,
                name,
                addr,
                physician=physician,
            )
            for room in range(ROOMS_PER_WARD):
                unit.places.append(ids("Location", "room", ward_no, room))
                unit.place_names.append(f"Rom {floor}{room + 1:02d}")
            unit.staff.append(hire(org.id, unit.location, "SP", "Avdelingssykepleier", young=True))
            unit.staff += [
                hire(org.id, unit.location, "SP", "Sykepleier", young=True) for _ in range(5)
            ]
            unit.staff += [
                hire(org.id, unit.location, "HF", "Helsefagarbeider", young=True) for _ in range(6)
            ]
            town.wards.append(unit)

    for district_no in range(profile.districts):
        area = vocab.DISTRICT_NAMES[district_no % len(vocab.DISTRICT_NAMES)]
        if district_no >= len(vocab.DISTRICT_NAMES):
            area = f"{area} {district_no // len(vocab.DISTRICT_NAMES) + 1}"
        addr = address(rng)
        org = organisation(f"Hjemmetjenesten {area}", "dept", "Hospital Department", care.id, addr)
        unit = Unit(
            "district",
            f"Hjemmetjenesten {area}",
            ids("Location", "district", district_no),
            org.id,
            org.name,
            addr,
        )
        for route_no, route in enumerate(vocab.ROUTES):
            unit.places.append(ids("Location", "route", district_no, route_no))
            unit.place_names.append(f"{area} {route.lower()}")
        unit.staff.append(hire(org.id, unit.location, "SP", "Fagleder sykepleier", young=True))
        unit.staff += [
            hire(org.id, unit.location, "SP", "Sykepleier", young=True) for _ in range(10)
        ]
        unit.staff += [
            hire(org.id, unit.location, "HF", "Helsefagarbeider", young=True) for _ in range(12)
        ]
        town.districts.append(unit)

    offices = [
        organisation(
            vocab.GP_OFFICES[i % len(vocab.GP_OFFICES)]
            + ("" if i < len(vocab.GP_OFFICES) else f" {i // len(vocab.GP_OFFICES) + 1}"),
            "prov",
            "Healthcare Provider",
            None,
            address(rng),
        )
        for i in range(profile.gp_offices)
    ]
    town.fastleger = [
        hire(offices[i % len(offices)].id, None, "LE", "Fastlege", young=rng.random() < 0.7)
        for i in range(profile.fastleger)
    ]
    trust = organisation(
        vocab.HOSPITAL_TRUST,
        "prov",
        "Healthcare Provider",
        None,
        address(rng, line="Sjukehusvegen 1", postcode=1),
    )
    town.hospitals = [
        organisation(name, "prov", "Healthcare Provider", trust.id, address(rng, postcode=i * 3))
        for i, name in enumerate(vocab.HOSPITALS)
    ]
    town.pharmacies = [
        organisation(name, "prov", "Healthcare Provider", None, address(rng))
        for name in vocab.PHARMACIES
    ]
    return town


def _organization(org: Organisation) -> Resource:
    resource: Resource = {
        "resourceType": "Organization",
        "id": org.id,
        "identifier": [identifier(codes.ORGANISASJONSNUMMER, org.number)],
        "active": True,
        "type": [concept(codes.ORGANIZATION_TYPE, org.type_code, org.type_display)],
        "name": org.name,
        "address": [{**org.address, "use": "work"}],
    }
    if org.part_of:
        resource["partOf"] = ref("Organization", org.part_of)
    return resource


def _location(
    rid: str,
    name: str,
    physical: str,
    physical_display: str,
    org: str,
    part_of: str | None,
    addr: Resource | None,
    description: str | None = None,
) -> Resource:
    resource: Resource = {
        "resourceType": "Location",
        "id": rid,
        "status": "active",
        "name": name,
        "mode": "instance",
        "physicalType": concept(codes.LOCATION_PHYSICAL_TYPE, physical, physical_display),
        "managingOrganization": ref("Organization", org),
    }
    if description:
        resource["description"] = description
    if addr:
        resource["address"] = {**addr, "use": "work"}
    if part_of:
        resource["partOf"] = ref("Location", part_of)
    return resource


def _unit_locations(unit: Unit) -> Iterator[Resource]:
    if unit.kind == "ward":
        parent = None
        yield _location(
            unit.location,
            unit.name,
            "wa",
            "Ward",
            unit.organization,
            parent,
            None,
            f"Avdeling ved {unit.organization_name}",
        )
        for rid, name in zip(unit.places, unit.place_names, strict=True):
            yield _location(
                rid,
                name,
                "ro",
                "Room",
                unit.organization,
                unit.location,
                None,
                "Enerom med eget bad",
            )
        return
    yield _location(
        unit.location,
        unit.name,
        "area",
        "Area",
        unit.organization,
        None,
        unit.address,
        "Hjemmetjenestedistrikt",
    )
    for rid, name in zip(unit.places, unit.place_names, strict=True):
        yield _location(
            rid,
            name.capitalize(),
            "area",
            "Area",
            unit.organization,
            unit.location,
            None,
            "Kjøreliste for hjemmebesøk",
        )


def _practitioner(member: Staff) -> Resource:
    title, _ = CATEGORIES[member.category]
    return {
        "resourceType": "Practitioner",
        "id": member.practitioner,
        "identifier": [identifier(codes.HPR_NUMMER, member.hpr)],
        "active": True,
        "name": [member.name],
        "gender": "female" if member.female else "male",
        "qualification": [{"code": concept(codes.KATEGORI_HELSEPERSONELL, member.category, title)}],
    }


def _practitioner_role(member: Staff) -> Resource:
    title, hl7_code = CATEGORIES[member.category]
    resource: Resource = {
        "resourceType": "PractitionerRole",
        "id": member.role,
        "active": True,
        "practitioner": ref("Practitioner", member.practitioner, member.display),
        "organization": ref("Organization", member.organization),
        "code": [
            {
                "coding": [
                    {
                        "system": codes.KATEGORI_HELSEPERSONELL,
                        "code": member.category,
                        "display": title,
                    },
                    {"system": codes.PRACTITIONER_ROLE, "code": hl7_code},
                ],
                "text": member.title,
            }
        ],
    }
    if member.location:
        resource["location"] = [ref("Location", member.location)]
    return resource
