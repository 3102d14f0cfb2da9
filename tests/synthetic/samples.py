"""Generated data shared by the tests of this package, made once per test session."""

from __future__ import annotations

import datetime as dt
import functools

from tests.synthetic.fhir import Resource
from tests.synthetic.generator import generate

REFERENCE_DATE = dt.date(2026, 1, 15)


@functools.cache
def sample(patients: int, seed: int = 1) -> tuple[Resource, ...]:
    """All resources for ``patients`` patients (tests must not mutate them)."""
    return tuple(generate(patients=patients, seed=seed, reference_date=REFERENCE_DATE))


def ward() -> tuple[Resource, ...]:
    """One nursing-home ward of 20 residents."""
    return sample(20)


def town() -> tuple[Resource, ...]:
    """200 patients: three wards and one home-care district."""
    return sample(200)
