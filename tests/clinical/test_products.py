"""The pack in hand against the ordered product, as FEST models products.

Rules (``clinical/products.py`` cites them): a package (legemiddelpakning) belongs to one brand
product (legemiddelmerkevare); products in one byttegruppe share substance, strength and form and
may be swapped; an order by substance (legemiddelvirkestoff) accepts any of its packages. ATC
never accepts a pack: paracetamol 500 mg and 1 g are both N02BE01.
"""

from __future__ import annotations

import zlib
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from clinical import codes
from clinical.gs1 import MESSAGES, PackageCheck, PackageCode, check_pack, check_package
from clinical.products import (
    PackMatch,
    Product,
    Strength,
    compare_products,
    difference_lines,
    product_of,
)
from tests.synthetic.fest import FestPackage, FestProduct, medication_resource

TODAY = date(2025, 3, 12)


def product(
    key: str,
    name: str,
    *,
    substance: str = "paracetamol",
    strength: float = 500,
    unit: str = "mg",
    form: str = "Tablett",
    group: str | None = "paracetamol tablett 500 mg",
    atc: str = "N02BE01",
    per: str = "tablett",
) -> FestProduct:
    return FestProduct(key, name, substance, atc, strength, unit, per, form, group)


PARACET = product("paracet", "Paracet tab 500 mg")
PINEX = product("pinex", "Pinex tab 500 mg")
PARACET_1G = product(
    "paracet1g", "Paracetamol Orifarm tab 1 g", strength=1, unit="g", group="pct 1 g"
)
PARACET_1000MG = product("pct1000", "Paracetamol X tab 1000 mg", strength=1000, group="pct 1 g")
PARACET_SUPP = product("supp", "Paracet stikkpille 500 mg", form="Stikkpille", group="supp")
PARACET_NO_GROUP = product("solo", "Paracetamol Solo tab 500 mg", group=None)
IBUX = product("ibux", "Ibux tab 400 mg", substance="ibuprofen", strength=400, atc="M01AE01")


def med(item: FestProduct, size: int = 100, gtin: str | None = None) -> dict[str, Any]:
    """The package as a Medication; each product and size has its own GTIN."""
    number = gtin or f"0700000{zlib.crc32(f'{item.key}/{size}'.encode()) % 10_000_000:07d}"
    return medication_resource(FestPackage(item, size, number), resource_id=item.key)


def of(item: FestProduct, size: int = 100) -> Product:
    return product_of(med(item, size))


@pytest.mark.parametrize(
    ("ordered", "found", "match", "why"),
    [
        (of(PARACET), of(PARACET), PackMatch.SAME_PRODUCT, "the ordered package"),
        (of(PARACET, 100), of(PARACET, 20), PackMatch.SAME_PRODUCT, "same merkevare, other size"),
        (of(PARACET), of(PINEX), PackMatch.SUBSTITUTE, "same byttegruppe"),
        (of(PARACET), of(PARACET_1G), PackMatch.DIFFERENT_STRENGTH, "500 mg vs 1 g, both N02BE01"),
        (of(PARACET), of(PARACET_SUPP), PackMatch.DIFFERENT_FORM, "tablet vs suppository"),
        (of(PARACET), of(IBUX), PackMatch.DIFFERENT_SUBSTANCE, "ibuprofen"),
        (of(PARACET), of(PARACET_NO_GROUP), PackMatch.NOT_INTERCHANGEABLE, "no byttegruppe"),
        (of(PARACET_1G), of(PARACET_1000MG), PackMatch.SUBSTITUTE, "1 g is 1000 mg"),
        (of(PARACET), Product(name="Ukjent"), PackMatch.UNKNOWN, "nothing known of the pack"),
    ],
)
def test_pack_against_order(ordered: Product, found: Product, match: PackMatch, why: str) -> None:
    assert compare_products(ordered, found).match is match, why


def test_atc_alone_never_accepts_a_pack() -> None:
    """Issue #16 fault 1: a 1 g pack scanned for a 500 mg dose said "Riktig legemiddel"."""
    verdict = check_pack(of(PARACET), of(PARACET_1G), on=TODAY, expiry=date(2027, 1, 31))
    assert verdict.outcome is PackageCheck.WRONG_DRUG
    assert verdict.stops
    assert MESSAGES[verdict.message_key]["nb"].startswith("Feil styrke")
    found = {
        "resourceType": "Medication",
        "code": {"coding": [{"system": codes.ATC, "code": "N02BE01"}], "text": "Noe med N02BE01"},
    }
    assert check_pack(of(PARACET), product_of(found), on=TODAY, expiry=None).outcome is (
        PackageCheck.UNKNOWN_PACKAGE
    )


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        (Strength(D(24), "mg", D(1), "mL"), Strength(D(120), "mg", D(5), "mL"), True),
        (Strength(D(1), "g", D(1), "tablett"), Strength(D(1000), "mg", D(1), "tablett"), True),
        (Strength(D(50), "ug"), Strength(D("0.05"), "mg"), True),
        (Strength(D(500), "mg"), Strength(D(1), "g"), False),
        (Strength(D(10), "mg", D(1), "mL"), Strength(D(10), "mg", D(1), "tablett"), False),
    ],
)
def test_strengths_compare_across_units(one: Strength, other: Strength, same: bool) -> None:
    assert (one.key == other.key) is same


def test_an_order_by_substance_accepts_any_of_its_packages() -> None:
    """Virkestoffrekvirering: the order names a legemiddelvirkestoff, not a brand."""
    order = med(PARACET)
    order["code"]["coding"] = [
        c for c in order["code"]["coding"] if c["system"] == codes.FEST_VIRKESTOFF
    ]
    assert compare_products(product_of(order), of(PINEX)).match is PackMatch.SAME_PRODUCT


def test_differences_are_said_side_by_side() -> None:
    comparison = compare_products(of(PARACET), of(PARACET_1G))
    assert difference_lines(comparison, "nb") == [
        "Annen styrke: ordinert 500 mg, pakningen har 1 g."
    ]
    comparison = compare_products(of(PARACET), of(PARACET_SUPP))
    assert difference_lines(comparison, "en") == [
        "Different form: ordered Tablett, the pack is Stikkpille."
    ]


def test_a_catalogue_that_contradicts_itself_is_not_trusted() -> None:
    """Same merkevare id but another strength: the composition wins and stops the user."""
    wrong = med(PARACET_1G)
    wrong["code"]["coding"] = [
        {**c, "code": PARACET.merkevare_id} if c["system"] == codes.FEST_MERKEVARE else c
        for c in wrong["code"]["coding"]
    ]
    assert compare_products(of(PARACET), product_of(wrong)).match is (PackMatch.DIFFERENT_STRENGTH)


@pytest.mark.parametrize(
    ("found", "expiry", "outcome", "key"),
    [
        (of(PARACET), date(2025, 3, 12), PackageCheck.MATCH, "gs1.check.match"),
        (of(PARACET), None, PackageCheck.MATCH, "gs1.check.match-expiry-unknown"),
        (of(PINEX), date(2026, 1, 1), PackageCheck.SUBSTITUTE, "gs1.check.substitute"),
        (of(PARACET), date(2025, 3, 11), PackageCheck.EXPIRED, "gs1.check.expired"),
        (of(PINEX), date(2025, 3, 11), PackageCheck.EXPIRED, "gs1.check.expired"),
        (of(IBUX), date(2020, 1, 1), PackageCheck.WRONG_DRUG, "products.different-substance"),
        (None, date(2026, 1, 1), PackageCheck.UNKNOWN_PACKAGE, "gs1.check.unknown-package"),
    ],
)
def test_verdicts(
    found: Product | None, expiry: date | None, outcome: PackageCheck, key: str
) -> None:
    verdict = check_package(
        PackageCode("07000000000017", expiry), on=TODAY, ordered=of(PARACET), found=found
    )
    assert verdict.outcome is outcome
    assert verdict.message_key == key
    assert verdict.needs_confirmation is (found is not None and found.name == "Pinex tab 500 mg")
    assert verdict.stops is (outcome not in (PackageCheck.MATCH, PackageCheck.SUBSTITUTE))
    assert MESSAGES[key]["nb"]
    assert MESSAGES[key]["en"]


def test_a_gtin_on_the_order_itself_is_known_without_a_catalogue_hit() -> None:
    ordered = product_of(med(PARACET, gtin="07046261000046"))
    verdict = check_package(PackageCode("07046261000046"), on=TODAY, ordered=ordered, found=None)
    assert verdict.outcome is PackageCheck.MATCH
