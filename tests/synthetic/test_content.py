"""The data is Norwegian and synthetic: valid identifiers, and the demo danger scenario exists."""

from __future__ import annotations

from clinical import codes
from clinical.identifiers import (
    is_valid_hpr_number,
    is_valid_organisation_number,
    parse_person_id,
)
from tests.synthetic.fhir import Resource
from tests.synthetic.samples import town, ward


def _of(resource_type: str, resources: tuple[Resource, ...]) -> list[Resource]:
    return [r for r in resources if r["resourceType"] == resource_type]


def test_every_person_number_is_valid_and_synthetic() -> None:
    people = _of("Patient", town()) + _of("RelatedPerson", town())
    numbers = [
        i["value"]
        for person in people
        for i in person.get("identifier", [])
        if i["system"] in (codes.FODSELSNUMMER, codes.D_NUMMER)
    ]
    assert len(numbers) > len(_of("Patient", town()))
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        parsed = parse_person_id(number)
        assert parsed.synthetic
        assert 81 <= int(number[2:4]) <= 92


def test_patient_identity_matches_the_number() -> None:
    for patient in _of("Patient", town()):
        identifier = patient["identifier"][0]
        parsed = parse_person_id(identifier["value"])
        assert identifier["system"] == parsed.system
        # Generated numbers use the classic check digits, so they carry birth date and sex.
        assert parsed.birth_date is not None
        assert parsed.sex is not None
        assert parsed.birth_date.isoformat() == patient["birthDate"]
        assert parsed.sex.value == patient["gender"]


def test_some_patients_have_d_numbers() -> None:
    systems = [p["identifier"][0]["system"] for p in _of("Patient", town())]
    assert systems.count(codes.D_NUMMER) >= 1
    assert systems.count(codes.FODSELSNUMMER) > 150


def test_organisation_and_hpr_numbers_are_valid() -> None:
    orgs = _of("Organization", town())
    assert orgs
    for org in orgs:
        assert is_valid_organisation_number(org["identifier"][0]["value"])
    hprs = [p["identifier"][0]["value"] for p in _of("Practitioner", town())]
    assert len(set(hprs)) == len(hprs)
    assert all(is_valid_hpr_number(h) for h in hprs)


def test_ward_has_rooms_staff_and_a_physician() -> None:
    locations = _of("Location", ward())
    kinds = [loc["physicalType"]["coding"][0]["code"] for loc in locations]
    assert kinds.count("wa") == 1
    assert kinds.count("ro") == 20
    roles = [r["code"][0]["coding"][0]["code"] for r in _of("PractitionerRole", ward())]
    assert {"SP", "HF", "LE"} <= set(roles)
    assert all(p["generalPractitioner"] for p in _of("Patient", ward()))


def test_danger_scenario_patients_exist() -> None:
    resources = ward()
    penicillin = {
        a["patient"]["reference"]
        for a in _of("AllergyIntolerance", resources)
        if a["code"].get("coding", [{}])[0].get("code") == codes.ATC_PENICILLINS_NARROW
        and a["criticality"] == "high"
    }
    hlr_minus = {
        c["patient"]["reference"]
        for c in _of("Consent", resources)
        if c["category"][0]["coding"][0]["code"] == "dnr"
    }
    penicillin_ordered = {
        m["subject"]["reference"]
        for m in _of("MedicationRequest", resources)
        if m["status"] == "active" and "Apocillin" in m["medicationReference"]["display"]
    }
    assert len(penicillin & hlr_minus & penicillin_ordered) >= 2


def test_medication_list_has_every_kind_of_item() -> None:
    statements = _of("MedicationStatement", town())
    uses = {s["category"]["coding"][0]["code"] for s in statements}
    assert uses == {"1", "2", "3"}
    assert {s["status"] for s in statements} >= {"active", "stopped", "completed"}
    assert any(s.get("extension") for s in statements)  # multidose patients
    requests = _of("MedicationRequest", town())
    assert any("priorPrescription" in r for r in requests)
    assert {r["status"] for r in requests} == {"active", "completed", "stopped"}
    assert any(r.get("statusReason", {}).get("text", "").startswith("Utløpt") for r in requests)


def test_vital_signs_cover_news2_inputs_over_several_days() -> None:
    observations = _of("Observation", ward())
    loinc = {o["code"]["coding"][0]["code"] for o in observations}
    assert loinc == {
        codes.LOINC_RESPIRATORY_RATE,
        codes.LOINC_OXYGEN_SATURATION,
        codes.LOINC_BLOOD_PRESSURE_PANEL,
        codes.LOINC_HEART_RATE,
        codes.LOINC_BODY_TEMPERATURE,
        codes.LOINC_CONSCIOUSNESS,
        codes.LOINC_INHALED_OXYGEN_FLOW,  # air or oxygen: every set is a complete NEWS2 set
    }
    days = {o["effectiveDateTime"][:10] for o in observations}
    assert len(days) >= 5


def test_home_care_patients_have_visits_on_routes() -> None:
    appointments = _of("Appointment", town())
    assert {a["status"] for a in appointments} == {"fulfilled", "booked"}
    assert all(a["start"] < a["end"] for a in appointments)
    assert not _of("Appointment", ward())
