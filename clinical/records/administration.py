"""MedicationAdministration: given, partly given, not given, as needed, pouch, double signature.

Choices (no national profile covers municipal administration records, norway.md §6.4):

- ``status`` ``completed`` for a full or partial dose, ``not-done`` with ``statusReason`` for a
  dose not given. A partial dose also carries the reason in ``statusReason`` (why not all of it
  was given) and the ordered amount in the extension ``prescribed-dose``.
- ``request`` → MedicationRequest; the MedicationStatement (medication list item) the dose came
  from, when known, goes in ``supportingInformation`` (R4 ``request`` allows only a request).
- The scheduled time the dose belongs to goes in the extension ``scheduled-time``, so a round
  can tell which dose a record answers.
- A scanned pack becomes a contained Medication (``#pack``) describing the pack actually given:
  the catalogue Medication of the scanned GTIN (its FEST code, form and ingredients) when the
  catalogue knows it, else the ordered drug's code; always with the GTIN coding,
  ``batch.lotNumber`` and ``batch.expirationDate``; the GS1 serial, with the GTIN, is its
  identifier (system ``urn:oid:1.3.160``, GS1, value ``(01)…(21)…``). Without a scan the
  administration references the catalogue Medication.
- A substitute (a product of the ordered product's FEST byttegruppe) that the nurse confirmed is
  the complex extension ``substitution``, shaped after R4 ``MedicationDispense.substitution``
  (R4 MedicationAdministration has no such element): ``wasSubstituted`` true, ``type``
  v3-substanceAdminSubstitution ``EC`` "equivalent composition" (same active ingredient,
  strength, dosage form and route: what a byttegruppe guarantees), ``byttegruppe`` (Coding)
  and ``ordered`` (the ordered Medication). The giving performer is who confirmed it; the
  same fact is repeated in ``note`` so any FHIR reader shows it.
- A stop the user overrode (wrong drug, expired pack, unknown pack, allergy, PRN limit) is the
  complex extension ``check-override`` (``check`` code + ``reason`` text), one per override,
  and is repeated in ``note`` so any FHIR reader shows it.
- Multidose pouch: one administration per drug, each with a second identifier in the system
  ``multidose-pouch-event`` whose value is shared by every drug confirmed with that pouch.
- Double signature: ``performer`` holds the giver (function ``performer``) and the colleague
  who checked (``verifier``) or watched (``witness``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

from clinical import codes
from clinical.nonadministration import DoseOutcome, NotGiven
from clinical.records.common import (
    PLEIEPUNKT,
    Json,
    Performer,
    PerformerFunction,
    RecordBuildError,
    fhir_datetime,
    fhir_number,
    identifier,
    new_id,
    reference,
)

GTIN_SYSTEM: Final = codes.GTIN
GS1_OID: Final = "urn:oid:1.3.160"
UCUM: Final = "http://unitsofmeasure.org"
SCHEDULED_TIME_URL: Final = f"{PLEIEPUNKT}/StructureDefinition/scheduled-time"
PRESCRIBED_DOSE_URL: Final = f"{PLEIEPUNKT}/StructureDefinition/prescribed-dose"
CHECK_OVERRIDE_URL: Final = f"{PLEIEPUNKT}/StructureDefinition/check-override"
SUBSTITUTION_URL: Final = f"{PLEIEPUNKT}/StructureDefinition/substitution"
POUCH_EVENT_SYSTEM: Final = f"{PLEIEPUNKT}/NamingSystem/multidose-pouch-event"
OVERRIDE_CHECK_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/administration-check"
PACK_ID: Final = "pack"

# UCUM codes a dose unit may already be; anything else ("tablett") is free text only.
_UCUM_UNITS: Final = frozenset({"mg", "g", "ug", "mL", "L", "[iU]", "U", "mmol", "[drp]"})


class OverrideCheck(StrEnum):
    """A safety check that stopped the user and was overridden with a reason."""

    WRONG_DRUG = "wrong-drug"
    EXPIRED = "expired"
    UNKNOWN_PACKAGE = "unknown-package"
    ALLERGY = "allergy"
    PRN_LIMIT = "prn-limit"

    @property
    def label_nb(self) -> str:
        """The Bokmål name written into the note."""
        return _OVERRIDE_LABELS[self]


_OVERRIDE_LABELS: Final = {
    OverrideCheck.WRONG_DRUG: "Feil legemiddel",
    OverrideCheck.EXPIRED: "Utløpt pakning",
    OverrideCheck.UNKNOWN_PACKAGE: "Ukjent pakning",
    OverrideCheck.ALLERGY: "Registrert reaksjon (allergi)",
    OverrideCheck.PRN_LIMIT: "Maksimaldose for behovsmedisin",
}


@dataclass(frozen=True)
class CheckOverride:
    """The check that was overridden and the reason the user gave."""

    check: OverrideCheck
    reason: str

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise RecordBuildError("records.override_reason_required")

    def to_extension(self) -> Json:
        """The ``check-override`` complex extension."""
        return {
            "url": CHECK_OVERRIDE_URL,
            "extension": [
                {
                    "url": "check",
                    "valueCoding": {
                        "system": OVERRIDE_CHECK_SYSTEM,
                        "code": self.check.value,
                        "display": self.check.label_nb,
                    },
                },
                {"url": "reason", "valueString": self.reason.strip()},
            ],
        }


@dataclass(frozen=True)
class DoseQuantity:
    """An amount in a unit as the order writes it (``tablett``, ``mg``)."""

    value: Decimal
    unit: str | None

    def to_fhir(self) -> Json:
        """A FHIR SimpleQuantity; a UCUM unit gets its system and code."""
        quantity: Json = {"value": fhir_number(self.value)}
        if self.unit:
            quantity["unit"] = self.unit
            if self.unit in _UCUM_UNITS:
                quantity["system"] = UCUM
                quantity["code"] = self.unit
        return quantity


@dataclass(frozen=True)
class MedicationSource:
    """The ordered drug and the order it comes from.

    ``code`` is the catalogue Medication's ``code`` (copied into a contained pack when one was
    scanned). At least one of ``request_id`` and ``statement_id`` should be known.
    """

    medication_id: str | None
    display: str
    code: Mapping[str, Any] | None = None
    request_id: str | None = None
    statement_id: str | None = None


@dataclass(frozen=True)
class ScannedPack:
    """What the pack's GS1 code said (14-digit GTIN, expiry, batch, serial), and its product.

    ``product`` is the catalogue Medication the GTIN resolved to, or None when unknown.
    """

    gtin: str
    expiry: date | None = None
    batch: str | None = None
    serial: str | None = None
    product: Mapping[str, Any] | None = None

    @property
    def display(self) -> str | None:
        """The product's name as the catalogue writes it."""
        code = (self.product or {}).get("code")
        text = code.get("text") if isinstance(code, Mapping) else None
        return text if isinstance(text, str) and text else None


@dataclass(frozen=True)
class Substitution:
    """A substitute from the ordered product's byttegruppe, confirmed by the nurse giving it."""

    ordered_display: str
    ordered_medication_id: str | None
    byttegruppe: str | None

    def to_extension(self) -> Json:
        """The ``substitution`` complex extension (see the module docstring)."""
        parts: list[Json] = [
            {"url": "wasSubstituted", "valueBoolean": True},
            {
                "url": "type",
                "valueCoding": {
                    "system": codes.SUBSTANCE_ADMIN_SUBSTITUTION,
                    "code": "EC",
                    "display": "equivalent composition",
                },
            },
        ]
        if self.byttegruppe:
            parts.append(
                {
                    "url": "byttegruppe",
                    "valueCoding": {"system": codes.FEST_BYTTEGRUPPE, "code": self.byttegruppe},
                }
            )
        ordered: Json = {"display": self.ordered_display}
        if self.ordered_medication_id:
            ordered["reference"] = f"Medication/{self.ordered_medication_id}"
        parts.append({"url": "ordered", "valueReference": ordered})
        return {"url": SUBSTITUTION_URL, "extension": parts}

    def note(self, given: str) -> str:
        """The same fact in words for any reader."""
        return (
            f"Byttepreparat gitt: {given} i stedet for {self.ordered_display} "
            "(samme byttegruppe), bekreftet av den som ga legemidlet."
        )


def _pack_code(source: MedicationSource, pack: ScannedPack) -> Json:
    known = (pack.product or {}).get("code")
    if isinstance(known, Mapping):
        return copy.deepcopy(dict(known))
    return copy.deepcopy(dict(source.code)) if source.code else {"text": source.display}


def _pack_medication(source: MedicationSource, pack: ScannedPack) -> Json:
    code = _pack_code(source, pack)
    codings = [c for c in code.get("coding", []) if c.get("system") != GTIN_SYSTEM]
    codings.append({"system": GTIN_SYSTEM, "code": pack.gtin})
    code["coding"] = codings
    medication: Json = {"resourceType": "Medication", "id": PACK_ID, "code": code}
    for key in ("form", "ingredient"):
        if pack.product is not None and key in pack.product:
            medication[key] = copy.deepcopy(pack.product[key])
    if pack.serial:
        medication["identifier"] = [
            {"system": GS1_OID, "value": f"(01){pack.gtin}(21){pack.serial}"}
        ]
    batch: Json = {}
    if pack.batch:
        batch["lotNumber"] = pack.batch
    if pack.expiry:
        batch["expirationDate"] = pack.expiry.isoformat()
    if batch:
        medication["batch"] = batch
    return medication


def _check_performers(performers: Sequence[Performer]) -> None:
    givers = [p for p in performers if p.function is PerformerFunction.PERFORMER]
    if len(givers) != 1:
        raise RecordBuildError("records.one_performer_required")
    ids = [p.staff.practitioner_id for p in performers]
    if len(set(ids)) != len(ids):
        raise RecordBuildError("records.performer_twice")


def _check_outcome(
    outcome: DoseOutcome, given: DoseQuantity | None, not_given: NotGiven | None
) -> None:
    if outcome is DoseOutcome.GIVEN and not_given is not None:
        raise RecordBuildError("records.reason_for_given_dose")
    if outcome is not DoseOutcome.GIVEN and not_given is None:
        raise RecordBuildError("records.reason_required")
    if outcome is not DoseOutcome.NOT_GIVEN and given is None:
        raise RecordBuildError("records.dose_required")


def _medication(resource: Json, medication: MedicationSource, pack: ScannedPack | None) -> None:
    if pack is not None:
        resource["contained"] = [_pack_medication(medication, pack)]
        resource["medicationReference"] = {
            "reference": f"#{PACK_ID}",
            "display": pack.display or medication.display,
        }
    elif medication.medication_id:
        resource["medicationReference"] = reference(
            "Medication", medication.medication_id, medication.display
        )
    else:
        code = dict(medication.code) if medication.code else {"text": medication.display}
        resource["medicationCodeableConcept"] = copy.deepcopy(code)


def _dosage(
    outcome: DoseOutcome,
    given: DoseQuantity | None,
    route: Mapping[str, Any] | None,
    text: str | None,
) -> Json:
    if given is None or outcome is DoseOutcome.NOT_GIVEN:
        # mad-1: a dosage SHALL have a dose or a rate, so a dose not given has no dosage.
        return {}
    dosage: Json = {}
    if text:
        dosage["text"] = text
    if route:
        dosage["route"] = copy.deepcopy(dict(route))
    dosage["dose"] = given.to_fhir()
    return dosage


def _extensions(
    overrides: Sequence[CheckOverride],
    scheduled_at: datetime | None,
    prescribed: DoseQuantity | None,
    outcome: DoseOutcome,
    substitution: Substitution | None,
) -> list[Json]:
    extensions = [o.to_extension() for o in overrides]
    if substitution is not None:
        extensions.append(substitution.to_extension())
    if scheduled_at is not None:
        extensions.append({"url": SCHEDULED_TIME_URL, "valueDateTime": fhir_datetime(scheduled_at)})
    if outcome is DoseOutcome.PARTIAL and prescribed is not None:
        extensions.append({"url": PRESCRIBED_DOSE_URL, "valueQuantity": prescribed.to_fhir()})
    return extensions


def medication_administration(
    *,
    patient_id: str,
    medication: MedicationSource,
    performers: Sequence[Performer],
    effective: datetime,
    outcome: DoseOutcome,
    given: DoseQuantity | None = None,
    prescribed: DoseQuantity | None = None,
    not_given: NotGiven | None = None,
    route: Mapping[str, Any] | None = None,
    dosage_text: str | None = None,
    scheduled_at: datetime | None = None,
    pack: ScannedPack | None = None,
    overrides: Sequence[CheckOverride] = (),
    prn_reason: Mapping[str, Any] | None = None,
    pouch_event_id: str | None = None,
    note: str | None = None,
    resource_id: str | None = None,
    substitution: Substitution | None = None,
) -> Json:
    """One MedicationAdministration as FHIR R4 JSON (see the module docstring for choices)."""
    _check_performers(performers)
    _check_outcome(outcome, given, not_given)
    if substitution is not None and (pack is None or outcome is DoseOutcome.NOT_GIVEN):
        raise RecordBuildError("records.substitution_needs_a_given_pack")
    rid = resource_id or new_id()
    resource: Json = {
        "resourceType": "MedicationAdministration",
        "id": rid,
        "identifier": [identifier(rid)],
        "status": outcome.fhir_status,
    }
    if pouch_event_id:
        resource["identifier"].append({"system": POUCH_EVENT_SYSTEM, "value": pouch_event_id})
    if not_given is not None:
        resource["statusReason"] = [not_given.status_reason()]
    _medication(resource, medication, pack)
    resource["subject"] = reference("Patient", patient_id)
    if medication.statement_id:
        resource["supportingInformation"] = [
            reference("MedicationStatement", medication.statement_id)
        ]
    resource["effectiveDateTime"] = fhir_datetime(effective)
    resource["performer"] = [p.to_fhir() for p in performers]
    if prn_reason:
        resource["reasonCode"] = [copy.deepcopy(dict(prn_reason))]
    if medication.request_id:
        resource["request"] = reference("MedicationRequest", medication.request_id)
    dosage = _dosage(outcome, given, route, dosage_text)
    if dosage:
        resource["dosage"] = dosage
    notes = [f"Overstyrt kontroll – {o.check.label_nb}: {o.reason.strip()}" for o in overrides]
    if substitution is not None and pack is not None:
        notes.append(substitution.note(pack.display or medication.display))
    if note and note.strip():
        notes.append(note.strip())
    if notes:
        resource["note"] = [{"text": text} for text in notes]
    extensions = _extensions(overrides, scheduled_at, prescribed, outcome, substitution)
    if extensions:
        resource["extension"] = extensions
    return resource
