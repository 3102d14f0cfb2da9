"""The generated drug catalogue is FEST-shaped: packages, brand products, byttegrupper.

FEST (norway.md §2.5; ``clinical/products.py``): a legemiddelpakning has a FEST id, a
varenummer and a GTIN and belongs to one legemiddelmerkevare; products in one byttegruppe share
substance, strength and form. Orders name a package of a prescribable product, and the pack
check reads exactly these identifiers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from clinical import codes
from clinical.doses import ActivePeriod, last_dose, scheduled_doses
from clinical.products import PackMatch, compare_products, product_of
from tests.synthetic import catalogue as cat
from tests.synthetic.fhir import Resource
from tests.synthetic.samples import town


def _of(resource_type: str) -> list[Resource]:
    return [r for r in town() if r["resourceType"] == resource_type]


def _codes(medication: Resource, system: str) -> set[str]:
    return {c["code"] for c in medication["code"]["coding"] if c["system"] == system}


def test_every_package_carries_the_fest_identifiers_the_pack_check_reads() -> None:
    medications = _of("Medication")
    assert len(medications) == (len(cat.DRUGS) + len(cat.SUBSTITUTES)) * len(cat.PACK_SIZES)
    packages, varenumre = set(), set()
    for medication in medications:
        product = product_of(medication)
        (package,) = product.packages
        (varenummer,) = product.varenummer
        assert product.merkevare is not None
        assert product.virkestoff is not None
        assert len(product.gtins) == 1
        assert len(varenummer) == 6
        assert product.ingredients
        assert all(i.strength is not None for i in product.ingredients)
        assert product.form_text
        assert product.pack_size.endswith(" stk")
        packages.add(package)
        varenumre.add(varenummer)
    assert len(packages) == len(varenumre) == len(medications)


def test_products_in_a_byttegruppe_share_substance_strength_and_form() -> None:
    groups: dict[str, list[Resource]] = defaultdict(list)
    for medication in _of("Medication"):
        for group in _codes(medication, codes.FEST_BYTTEGRUPPE):
            groups[group].append(medication)
    assert len(groups) == len(cat.IN_BYTTEGRUPPE)
    for members in groups.values():
        brands = {product_of(m).merkevare for m in members}
        assert len(brands) >= 2, "a group has the prescribed product and a substitute"
        first = product_of(members[0])
        for other in members[1:]:
            assert compare_products(first, product_of(other)).match in (
                PackMatch.SAME_PRODUCT,
                PackMatch.SUBSTITUTE,
            )


def test_drugs_without_a_group_have_no_substitute() -> None:
    for medication in _of("Medication"):
        if not _codes(medication, codes.FEST_BYTTEGRUPPE):
            name = medication["code"]["text"]
            assert not any(s.name == name for s in cat.SUBSTITUTES)


def test_orders_name_a_package_of_a_prescribable_product() -> None:
    medications = {m["id"]: m for m in _of("Medication")}
    substitutes = {s.name for s in cat.SUBSTITUTES}
    for request in _of("MedicationRequest"):
        medication = medications[request["medicationReference"]["reference"].split("/")[1]]
        assert medication["code"]["text"] not in substitutes


def test_a_course_has_as_many_days_of_doses_as_it_is_long() -> None:
    """FHIR Period.end is inclusive: a 7-day course from the 1st ends on the 7th."""
    checked = 0
    for request in _of("MedicationRequest"):
        dosage = request["dosageInstruction"][0]
        bounds = dosage.get("timing", {}).get("repeat", {}).get("boundsPeriod")
        if bounds is None or "end" not in bounds:
            continue
        start = dt.date.fromisoformat(bounds["start"])
        end = dt.date.fromisoformat(bounds["end"])
        window = ActivePeriod.from_fhir(bounds)
        assert window.start is not None
        assert window.end is not None
        doses = scheduled_doses(
            [dosage], window_start=window.start, window_end=window.end + dt.timedelta(days=2)
        )
        assert {d.due_at.date() for d in doses} == {
            start + dt.timedelta(days=n) for n in range((end - start).days + 1)
        }
        final = last_dose([dosage])
        assert final is not None
        assert final.due_at == doses[-1].due_at
        checked += 1
    assert checked > 10
