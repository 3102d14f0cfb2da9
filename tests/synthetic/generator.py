"""Stream a whole synthetic municipality as FHIR R4 resources, deterministically from a seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from tests.synthetic.core_record import core_record
from tests.synthetic.fhir import Resource
from tests.synthetic.ids import IdFactory
from tests.synthetic.medication import medication_catalogue, medications
from tests.synthetic.municipality import build_municipality
from tests.synthetic.patient import PersonNumbers, new_patient, patient_resources
from tests.synthetic.profile import municipality_profile
from tests.synthetic.shift_work import shift_work
from tests.synthetic.visits import care_plan, home_visits
from tests.synthetic.vitals import vital_signs
from tests.synthetic.welfare import unmatched, welfare

HOME_DAYS = 14
"""Days of home measurements by default: enough for every view, light for tests; the command
line and the demo ask for a year (``--home-days 365``)."""


def generate(
    *, patients: int, seed: int, reference_date: dt.date, home_days: int = HOME_DAYS
) -> Iterator[Resource]:
    """Yield every resource, structure first, then patient by patient; references resolve.

    Memory stays flat: one patient's resources exist at a time, plus the municipality's
    structure (grows with staff) and the set of person numbers handed out (to keep them unique).
    ``reference_date`` is "today" in the data: vitals lie before it, visits around it, home
    measurements fill the ``home_days`` days before it (``tests.synthetic.welfare``).
    """
    profile = municipality_profile(patients)
    ids = IdFactory(seed)
    town = build_municipality(profile, ids, random.Random(f"{seed}/municipality"))
    yield from town.resources()
    yield from medication_catalogue(ids)
    numbers = PersonNumbers()
    for index in range(patients):
        ctx = new_patient(
            index=index,
            seed=seed,
            ids=ids,
            today=reference_date,
            town=town,
            placement=profile.placement(index),
            numbers=numbers,
        )
        yield from patient_resources(ctx, numbers)
        yield from core_record(ctx)
        listed = list(medications(ctx))
        yield from listed
        yield from vital_signs(ctx)
        yield from care_plan(ctx)
        yield from home_visits(ctx)
        yield from shift_work(ctx)
        yield from welfare(ctx, listed, days=home_days)
    yield from unmatched(town, numbers, today=reference_date, seed=seed)
