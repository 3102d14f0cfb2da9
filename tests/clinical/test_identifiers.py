"""Norwegian identifiers: person numbers, organisation numbers, HPR numbers, display and age.

Sources of the rules and of the published examples used below:

- SKE: Skatteetaten, "Nye fødselsnummer og d-nummer fra 2032"
  (https://www.skatteetaten.no/deling/opplysninger/folkeregisteropplysninger/pid/): K1 may leave
  remainder 0-3, new numbers carry no sex, and the example 30108299939.
- NHN: Norsk helsenett, "Hva er felles hjelpenummer?" (https://nhn.no/hva-er-felles-hjelpenummer/):
  11 digits, first digit 8 or 9, check digits as in a fødselsnummer, the rest not meaningful.
- HIS: Direktoratet for e-helse, "Identifikatorer for personer" (update of HIS 1001:2010):
  D-nummer day + 40, organisation-internal H-nummer month + 40.
- NO-BASIS: HL7 Norway basisprofiler-r4-fsh, ``NoBasisPatient.fsh`` (FNR example 13057444850,
  FHN and HNR slices), ``no-basis-felleshjelpenummer.fsh`` (OID …4.1.4.3), the examples
  ``pasient-1.fsh`` (13031353453) and ``JanniceSoreng.fsh`` (21030550231).
- norway.md §3.2: 15076500565 (no-basis RelatedPerson), 22750884907 (OKT), 13717404089 (PMD).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from clinical import codes
from clinical.identifiers import (
    CheckRule,
    IdentifierError,
    PersonIdKind,
    Sex,
    age_on,
    format_organisation_number,
    format_person_id,
    individual_number_ranges,
    is_valid_hpr_number,
    is_valid_organisation_number,
    is_valid_person_id,
    make_felles_hjelpenummer,
    make_organisation_number,
    make_person_id,
    mask_person_id,
    parse_person_id,
    person_check_digits,
)

FNR, DNR, FHN, HNR = (
    PersonIdKind.FODSELSNUMMER,
    PersonIdKind.D_NUMMER,
    PersonIdKind.FELLES_HJELPENUMMER,
    PersonIdKind.H_NUMMER,
)
CLASSIC, NEW = CheckRule.CLASSIC, CheckRule.FROM_2032

# (number, kind, synthetic, birth date, sex, rule, source).
VALID_PERSON_IDS = [
    ("30108299939", FNR, False, None, None, NEW, "SKE: valid only under the 2032 rule"),
    ("13031353453", FNR, False, dt.date(2013, 3, 13), Sex.FEMALE, CLASSIC, "NO-BASIS pasient-1"),
    ("21030550231", FNR, False, dt.date(2005, 3, 21), Sex.FEMALE, CLASSIC, "NO-BASIS Jannice"),
    ("15076500565", FNR, False, dt.date(1965, 7, 15), Sex.MALE, CLASSIC, "norway.md: no-basis"),
    ("22750884907", FNR, True, dt.date(2008, 10, 22), Sex.MALE, CLASSIC, "norway.md: OKT"),
    ("13717404089", FNR, True, dt.date(1974, 6, 13), Sex.FEMALE, CLASSIC, "norway.md: PMD"),
    ("15833812340", FNR, True, dt.date(1938, 3, 15), Sex.MALE, CLASSIC, "made: Tenor month+80"),
    ("55833812334", DNR, True, dt.date(1938, 3, 15), Sex.MALE, CLASSIC, "made: HIS day+40"),
    ("01444812369", HNR, False, dt.date(1948, 4, 1), Sex.MALE, CLASSIC, "made: HIS month+40"),
    ("81234567802", FHN, False, None, None, CLASSIC, "made: NHN first digit 8"),
    ("91234567883", FHN, False, None, None, CLASSIC, "made: NHN first digit 9"),
]


def _fix(first_nine: str) -> str:
    """Complete nine digits with check digits, stepping the sex digit by two if K1 would be 10."""
    for step in range(0, 10, 2):
        nine = first_nine[:8] + str((int(first_nine[8]) + step) % 10)
        checks = person_check_digits(nine)
        if checks is not None:
            return f"{nine}{checks[0]}{checks[1]}"
    raise AssertionError("no valid completion")


@pytest.mark.parametrize(
    ("number", "kind", "synthetic", "born", "sex", "rule", "source"), VALID_PERSON_IDS
)
def test_valid_person_ids_parse(
    number: str,
    kind: PersonIdKind,
    synthetic: bool,
    born: dt.date | None,
    sex: Sex | None,
    rule: CheckRule,
    source: str,
) -> None:
    parsed = parse_person_id(number)
    assert (parsed.kind, parsed.synthetic, parsed.birth_date, parsed.sex, parsed.rule) == (
        kind,
        synthetic,
        born,
        sex,
        rule,
    ), source


def test_skatteetaten_2032_example_has_no_sex_and_no_age() -> None:
    """SKE: 30108299939 is valid only with the new K1 rule; sex and century are not in it."""
    parsed = parse_person_id("30108299939")
    assert person_check_digits("301082999") != (3, 9)  # not valid under the classic rule
    assert parsed.sex is None
    assert parsed.birth_date is None
    assert parsed.age_on(dt.date(2040, 1, 1)) is None


def test_published_values_are_valid_as_given() -> None:
    for number in ("15076500565", "22750884907", "13717404089", "30108299939"):
        assert is_valid_person_id(number)


def test_no_basis_patient_example_has_wrong_check_digits() -> None:
    """NO-BASIS ``NoBasisPatient.fsh`` shows 13057444850 as an FNR example; it is not valid."""
    assert not is_valid_person_id("13057444850")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "eleven digits"),
        ("1507650056", "eleven digits"),
        ("150765005655", "eleven digits"),
        ("1507650056a", "eleven digits"),
        ("15076500566", "check digits"),
        ("15076500575", "check digits"),
        ("１５０７６５００５６５", "eleven digits"),  # full-width digits are not ASCII digits
        (_fix("310465123"), "impossible birth date"),  # 31 April
        (_fix("290201123"), "impossible birth date"),  # 29 February 2001 is not a date
        (_fix("150765751"), "does not fit the birth year"),  # 750-899 with year >= 40
        (_fix("155465123"), "impossible birth date"),  # month 54: no offset explains it
        (_fix("554465123"), "both a D-nummer and an H-nummer"),
    ],
)
def test_invalid_person_ids_are_rejected_without_echoing_the_number(text: str, reason: str) -> None:
    with pytest.raises(IdentifierError, match=reason) as caught:
        parse_person_id(text)
    assert text == "" or text not in str(caught.value)
    assert not is_valid_person_id(text)


@pytest.mark.parametrize(
    ("first_nine", "year"),
    [
        ("010199499", 1999),
        ("010154500", 1854),
        ("010139500", 2039),
        ("010140900", 1940),
        ("010100999", 2000),
        ("010138100", 1938),
    ],
)
def test_century_follows_the_individual_number(first_nine: str, year: int) -> None:
    assert parse_person_id(_fix(first_nine)).birth_date.year == year


def test_k1_remainders_allowed_from_2032_are_accepted() -> None:
    base = "150765005"
    accepted = []
    for k1 in range(10):
        for k2 in range(10):
            if is_valid_person_id(f"{base}{k1}{k2}"):
                accepted.append(k1)
    # Classic K1 plus up to three more K1 values, each with exactly one valid K2.
    assert 1 < len(accepted) <= 4
    assert len(set(accepted)) == len(accepted)


def test_spaces_and_display_form_parse() -> None:
    assert parse_person_id("150765 00565").value == "15076500565"
    assert format_person_id("15076500565") == "150765 00565"
    assert mask_person_id("15076500565") == "150765 *****"


def test_parsed_value_never_shows_the_number_in_repr_or_str() -> None:
    parsed = parse_person_id("15076500565")
    assert "00565" not in repr(parsed)
    assert "1965" not in repr(parsed)
    assert str(parsed) == "150765 *****"
    assert parsed.formatted() == "150765 00565"


@pytest.mark.parametrize(
    ("number", "system", "national"),
    [
        ("15076500565", codes.FODSELSNUMMER, True),
        (_fix("558338123"), codes.D_NUMMER, True),
        ("81234567802", codes.FELLES_HJELPENUMMER, True),
        (_fix("014448123"), codes.LOCAL_H_NUMMER, False),
    ],
)
def test_system_follows_kind(number: str, system: str, national: bool) -> None:
    """NO-BASIS: FHN is ``urn:oid:2.16.578.1.12.4.1.4.3``; a local H-nummer is system ``HNR``."""
    parsed = parse_person_id(number)
    assert parsed.system == system
    assert parsed.nationally_unique is national


def test_local_h_number_identifier_is_labelled_local_with_its_assigner() -> None:
    """NO-BASIS ``NoBasisPatient`` slice HNR: system HNR, type 8327#HNR, assigner mandatory."""
    parsed = parse_person_id("01444812369")
    with pytest.raises(IdentifierError, match="organisation"):
        parsed.fhir_identifier()
    assigner = {"reference": "Organization/sykehjem", "display": "Fjordvik sykehjem"}
    assert parsed.fhir_identifier(assigner=assigner) == {
        "system": "HNR",
        "value": "01444812369",
        "type": {"coding": [{"system": "urn:oid:2.16.578.1.12.4.1.1.8327", "code": "HNR"}]},
        "assigner": assigner,
    }
    assert parse_person_id("81234567802").fhir_identifier() == {
        "system": "urn:oid:2.16.578.1.12.4.1.4.3",
        "value": "81234567802",
    }


def test_every_felles_hjelpenummer_is_accepted() -> None:
    """NHN: any nine digits after 8 or 9 with valid check digits; none carries a birth date."""
    made = 0
    for first, rest in itertools.product("89", range(0, 100_000_000, 49_999)):
        number = make_felles_hjelpenummer(f"{first}{rest:08d}")
        if number is None:
            continue
        made += 1
        parsed = parse_person_id(number)
        assert parsed.kind is FHN
        assert (parsed.birth_date, parsed.sex) == (None, None)
    assert made > 3_000


def test_felles_hjelpenummer_keeps_the_classic_check_digits() -> None:
    number = make_felles_hjelpenummer("812345678")
    assert number is not None
    assert not is_valid_person_id(number[:10] + str((int(number[10]) + 1) % 10))
    with pytest.raises(IdentifierError, match="8 or 9"):
        make_felles_hjelpenummer("712345678")


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (dt.date(1940, 5, 10), dt.date(2025, 5, 9), 84),
        (dt.date(1940, 5, 10), dt.date(2025, 5, 10), 85),
        (dt.date(1940, 2, 29), dt.date(2025, 2, 28), 84),
        (dt.date(1940, 2, 29), dt.date(2025, 3, 1), 85),
        (dt.date(1940, 2, 29), dt.date(2024, 2, 29), 84),
        (dt.date(2025, 1, 1), dt.date(2025, 1, 1), 0),
    ],
)
def test_age_counts_completed_years(born: dt.date, day: dt.date, age: int) -> None:
    assert age_on(born, day) == age


def test_age_before_birth_is_an_error() -> None:
    with pytest.raises(IdentifierError):
        age_on(dt.date(2000, 1, 2), dt.date(2000, 1, 1))


def test_parsed_age_uses_birth_date() -> None:
    assert parse_person_id("15076500565").age_on(dt.date(2025, 7, 14)) == 59


@pytest.mark.parametrize(
    ("kwargs", "expected_start"),
    [
        ({"synthetic": True}, "1583"),
        ({"kind": PersonIdKind.D_NUMMER}, "5503"),
        ({"kind": PersonIdKind.D_NUMMER, "synthetic": True}, "5583"),
        ({"kind": PersonIdKind.H_NUMMER}, "1543"),
        ({}, "1503"),
    ],
)
def test_make_person_id_applies_offsets(kwargs: dict[str, Any], expected_start: str) -> None:
    for individual in range(101, 499, 2):
        made = make_person_id(dt.date(1938, 3, 15), individual, sex=Sex.MALE, **kwargs)
        if made is not None:
            assert made.startswith(expected_start)
            assert parse_person_id(made).birth_date == dt.date(1938, 3, 15)
            return
    pytest.fail("no individual number gave valid check digits")


@pytest.mark.parametrize(
    ("individual", "sex", "message"),
    [
        (600, Sex.FEMALE, "does not fit the birth year"),
        (123, Sex.FEMALE, "does not match the sex"),
        (124, Sex.MALE, "does not match the sex"),
    ],
)
def test_make_person_id_rejects_inconsistent_input(individual: int, sex: Sex, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        make_person_id(dt.date(1938, 3, 15), individual, sex=sex)


def test_make_person_id_returns_none_when_a_check_digit_is_ten() -> None:
    results = [
        make_person_id(dt.date(1938, 3, 15), i, sex=Sex.MALE, synthetic=True)
        for i in range(1, 500, 2)
    ]
    assert None in results
    assert all(r is None or is_valid_person_id(r) for r in results)


def test_no_synthetic_h_numbers() -> None:
    with pytest.raises(IdentifierError):
        make_person_id(
            dt.date(1938, 3, 15), 123, sex=Sex.MALE, kind=PersonIdKind.H_NUMMER, synthetic=True
        )


@pytest.mark.parametrize(
    ("year", "ranges"),
    [
        (1854, (range(500, 750),)),
        (1920, (range(500),)),
        (1960, (range(500), range(900, 1000))),
        (2010, (range(500, 1000),)),
    ],
)
def test_individual_number_ranges(year: int, ranges: tuple[range, ...]) -> None:
    assert individual_number_ranges(year) == ranges


def test_individual_number_ranges_outside_the_scheme() -> None:
    with pytest.raises(IdentifierError):
        individual_number_ranges(1853)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("313231593", True),  # NHN synthetic JFT test organisation
        ("974760673", True),  # Brønnøysundregistrene itself
        ("313 231 593", True),
        ("313231594", False),
        ("31323159", False),
        ("3132315930", False),
        ("31323159a", False),
    ],
)
def test_organisation_numbers(number: str, valid: bool) -> None:
    assert is_valid_organisation_number(number) is valid


def test_make_organisation_number() -> None:
    assert make_organisation_number("31323159") == "313231593"
    made = [make_organisation_number(f"3100{i:04d}") for i in range(200)]
    assert None in made
    assert all(m is None or is_valid_organisation_number(m) for m in made)
    assert format_organisation_number("313231593") == "313 231 593"
    with pytest.raises(IdentifierError):
        format_organisation_number("313231594")


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("565501872", True),
        ("9144889", True),
        ("123456", True),
        ("12345", False),
        ("1234567890", False),
        ("0123456", False),
        ("12345a7", False),
        ("", False),
    ],
)
def test_hpr_numbers_are_checked_for_form_only(number: str, valid: bool) -> None:
    assert is_valid_hpr_number(number) is valid


_birth_dates = st.dates(min_value=dt.date(1854, 1, 1), max_value=dt.date(2039, 12, 31))


@st.composite
def _made_numbers(draw: st.DrawFn) -> str:
    born = draw(_birth_dates)
    ranges = individual_number_ranges(born.year)
    individual = draw(st.sampled_from([i for r in ranges for i in r]))
    sex = Sex.MALE if individual % 2 else Sex.FEMALE
    kind = draw(st.sampled_from([PersonIdKind.FODSELSNUMMER, PersonIdKind.D_NUMMER]))
    synthetic = draw(st.booleans())
    made = make_person_id(born, individual, sex=sex, kind=kind, synthetic=synthetic)
    assume(made is not None)
    assert made is not None
    parsed = parse_person_id(made)
    assert (parsed.birth_date, parsed.sex, parsed.kind, parsed.synthetic) == (
        born,
        sex,
        kind,
        synthetic,
    )
    return made


@given(_made_numbers())
def test_every_made_number_validates(number: str) -> None:
    assert is_valid_person_id(number)


@given(_made_numbers(), st.integers(0, 10), st.integers(1, 9))
def test_any_single_digit_change_fails(number: str, position: int, delta: int) -> None:
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert not is_valid_person_id(changed)


@given(st.text(alphabet="0123456789", min_size=8, max_size=8), st.integers(0, 8), st.integers(1, 9))
def test_organisation_single_digit_change_fails(
    first_eight: str, position: int, delta: int
) -> None:
    made = make_organisation_number(first_eight)
    assume(made is not None)
    assert made is not None
    assert is_valid_organisation_number(made)
    changed = made[:position] + str((int(made[position]) + delta) % 10) + made[position + 1 :]
    assert not is_valid_organisation_number(changed)
