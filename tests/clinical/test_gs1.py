"""GS1 pack codes as scanners deliver them, and the stop conditions of the pack check."""

from __future__ import annotations

from datetime import date

import pytest

from clinical import codes
from clinical.gs1 import (
    MESSAGES,
    Gs1Error,
    PackageCheck,
    PackageCode,
    check_package,
    normalize_gtin,
    parse_package_code,
)
from clinical.products import Product, product_of

GS = "\x1d"
GTIN = "07046260456716"  # valid check digit; 070… as on Norwegian packs
OTHER_GTIN = "07046260123458"


@pytest.mark.parametrize(
    ("scanned", "expected"),
    [
        pytest.param(
            f"]d201{GTIN}1727053110AB1234{GS}21XY98765432",
            PackageCode(GTIN, date(2027, 5, 31), "AB1234", "XY98765432"),
            id="datamatrix-with-symbology-identifier",
        ),
        pytest.param(
            f"01{GTIN}1727053110AB1234{GS}21XY98765432",
            PackageCode(GTIN, date(2027, 5, 31), "AB1234", "XY98765432"),
            id="no-symbology-identifier",
        ),
        pytest.param(
            f"{GS}01{GTIN}21XY98765432{GS}10AB1234{GS}17270531{GS}\r\n",
            PackageCode(GTIN, date(2027, 5, 31), "AB1234", "XY98765432"),
            id="serial-first-leading-fnc1-trailing-newline",
        ),
        pytest.param(
            f"01{GTIN}1727053121XY98765432\u241d10AB1234",
            PackageCode(GTIN, date(2027, 5, 31), "AB1234", "XY98765432"),
            id="separator-shown-as-symbol",
        ),
        pytest.param(
            f"01{GTIN}1727053110AB1234",
            PackageCode(GTIN, date(2027, 5, 31), "AB1234", None),
            id="no-separator-needed-when-batch-is-last",
        ),
        pytest.param(
            f"01{GTIN}1727050010AB1234{GS}21S1",
            PackageCode(GTIN, date(2027, 5, 31), "AB1234", "S1"),
            id="day-00-is-end-of-month",
        ),
        pytest.param(
            f"01{GTIN}1728020010B",
            PackageCode(GTIN, date(2028, 2, 29), "B", None),
            id="day-00-in-leap-february",
        ),
        pytest.param(
            f"01{GTIN}1727020010B",
            PackageCode(GTIN, date(2027, 2, 28), "B", None),
            id="day-00-in-ordinary-february",
        ),
        pytest.param(
            f"(01){GTIN}(17)270500(10)AB1234(21)XY98765432",
            PackageCode(GTIN, date(2027, 5, 31), "AB1234", "XY98765432"),
            id="human-readable-form",
        ),
        pytest.param(
            f"(01) {GTIN} (17) 270531 (10) AB1234",
            PackageCode(GTIN, date(2027, 5, 31), "AB1234", None),
            id="human-readable-form-with-spaces",
        ),
        pytest.param("7046260456716", PackageCode(GTIN), id="ean-13-linear-barcode"),
        pytest.param(GTIN, PackageCode(GTIN), id="gtin-14"),
        pytest.param("]E07046260456716", PackageCode(GTIN), id="ean-13-with-symbology"),
    ],
)
def test_parse(scanned: str, expected: PackageCode) -> None:
    assert parse_package_code(scanned) == expected


@pytest.mark.parametrize(
    ("scanned", "key"),
    [
        ("", "gs1.empty"),
        ("  \r\n", "gs1.empty"),
        ("hello", "gs1.not_gs1"),
        ("15076500565", "gs1.not_gs1"),  # a (synthetic) fødselsnummer scanned by mistake
        (f"0107046260456717172705311{GS}0AB", "gs1.not_gs1"),  # wrong GTIN check digit
        (f"01{GTIN}17271332", "gs1.not_gs1"),  # month 13
        ("10AB1234", "gs1.no_gtin"),
        ("(10)AB1234", "gs1.no_gtin"),
        ("(01)123", "gs1.not_gs1"),
        ("(hello", "gs1.not_gs1"),
    ],
)
def test_parse_errors(scanned: str, key: str) -> None:
    with pytest.raises(Gs1Error) as caught:
        parse_package_code(scanned)
    assert caught.value.key == key
    assert key in MESSAGES


@pytest.mark.parametrize("scanned", ["15076500565", "(01)15076500565"])
def test_errors_never_carry_the_scanned_value(scanned: str) -> None:
    with pytest.raises(Gs1Error) as caught:
        parse_package_code(scanned)
    assert str(caught.value) == "gs1.not_gs1"
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None or caught.value.__suppress_context__


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [("7046260456716", GTIN), (GTIN, GTIN), ("96385074", "00000096385074")],
)
def test_normalize_gtin(raw: str, normalized: str) -> None:
    assert normalize_gtin(raw) == normalized


@pytest.mark.parametrize("raw", ["", "abc", "123", "123456789012345"])
def test_normalize_gtin_rejects(raw: str) -> None:
    with pytest.raises(Gs1Error):
        normalize_gtin(raw)


TODAY = date(2027, 5, 31)


def _ordered(*gtins: str) -> Product:
    """An ordered product known only by the GTINs on its Medication."""
    return product_of(
        {
            "resourceType": "Medication",
            "code": {"coding": [{"system": codes.GTIN, "code": g} for g in gtins]},
        }
    )


@pytest.mark.parametrize(
    ("package", "ordered", "outcome", "key"),
    [
        pytest.param(
            PackageCode(GTIN, TODAY),
            _ordered(GTIN),
            PackageCheck.MATCH,
            "gs1.check.match",
            id="expected-gtin-expires-today",
        ),
        pytest.param(
            PackageCode(GTIN, date(2027, 5, 30)),
            _ordered(GTIN),
            PackageCheck.EXPIRED,
            "gs1.check.expired",
            id="expired-yesterday",
        ),
        pytest.param(
            PackageCode(GTIN, TODAY),
            _ordered("7046260456716"),
            PackageCheck.MATCH,
            "gs1.check.match",
            id="expected-as-ean-13",
        ),
        pytest.param(
            PackageCode(OTHER_GTIN, TODAY),
            _ordered(GTIN),
            PackageCheck.UNKNOWN_PACKAGE,
            "gs1.check.unknown-package",
            id="not-in-the-catalogue",
        ),
        pytest.param(
            PackageCode(GTIN),
            _ordered(GTIN),
            PackageCheck.MATCH,
            "gs1.check.match-expiry-unknown",
            id="linear-barcode-has-no-expiry",
        ),
    ],
)
def test_check_package_without_a_catalogue_hit(
    package: PackageCode, ordered: Product, outcome: PackageCheck, key: str
) -> None:
    verdict = check_package(package, on=TODAY, ordered=ordered, found=None)
    assert verdict.outcome is outcome
    assert verdict.message_key == key
    assert verdict.stops is (outcome is not PackageCheck.MATCH)
    assert key in MESSAGES


def test_scan_to_check_end_to_end() -> None:
    package = parse_package_code(f"]d201{GTIN}1727050010AB1234{GS}21XY1")
    ordered = _ordered(GTIN)
    assert check_package(package, on=date(2027, 5, 31), ordered=ordered, found=None).outcome is (
        PackageCheck.MATCH
    )
    assert check_package(package, on=date(2027, 6, 1), ordered=ordered, found=None).outcome is (
        PackageCheck.EXPIRED
    )


def test_every_message_has_both_languages() -> None:
    assert all(text["nb"] and text["en"] for text in MESSAGES.values())
