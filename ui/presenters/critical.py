"""Critical information as the national summary record groups it, read from FHIR resources.

Shared by the patient list indicator, the patient header banner and the core record view, so the
three can never disagree about what is critical.

Conventions read (liberal, because profiles differ between the national record and local data):

- AllergyIntolerance: inactive/resolved, refuted and entered-in-error entries are left out.
  ``category`` "medication" (or a ``criticalInfoType`` extension "DrugReaction") makes it a drug
  reaction. ``verificationStatus`` confirmed = verified; unconfirmed/provisional/differential or
  a ``KjPresumed`` extension = presumed.
- Condition: ``category`` codes say which critical-information category it is in. Pleiepunkt's
  own system ``CRITICAL_INFO_CATEGORY_SYSTEM`` (no national one is published for every
  category) has ``critical-condition``, ``treatment-implant`` and ``anaesthesia-complication``;
  the kjernejournal's ``5`` and the older ``ongoing-treatment``/``implant`` are read too, from
  any system. A category with no such code is read by its text ("Kritiske medisinske
  tilstander", "Pågående behandlinger og implantater", "Komplikasjoner ved anestesi", or the
  English words). Other conditions are not critical information and are not shown here.
- Flag: active flags are "other procedure changes"; ``period.end`` is their valid-until.
- Consent: treatment limitations such as HLR-minus, see ``ui.presenters.treatment_limits``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

from clinical.fhir_read import (
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
from ui.presenters.critical_item import CriticalItem
from ui.presenters.treatment_limits import is_treatment_limitation, treatment_limitation_items

# The synthetic data (tests/synthetic/vocabulary.py) codes its Conditions with the same system.
CRITICAL_INFO_CATEGORY_SYSTEM: Final = (
    "http://pleiepunkt.no/fhir/CodeSystem/critical-information-category"
)
CRITICAL_CONDITION_CODES = frozenset({"5", "critical-condition"})
TREATMENT_IMPLANT_CODES = frozenset({"ongoing-treatment", "implant", "treatment-implant"})
ANAESTHESIA_COMPLICATION_CODES = frozenset({"anaesthesia-complication", "anesthesia-complication"})
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
class CriticalInformation:
    """All critical information of one patient, in the national record's order."""

    allergies: tuple[AllergyItem, ...] = ()
    critical_conditions: tuple[CriticalItem, ...] = ()
    treatments_and_implants: tuple[CriticalItem, ...] = ()
    anaesthesia_complications: tuple[CriticalItem, ...] = ()
    procedure_changes: tuple[CriticalItem, ...] = ()
    treatment_limitations: tuple[CriticalItem, ...] = ()

    @property
    def has_any(self) -> bool:
        """Whether anything at all is registered."""
        return bool(
            self.allergies
            or self.critical_conditions
            or self.treatments_and_implants
            or self.anaesthesia_complications
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
            + len(self.anaesthesia_complications)
            + len(self.procedure_changes)
            + len(self.treatment_limitations)
        )

    @property
    def has_high_criticality_allergy(self) -> bool:
        """Whether any reaction is marked high criticality."""
        return any(a.criticality is Criticality.HIGH for a in self.allergies)


@dataclass(frozen=True, slots=True)
class CriticalMarker:
    """What the patient list may show: *that* critical information exists, never what it is
    (the text comes only after the record is opened with an access basis, and logged)."""

    count: int = 0
    has_high_criticality_allergy: bool = False

    @property
    def has_any(self) -> bool:
        return self.count > 0


def critical_marker(info: CriticalInformation) -> CriticalMarker:
    """The list's marker of ``info`` (its count and whether an allergy is high criticality)."""
    return CriticalMarker(
        count=info.count, has_high_criticality_allergy=info.has_high_criticality_allergy
    )


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


class ConditionCategory(StrEnum):
    """A critical-information category of Conditions; the values are our system's codes."""

    CRITICAL = "critical-condition"
    TREATMENT_IMPLANT = "treatment-implant"
    ANAESTHESIA = "anaesthesia-complication"


# Codes read from any system: the kjernejournal's, ours, and older local ones.
_CODES_BY_CATEGORY: Final = (
    (ConditionCategory.CRITICAL, CRITICAL_CONDITION_CODES),
    (ConditionCategory.TREATMENT_IMPLANT, TREATMENT_IMPLANT_CODES),
    (ConditionCategory.ANAESTHESIA, ANAESTHESIA_COMPLICATION_CODES),
)
# Words of the national record's category names (Bokmål, English), all of which must appear.
_WORDS_BY_CATEGORY: Final = (
    (ConditionCategory.ANAESTHESIA, (("anestesi",), ("anaesthe",), ("anesthe",))),
    (
        ConditionCategory.TREATMENT_IMPLANT,
        (("implantat",), ("pågående", "behandling"), ("implant",), ("ongoing", "treatment")),
    ),
    (
        ConditionCategory.CRITICAL,
        (("kritisk", "tilstand"), ("critical", "condition")),
    ),
)


def _category_by_text(categories: Any) -> ConditionCategory | None:
    for concept in as_list(categories):
        words = concept_text(concept).casefold()
        for category, alternatives in _WORDS_BY_CATEGORY:
            if any(all(w in words for w in needed) for needed in alternatives):
                return category
    return None


def condition_category(resource: FhirResource) -> ConditionCategory | None:
    """Which critical-information category a Condition is in: by code, else by category text."""
    categories = resource.get("category")
    for concept in dicts(categories):
        for coding in dicts(concept.get("coding")):
            if text(coding.get("system")) == CRITICAL_INFO_CATEGORY_SYSTEM:
                try:
                    return ConditionCategory(text(coding.get("code")))
                except ValueError:
                    continue
    codes = concepts_codes(categories)
    for category, known in _CODES_BY_CATEGORY:
        if codes & known:
            return category
    return _category_by_text(categories)


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


def critical_information(resources: Iterable[FhirResource], *, today: date) -> CriticalInformation:
    """Sort a patient's mixed resources into the national record's critical categories."""
    allergies: list[AllergyItem] = []
    critical: list[CriticalItem] = []
    treatments: list[CriticalItem] = []
    anaesthesia: list[CriticalItem] = []
    flags: list[CriticalItem] = []
    limitations: list[CriticalItem] = []
    for resource in resources:
        kind = resource.get("resourceType")
        if kind == "AllergyIntolerance":
            if (allergy := allergy_item(resource)) is not None:
                allergies.append(allergy)
        elif kind == "Condition" and _is_active_condition(resource):
            category = condition_category(resource)
            if category is ConditionCategory.CRITICAL:
                critical.append(_condition_item(resource))
            elif category is ConditionCategory.TREATMENT_IMPLANT:
                treatments.append(_condition_item(resource))
            elif category is ConditionCategory.ANAESTHESIA:
                anaesthesia.append(_condition_item(resource))
        elif kind == "Flag":
            if (flag := _flag_item(resource, today)) is not None:
                flags.append(flag)
        elif kind == "Consent" and is_treatment_limitation(resource):
            limitations += treatment_limitation_items(resource)
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
        anaesthesia_complications=tuple(anaesthesia),
        procedure_changes=tuple(flags),
        treatment_limitations=tuple(limitations),
    )
