"""Ids, identifiers and references."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import pytest

from clinical.records import RecordBuildError, identifier, new_id, reference
from clinical.records.common import fhir_datetime, fhir_number
from tests.clinical.records.conftest import NURSE

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def test_new_ids_are_lowercase_uuid4_and_distinct():
    ids = {new_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(UUID4.match(i) for i in ids)


def test_identifier_is_urn_uuid():
    assert identifier("abc") == {"system": "urn:ietf:rfc:3986", "value": "urn:uuid:abc"}


def test_reference_with_and_without_display():
    assert reference("Patient", "p1") == {"reference": "Patient/p1"}
    assert reference("Patient", "p1", "Ola") == {"reference": "Patient/p1", "display": "Ola"}


def test_staff_reference_carries_hpr():
    ref = NURSE.reference()
    assert ref["reference"] == f"Practitioner/{NURSE.practitioner_id}"
    assert ref["identifier"] == {"system": "urn:oid:2.16.578.1.12.4.1.4.4", "value": "9144889"}


def test_naive_datetime_is_refused():
    with pytest.raises(RecordBuildError):
        fhir_datetime(datetime(2025, 1, 1, 8, 0))


@pytest.mark.parametrize(("value", "expected"), [(2, 2), (0.5, 0.5), ("1.0", 1), (37.25, 37.25)])
def test_numbers_are_json_numbers(value, expected):
    result = fhir_number(Decimal(str(value)))
    assert result == expected
    assert type(result) is type(expected)
