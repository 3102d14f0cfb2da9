"""Norwegian identifiers: person numbers, organisation numbers, HPR numbers, display and age."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from clinical import codes
from clinical.identifiers import (
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
    make_organisation_number,
    make_person_id,
    mask_person_id,
    parse_person_id,
    person_check_digits,
)

# (number, kind, synthetic, birth date, sex): values published in norway.md §3.2 plus numbers
# built here by hand from the algorithm.
VALID_PERSON_IDS = [
    ("15076500565", PersonIdKind.FODSELSNUMMER, False, dt.date(1965, 7, 15), Sex.MALE),
    ("22750884907", PersonIdKind.FODSELSNUMMER, True, dt.date(2008, 10, 22), Sex.MALE),
    ("13717404089", PersonIdKind.FODSELSNUMMER, True, dt.date(1974, 6, 13), Sex.FEMALE),
    ("15833812340", PersonIdKind.FODSELSNUMMER, True, dt.date(1938, 3, 15), Sex.MALE),
    ("55833812334", PersonIdKind.D_NUMMER, True, dt.date(1938, 3, 15), Sex.MALE),
    ("01444812369", PersonIdKind.H_NUMMER, False, dt.date(1948, 4, 1), Sex.MALE),
]


def _fix(first_nine: str) -> str:
    """Complete nine digits with check digits, stepping the sex digit by two if K1 would be 10."""
    for step in range(0, 10, 2):
        nine = first_nine[:8] + str((int(first_nine[8]) + step) % 10)
        checks = person_check_digits(nine)
        if checks is not None:
            return f"{nine}{checks[0]}{checks[1]}"
    raise AssertionError("no valid completion")


@pytest.mark.parametrize(("number", "kind", "synthetic", "born", "sex"), VALID_PERSON_IDS)
def test_valid_person_ids_parse(
    number: str, kind: PersonIdKind, synthetic: bool, born: dt.date, sex: Sex
) -> None:
    parsed = parse_person_id(number)
    assert (parsed.kind, parsed.synthetic, parsed.birth_date, parsed.sex) == (
        kind,
        synthetic,
        born,
        sex,
    )


def test_published_values_are_valid_as_given() -> None:
    for number in ("15076500565", "22750884907", "13717404089"):
        assert is_valid_person_id(number)


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
    ("number", "system"),
    [
        ("15076500565", codes.FODSELSNUMMER),
        (_fix("558338123"), codes.D_NUMMER),
        (_fix("014448123"), codes.FELLES_HJELPENUMMER),
    ],
)
def test_system_follows_kind(number: str, system: str) -> None:
    assert parse_person_id(number).system == system


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
