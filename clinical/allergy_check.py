"""Does a drug match a reaction recorded on the patient (FHIR ``AllergyIntolerance``)?

A recorded ATC code matches every drug in its group: an allergy coded ``J01C`` (beta-lactam
penicillins) matches ``J01CA04`` (amoxicillin). Substance codes match exactly, by system and
code; substance names match only when equal after case folding. Entries whose
verificationStatus is ``refuted`` or ``entered-in-error`` are ignored; unconfirmed (or
"presumed") ones count. This is not a cross-reactivity checker (penicillin vs cephalosporin).

Errors: none raised for odd resources; a coding that cannot be read simply does not match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Literal

Language = Literal["nb", "en"]

# WHO ATC; Volven 7180 is the Norwegian OID for the same codes.
ATC_SYSTEMS: Final = frozenset({"http://www.whocc.no/atc", "urn:oid:2.16.578.1.12.4.1.1.7180"})
_ATC_CODE: Final = re.compile(r"^[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?$")
_IGNORED_VERIFICATION: Final = frozenset({"refuted", "entered-in-error"})


@dataclass(frozen=True)
class Coding:
    """A code in a code system (FHIR ``Coding`` without display)."""

    system: str
    code: str


@dataclass(frozen=True)
class Drug:
    """What is known about the drug about to be given."""

    atc: str | None = None
    substance_codes: frozenset[Coding] = field(default_factory=frozenset)
    substance_names: frozenset[str] = field(default_factory=frozenset)


class Criticality(StrEnum):
    """FHIR AllergyIntolerance.criticality, plus ``UNKNOWN`` when it is not recorded."""

    LOW = "low"
    HIGH = "high"
    UNABLE_TO_ASSESS = "unable-to-assess"
    UNKNOWN = "unknown"

    @property
    def interrupts(self) -> bool:
        """True when the alert must stop the user; only a recorded low criticality does not."""
        return self is not Criticality.LOW


class MatchBasis(StrEnum):
    """What made the drug match the recorded reaction, strongest first."""

    SUBSTANCE_CODE = "substance-code"
    ATC = "atc"
    SUBSTANCE_NAME = "substance-name"


@dataclass(frozen=True)
class AllergyMatch:
    """One recorded reaction the drug matches."""

    allergy_id: str | None
    criticality: Criticality
    verification: str | None
    basis: MatchBasis
    matched_code: str
    display: str | None

    @property
    def message_key(self) -> str:
        """Key of the alert text in ``MESSAGES``."""
        return "allergy.match.interrupt" if self.criticality.interrupts else "allergy.match.warn"


@dataclass(frozen=True)
class AllergyCheck:
    """All matches, most critical first; empty when the drug matches nothing recorded."""

    matches: tuple[AllergyMatch, ...]

    @property
    def matched(self) -> bool:
        """True when any recorded reaction matches."""
        return bool(self.matches)

    @property
    def interrupts(self) -> bool:
        """True when the user must be stopped (override only with a recorded reason)."""
        return any(m.criticality.interrupts for m in self.matches)

    @property
    def message_key(self) -> str:
        """Key in ``MESSAGES`` for the whole check."""
        return self.matches[0].message_key if self.matches else "allergy.none"


def is_atc_code(code: str) -> bool:
    """True for a syntactically valid ATC code at any level (``J``, ``J01``, ... ``J01CA04``)."""
    return bool(_ATC_CODE.match(code))


def _codings(concept: object) -> Iterable[tuple[str, str, str | None]]:
    if not isinstance(concept, Mapping):
        return
    codings = concept.get("coding")
    if not isinstance(codings, Sequence):
        return
    for coding in codings:
        if not isinstance(coding, Mapping):
            continue
        system, code, display = coding.get("system"), coding.get("code"), coding.get("display")
        if isinstance(system, str) and isinstance(code, str):
            yield system, code.strip(), display if isinstance(display, str) else None


def _concepts(allergy: Mapping[str, object]) -> list[object]:
    concepts: list[object] = [allergy.get("code")]
    reactions = allergy.get("reaction")
    if isinstance(reactions, Sequence):
        concepts.extend(r.get("substance") for r in reactions if isinstance(r, Mapping))
    return concepts


def _verification(allergy: Mapping[str, object]) -> str | None:
    for _, code, _display in _codings(allergy.get("verificationStatus")):
        return code
    return None


def _criticality(allergy: Mapping[str, object]) -> Criticality:
    value = allergy.get("criticality")
    try:
        return Criticality(value) if isinstance(value, str) else Criticality.UNKNOWN
    except ValueError:
        return Criticality.UNKNOWN


def _atc_matches(recorded: str, drug_atc: str) -> bool:
    # Either may be the group: the allergy is recorded for a class, or the drug is only
    # known by its group; both mean the patient may react.
    return drug_atc.startswith(recorded) or recorded.startswith(drug_atc)


def _text(concept: object) -> str | None:
    if isinstance(concept, Mapping):
        text = concept.get("text")
        if isinstance(text, str):
            return text
    return None


def _display(concept: object) -> str | None:
    text = _text(concept)
    if text is not None:
        return text
    return next((d for _, _, d in _codings(concept) if d is not None), None)


def _match_one(allergy: Mapping[str, object], drug: Drug) -> AllergyMatch | None:
    drug_atc = None if drug.atc is None else drug.atc.strip().upper()
    names = {n.strip().casefold() for n in drug.substance_names if n.strip()}
    candidates: list[tuple[MatchBasis, str, str | None]] = []
    for concept in _concepts(allergy):
        for system, code, display in _codings(concept):
            atc = code.upper()
            if Coding(system, code) in drug.substance_codes:
                candidates.append((MatchBasis.SUBSTANCE_CODE, code, display))
            elif (
                system in ATC_SYSTEMS
                and drug_atc is not None
                and is_atc_code(atc)
                and is_atc_code(drug_atc)
                and _atc_matches(atc, drug_atc)
            ):
                candidates.append((MatchBasis.ATC, atc, display))
            elif display is not None and display.strip().casefold() in names:
                candidates.append((MatchBasis.SUBSTANCE_NAME, code, display))
        text = _text(concept)
        if text is not None and text.strip().casefold() in names:
            candidates.append((MatchBasis.SUBSTANCE_NAME, text, text))
    if not candidates:
        return None
    order = list(MatchBasis)
    basis, code, display = min(candidates, key=lambda c: order.index(c[0]))
    allergy_id = allergy.get("id")
    return AllergyMatch(
        allergy_id=allergy_id if isinstance(allergy_id, str) else None,
        criticality=_criticality(allergy),
        verification=_verification(allergy),
        basis=basis,
        matched_code=code,
        display=display or _display(allergy.get("code")),
    )


_CRITICALITY_ORDER: Final = (
    Criticality.HIGH,
    Criticality.UNABLE_TO_ASSESS,
    Criticality.UNKNOWN,
    Criticality.LOW,
)


def check_drug(allergies: Iterable[Mapping[str, object]], drug: Drug) -> AllergyCheck:
    """Match a drug against the patient's AllergyIntolerance resources (FHIR JSON dicts)."""
    matches = []
    for allergy in allergies:
        if _verification(allergy) in _IGNORED_VERIFICATION:
            continue
        match = _match_one(allergy, drug)
        if match is not None:
            matches.append(match)
    matches.sort(key=lambda m: _CRITICALITY_ORDER.index(m.criticality))
    return AllergyCheck(tuple(matches))


MESSAGES: Final[Mapping[str, Mapping[Language, str]]] = MappingProxyType(
    {
        key: MappingProxyType({"nb": nb, "en": en})
        for key, nb, en in (
            ("allergy.none", "Ingen registrert reaksjon på legemidlet.", "No recorded reaction."),
            (
                "allergy.match.interrupt",
                "STOPP: Pasienten har registrert reaksjon på dette legemidlet eller "
                "legemiddelgruppen. Gis bare med begrunnelse.",
                "STOP: The patient has a recorded reaction to this medicine or its group. "
                "Give it only with a recorded reason.",
            ),
            (
                "allergy.match.warn",
                "Obs: Pasienten har registrert en reaksjon med lav alvorlighet på dette "
                "legemidlet eller legemiddelgruppen.",
                "Note: The patient has a recorded low-criticality reaction to this medicine "
                "or its group.",
            ),
        )
    }
)
