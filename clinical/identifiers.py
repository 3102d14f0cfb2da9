"""Norwegian person, organisation and health-personnel identifiers: check, parse, make, show.

Person numbers are 11 digits with two mod-11 check digits (norway.md §3.2). Sources, one per rule:

- Fødselsnummer ``DDMMYY III K1 K2``: birth date, a three-digit individual number that encodes
  the century and (in numbers issued before 2032) the sex, then K1 and K2 (Skatteetaten;
  Direktoratet for e-helse, *Identifikatorer for personer*, the update of HIS 1001:2010).
- D-nummer: day + 40 (Skatteetaten).
- Felles hjelpenummer (FHN): first digit 8 or 9, the other nine digits chosen at random and
  carrying no meaning, check digits as in an ordinary fødselsnummer (Norsk helsenett, "Hva er
  felles hjelpenummer?"). Nationally unique; HL7 Norway no-basis NamingSystem
  ``no-basis-felleshjelpenummer``: ``urn:oid:2.16.578.1.12.4.1.4.3``. It has no birth date and
  no sex.
- H-nummer: month + 40, assigned inside one organisation only (HIS 1001:2010,
  "virksomhetsinterne H-nummer"). no-basis ``NoBasisPatient`` slice ``HNR``: system ``HNR``,
  type ``urn:oid:2.16.578.1.12.4.1.1.8327#HNR`` and a mandatory assigner, because the number is
  not unique outside the organisation that made it.
- Numbers issued from 1 January 2032 (Skatteetaten, "Nye fødselsnummer og d-nummer fra 2032"):
  K1 may leave a weighted-sum remainder of 0, 1, 2 or 3; the numbers carry no sex, and the
  individual number no longer tells the century. A number that is valid *only* under these
  rules (remainder 1-3, e.g. Skatteetaten's 30108299939) therefore reports sex and birth date as
  unknown (``None``). A number valid under the classic rule could still be a new one; the
  register (Patient.gender, Patient.birthDate) is the authority, the number only a fallback.
- Synthetic test persons: month + 80 (Skatteetaten Tenor), month + 65 (NHN SyntPop).

Exceptions: every failure raises :class:`IdentifierError` (a ``ValueError``). Its message says
what is wrong with the number, never the number itself, so it may be logged.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from clinical import codes

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ORG_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)

# Offsets added to the day or month of a person number's birth date (norway.md §3.2).
_D_NUMBER_DAY_OFFSET = 40
_H_NUMBER_MONTH_OFFSET = 40
_SYNTHETIC_MONTH_OFFSET = 80  # Skatteetaten Test-Norge / Tenor
_SYNTPOP_MONTH_OFFSET = 65  # NHN SyntPop reserved test persons
_FHN_FIRST_DIGITS = frozenset("89")  # Norsk helsenett: felles hjelpenummer start with 8 or 9

# From 2032-01-01, K1 may leave a weighted-sum remainder of 0, 1, 2 or 3 (norway.md §3.2).
_K1_REMAINDERS_FROM_2032 = frozenset({0, 1, 2, 3})

_HPR_MIN_DIGITS = 6
_HPR_MAX_DIGITS = 9


class IdentifierError(ValueError):
    """An identifier is malformed, has wrong check digits or an impossible date."""


class PersonIdKind(StrEnum):
    """Which register issued a person number."""

    FODSELSNUMMER = "FNR"
    D_NUMMER = "DNR"
    FELLES_HJELPENUMMER = "FHN"
    H_NUMMER = "HNR"


class CheckRule(StrEnum):
    """Which control-digit rule a number satisfies."""

    CLASSIC = "classic"  # K1 remainder 0: valid before and after 2032
    FROM_2032 = "from-2032"  # K1 remainder 1-3: only numbers issued from 1 January 2032


class Sex(StrEnum):
    """Legal sex as encoded in digit 9 of numbers issued before 2032."""

    FEMALE = "female"
    MALE = "male"


@dataclass(frozen=True, slots=True)
class PersonId:
    """A parsed, valid person number. Its repr is masked so it can never leak into a log.

    ``birth_date`` and ``sex`` are ``None`` when the number does not encode them: a felles
    hjelpenummer, or a number valid only under the 2032 control-digit rules.
    """

    value: str = field(repr=False)
    kind: PersonIdKind
    synthetic: bool
    birth_date: dt.date | None = field(repr=False)
    sex: Sex | None = field(repr=False)
    rule: CheckRule = CheckRule.CLASSIC

    @property
    def individual_number(self) -> int:
        """The three digits after the birth date."""
        return int(self.value[6:9])

    @property
    def system(self) -> str:
        """The FHIR identifier system for this kind of number (no-basis Patient slices)."""
        return _SYSTEMS[self.kind]

    @property
    def nationally_unique(self) -> bool:
        """False for an H-nummer: it is unique only within the organisation that assigned it."""
        return self.kind is not PersonIdKind.H_NUMMER

    def fhir_identifier(self, *, assigner: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The number as a no-basis Patient ``identifier``.

        An H-nummer gets the no-basis ``HNR`` slice: system ``HNR``, type 8327#HNR and the
        ``assigner`` (a Reference to the organisation), which that slice makes mandatory.
        """
        identifier: dict[str, Any] = {"system": self.system, "value": self.value}
        if self.kind is PersonIdKind.H_NUMMER:
            if not assigner:
                raise IdentifierError("a local H-nummer needs the organisation that assigned it")
            identifier["type"] = {
                "coding": [{"system": codes.H_NUMMER_TYPE, "code": codes.LOCAL_H_NUMMER}]
            }
            identifier["assigner"] = dict(assigner)
        return identifier

    def formatted(self) -> str:
        """The number as ``DDMMYY NNNNN`` for display."""
        return format_person_id(self.value)

    def masked(self) -> str:
        """The number as ``DDMMYY *****`` for lists and headers."""
        return mask_person_id(self.value)

    def age_on(self, day: dt.date) -> int | None:
        """Completed years of age on ``day``; None when the number does not give the birth date."""
        return None if self.birth_date is None else age_on(self.birth_date, day)

    def __str__(self) -> str:
        return self.masked()


_SYSTEMS = {
    PersonIdKind.FODSELSNUMMER: codes.FODSELSNUMMER,
    PersonIdKind.D_NUMMER: codes.D_NUMMER,
    PersonIdKind.FELLES_HJELPENUMMER: codes.FELLES_HJELPENUMMER,
    PersonIdKind.H_NUMMER: codes.LOCAL_H_NUMMER,
}


def _weighted_sum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False))


def _mod11_check(weighted: int) -> int | None:
    """The mod-11 check digit for a weighted sum: 11 becomes 0, 10 means no valid digit."""
    check = 11 - weighted % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def person_check_digits(first_nine: str) -> tuple[int, int] | None:
    """The classic (pre-2032) check digits for nine digits, or None when either would be 10."""
    if len(first_nine) != 9 or not first_nine.isdigit() or not first_nine.isascii():
        raise IdentifierError("a person number starts with exactly nine digits")
    k1 = _mod11_check(_weighted_sum(first_nine, _K1_WEIGHTS))
    if k1 is None:
        return None
    k2 = _mod11_check(_weighted_sum(first_nine + str(k1), _K2_WEIGHTS))
    if k2 is None:
        return None
    return k1, k2


def check_rule(value: str) -> CheckRule | None:
    """Which control-digit rule the eleven digits satisfy, or None when neither does.

    K1 is checked as "weighted sum including K1 (weight 1)": the classic rule wants remainder 0,
    numbers issued from 2032 may leave 0-3. K2 stays strict, so any single-digit typo still fails.
    """
    k1_remainder = (_weighted_sum(value[:9], _K1_WEIGHTS) + int(value[9])) % 11
    if k1_remainder not in _K1_REMAINDERS_FROM_2032:
        return None
    if (_weighted_sum(value[:10], _K2_WEIGHTS) + int(value[10])) % 11 != 0:
        return None
    return CheckRule.CLASSIC if k1_remainder == 0 else CheckRule.FROM_2032


def _century_year(two_digit_year: int, individual: int) -> int | None:
    """The full birth year from the year digits and individual number, or None if impossible."""
    if individual <= 499:
        return 1900 + two_digit_year
    if individual <= 749 and two_digit_year >= 54:
        return 1800 + two_digit_year
    if two_digit_year <= 39:
        return 2000 + two_digit_year
    if individual >= 900:
        return 1900 + two_digit_year
    return None


def individual_number_ranges(year: int) -> tuple[range, ...]:
    """The individual numbers that encode a birth in ``year`` (1854-2039)."""
    if 1854 <= year <= 1899:
        return (range(500, 750),)
    if 1900 <= year <= 1939:
        return (range(500),)
    if 1940 <= year <= 1999:
        return (range(500), range(900, 1000))
    if 2000 <= year <= 2039:
        return (range(500, 1000),)
    raise IdentifierError("person numbers encode birth years 1854-2039 only")


def _decode_kind(day: int, month: int) -> tuple[PersonIdKind, bool, int, int]:
    """Split offset day and month into (kind, synthetic, real day, real month)."""
    kind = PersonIdKind.FODSELSNUMMER
    synthetic = False
    if day > _D_NUMBER_DAY_OFFSET:
        kind = PersonIdKind.D_NUMMER
        day -= _D_NUMBER_DAY_OFFSET
    if month > _SYNTHETIC_MONTH_OFFSET:
        synthetic = True
        month -= _SYNTHETIC_MONTH_OFFSET
    elif month > _SYNTPOP_MONTH_OFFSET:
        synthetic = True
        month -= _SYNTPOP_MONTH_OFFSET
    elif month > _H_NUMBER_MONTH_OFFSET:
        if kind is PersonIdKind.D_NUMMER:
            raise IdentifierError("a number cannot be both a D-nummer and an H-nummer")
        kind = PersonIdKind.H_NUMMER
        month -= _H_NUMBER_MONTH_OFFSET
    return kind, synthetic, day, month


def _felles_hjelpenummer(value: str) -> PersonId:
    # Check digits "as in an ordinary fødselsnummer" (Norsk helsenett): the classic rule only.
    if check_rule(value) is not CheckRule.CLASSIC:
        raise IdentifierError("the check digits of the felles hjelpenummer are wrong")
    return PersonId(
        value=value,
        kind=PersonIdKind.FELLES_HJELPENUMMER,
        synthetic=False,
        birth_date=None,
        sex=None,
    )


def _day_exists(day: int, month: int) -> bool:
    """Whether day.month exists in some year (29 February does, in leap years)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def parse_person_id(text: str) -> PersonId:
    """Parse a fødselsnummer, D-nummer, felles hjelpenummer or H-nummer; raise IdentifierError.

    Real and synthetic numbers are accepted. Spaces are ignored, so the display form
    ``DDMMYY NNNNN`` parses too.
    """
    value = text.replace(" ", "")
    if len(value) != 11 or not value.isdigit() or not value.isascii():
        raise IdentifierError("a person number has exactly eleven digits")
    if value[0] in _FHN_FIRST_DIGITS:
        return _felles_hjelpenummer(value)
    rule = check_rule(value)
    if rule is None:
        raise IdentifierError("the check digits of the person number are wrong")
    kind, synthetic, day, month = _decode_kind(int(value[0:2]), int(value[2:4]))
    if rule is CheckRule.FROM_2032:
        # Skatteetaten: from 2032 the number tells neither sex nor century, so neither is read.
        if not _day_exists(day, month):
            raise IdentifierError("the person number holds an impossible birth date")
        return PersonId(value, kind, synthetic, birth_date=None, sex=None, rule=rule)
    individual = int(value[6:9])
    year = _century_year(int(value[4:6]), individual)
    if year is None:
        raise IdentifierError("the individual number does not fit the birth year")
    try:
        birth_date = dt.date(year, month, day)
    except ValueError:
        raise IdentifierError("the person number holds an impossible birth date") from None
    sex = Sex.MALE if int(value[8]) % 2 else Sex.FEMALE
    return PersonId(value, kind, synthetic, birth_date=birth_date, sex=sex, rule=rule)


def is_valid_person_id(text: str) -> bool:
    """True when :func:`parse_person_id` would accept ``text``."""
    try:
        parse_person_id(text)
    except IdentifierError:
        return False
    return True


def make_person_id(
    birth_date: dt.date,
    individual: int,
    *,
    sex: Sex,
    kind: PersonIdKind = PersonIdKind.FODSELSNUMMER,
    synthetic: bool = False,
) -> str | None:
    """Build a valid person number, or None when a check digit would be 10 (try another number).

    ``individual`` must lie in :func:`individual_number_ranges` for the birth year and its last
    digit must be odd for men and even for women. Meant for test data: pass ``synthetic=True``.
    """
    if not any(individual in r for r in individual_number_ranges(birth_date.year)):
        raise IdentifierError("the individual number does not fit the birth year")
    if (individual % 2 == 1) != (sex is Sex.MALE):
        raise IdentifierError("the individual number's last digit does not match the sex")
    day = birth_date.day + (_D_NUMBER_DAY_OFFSET if kind is PersonIdKind.D_NUMMER else 0)
    month = birth_date.month
    if kind is PersonIdKind.H_NUMMER:
        month += _H_NUMBER_MONTH_OFFSET
    if synthetic:
        if kind is PersonIdKind.H_NUMMER:
            raise IdentifierError("synthetic H-numbers do not exist")
        month += _SYNTHETIC_MONTH_OFFSET
    first_nine = f"{day:02d}{month:02d}{birth_date.year % 100:02d}{individual:03d}"
    checks = person_check_digits(first_nine)
    if checks is None:
        return None
    return f"{first_nine}{checks[0]}{checks[1]}"


def make_felles_hjelpenummer(first_nine: str) -> str | None:
    """A felles hjelpenummer from nine digits starting with 8 or 9, or None if K1/K2 would be 10."""
    if len(first_nine) != 9 or not first_nine.isascii() or first_nine[0] not in _FHN_FIRST_DIGITS:
        raise IdentifierError("a felles hjelpenummer starts with 8 or 9 and has nine digits")
    checks = person_check_digits(first_nine)
    return None if checks is None else f"{first_nine}{checks[0]}{checks[1]}"


def format_person_id(text: str) -> str:
    """Show an eleven-digit person number as ``DDMMYY NNNNN``."""
    value = text.replace(" ", "")
    if len(value) != 11 or not value.isdigit():
        raise IdentifierError("a person number has exactly eleven digits")
    return f"{value[:6]} {value[6:]}"


def mask_person_id(text: str) -> str:
    """Show only the first six digits, ``DDMMYY *****``, as lists and headers should."""
    return f"{format_person_id(text)[:6]} *****"


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years from ``birth_date`` to ``day``; a 29 February birthday counts on 1 March."""
    if day < birth_date:
        raise IdentifierError("the day is before the birth date")
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def organisation_check_digit(first_eight: str) -> int | None:
    """The mod-11 check digit for an organisation number's first eight digits, or None if 10."""
    if len(first_eight) != 8 or not first_eight.isdigit() or not first_eight.isascii():
        raise IdentifierError("an organisation number starts with exactly eight digits")
    return _mod11_check(_weighted_sum(first_eight, _ORG_WEIGHTS))


def make_organisation_number(first_eight: str) -> str | None:
    """A valid nine-digit organisation number, or None when the check digit would be 10."""
    check = organisation_check_digit(first_eight)
    return None if check is None else f"{first_eight}{check}"


def is_valid_organisation_number(text: str) -> bool:
    """True for nine digits whose last is the mod-11 check digit (Enhetsregisteret)."""
    value = text.replace(" ", "")
    if len(value) != 9 or not value.isdigit() or not value.isascii():
        return False
    return organisation_check_digit(value[:8]) == int(value[8])


def format_organisation_number(text: str) -> str:
    """Show an organisation number as ``NNN NNN NNN``."""
    value = text.replace(" ", "")
    if not is_valid_organisation_number(value):
        raise IdentifierError("not a valid organisation number")
    return f"{value[:3]} {value[3:6]} {value[6:]}"


def is_valid_hpr_number(text: str) -> bool:
    """True for a plausible HPR number: 6-9 digits without a leading zero.

    The HPR number's check-digit rule is not published in the material we have (norway.md §7.8),
    so only the form is checked; look the number up in HPR to know that it exists.
    """
    value = text.strip()
    return (
        _HPR_MIN_DIGITS <= len(value) <= _HPR_MAX_DIGITS
        and value.isdigit()
        and value.isascii()
        and value[0] != "0"
    )
