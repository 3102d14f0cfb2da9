"""FEST-shaped FHIR Medication resources: one per package (legemiddelpakning).

FEST's structure (``clinical/products.py`` cites the sources): a package has a FEST id, a
varenummer and a GTIN; it belongs to one brand product (legemiddelmerkevare: name, form,
strength), which belongs to a legemiddelvirkestoff (substance + form + strength) and, when
pharmacies may swap it, to a byttegruppe. Every id here is made up and deterministic: FEST ids
are ``ID_`` + an upper-case UUID5 of the thing they name, varenumre are six digits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from clinical import codes

_NAMESPACE = uuid.UUID("6f1c3f2e-8d0b-5c57-9a43-2b1a7e0c9d11")

Resource = dict[str, Any]


def fest_id(kind: str, name: str) -> str:
    """A FEST-style id (``ID_`` + upper-case GUID), fixed per kind and name."""
    return "ID_" + str(uuid.uuid5(_NAMESPACE, f"fest/{kind}/{name}")).upper()


def varenummer(key: str, size: int) -> str:
    """A six-digit varenummer, fixed per product key and pack size (starts with 9: made up)."""
    return f"9{uuid.uuid5(_NAMESPACE, f'varenummer/{key}/{size}').int % 100_000:05d}"


@dataclass(frozen=True)
class FestProduct:
    """A legemiddelmerkevare and what its packages share."""

    key: str
    name: str  # NavnFormStyrke
    substance: str
    atc: str  # for the allergy check only
    strength: float
    strength_unit: str  # UCUM numerator
    per_unit: str  # denominator: "tablett", "mL", "dose"
    form: str  # legemiddelform as text
    byttegruppe: str | None  # the group's name; None when pharmacies may not swap it

    @property
    def merkevare_id(self) -> str:
        """The brand product's FEST id."""
        return fest_id("merkevare", self.name)

    @property
    def virkestoff_id(self) -> str:
        """The legemiddelvirkestoff (substance, form, strength) this product belongs to."""
        return fest_id("virkestoff", f"{self.substance}/{self.form}/{self.strength}")

    @property
    def byttegruppe_id(self) -> str | None:
        """The byttegruppe's FEST id."""
        return None if self.byttegruppe is None else fest_id("byttegruppe", self.byttegruppe)


@dataclass(frozen=True)
class FestPackage:
    """One legemiddelpakning of a product: its size, GTIN and varenummer."""

    product: FestProduct
    size: int
    gtin: str
    unit: str = "stk"

    @property
    def package_id(self) -> str:
        """The package's FEST id."""
        return fest_id("pakning", f"{self.product.name}/{self.size}")

    @property
    def varenummer(self) -> str:
        """The package's varenummer."""
        return varenummer(self.product.key, self.size)


def _quantity(value: float, unit: str) -> Resource:
    quantity: Resource = {"value": value, "unit": unit}
    if unit in ("mg", "g", "ug", "mL", "mmol", "[iU]", "h", "ug/h"):
        quantity["system"] = codes.UCUM
        quantity["code"] = unit
    return quantity


def medication_resource(package: FestPackage, *, resource_id: str) -> Resource:
    """The package as a FHIR R4 Medication with every identifier the pack check reads."""
    product = package.product
    coding: list[Resource] = [
        {"system": codes.FEST_PAKNING, "code": package.package_id},
        {"system": codes.FEST_MERKEVARE, "code": product.merkevare_id, "display": product.name},
        {"system": codes.FEST_VIRKESTOFF, "code": product.virkestoff_id},
        {"system": codes.FEST, "code": package.varenummer, "display": product.name},
        {"system": codes.GTIN, "code": package.gtin},
        {"system": codes.ATC, "code": product.atc, "display": product.substance},
    ]
    if product.byttegruppe_id is not None:
        coding.append(
            {
                "system": codes.FEST_BYTTEGRUPPE,
                "code": product.byttegruppe_id,
                "display": product.byttegruppe,
            }
        )
    return {
        "resourceType": "Medication",
        "id": resource_id,
        "identifier": [
            {"system": codes.FEST_PAKNING, "value": package.package_id},
            {"system": codes.GTIN, "value": package.gtin},
        ],
        "code": {"coding": coding, "text": product.name},
        "status": "active",
        "form": {"text": product.form},
        "amount": {
            "numerator": {"value": package.size, "unit": package.unit},
            "denominator": {"value": 1, "unit": "pakning"},
        },
        "ingredient": [
            {
                "itemCodeableConcept": {
                    "coding": [
                        {
                            "system": codes.FEST_SUBSTANCE,
                            "code": fest_id("substans", product.substance),
                            "display": product.substance,
                        },
                        {"system": codes.ATC, "code": product.atc, "display": product.substance},
                    ],
                    "text": product.substance,
                },
                "isActive": True,
                "strength": {
                    "numerator": _quantity(product.strength, product.strength_unit),
                    "denominator": {"value": 1, "unit": product.per_unit},
                },
            }
        ],
    }
