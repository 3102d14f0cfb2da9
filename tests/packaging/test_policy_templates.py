"""The ADMX/ADML templates are well-formed and cover exactly the policy-lockable settings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import config as s

POLICY_DIR = Path(__file__).resolve().parents[2] / "packaging" / "windows" / "policy"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
LANGUAGES = ("en-US", "nb-NO")
LOCKABLE = [d for d in s.SETTINGS if d.lockable]


def admx() -> ET.Element:
    return ET.parse(POLICY_DIR / "pleiepunkt.admx").getroot()


def adml(language: str) -> ET.Element:
    return ET.parse(POLICY_DIR / language / "pleiepunkt.adml").getroot()


def elements(policy: ET.Element) -> list[ET.Element]:
    found = policy.find("p:elements", NS)
    assert found is not None
    return list(found)


def policies() -> dict[str, ET.Element]:
    return {p.get("name", ""): p for p in admx().iterfind("p:policies/p:policy", NS)}


def test_every_lockable_setting_has_one_machine_policy_under_the_policies_key() -> None:
    found = policies()
    assert sorted(found) == sorted(d.registry_name for d in LOCKABLE)
    for declared in LOCKABLE:
        policy = found[declared.registry_name]
        assert policy.get("class") == "Machine"
        assert policy.get("key") == s.POLICY_REGISTRY_KEY
        (element,) = elements(policy)
        assert element.get("valueName") == declared.registry_name


def test_settings_that_are_not_lockable_have_no_policy() -> None:
    names = set(policies())
    for declared in s.SETTINGS:
        if not declared.lockable:
            assert declared.registry_name not in names


def test_decimal_ranges_match_what_the_app_accepts() -> None:
    for element in admx().iterfind(".//p:elements/p:decimal", NS):
        declared = next(d for d in s.SETTINGS if d.registry_name == element.get("valueName"))
        low, high = int(element.get("minValue", "")), int(element.get("maxValue", ""))
        assert declared.parse(low) == low
        assert declared.parse(high) == high
        for outside in (low - 1, high + 1):
            with pytest.raises(s.InvalidValueError):
                declared.parse(outside)


def test_boolean_values_are_read_as_the_app_means_them() -> None:
    found = list(admx().iterfind(".//p:elements/p:boolean", NS))
    assert found
    for element in found:
        declared = next(d for d in s.SETTINGS if d.registry_name == element.get("valueName"))
        for branch, meaning in (("p:trueValue/p:decimal", True), ("p:falseValue/p:decimal", False)):
            value = element.find(branch, NS)
            assert value is not None
            assert declared.parse(int(value.get("value", ""))) is meaning


def test_enum_values_are_accepted_by_the_app() -> None:
    for element in admx().iterfind(".//p:enum", NS):
        declared = next(d for d in s.SETTINGS if d.registry_name == element.get("valueName"))
        values = [v.text for v in element.iterfind(".//p:value/p:string", NS)]
        assert values
        for value in values:
            assert declared.parse(value) == value


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_every_string_and_presentation(language: str) -> None:
    text = (POLICY_DIR / "pleiepunkt.admx").read_text(encoding="utf-8")
    wanted_strings = set(re.findall(r"\$\(string\.([A-Za-z0-9_]+)\)", text))
    wanted_presentations = set(re.findall(r"\$\(presentation\.([A-Za-z0-9_]+)\)", text))
    resources = adml(language)
    strings = {
        e.get("id"): (e.text or "").strip()
        for e in resources.iterfind("p:resources/p:stringTable/p:string", NS)
    }
    presentations = {
        e.get("id"): e
        for e in resources.iterfind("p:resources/p:presentationTable/p:presentation", NS)
    }
    assert wanted_strings <= strings.keys()
    assert all(strings[name] for name in wanted_strings)
    assert wanted_presentations == presentations.keys()
    for name, presentation in presentations.items():
        element_ids = {e.get("id") for e in elements(policies()[name])}
        assert {child.get("refId") for child in presentation} == element_ids


def test_both_languages_define_the_same_strings_and_norwegian_is_translated() -> None:
    def table(language: str) -> dict[str | None, str]:
        return {
            e.get("id"): (e.text or "")
            for e in adml(language).iterfind("p:resources/p:stringTable/p:string", NS)
        }

    english, norwegian = table("en-US"), table("nb-NO")
    assert english.keys() == norwegian.keys()
    same = [k for k in english if english[k] == norwegian[k] and k != "Cat_Pleiepunkt"]
    assert same == []
