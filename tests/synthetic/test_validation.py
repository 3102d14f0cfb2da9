"""Every resource is valid FHIR (fhir.resources R4B models): all of a ward, a sample at scale."""

from __future__ import annotations

from collections import Counter

import pytest
from fhir.resources.R4B import get_fhir_model_class

from tests.synthetic.fhir import Resource
from tests.synthetic.samples import town, ward


def _invalid(resources: list[Resource]) -> Counter[str]:
    failures: Counter[str] = Counter()
    for resource in resources:
        try:
            get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        except ValueError:
            failures[resource["resourceType"]] += 1
    return failures


def test_every_ward_resource_validates() -> None:
    assert _invalid(list(ward())) == Counter()


@pytest.mark.slow
def test_a_sample_of_a_larger_municipality_validates() -> None:
    resources = town()
    sample = list(resources[::9])
    types = {r["resourceType"] for r in resources}
    # Make sure the sample holds every type, not only the common ones.
    sample += [next(r for r in resources if r["resourceType"] == t) for t in types]
    assert _invalid(sample) == Counter()


def test_ids_are_unique_valid_fhir_ids() -> None:
    keys = [f"{r['resourceType']}/{r['id']}" for r in town()]
    assert len(keys) == len(set(keys))
    assert all(len(r["id"]) <= 64 and r["id"].replace("-", "").isalnum() for r in town())
