"""Small synthetic FHIR R4 patients for store tests: synthetic names, synthetic fødselsnummer
(valid check digits, month + 80), and the resources the views read."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

FNR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.1"
LOINC = "http://loinc.org"
VITALS = {"8867-4": "Heart rate", "9279-1": "Respiratory rate", "8310-5": "Body temperature"}
GIVEN = ["Solveig", "Ingeborg", "Torstein", "Halvdan", "Ragnhild", "Eivind", "Gunnvor", "Sigbjørn"]
FAMILY = ["Kvernstad", "Ødegårdsli", "Brattvoll", "Flåtenes", "Hjelmeland", "Stuvøy", "Åsgard"]
DRUGS = ["Metoprololsuksinat", "Paracetamolum", "Furosemidum", "Apixabanum", "Levotyroksin"]


def synthetic_fnr(birth: date, rng: random.Random) -> str:
    """A synthetic fødselsnummer: month + 80, valid mod-11 check digits."""
    while True:
        individual = rng.randint(0, 499) if birth.year < 2000 else rng.randint(500, 999)
        digits = [int(c) for c in f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}"]
        digits += [int(c) for c in f"{individual:03d}"]
        k1 = 11 - sum(w * d for w, d in zip([3, 7, 6, 1, 8, 9, 4, 5, 2], digits, strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        digits.append(k1)
        k2 = (
            11
            - sum(w * d for w, d in zip([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], digits, strict=True)) % 11
        )
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return "".join(map(str, digits)) + str(k2)


@dataclass
class SyntheticPatient:
    """One patient's resources plus the secrets an at-rest scan must not find."""

    patient_id: str
    resources: list[dict[str, Any]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    fnr: str = ""
    drugs: list[str] = field(default_factory=list)


def _ref(rtype: str, rid: str) -> dict[str, str]:
    return {"reference": f"{rtype}/{rid}"}


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def make_patient(
    rng: random.Random,
    *,
    ward: str = "ward-1",
    observations: int = 6,
    now: datetime | None = None,
) -> SyntheticPatient:
    """A patient on ``ward`` with a core record, medication list, prescriptions and vitals."""
    now = now or datetime(2025, 3, 1, 12, tzinfo=UTC)
    pid = _id(rng)
    birth = date(1930, 1, 1) + timedelta(days=rng.randint(0, 20000))
    given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)}{rng.randint(10, 99)}"
    fnr = synthetic_fnr(birth, rng)
    sp = SyntheticPatient(patient_id=pid, names=[f"{family}"], fnr=fnr)
    gp_id = _id(rng)
    sp.resources.append(
        {"resourceType": "Practitioner", "id": gp_id, "name": [{"family": "Legesen"}]}
    )
    sp.resources.append(
        {
            "resourceType": "Patient",
            "id": pid,
            "meta": {"versionId": "1", "lastUpdated": "2025-01-01T08:00:00.000Z"},
            "identifier": [{"system": FNR_SYSTEM, "value": fnr}],
            "name": [{"family": family, "given": [given]}],
            "birthDate": birth.isoformat(),
            "generalPractitioner": [_ref("Practitioner", gp_id)],
        }
    )
    subject = _ref("Patient", pid)
    sp.resources.append(
        {
            "resourceType": "Encounter",
            "id": _id(rng),
            "status": "in-progress",
            "class": {"code": "IMP"},
            "subject": subject,
            "location": [{"location": _ref("Location", ward)}],
            "period": {"start": "2025-01-01T08:00:00+01:00"},
        }
    )
    for kind, body in (
        (
            "AllergyIntolerance",
            {
                "patient": subject,
                "criticality": "high",
                "code": {"text": "Penicillin"},
                "recordedDate": "2020-02-02",
            },
        ),
        (
            "Condition",
            {"subject": subject, "code": {"text": "Hjertesvikt"}, "onsetDateTime": "2019-05-05"},
        ),
        ("Flag", {"subject": subject, "status": "active", "code": {"text": "Smitte"}}),
        (
            "Consent",
            {
                "patient": subject,
                "status": "active",
                "scope": {"text": "HLR-minus"},
                "category": [{"text": "treatment limitation"}],
            },
        ),
        (
            "Immunization",
            {
                "patient": subject,
                "status": "completed",
                "vaccineCode": {"text": "Influensa"},
                "occurrenceDateTime": "2024-10-10",
            },
        ),
        ("RelatedPerson", {"patient": subject, "name": [{"family": f"Pårørende{family}"}]}),
    ):
        sp.resources.append({"resourceType": kind, "id": _id(rng), **body})
    for drug in rng.sample(DRUGS, 2):
        sp.drugs.append(drug)
        med_id = _id(rng)
        sp.resources.append({"resourceType": "Medication", "id": med_id, "code": {"text": drug}})
        med = _ref("Medication", med_id)
        sp.resources.append(
            {
                "resourceType": "MedicationStatement",
                "id": _id(rng),
                "status": "active",
                "subject": subject,
                "medicationReference": med,
                "effectiveDateTime": "2024-12-01",
            }
        )
        request_id = _id(rng)
        sp.resources.append(
            {
                "resourceType": "MedicationRequest",
                "id": request_id,
                "status": "active",
                "intent": "order",
                "subject": subject,
                "medicationReference": med,
                "authoredOn": "2024-12-01",
            }
        )
        sp.resources.append(
            {
                "resourceType": "MedicationDispense",
                "id": _id(rng),
                "status": "completed",
                "subject": subject,
                "medicationReference": med,
                "authorizingPrescription": [_ref("MedicationRequest", request_id)],
                "whenHandedOver": "2024-12-02T10:00:00Z",
            }
        )
    for index in range(observations):
        code = list(VITALS)[index % len(VITALS)]
        sp.resources.append(
            {
                "resourceType": "Observation",
                "id": _id(rng),
                "status": "final",
                "category": [{"coding": [{"code": "vital-signs"}]}],
                "code": {"coding": [{"system": LOINC, "code": code, "display": VITALS[code]}]},
                "subject": subject,
                "effectiveDateTime": (now - timedelta(hours=index)).isoformat(),
                "valueQuantity": {"value": 60 + index, "unit": "/min"},
            }
        )
    return sp


def municipality(seed: int, patients: int, *, wards: int = 3) -> Iterator[SyntheticPatient]:
    rng = random.Random(seed)
    for index in range(patients):
        yield make_patient(rng, ward=f"ward-{index % wards}")
