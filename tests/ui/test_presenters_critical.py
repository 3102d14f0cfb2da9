"""Critical information: treatment limitations say what is refused, categories by code or text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.compiled_translation import installed
from tests.ui.ward import TODAY
from ui.presenters import wording
from ui.presenters.critical import (
    CRITICAL_INFO_CATEGORY_SYSTEM,
    ConditionCategory,
    condition_category,
    critical_information,
)

ROOT = Path(__file__).resolve().parents[2]
CPR = {
    "coding": [{"system": "http://snomed.info/sct", "code": "89666000"}],
    "text": "Hjerte-lunge-redning (HLR)",
}
ADMISSION = {
    "coding": [{"system": "http://snomed.info/sct", "code": "32485007"}],
    "text": "Sykehusinnleggelse",
}
DNR = [{"coding": [{"code": "dnr"}], "text": "HLR-minus og behandlingsavklaringer"}]
HLR_MINUS = "HLR-minus: no cardiopulmonary resuscitation"


def _consent(provision: dict[str, Any] | None, **extra: Any) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "id": "c",
        "status": "active",
        "scope": {"coding": [{"code": "treatment"}]},
        "category": [{"text": "Behandlingsavklaring"}],
        **extra,
    }
    if provision is not None:
        resource["provision"] = provision
    return resource


def _titles(resource: dict[str, Any]) -> list[str]:
    info = critical_information([resource], today=TODAY)
    return [item.title for item in info.treatment_limitations]


@pytest.mark.parametrize(
    ("provision", "extra", "titles"),
    [
        pytest.param({"type": "deny", "code": [CPR]}, {}, [HLR_MINUS], id="deny-cpr"),
        pytest.param(
            {"type": "deny", "code": [CPR, ADMISSION]},
            {},
            [HLR_MINUS, "Not: Sykehusinnleggelse"],
            id="deny-cpr-and-admission",
        ),
        pytest.param(
            {"type": "deny", "code": [{"text": "HLR"}]}, {}, [HLR_MINUS], id="deny-cpr-by-text"
        ),
        pytest.param(
            {"type": "deny", "code": [{"text": "Ikke sykehusinnleggelse"}]},
            {},
            ["Ikke sykehusinnleggelse"],
            id="deny-text-that-already-says-no",
        ),
        pytest.param({"type": "permit", "code": [CPR]}, {}, [], id="permit-cpr-is-no-limit"),
        pytest.param(
            {"type": "permit", "code": [CPR]}, {"category": DNR}, [], id="permit-beats-category"
        ),
        pytest.param(
            {"code": [CPR]},
            {},
            ["Unclear whether allowed or refused: Hjerte-lunge-redning (HLR) (check the decision)"],
            id="missing-type-is-unclear",
        ),
        pytest.param(
            {"type": "", "code": [ADMISSION]},
            {},
            ["Unclear whether allowed or refused: Sykehusinnleggelse (check the decision)"],
            id="blank-type-is-unclear",
        ),
        pytest.param({"code": [CPR]}, {"category": DNR}, [HLR_MINUS], id="missing-type-dnr"),
        pytest.param(
            {"code": [{"text": "HLR-minus: ikke hjerte-lunge-redning"}]},
            {},
            [HLR_MINUS],
            id="missing-type-text-says-hlr-minus",
        ),
        pytest.param(
            {
                "type": "deny",
                "code": [{"text": "Sondeernæring"}],
                "provision": [{"type": "permit", "code": [{"text": "Væskebehandling"}]}],
            },
            {},
            ["Not: Sondeernæring"],
            id="nested-permit-is-an-exception",
        ),
        pytest.param(
            {"type": "permit", "provision": [{"type": "deny", "code": [CPR]}]},
            {},
            [HLR_MINUS],
            id="nested-deny",
        ),
        pytest.param(None, {"category": DNR}, [HLR_MINUS], id="no-provision-dnr-category"),
        pytest.param(
            {"type": "permit"}, {"category": DNR}, [], id="uncoded-permit-is-no-limitation"
        ),
        pytest.param(None, {}, ["Behandlingsavklaring"], id="no-provision-category-text"),
        pytest.param({"type": "deny", "code": [CPR]}, {"status": "inactive"}, [], id="inactive"),
        pytest.param(
            {"type": "deny", "code": [CPR]},
            {"scope": {"coding": [{"code": "patient-privacy"}]}, "category": []},
            [],
            id="privacy-consent-is-no-limitation",
        ),
    ],
)
def test_treatment_limitation_titles(
    provision: dict[str, Any] | None, extra: dict[str, Any], titles: list[str]
) -> None:
    assert _titles(_consent(provision, **extra)) == titles


def test_a_limitation_never_reads_as_the_bare_treatment() -> None:
    """The bug: "TREATMENT LIMITATION: Hjerte-lunge-redning (HLR)" reads like its opposite."""
    for provision in ({"type": "deny", "code": [CPR]}, {"code": [CPR]}):
        assert "Hjerte-lunge-redning (HLR)" not in _titles(_consent(provision))


def test_limitation_details_dates_and_decider() -> None:
    consent = _consent(
        {"type": "deny", "period": {"start": "2025-01-02", "end": "2025-12-31"}, "code": [CPR]},
        dateTime="2025-01-02T10:00:00+01:00",
        performer=[{"display": "Lege Kari Holm"}],
        policyRule={"text": "Avklart med pasient og pårørende"},
    )
    (item,) = critical_information([consent], today=TODAY).treatment_limitations
    assert (item.since, item.until) == (date(2025, 1, 2), date(2025, 12, 31))
    assert item.by == "Lege Kari Holm"
    assert item.detail == "Avklart med pasient og pårørende"


@pytest.fixture
def bokmal(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The compiled Bokmål catalogue installed for the test, removed after."""
    with installed(qapp, "pleiepunkt_nb", tmp_path):
        yield


@pytest.mark.usefixtures("bokmal")
def test_limitations_are_unmistakable_in_bokmal() -> None:
    deny = _consent({"type": "deny", "code": [CPR, ADMISSION]})
    assert _titles(deny) == ["HLR-minus: ikke hjerte-lunge-redning", "Ikke: Sykehusinnleggelse"]
    assert _titles(_consent({"code": [ADMISSION]})) == [
        "Uklart om tillatt eller ikke: Sykehusinnleggelse (sjekk beslutningen)"
    ]
    assert wording.hlr_minus() == "HLR-minus: ikke hjerte-lunge-redning"


def _condition(category: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "id": "x",
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "code": {"text": "Tilstand"},
        "category": category,
        **extra,
    }


def _ours(code: str) -> dict[str, Any]:
    return {"coding": [{"system": CRITICAL_INFO_CATEGORY_SYSTEM, "code": code}]}


PROBLEM = {"coding": [{"code": "problem-list-item"}], "text": "Problem List Item"}


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ([PROBLEM, _ours("critical-condition")], ConditionCategory.CRITICAL),
        ([_ours("treatment-implant")], ConditionCategory.TREATMENT_IMPLANT),
        ([_ours("anaesthesia-complication")], ConditionCategory.ANAESTHESIA),
        ([{"coding": [{"system": "http://nhn.no/kj", "code": "5"}]}], ConditionCategory.CRITICAL),
        ([{"coding": [{"code": "implant"}]}], ConditionCategory.TREATMENT_IMPLANT),
        ([{"text": "Kritiske medisinske tilstander"}], ConditionCategory.CRITICAL),
        ([{"text": "Pågående behandlinger og implantater"}], ConditionCategory.TREATMENT_IMPLANT),
        ([{"text": "Komplikasjoner ved anestesi"}], ConditionCategory.ANAESTHESIA),
        ([{"text": "Anaesthesia complication"}], ConditionCategory.ANAESTHESIA),
        ([{"text": "Critical medical condition"}], ConditionCategory.CRITICAL),
        (
            [_ours("unknown"), {"text": "Komplikasjoner ved anestesi"}],
            ConditionCategory.ANAESTHESIA,
        ),
        ([PROBLEM], None),
        ([], None),
    ],
)
def test_condition_category_by_code_else_text(
    category: list[dict[str, Any]], expected: ConditionCategory | None
) -> None:
    assert condition_category(_condition(category)) is expected


def test_anaesthesia_complications_are_critical_information() -> None:
    info = critical_information(
        [_condition([{"text": "Komplikasjoner ved anestesi"}], code={"text": "Malign hypertermi"})],
        today=TODAY,
    )
    assert [c.title for c in info.anaesthesia_complications] == ["Malign hypertermi"]
    assert info.has_any
    assert info.count == 1
    assert not info.critical_conditions


def test_resolved_critical_conditions_are_left_out() -> None:
    resolved = _condition(
        [_ours("critical-condition")], clinicalStatus={"coding": [{"code": "resolved"}]}
    )
    assert not critical_information([resolved], today=TODAY).has_any
