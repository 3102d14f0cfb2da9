"""GS1 codes on medicine packs: parse a scan, then check the pack against what is due.

The check compares products, not drug classes (``clinical.products``): the scanned GTIN is looked
up in the catalogue (FEST legemiddelpakning), and its product must be the ordered one or a
substitute from the same byttegruppe. ATC never accepts a pack.

Parsing is done by ``biip``. A keyboard-wedge scanner delivers the DataMatrix as text: FNC1
becomes the group separator ``\\x1d`` (some set-ups show it as ``␝``), often preceded by the
symbology identifier ``]d2``. The human-readable form with parentheses, ``(01)…(17)…``, and a
plain EAN-13 / GTIN-14 from a linear barcode are accepted too. Expiry day ``00`` means the
last day of the month (biip resolves it).

Errors: ``Gs1Error`` (a ``ValueError``) with a stable ``key`` for the UI. Its text never holds
the scanned value: a wrong scan may be a wristband carrying a fødselsnummer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Literal

import biip
from biip.gs1_messages import GS1Message

from clinical import products
from clinical.products import Comparison, PackMatch, Product, compare_products

Language = Literal["nb", "en"]

# "␝" (U+241D) is what some wedge set-ups type for the invisible group separator.
_SEPARATORS: Final = ("\x1d", "\u241d")
_CONFIG: Final = biip.ParseConfig(separator_chars=_SEPARATORS)
_GTIN_LENGTHS: Final = frozenset({8, 12, 13, 14})


class Gs1Error(ValueError):
    """The scan is not a usable GS1 product code; ``key`` says why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class PackageCode:
    """What a pack's barcode says; ``gtin`` is always 14 digits."""

    gtin: str
    expiry: date | None = None
    batch: str | None = None
    serial: str | None = None


def normalize_gtin(gtin: str) -> str:
    """A GTIN-8/12/13/14 as 14 digits (leading zeros), as AI (01) carries it."""
    digits = gtin.strip()
    if not digits.isdigit() or len(digits) not in _GTIN_LENGTHS:
        raise Gs1Error("gs1.not_a_gtin")
    return digits.zfill(14)


def _element(message: GS1Message, ai: str) -> str | None:
    element = message.element_strings.get(ai=ai)
    return None if element is None else element.value


def _from_message(message: GS1Message) -> PackageCode | None:
    gtin_element = message.element_strings.get(ai="01")
    if gtin_element is None or gtin_element.gtin is None:
        return None
    expiry_element = message.element_strings.get(ai="17")
    return PackageCode(
        gtin=gtin_element.gtin.as_gtin_14(),
        expiry=None if expiry_element is None else expiry_element.date,
        batch=_element(message, "10"),
        serial=_element(message, "21"),
    )


def parse_package_code(scanned: str) -> PackageCode:
    """Parse a scanned or typed pack code into GTIN, expiry, batch and serial."""
    text = scanned.strip()
    if not text:
        raise Gs1Error("gs1.empty")
    if text.startswith("("):
        try:
            message = GS1Message.parse_hri(text, config=_CONFIG)
        except biip.ParseError:
            raise Gs1Error("gs1.not_gs1") from None
        package = _from_message(message)
        if package is None:
            raise Gs1Error("gs1.no_gtin")
        return package
    result = biip.parse(text, config=_CONFIG)
    if result.gs1_message is not None:
        package = _from_message(result.gs1_message)
        if package is not None:
            return package
    if result.gtin is not None:
        return PackageCode(gtin=result.gtin.as_gtin_14())
    if result.gs1_message is not None and result.gs1_message.element_strings:
        raise Gs1Error("gs1.no_gtin")
    raise Gs1Error("gs1.not_gs1")


class PackageCheck(StrEnum):
    """Outcome of comparing a pack with the dose it is meant for."""

    MATCH = "match"
    SUBSTITUTE = "substitute"
    WRONG_DRUG = "wrong-drug"
    EXPIRED = "expired"
    UNKNOWN_PACKAGE = "unknown-package"


@dataclass(frozen=True)
class PackageVerdict:
    """The outcome, the product comparison behind it, and whether the expiry was known.

    ``comparison`` is None only for a pack no catalogue knows.
    """

    outcome: PackageCheck
    comparison: Comparison | None
    expiry_checked: bool

    @property
    def stops(self) -> bool:
        """True when the user must be stopped (overridable only with a recorded reason)."""
        return self.outcome in (
            PackageCheck.WRONG_DRUG,
            PackageCheck.EXPIRED,
            PackageCheck.UNKNOWN_PACKAGE,
        )

    @property
    def needs_confirmation(self) -> bool:
        """True for a substitute: it may be given once the user confirms the swap (recorded).

        Also when it stops for another reason (expired): going on then needs both.
        """
        return self.comparison is not None and self.comparison.match is PackMatch.SUBSTITUTE

    @property
    def message_key(self) -> str:
        """Key of the explanation in ``MESSAGES``."""
        if self.outcome is PackageCheck.WRONG_DRUG and self.comparison is not None:
            return self.comparison.message_key
        if self.outcome is PackageCheck.MATCH and not self.expiry_checked:
            return "gs1.check.match-expiry-unknown"
        return f"gs1.check.{self.outcome.value}"


_OUTCOMES: Final = MappingProxyType(
    {PackMatch.SAME_PRODUCT: PackageCheck.MATCH, PackMatch.SUBSTITUTE: PackageCheck.SUBSTITUTE}
)


def check_pack(
    ordered: Product,
    found: Product | None,
    *,
    on: date,
    expiry: date | None,
    gtin: str | None = None,
) -> PackageVerdict:
    """Check the product in hand (``found``, from the catalogue) against the ordered product.

    The ordered product, or a product of its byttegruppe (a substitute the user must confirm),
    is right; any other substance, strength or form is ``WRONG_DRUG`` (``clinical.products``;
    ATC never decides). A pack the catalogue does not know is ``UNKNOWN_PACKAGE``, unless its
    GTIN is on the ordered Medication itself. A right pack may be used through its expiry date;
    from the day after it is ``EXPIRED``. A wrong product is reported before expiry.
    """
    if found is None and gtin is not None and normalize_gtin(gtin) in ordered.gtins:
        found = ordered
    if found is None:
        return PackageVerdict(PackageCheck.UNKNOWN_PACKAGE, None, expiry is not None)
    comparison = compare_products(ordered, found)
    if comparison.match is PackMatch.UNKNOWN:
        outcome = PackageCheck.UNKNOWN_PACKAGE
    else:
        outcome = _OUTCOMES.get(comparison.match, PackageCheck.WRONG_DRUG)
    if comparison.match.right and expiry is not None and expiry < on:
        outcome = PackageCheck.EXPIRED
    return PackageVerdict(outcome, comparison, expiry is not None)


def check_package(
    package: PackageCode, *, on: date, ordered: Product, found: Product | None
) -> PackageVerdict:
    """``check_pack`` for a scanned pack: its GTIN and expiry come from the code."""
    return check_pack(ordered, found, on=on, expiry=package.expiry, gtin=package.gtin)


_OWN_MESSAGES: Final[Mapping[str, Mapping[Language, str]]] = MappingProxyType(
    {
        key: MappingProxyType({"nb": nb, "en": en})
        for key, nb, en in (
            ("gs1.empty", "Ingen strekkode ble lest.", "No barcode was read."),
            (
                "gs1.not_gs1",
                "Strekkoden er ikke en GS1-kode fra en legemiddelpakning.",
                "The barcode is not a GS1 code from a medicine pack.",
            ),
            (
                "gs1.no_gtin",
                "Strekkoden mangler varenummer (GTIN). Skann DataMatrix-koden på pakningen.",
                "The barcode has no product number (GTIN). Scan the DataMatrix code on the pack.",
            ),
            (
                "gs1.not_a_gtin",
                "Varenummeret (GTIN) er ugyldig.",
                "The product number (GTIN) is invalid.",
            ),
            ("gs1.check.match", "Riktig legemiddel.", "Correct medicine."),
            (
                "gs1.check.match-expiry-unknown",
                "Riktig legemiddel. Utløpsdato ble ikke lest: kontroller den på pakningen.",
                "Correct medicine. The expiry date was not read: check it on the pack.",
            ),
            (
                "gs1.check.wrong-drug",
                "Feil legemiddel: pakningen samsvarer ikke med det som skal gis.",
                "Wrong medicine: the pack does not match what is due.",
            ),
            (
                "gs1.check.substitute",
                "Byttepreparat: samme virkestoff, styrke og form (samme byttegruppe). "
                "Bekreft byttet før du gir.",
                "Substitute: same substance, strength and form (same substitution group). "
                "Confirm the substitution before giving.",
            ),
            (
                "gs1.check.expired",
                "Pakningen er utløpt og skal ikke brukes.",
                "The pack has expired and must not be used.",
            ),
            (
                "gs1.check.unknown-package",
                "Ukjent pakning: kontroller legemidlet manuelt mot ordinasjonen.",
                "Unknown pack: check the medicine against the order by hand.",
            ),
        )
    }
)
# Every text a pack check can show: scanning, expiry, and the product comparison's verdicts.
MESSAGES: Final[Mapping[str, Mapping[Language, str]]] = MappingProxyType(
    {**_OWN_MESSAGES, **products.MESSAGES}
)
