"""Scale parameters give the expected structure, and about a hundred resources per patient."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from tests.synthetic import municipality_profile
from tests.synthetic.ids import IdFactory
from tests.synthetic.medication import medication_catalogue
from tests.synthetic.municipality import build_municipality
from tests.synthetic.samples import town


@pytest.mark.parametrize(
    ("patients", "wards", "homes", "districts", "fastleger"),
    [
        (1, 1, 1, 0, 2),
        (20, 1, 1, 0, 2),
        (21, 1, 1, 1, 2),
        (200, 3, 1, 1, 5),
        (10_000, 125, 32, 50, 250),
    ],
)
def test_profile_counts(
    patients: int, wards: int, homes: int, districts: int, fastleger: int
) -> None:
    profile = municipality_profile(patients)
    assert (profile.wards, profile.nursing_homes, profile.districts, profile.fastleger) == (
        wards,
        homes,
        districts,
        fastleger,
    )
    assert profile.nursing_home_patients + profile.home_care_patients == patients


def test_profile_rejects_no_patients() -> None:
    with pytest.raises(ValueError):
        municipality_profile(0)


def test_generated_counts_follow_the_profile() -> None:
    counts = Counter(r["resourceType"] for r in town())
    profile = municipality_profile(200)
    assert counts["Patient"] == 200
    # A tiltaksplan each, and a monitoring plan with its limits for those followed up at home.
    assert counts["CarePlan"] == 200 + counts["Goal"]
    # A building per nursing home; per ward the ward and 20 rooms; per district the district and
    # 4 routes; one home per home-care patient.
    expected = profile.nursing_homes + profile.wards * 21 + profile.districts * 5 + 150
    assert counts["Location"] == expected
    assert counts["Practitioner"] == counts["PractitionerRole"]


def test_about_a_hundred_resources_per_patient_at_municipality_scale() -> None:
    resources = town()
    structure = sum(1 for r in resources if r["resourceType"] in _STRUCTURE)
    per_patient = (len(resources) - structure) / 200
    assert 80 <= per_patient <= 130

    ids = IdFactory(1)
    big = municipality_profile(10_000)
    big_structure = sum(1 for _ in build_municipality(big, ids, random.Random(1)).resources())
    big_structure += sum(1 for _ in medication_catalogue(ids))
    # A quarter of the patients live in wards in both profiles, so the mix is the same.
    estimate = big_structure + per_patient * 10_000
    assert 800_000 <= estimate <= 1_300_000


_STRUCTURE = {"Organization", "Practitioner", "PractitionerRole", "Medication"}
