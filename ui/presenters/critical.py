"""Critical information as the national summary record groups it, read from FHIR resources.

Shared by the patient list indicator, the patient header banner and the core record view, so the
three can never disagree about what is critical.

Conventions read (liberal, because profiles differ between the national record and local data):

- AllergyIntolerance: inactive/resolved, refuted and entered-in-error entries are left out.
  ``category`` "medication" (or a ``criticalInfoType`` extension "DrugReaction") makes it a drug
  reaction. ``verificationStatus`` confirmed = verified; unconfirmed/provisional/differential or
  a ``KjPresumed`` extension = presumed.
- Condition: ``category`` code ``5`` or ``critical-condition`` is a critical condition;
  ``ongoing-treatment``, ``implant`` or ``treatment-implant`` an ongoing treatment or implant.
  Other conditions are not critical information and are not shown here.
- Flag: active flags are "other procedure changes"; ``period.end`` is their valid-until.
- Consent: active consents with scope ``treatment`` (or a code/text naming HLR) are treatment
  limitations such as HLR-minus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ui.presenters.fhir import (
    FhirResource,
    as_list,
    concept_codes,
    concept_text,
    concepts_codes,
    dicts,
    extensions,
    first_concept_text,
    parse_date,
    period,
    reference_display,
    text,
)

CRITICAL_CONDITION_CODES = frozenset({"5", "critical-condition"})
TREATMENT_IMPLANT_CODES = frozenset({"ongoing-treatment", "implant", "treatment-implant"})
_EXCLUDED_VERIFICATION = frozenset({"refuted", "entered-in-error"})
_INACTIVE_CLINICAL = frozenset({"inactive", "resolved"})


class Criticality(StrEnum):
    """How dangerous a reaction may be (FHIR AllergyIntolerance.criticality)."""

    HIGH = "high"
    LOW = "low"
    UNABLE = "unable-to-assess"
    UNKNOWN = "unknown"


class Verification(StrEnum):
    """Whether a physician verified the entry, or it is presumed."""

    VERIFIED = "verified"
    PRESUMED = "presumed"
    UNKNOWN = "unknown"


class AllergyKind(StrEnum):
    """Drug reactions come first in the national record."""

    DRUG = "drug"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class AllergyItem:
    """One drug reaction or critical allergy."""

    id: str
    substance: str
    reactions: tuple[str, ...]
    criticality: Criticality
    verification: Verification
    kind: AllergyKind
    recorded: date | None
    recorder: str
    note: str


@dataclass(frozen=True, slots=True)
class CriticalItem:
    """A critical condition, treatment/implant, procedure change or treatment limitation."""

    id: str
    title: str
    detail: str
    since: date | None
    until: date | None
    by: str


@dataclass(frozen=True, slots=True)
class CriticalInformation:
    """All critical information of one patient, in the national record's order."""

    allergies: tuple[AllergyItem, ...] = ()
    critical_conditions: tuple[CriticalItem, ...] = ()
    treatments_and_implants: tuple[CriticalItem, ...] = ()
    procedure_changes: tuple[CriticalItem, ...] = ()
    treatment_limitations: tuple[CriticalItem, ...] = ()

    @property
    def has_any(self) -> bool:
        """Whether anything at all is registered."""
        return bool(
            self.allergies
            or self.critical_conditions
            or self.treatments_and_implants
            or self.procedure_changes
            or self.treatment_limitations
        )

    @property
    def count(self) -> int:
        """How many critical entries there are."""
        return (
            len(self.allergies)
            + len(self.critical_conditions)
            + len(self.treatments_and_implants)
            + len(self.procedure_changes)
            + len(self.treatment_limitations)
        )

    @property
    def has_high_criticality_allergy(self) -> bool:
        """Whether any reaction is marked high criticality."""
        return any(a.criticality is Criticality.HIGH for a in self.allergies)


def _note(resource: FhirResource) -> str:
    return " ".join(text(n.get("text")) for n in dicts(resource.get("note")) if text(n.get("text")))


def allergy_item(resource: FhirResource) -> AllergyItem | None:
    """The allergy as shown, or None when it is not (or no longer) relevant."""
    verification_codes = concept_codes(resource.get("verificationStatus"))
    if verification_codes & _EXCLUDED_VERIFICATION:
        return None
    if concept_codes(resource.get("clinicalStatus")) & _INACTIVE_CLINICAL:
        return None
    presumed_ext = any(e.get("valueBoolean") is True for e in extensions(resource, "KjPresumed"))
    if "confirmed" in verification_codes and not presumed_ext:
        verification = Verification.VERIFIED
    elif presumed_ext or verification_codes & {"unconfirmed", "provisional", "differential"}:
        verification = Verification.PRESUMED
    else:
        verification = Verification.UNKNOWN
    info_types = {
        text(e.get("valueString")) or text(e.get("valueCode"))
        for e in extensions(resource, "criticalInfoType")
    }
    is_drug = "medication" in as_list(resource.get("category")) or "DrugReaction" in info_types
    try:
        criticality = Criticality(text(resource.get("criticality")))
    except ValueError:
        criticality = Criticality.UNKNOWN
    reactions: list[str] = []
    for reaction in dicts(resource.get("reaction")):
        for manifestation in as_list(reaction.get("manifestation")):
            if (shown := concept_text(manifestation)) and shown not in reactions:
                reactions.append(shown)
        if (described := text(reaction.get("description"))) and described not in reactions:
            reactions.append(described)
    return AllergyItem(
        id=text(resource.get("id")),
        substance=concept_text(resource.get("code")) or "?",
        reactions=tuple(reactions),
        criticality=criticality,
        verification=verification,
        kind=AllergyKind.DRUG if is_drug else AllergyKind.OTHER,
        recorded=parse_date(resource.get("recordedDate")),
        recorder=reference_display(resource.get("recorder")),
        note=_note(resource),
    )


def _condition_item(resource: FhirResource) -> CriticalItem:
    onset = parse_date(resource.get("onsetDateTime")) or parse_date(resource.get("recordedDate"))
    return CriticalItem(
        id=text(resource.get("id")),
        title=concept_text(resource.get("code")) or "?",
        detail=_note(resource),
        since=onset,
        until=parse_date(resource.get("abatementDateTime")),
        by=(
            reference_display(resource.get("recorder"))
            or reference_display(resource.get("asserter"))
        ),
    )


def _is_active_condition(resource: FhirResource) -> bool:
    if concept_codes(resource.get("verificationStatus")) & _EXCLUDED_VERIFICATION:
        return False
    return not concept_codes(resource.get("clinicalStatus")) & _INACTIVE_CLINICAL


def _flag_item(resource: FhirResource, today: date) -> CriticalItem | None:
    if text(resource.get("status")) != "active":
        return None
    start, end = period(resource.get("period"))
    if end is not None and end.date() < today:
        return None
    return CriticalItem(
        id=text(resource.get("id")),
        title=concept_text(resource.get("code")) or "?",
        detail=first_concept_text(resource.get("category")),
        since=None if start is None else start.date(),
        until=None if end is None else end.date(),
        by=reference_display(resource.get("author")),
    )


def _is_treatment_limitation(resource: FhirResource) -> bool:
    if text(resource.get("status")) != "active":
        return False
    words = " ".join(
        [
            concept_text(resource.get("scope")),
            *(concept_text(c) for c in as_list(resource.get("category"))),
        ]
    ).lower()
    scope_codes = concept_codes(resource.get("scope")) | concepts_codes(resource.get("category"))
    return "treatment" in scope_codes or "hlr" in words or "behandlingsavklaring" in words


def _consent_item(resource: FhirResource) -> CriticalItem:
    provision = resource.get("provision")
    provision_text = ""
    if isinstance(provision, Mapping):
        provision_text = first_concept_text(provision.get("code"))
    title = provision_text or first_concept_text(resource.get("category")) or "?"
    performers = (reference_display(p) for p in as_list(resource.get("performer")))
    by = ", ".join(d for d in performers if d)
    policy = resource.get("policyRule")
    detail = concept_text(policy) if isinstance(policy, Mapping) else ""
    for note_ext in extensions(resource, "note"):
        detail = " ".join(p for p in (detail, text(note_ext.get("valueString"))) if p)
    return CriticalItem(
        id=text(resource.get("id")),
        title=title,
        detail=detail,
        since=parse_date(resource.get("dateTime")),
        until=None,
        by=by,
    )


def critical_information(resources: Iterable[FhirResource], *, today: date) -> CriticalInformation:
    """Sort a patient's mixed resources into the national record's critical categories."""
    allergies: list[AllergyItem] = []
    critical: list[CriticalItem] = []
    treatments: list[CriticalItem] = []
    flags: list[CriticalItem] = []
    limitations: list[CriticalItem] = []
    for resource in resources:
        kind = resource.get("resourceType")
        if kind == "AllergyIntolerance":
            if (allergy := allergy_item(resource)) is not None:
                allergies.append(allergy)
        elif kind == "Condition" and _is_active_condition(resource):
            codes = concepts_codes(resource.get("category"))
            if codes & CRITICAL_CONDITION_CODES:
                critical.append(_condition_item(resource))
            elif codes & TREATMENT_IMPLANT_CODES:
                treatments.append(_condition_item(resource))
        elif kind == "Flag":
            if (flag := _flag_item(resource, today)) is not None:
                flags.append(flag)
        elif kind == "Consent" and _is_treatment_limitation(resource):
            limitations.append(_consent_item(resource))
    allergies.sort(
        key=lambda a: (
            a.kind is not AllergyKind.DRUG,
            a.criticality is not Criticality.HIGH,
            a.substance.casefold(),
        )
    )
    return CriticalInformation(
        allergies=tuple(allergies),
        critical_conditions=tuple(critical),
        treatments_and_implants=tuple(treatments),
        procedure_changes=tuple(flags),
        treatment_limitations=tuple(limitations),
    )
