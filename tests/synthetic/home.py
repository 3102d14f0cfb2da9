"""FHIR R4 JSON as a home-follow-up service and a medicine dispenser send it through VKP and PMD.

Shared by the generator (a year of history) and the live feed (what arrives while a demo or a
test runs), so both write exactly the same shapes. Every resource names the patient by logical
identifier only (``subject.identifier`` = the fødselsnummer or D-nummer, the name in
``display``), never ``Patient/<id>``, as HL7Norway/VkpObservation and VKP-R4 require.

- Measurements follow VkpObservation: LOINC and SNOMED CT codings (its index.md table), UCUM
  units, ``category`` vital-signs and the PHD IG's ``phd-observation``, ``performer`` the
  patient (type Patient, by the same identifier), ``device`` the measuring device by display
  and serial number.
- Dispenser events follow ``vkp-MedicationDispense-v090`` (a successful dispense; ``category``
  from the dispense-event codes; the medicine is "Ukjent medisin", as in every VKP example;
  ``performer.actor.identifier`` the dispenser) and ``vkp-DetectedIssue-v090`` (an alert from
  the alert codes, ``severity``, ``identifiedDateTime``, ``author`` the device).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from clinical import codes
from clinical.welfare import vkp
from clinical.welfare.measurements import LOINC_BODY_WEIGHT, LOINC_GLUCOSE, PHD_CATEGORY
from clinical.welfare.measurements import PHD_CATEGORY_SYSTEM as PHD
from tests.synthetic.fhir import Resource, coding, quantity

_NAMESPACE = uuid.UUID("0d0a3e2c-1b6f-5a4e-9c7d-19a1e7f3b5c2")
DEVICE_SERIAL_SYSTEM = "http://pleiepunkt.no/fhir/NamingSystem/demo-device-serial"
VKP_OBSERVATION = "http://hl7.no/fhir/vkpobservation/StructureDefinition"
VITAL_SIGNS = {"coding": [coding(codes.OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")]}
PHD_OBSERVATION = {"coding": [coding(PHD, PHD_CATEGORY, "PHD generated Observation")]}


@dataclass(frozen=True, slots=True)
class Person:
    """The patient as VKP names them: identifier system and value, and the name."""

    system: str
    number: str
    name: str
    patient_id: str

    def logical(self) -> Resource:
        return {"identifier": {"system": self.system, "value": self.number}, "display": self.name}


@dataclass(frozen=True, slots=True)
class Measure:
    """A home measurement's codes, unit and profile (VkpObservation)."""

    key: str
    loinc: str
    snomed: str
    display: str
    unit: str
    ucum: str
    profile: str


BLOOD_PRESSURE = Measure(
    "bp",
    codes.LOINC_BLOOD_PRESSURE_PANEL,
    "75367002",
    "Blodtrykk",
    "mmHg",
    "mm[Hg]",
    "vkp-Observation-Bloodpressure",
)
PULSE = Measure(
    "pulse",
    codes.LOINC_HEART_RATE,
    "364075005",
    "Puls",
    "/min",
    "/min",
    "vkp-Observation-Heartrate",
)
SPO2 = Measure(
    "spo2",
    codes.LOINC_OXYGEN_SATURATION_ARTERIAL,
    "431314004",
    "Oksygenmetning",
    "%",
    "%",
    "vkp-Observation-Oxygensat",
)
WEIGHT = Measure(
    "weight", LOINC_BODY_WEIGHT, "27113001", "Vekt", "kg", "kg", "vkp-Observation-Bodyweight"
)
GLUCOSE = Measure(
    "glucose", LOINC_GLUCOSE, "434912009", "Blodsukker", "mmol/L", "mmol/L", "vkp-Observation"
)
MEASURES: Mapping[str, Measure] = {m.key: m for m in (BLOOD_PRESSURE, PULSE, SPO2, WEIGHT, GLUCOSE)}
SYSTOLIC = ("8480-6", "271649006", "Systolisk blodtrykk")
DIASTOLIC = ("8462-4", "271650006", "Diastolisk blodtrykk")


def stable_id(*parts: object) -> str:
    """A deterministic UUID for a generated or fed resource."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


def _concept(loinc: str, snomed: str, display: str) -> Resource:
    return {
        "coding": [
            coding(codes.LOINC, loinc, display),
            coding(codes.SNOMED_CT, snomed, display),
        ],
        "text": display,
    }


def measurement(
    person: Person,
    measure: Measure,
    *,
    at: dt.datetime,
    value: float | tuple[float, float],
    device: tuple[str, str],
) -> Resource:
    """One home measurement; ``value`` is (systolic, diastolic) for blood pressure."""
    device_name, serial = device
    rid = stable_id("measurement", person.patient_id, measure.key, at.isoformat())
    resource: Resource = {
        "resourceType": "Observation",
        "id": rid,
        "meta": {"profile": [f"{VKP_OBSERVATION}/{measure.profile}"]},
        "identifier": [{"system": codes.IETF_URI, "value": f"urn:uuid:{rid}"}],
        "status": "final",
        "category": [VITAL_SIGNS, PHD_OBSERVATION],
        "code": _concept(measure.loinc, measure.snomed, measure.display),
        "subject": person.logical(),
        "effectiveDateTime": at.isoformat(),
        "performer": [
            {
                "type": "Patient",
                "identifier": {"system": person.system, "value": person.number},
                "display": person.name,
            }
        ],
        "device": {
            "identifier": {"system": DEVICE_SERIAL_SYSTEM, "value": serial},
            "display": device_name,
        },
    }
    if isinstance(value, tuple):
        resource["component"] = [
            {
                "code": _concept(*part),
                "valueQuantity": quantity(number, measure.unit, measure.ucum),
            }
            for part, number in ((SYSTOLIC, value[0]), (DIASTOLIC, value[1]))
        ]
    else:
        resource["valueQuantity"] = quantity(value, measure.unit, measure.ucum)
    return resource


def dispensed(
    person: Person, *, at: dt.datetime, dispenser: tuple[str, str], assisted: bool
) -> Resource:
    """A pouch handed over by the dispenser (vkp-MedicationDispense: success only)."""
    name, serial = dispenser
    rid = stable_id("dispensed", person.patient_id, at.isoformat())
    code = "1.2" if assisted else "1.1"
    return {
        "resourceType": "MedicationDispense",
        "id": rid,
        "meta": {"profile": [vkp.MEDICATION_DISPENSE_PROFILE]},
        "identifier": [{"system": codes.IETF_URI, "value": f"urn:uuid:{rid}"}],
        "status": "completed",
        "category": {
            "coding": [coding(vkp.DISPENSE_EVENT_SYSTEM, code, vkp.DISPENSE_EVENTS[code])]
        },
        "medicationCodeableConcept": {"text": "Ukjent medisin"},
        "subject": person.logical(),
        "performer": [
            {
                "actor": {
                    "identifier": {"system": DEVICE_SERIAL_SYSTEM, "value": serial},
                    "display": name,
                }
            }
        ],
        "whenHandedOver": at.isoformat(),
    }


def alert(
    person: Person,
    *,
    code: str,
    at: dt.datetime,
    author: str,
    severity: str | None = None,
    text: str | None = None,
) -> Resource:
    """A VKP alarm or dispenser alert (vkp-DetectedIssue) about ``person``."""
    rid = stable_id("alert", person.patient_id, code, at.isoformat())
    concept: Resource = {"coding": [coding(vkp.ALERT_CODE_SYSTEM, code, vkp.ALERT_CODES[code])]}
    if text:
        concept["text"] = text
    resource: Resource = {
        "resourceType": "DetectedIssue",
        "id": rid,
        "meta": {"profile": [vkp.DETECTED_ISSUE_PROFILE]},
        "identifier": [{"system": codes.IETF_URI, "value": f"urn:uuid:{rid}"}],
        "status": "final",
        "code": concept,
        "patient": person.logical(),
        "identifiedDateTime": at.isoformat(),
        "author": {"display": author},
    }
    if severity:
        resource["severity"] = severity
    return resource
