"""The same seed and reference date give byte-identical output; anything else changes it."""

from __future__ import annotations

import datetime as dt
import io

from tests.synthetic import generate
from tests.synthetic.ndjson import write_ndjson
from tests.synthetic.samples import REFERENCE_DATE


def _bytes(*, patients: int = 25, seed: int = 7, day: dt.date = REFERENCE_DATE) -> bytes:
    out = io.StringIO()
    write_ndjson(generate(patients=patients, seed=seed, reference_date=day), out)
    return out.getvalue().encode()


def test_same_seed_gives_identical_bytes() -> None:
    assert _bytes() == _bytes()


def test_other_seed_differs() -> None:
    assert _bytes(seed=7) != _bytes(seed=8)


def test_other_reference_date_moves_the_data() -> None:
    assert _bytes(day=REFERENCE_DATE) != _bytes(day=REFERENCE_DATE + dt.timedelta(days=1))


def test_a_patient_does_not_depend_on_how_many_follow() -> None:
    small = [r for r in generate(patients=21, seed=7, reference_date=REFERENCE_DATE)]
    large = list(generate(patients=40, seed=7, reference_date=REFERENCE_DATE))
    first = next(r for r in small if r["resourceType"] == "Patient")
    assert first in large


def test_generation_is_lazy() -> None:
    stream = generate(patients=10_000, seed=1, reference_date=REFERENCE_DATE)
    assert next(stream)["resourceType"] == "Organization"
