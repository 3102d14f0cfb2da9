"""The text scan of a page's references agrees with walking its parsed resources."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sync.refscan import page_references, walk_references
from tests.synthetic import generate

TYPES = frozenset({"Practitioner", "Organization", "Location", "Medication"})


def body_of(resources: list[dict], *, indent: int | None = None) -> bytes:
    bundle = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": r, "search": {"mode": "match"}} for r in resources],
    }
    return json.dumps(bundle, indent=indent, ensure_ascii=False).encode()


@pytest.mark.parametrize("indent", [None, 2])
def test_scan_and_walk_agree_on_synthetic_patients(indent: int | None) -> None:
    resources = list(generate(patients=5, seed=3, reference_date=dt.date(2026, 3, 2)))
    found = page_references(body_of(resources, indent=indent), resources, TYPES)
    assert found == walk_references(resources, TYPES)
    assert {t for t, _ in found} >= {"Practitioner", "Organization"}


def test_forms_of_a_reference_value() -> None:
    resources = [
        {
            "resourceType": "Encounter",
            "id": "e1",
            "serviceProvider": {"reference": "https://fhir.example/R4/Organization/o1"},
            "location": [{"location": {"reference": "Location/l1/_history/3"}}],
            "participant": [
                {"individual": {"reference": "Practitioner?identifier=x|1"}},
                {"individual": {"reference": "urn:uuid:6f0c"}},
                {"individual": {"reference": "#contained"}},
                {"individual": {"reference": "Patient/p1"}},
            ],
            "text": {"div": '<div>"reference": "Practitioner/not-a-key"</div>'},
        }
    ]
    expected = {("Organization", "o1"), ("Location", "l1")}
    assert page_references(body_of(resources), resources, TYPES) == expected
    assert walk_references(resources, TYPES) == expected


def test_an_escaped_reference_makes_the_page_walked() -> None:
    resources = [{"resourceType": "Flag", "id": "f1", "author": {"reference": "Practitioner/x1"}}]
    body = body_of(resources).replace(b"Practitioner/x1", b"Practitioner\\/x1")
    assert json.loads(body)["entry"][0]["resource"] == resources[0]
    assert page_references(body, resources, TYPES) == {("Practitioner", "x1")}


def test_a_page_without_text_is_walked() -> None:
    resources = [{"resourceType": "Flag", "id": "f1", "author": {"reference": "Practitioner/x1"}}]
    assert page_references(b"", resources, TYPES) == {("Practitioner", "x1")}
    assert page_references(body_of(resources), resources, frozenset()) == frozenset()
