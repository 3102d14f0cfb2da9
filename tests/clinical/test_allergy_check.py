"""Allergy check: ATC group matching, substance codes, verification status, criticality."""

from __future__ import annotations

from typing import Any

import pytest

from clinical.allergy_check import (
    MESSAGES,
    AllergyCheck,
    Coding,
    Criticality,
    Drug,
    MatchBasis,
    check_drug,
    is_atc_code,
)

ATC = "http://www.whocc.no/atc"
FEST_SUBSTANCE = "http://ehelse.no/FESTSubstance"
VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"

AMOXICILLIN = Drug(
    atc="J01CA04",
    substance_codes=frozenset({Coding(FEST_SUBSTANCE, "ID_AMOXI")}),
    substance_names=frozenset({"Amoksicillin"}),
)
AMOXI_CLAV = Drug(atc="J01CR02", substance_codes=frozenset({Coding(FEST_SUBSTANCE, "ID_AMOXI")}))
PARACETAMOL = Drug(atc="N02BE01", substance_names=frozenset({"Paracetamol"}))
CEFALEXIN = Drug(atc="J01DB01")


def allergy(
    code: str,
    *,
    system: str = ATC,
    display: str | None = None,
    criticality: str | None = "high",
    verification: str | None = "confirmed",
    id_: str = "a1",
    text: str | None = None,
) -> dict[str, Any]:
    coding: dict[str, Any] = {"system": system, "code": code}
    if display is not None:
        coding["display"] = display
    resource: dict[str, Any] = {
        "resourceType": "AllergyIntolerance",
        "id": id_,
        "category": ["medication"],
        "code": {"coding": [coding]},
    }
    if text is not None:
        resource["code"]["text"] = text
    if criticality is not None:
        resource["criticality"] = criticality
    if verification is not None:
        resource["verificationStatus"] = {
            "coding": [{"system": VERIFICATION, "code": verification}]
        }
    return resource


PENICILLIN_PATIENT = [allergy("J01C", display="Penicilliner med utvidet spektrum")]


@pytest.mark.parametrize(
    ("allergies", "drug", "matched", "interrupts", "basis"),
    [
        pytest.param(PENICILLIN_PATIENT, AMOXICILLIN, True, True, MatchBasis.ATC, id="penicillin"),
        pytest.param(PENICILLIN_PATIENT, PARACETAMOL, False, False, None, id="unrelated"),
        pytest.param(PENICILLIN_PATIENT, CEFALEXIN, False, False, None, id="other-beta-lactam"),
        pytest.param([allergy("J01CA04")], AMOXICILLIN, True, True, MatchBasis.ATC, id="level-5"),
        pytest.param([allergy("J")], AMOXICILLIN, True, True, MatchBasis.ATC, id="level-1"),
        pytest.param([allergy("J01CA")], AMOXI_CLAV, False, False, None, id="combination-atc"),
        pytest.param(
            [allergy("ID_AMOXI", system=FEST_SUBSTANCE)],
            AMOXI_CLAV,
            True,
            True,
            MatchBasis.SUBSTANCE_CODE,
            id="substance-code-in-combination",
        ),
        pytest.param(
            [allergy("ID_AMOXI", system="http://other.example/system")],
            AMOXICILLIN,
            False,
            False,
            None,
            id="same-code-other-system",
        ),
        pytest.param(
            [allergy("x", system="urn:local", display="PARACETAMOL ")],
            PARACETAMOL,
            True,
            True,
            MatchBasis.SUBSTANCE_NAME,
            id="name-by-display",
        ),
        pytest.param(
            [allergy("x", system="urn:local", text="paracetamol")],
            PARACETAMOL,
            True,
            True,
            MatchBasis.SUBSTANCE_NAME,
            id="name-by-text",
        ),
        pytest.param(
            [allergy("j01c")], AMOXICILLIN, True, True, MatchBasis.ATC, id="lower-case-atc"
        ),
        pytest.param(
            [allergy("J01C", system="urn:oid:2.16.578.1.12.4.1.1.7180")],
            AMOXICILLIN,
            True,
            True,
            MatchBasis.ATC,
            id="volven-atc-oid",
        ),
        pytest.param(
            [allergy("J01C", system="http://snomed.info/sct")],
            AMOXICILLIN,
            False,
            False,
            None,
            id="atc-like-code-in-other-system",
        ),
        pytest.param(
            [allergy("J01CA04")],
            Drug(atc="J01C"),
            True,
            True,
            MatchBasis.ATC,
            id="drug-known-only-by-group",
        ),
        pytest.param(
            [allergy("J01C", verification="refuted")], AMOXICILLIN, False, False, None, id="refuted"
        ),
        pytest.param(
            [allergy("J01C", verification="entered-in-error")],
            AMOXICILLIN,
            False,
            False,
            None,
            id="entered-in-error",
        ),
        pytest.param(
            [allergy("J01C", verification="unconfirmed")],
            AMOXICILLIN,
            True,
            True,
            MatchBasis.ATC,
            id="unconfirmed-counts",
        ),
        pytest.param(
            [allergy("J01C", verification=None)],
            AMOXICILLIN,
            True,
            True,
            MatchBasis.ATC,
            id="no-verification-counts",
        ),
        pytest.param(
            [allergy("J01C", criticality="low")],
            AMOXICILLIN,
            True,
            False,
            MatchBasis.ATC,
            id="low-criticality-warns",
        ),
        pytest.param(
            [allergy("J01C", criticality=None)],
            AMOXICILLIN,
            True,
            True,
            MatchBasis.ATC,
            id="unknown-criticality-interrupts",
        ),
        pytest.param(
            [allergy("J01C", criticality="bogus")],
            AMOXICILLIN,
            True,
            True,
            MatchBasis.ATC,
            id="unreadable-criticality-interrupts",
        ),
        pytest.param([], AMOXICILLIN, False, False, None, id="no-allergies"),
        pytest.param(PENICILLIN_PATIENT, Drug(), False, False, None, id="drug-without-codes"),
    ],
)
def test_check_drug(
    allergies: list[dict[str, Any]],
    drug: Drug,
    matched: bool,
    interrupts: bool,
    basis: MatchBasis | None,
) -> None:
    result = check_drug(allergies, drug)
    assert result.matched is matched
    assert result.interrupts is interrupts
    if basis is not None:
        assert result.matches[0].basis is basis
    assert result.message_key in MESSAGES


def test_penicillin_patient_match_details() -> None:
    result = check_drug(PENICILLIN_PATIENT, AMOXICILLIN)
    (match,) = result.matches
    assert match.allergy_id == "a1"
    assert match.criticality is Criticality.HIGH
    assert match.verification == "confirmed"
    assert match.matched_code == "J01C"
    assert match.display == "Penicilliner med utvidet spektrum"
    assert result.message_key == "allergy.match.interrupt"


def test_reaction_substance_is_matched() -> None:
    resource = allergy("91936005", system="http://snomed.info/sct", display="Allergy to penicillin")
    resource["reaction"] = [
        {"substance": {"coding": [{"system": FEST_SUBSTANCE, "code": "ID_AMOXI"}]}}
    ]
    (match,) = check_drug([resource], AMOXICILLIN).matches
    assert match.basis is MatchBasis.SUBSTANCE_CODE
    assert match.display == "Allergy to penicillin"


def test_most_critical_first_and_strongest_basis_per_entry() -> None:
    low = allergy("J01", criticality="low", id_="low")
    high = allergy("ID_AMOXI", system=FEST_SUBSTANCE, id_="high")
    high["code"]["coding"].append({"system": ATC, "code": "J01CA04"})
    result = check_drug([low, high], AMOXICILLIN)
    assert [m.allergy_id for m in result.matches] == ["high", "low"]
    assert result.matches[0].basis is MatchBasis.SUBSTANCE_CODE
    assert result.message_key == "allergy.match.interrupt"


def test_only_low_criticality_gives_a_warning_key() -> None:
    result = check_drug([allergy("J01C", criticality="low")], AMOXICILLIN)
    assert result.message_key == "allergy.match.warn"
    assert check_drug([], AMOXICILLIN) == AllergyCheck(())
    assert check_drug([], AMOXICILLIN).message_key == "allergy.none"


@pytest.mark.parametrize(
    "resource",
    [
        {},
        {"code": None},
        {"code": {"coding": "J01C"}},
        {"code": {"coding": [None, {"code": 5}, {"system": ATC}]}},
        {"code": {"coding": [{"system": ATC, "code": "not an atc"}]}},
        {"reaction": "x", "verificationStatus": []},
        {"reaction": [None, {"substance": 3}]},
    ],
)
def test_malformed_resources_do_not_match_or_raise(resource: dict[str, Any]) -> None:
    assert not check_drug([resource], AMOXICILLIN).matched


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("J", True),
        ("J01", True),
        ("J01C", True),
        ("J01CA", True),
        ("J01CA04", True),
        ("J0", False),
        ("J01CA0", False),
        ("J01CA044", False),
        ("j01c", False),
        ("", False),
    ],
)
def test_is_atc_code(code: str, valid: bool) -> None:
    assert is_atc_code(code) is valid


def test_every_message_has_both_languages() -> None:
    assert all(text["nb"] and text["en"] for text in MESSAGES.values())
