"""Which medicinal product a Medication is, as FEST models it, and whether a pack is the one due.

FEST, the Norwegian drug catalogue (norway.md §2.5), has three levels that matter at the bedside:

- ``Legemiddelpakning``: one package, with its FEST id, its *varenummer* and the EAN/GTIN printed
  on it; it points to its brand product (``Pakningsinfo/RefLegemiddelMerkevare``) and to its
  generic-substitution group (``PakningByttegruppe/RefByttegruppe``).
- ``LegemiddelMerkevare``: one brand product in one strength and form ("Paracet tab 500 mg").
- ``Byttegruppe``: products a pharmacy may swap for each other; they share substance, strength
  and form. ``LegemiddelVirkestoff`` is the substance-form-strength a prescriber may order
  instead of a brand ("virkestoffrekvirering").

How a FHIR R4 ``Medication`` carries them (the synthetic catalogue writes exactly this):

- ``code.coding`` with the LMDI NamingSystems (HL7Norway/LMDI
  ``LMDI/input/fsh/namingsystems/no-basis-fest-legemiddel{pakning,merkevare,virkestoff}.fsh``,
  sliced in ``LMDI/input/fsh/profiles/lmdi-Medication.fsh``): ``festLegemiddelPakning``,
  ``festLegemiddelMerkevare``, ``festLegemiddelVirkestoff``;
- the varenummer as a code in SFM's ``http://ehelse.no/fhir/CodeSystem/FEST`` (which holds
  varenummer for packages), the GTIN in ``https://www.gs1.org/gtin``;
- the byttegruppe as a code in ``codes.FEST_BYTTEGRUPPE`` (this product's URI: LMDI defines no
  NamingSystem for byttegrupper);
- ``form`` (Volven 7448 and/or text), ``ingredient`` with the substance (FEST substance id
  ``http://ehelse.no/FESTSubstance`` and/or its name) and ``strength`` as a Ratio.

The pack is right when it is the ordered product (the same merkevare or package, or, for an
order by substance, a package of that legemiddelvirkestoff). A product of the same byttegruppe
is a substitute: it may be given once the nurse confirms it, and that confirmation is recorded.
Anything else stops: a different substance, strength or form, or the same composition outside
the byttegruppe (FEST does not allow that swap). ATC is never read here: paracetamol 500 mg and
1 g are both N02BE01. ATC belongs to the allergy check only.

Errors: none are raised for odd resources; what cannot be read is simply unknown, and an
unknown product never passes as the right one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, Literal

from clinical import codes

Language = Literal["nb", "en"]

# Units a strength may be written in, as (dimension, factor to the dimension's base unit).
_UNITS: Final = MappingProxyType(
    {
        "kg": ("mass", Decimal(1_000_000)),
        "g": ("mass", Decimal(1000)),
        "mg": ("mass", Decimal(1)),
        "ug": ("mass", Decimal("0.001")),
        "mcg": ("mass", Decimal("0.001")),
        "µg": ("mass", Decimal("0.001")),
        "mikrog": ("mass", Decimal("0.001")),
        "ng": ("mass", Decimal("0.000001")),
        "l": ("volume", Decimal(1000)),
        "ml": ("volume", Decimal(1)),
        "mmol": ("amount", Decimal(1)),
        "mol": ("amount", Decimal(1000)),
        "[iu]": ("units", Decimal(1)),
        "ie": ("units", Decimal(1)),
        "e": ("units", Decimal(1)),
        "u": ("units", Decimal(1)),
        "h": ("time", Decimal(1)),
        "time": ("time", Decimal(1)),
        "d": ("time", Decimal(24)),
    }
)


@dataclass(frozen=True)
class Strength:
    """An ingredient's strength as written ("500 mg per tablett"), comparable across units."""

    value: Decimal
    unit: str
    per_value: Decimal = Decimal(1)
    per_unit: str = ""

    def _side(self, value: Decimal, unit: str) -> tuple[str, Decimal]:
        if unit.strip().casefold() in _COUNT_UNITS:
            return "count", value  # per tablett, per kapsel: one unit of the product itself
        known = _UNITS.get(unit.strip().casefold())
        if known is None:
            return unit.strip().casefold(), value
        dimension, factor = known
        return dimension, value * factor

    @property
    def key(self) -> tuple[str, str, Decimal]:
        """(numerator dimension, denominator dimension, amount per base unit): equal means equal.

        The denominator's count (1 tablett, 1 mL) divides the numerator, so 1 g/1 tablett and
        1000 mg/1 tablett are the same, and 10 mg/mL is the same as 50 mg/5 mL.
        """
        top_dimension, top = self._side(self.value, self.unit)
        per_dimension, per = self._side(self.per_value, self.per_unit)
        if per == 0:
            return top_dimension, per_dimension, top
        return top_dimension, per_dimension, (top / per).normalize()

    def text(self) -> str:
        """ "500 mg", "10 mg/ml" as a person reads it (decimal comma)."""
        amount = _decimal_text(self.value)
        if self.per_unit.strip().casefold() in _COUNT_UNITS:
            return f"{amount} {self.unit}".strip()
        per = "" if self.per_value == 1 else f"{_decimal_text(self.per_value)} "
        return f"{amount} {self.unit}/{per}{self.per_unit}".strip()


# Denominators that count units of the product itself: "500 mg per tablett" reads "500 mg".
_COUNT_UNITS: Final = frozenset(
    {"", "tablett", "tabletter", "kapsel", "kapsler", "stk", "dose", "dosepose", "plaster", "1"}
)


def _decimal_text(value: Decimal) -> str:
    rendered = f"{value.normalize():f}"
    if "." in rendered:
        rendered = rendered.rstrip("0").rstrip(".")
    return rendered.replace(".", ",")


@dataclass(frozen=True)
class Ingredient:
    """An active ingredient: the substance (FEST id or folded name), its name and strength."""

    substance: str
    name: str
    strength: Strength | None = None


@dataclass(frozen=True)
class Product:
    """What one Medication says about the product: the FEST ids and the composition."""

    name: str
    packages: frozenset[str] = field(default_factory=frozenset)
    varenummer: frozenset[str] = field(default_factory=frozenset)
    gtins: frozenset[str] = field(default_factory=frozenset)
    merkevare: str | None = None
    virkestoff: str | None = None
    byttegruppe: str | None = None
    form: str | None = None
    form_text: str = ""
    ingredients: tuple[Ingredient, ...] = ()
    pack_size: str = ""  # "100 stk", from Medication.amount; "" when not a package

    @property
    def identified(self) -> bool:
        """True when the product can be told apart from others (a FEST id or a composition)."""
        return bool(
            self.packages or self.merkevare or self.virkestoff or self.gtins or self.ingredients
        )

    def strength_text(self) -> str:
        """The strengths of the active ingredients, "1000 mg + 800 IE" for a combination."""
        return " + ".join(i.strength.text() for i in self.ingredients if i.strength is not None)

    def substance_text(self) -> str:
        """The substance names, "paracetamol" or "levodopa + benserazid"."""
        return " + ".join(i.name for i in self.ingredients if i.name)


def _codings(concept: object) -> Iterator[tuple[str, str, str]]:
    if not isinstance(concept, Mapping):
        return
    for coding in concept.get("coding") or ():
        if not isinstance(coding, Mapping):
            continue
        system, code, display = coding.get("system"), coding.get("code"), coding.get("display")
        if isinstance(system, str) and isinstance(code, str) and code.strip():
            yield system, code.strip(), display if isinstance(display, str) else ""


def _text(concept: object) -> str:
    if not isinstance(concept, Mapping):
        return ""
    text = concept.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    return next((display for _, _, display in _codings(concept) if display), "")


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _unit(quantity: Mapping[str, Any]) -> str:
    for key in ("code", "unit"):
        value = quantity.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _strength(ratio: object) -> Strength | None:
    if not isinstance(ratio, Mapping):
        return None
    top, per = ratio.get("numerator"), ratio.get("denominator")
    if not isinstance(top, Mapping):
        return None
    value = _number(top.get("value"))
    if value is None:
        return None
    if not isinstance(per, Mapping):
        return Strength(value, _unit(top))
    per_value = _number(per.get("value"))
    return Strength(
        value, _unit(top), Decimal(1) if per_value is None else per_value, _unit(per) or ""
    )


def _ingredient(entry: Mapping[str, Any]) -> Ingredient | None:
    if entry.get("isActive") is False:
        return None
    item = entry.get("itemCodeableConcept")
    name = _text(item)
    fest = next((c for s, c, _ in _codings(item) if s == codes.FEST_SUBSTANCE), None)
    substance = fest or name.casefold()
    if not substance:
        return None
    return Ingredient(substance, name, _strength(entry.get("strength")))


def _form(medication: Mapping[str, Any]) -> tuple[str | None, str]:
    form = medication.get("form")
    text = _text(form)
    coded = next((c for s, c, _ in _codings(form) if s == codes.LEGEMIDDELFORM), None)
    if coded is not None:
        return f"7448:{coded}", text
    return (text.casefold() or None), text


def _gtin14(code: str) -> str:
    """A GTIN-8/12/13 as the 14 digits AI (01) carries, so an EAN-13 matches its scan."""
    return code.zfill(14) if code.isdigit() and len(code) in (8, 12, 13) else code


def product_of(medication: Mapping[str, Any] | None) -> Product:
    """Read a FHIR R4 Medication (FEST-coded as the module docstring says) into a ``Product``."""
    if not isinstance(medication, Mapping):
        return Product(name="")
    concept = medication.get("code")
    found: dict[str, set[str]] = {}
    for system, code, _ in _codings(concept):
        found.setdefault(system, set()).add(code)
    for identifier in medication.get("identifier") or ():
        if isinstance(identifier, Mapping):
            where, value = identifier.get("system"), identifier.get("value")
            if isinstance(where, str) and isinstance(value, str) and value.strip():
                found.setdefault(where, set()).add(value.strip())

    def one(system: str) -> str | None:
        values = found.get(system, set())
        return min(values) if len(values) == 1 else None

    form, form_text = _form(medication)
    amount = medication.get("amount")
    size = amount.get("numerator") if isinstance(amount, Mapping) else None
    count = _number(size.get("value")) if isinstance(size, Mapping) else None
    ingredients = tuple(
        i
        for entry in medication.get("ingredient") or ()
        if isinstance(entry, Mapping) and (i := _ingredient(entry)) is not None
    )
    return Product(
        name=_text(concept),
        packages=frozenset(found.get(codes.FEST_PAKNING, ())),
        varenummer=frozenset(v for v in found.get(codes.FEST, ()) if v.isdigit()),
        gtins=frozenset(_gtin14(g) for g in found.get(codes.GTIN, ())),
        merkevare=one(codes.FEST_MERKEVARE),
        virkestoff=one(codes.FEST_VIRKESTOFF),
        byttegruppe=one(codes.FEST_BYTTEGRUPPE),
        form=form,
        form_text=form_text,
        ingredients=ingredients,
        pack_size=""
        if count is None or not isinstance(size, Mapping)
        else f"{_decimal_text(count)} {_unit(size)}".strip(),
    )


class PackMatch(StrEnum):
    """How the product in hand relates to the ordered one."""

    SAME_PRODUCT = "same-product"
    SUBSTITUTE = "substitute"
    NOT_INTERCHANGEABLE = "not-interchangeable"
    DIFFERENT_SUBSTANCE = "different-substance"
    DIFFERENT_STRENGTH = "different-strength"
    DIFFERENT_FORM = "different-form"
    UNKNOWN = "unknown"

    @property
    def right(self) -> bool:
        """True when the pack may be given without a stop (a substitute after confirmation)."""
        return self in (PackMatch.SAME_PRODUCT, PackMatch.SUBSTITUTE)


@dataclass(frozen=True)
class Comparison:
    """The product in hand against the ordered one: the verdict and every difference found."""

    match: PackMatch
    ordered: Product
    found: Product
    differences: tuple[PackMatch, ...] = ()

    @property
    def message_key(self) -> str:
        """Key in ``MESSAGES`` for the verdict in words."""
        return f"products.{self.match.value}"


def _same_package_or_brand(ordered: Product, found: Product) -> bool:
    if ordered.packages & found.packages or ordered.gtins & found.gtins:
        return True
    if ordered.merkevare is not None:
        return ordered.merkevare == found.merkevare
    # An order by substance (virkestoffrekvirering) names a legemiddelvirkestoff: any package
    # FEST lists under it is the ordered drug.
    return ordered.virkestoff is not None and ordered.virkestoff == found.virkestoff


def _differences(ordered: Product, found: Product) -> tuple[PackMatch, ...] | None:
    """The ways the composition differs; None when either side is not known well enough."""
    if not ordered.ingredients or not found.ingredients:
        return None
    mine = {i.substance: i for i in ordered.ingredients}
    theirs = {i.substance: i for i in found.ingredients}
    differences: list[PackMatch] = []
    if set(mine) != set(theirs):
        differences.append(PackMatch.DIFFERENT_SUBSTANCE)
    else:
        strengths = [(mine[s].strength, theirs[s].strength) for s in mine]
        if any(a is None or b is None for a, b in strengths):
            return None
        if any(a.key != b.key for a, b in strengths if a is not None and b is not None):
            differences.append(PackMatch.DIFFERENT_STRENGTH)
    if ordered.form is None or found.form is None:
        return None if not differences else tuple(differences)
    if ordered.form != found.form:
        differences.append(PackMatch.DIFFERENT_FORM)
    return tuple(differences)


def compare_products(ordered: Product, found: Product) -> Comparison:
    """Is ``found`` (the pack in hand) the ordered product, a substitute, or wrong, and how?"""
    differences = _differences(ordered, found)
    if differences:
        # Whatever the ids say, a composition that differs is never passed (a catalogue error).
        return Comparison(differences[0], ordered, found, differences)
    if _same_package_or_brand(ordered, found):
        return Comparison(PackMatch.SAME_PRODUCT, ordered, found)
    if ordered.byttegruppe is not None and ordered.byttegruppe == found.byttegruppe:
        return Comparison(PackMatch.SUBSTITUTE, ordered, found)
    if differences is None or not found.identified:
        return Comparison(PackMatch.UNKNOWN, ordered, found)
    return Comparison(PackMatch.NOT_INTERCHANGEABLE, ordered, found)


def difference_lines(comparison: Comparison, language: Language) -> list[str]:
    """Each difference in plain words, ordered value first: "Strength: ordered 500 mg, pack 1 g"."""
    ordered, found = comparison.ordered, comparison.found
    lines = []
    for difference in comparison.differences or (comparison.match,):
        template = _DIFFERENCE_LINES.get(difference)
        if template is None:
            continue
        if difference is PackMatch.DIFFERENT_SUBSTANCE:
            values = (ordered.substance_text(), found.substance_text())
        elif difference is PackMatch.DIFFERENT_STRENGTH:
            values = (ordered.strength_text(), found.strength_text())
        elif difference is PackMatch.DIFFERENT_FORM:
            values = (ordered.form_text, found.form_text)
        else:
            values = ("", "")
        lines.append(template[language].replace("%1", values[0]).replace("%2", values[1]))
    return lines


_DIFFERENCE_LINES: Final[Mapping[PackMatch, Mapping[Language, str]]] = MappingProxyType(
    {
        PackMatch.DIFFERENT_SUBSTANCE: {
            "nb": "Annet virkestoff: ordinert %1, pakningen inneholder %2.",
            "en": "Different substance: ordered %1, the pack contains %2.",
        },
        PackMatch.DIFFERENT_STRENGTH: {
            "nb": "Annen styrke: ordinert %1, pakningen har %2.",
            "en": "Different strength: ordered %1, the pack has %2.",
        },
        PackMatch.DIFFERENT_FORM: {
            "nb": "Annen legemiddelform: ordinert %1, pakningen er %2.",
            "en": "Different form: ordered %1, the pack is %2.",
        },
        PackMatch.NOT_INTERCHANGEABLE: {
            "nb": "Samme innhold, men ikke i samme byttegruppe: apoteket kan ikke bytte disse.",
            "en": "Same content, but not in the same substitution group: they are not "
            "interchangeable.",
        },
    }
)


def related_score(comparison: Comparison) -> int:
    """How close the pack is to the order, for choosing which dose a scan opens (higher first).

    Used only to pick a row to show: the verdict itself is ``comparison.match``.
    """
    if comparison.match is PackMatch.SAME_PRODUCT:
        return 3
    if comparison.match is PackMatch.SUBSTITUTE:
        return 2
    shared = {i.substance for i in comparison.ordered.ingredients} & {
        i.substance for i in comparison.found.ingredients
    }
    return 1 if shared else 0


def describe(product: Product) -> str:
    """The product in one line for a side-by-side view: "Paracet tab 500 mg (Tablett)"."""
    parts = [product.name or product.substance_text()]
    if product.form_text and product.form_text.casefold() not in parts[0].casefold():
        parts.append(f"({product.form_text})")
    return " ".join(p for p in parts if p)


MESSAGES: Final[Mapping[str, Mapping[Language, str]]] = MappingProxyType(
    {
        key: MappingProxyType({"nb": nb, "en": en})
        for key, nb, en in (
            ("products.same-product", "Riktig legemiddel.", "Correct medicine."),
            (
                "products.substitute",
                "Byttepreparat: samme virkestoff, styrke og form (samme byttegruppe). "
                "Bekreft byttet før du gir.",
                "Substitute: same substance, strength and form (same substitution group). "
                "Confirm the substitution before giving.",
            ),
            (
                "products.not-interchangeable",
                "Feil legemiddel: pakningen er ikke et godkjent bytte for det som er ordinert.",
                "Wrong medicine: the pack is not an approved substitute for what is ordered.",
            ),
            (
                "products.different-substance",
                "Feil legemiddel: pakningen har et annet virkestoff enn det som skal gis.",
                "Wrong medicine: the pack has a different substance from what is due.",
            ),
            (
                "products.different-strength",
                "Feil styrke: pakningen har en annen styrke enn det som skal gis.",
                "Wrong strength: the pack has a different strength from what is due.",
            ),
            (
                "products.different-form",
                "Feil legemiddelform: pakningen har en annen form enn det som skal gis.",
                "Wrong form: the pack is a different form from what is due.",
            ),
            (
                "products.unknown",
                "Ukjent pakning: kontroller legemidlet manuelt mot ordinasjonen.",
                "Unknown pack: check the medicine against the order by hand.",
            ),
        )
    }
)
