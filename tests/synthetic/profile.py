"""How big a synthetic municipality is: wards, nursing homes, home-care districts, GPs."""

from __future__ import annotations

import math
from dataclasses import dataclass

WARD_SIZE = 20
WARDS_PER_NURSING_HOME = 4
DISTRICT_SIZE = 150
PATIENTS_PER_FASTLEGE = 40
FASTLEGER_PER_OFFICE = 6
NURSING_HOME_SHARE = 4  # one patient in four lives in a nursing home


@dataclass(frozen=True, slots=True)
class MunicipalityProfile:
    """Counts that fix the municipality's structure; patients fill wards first, then districts."""

    patients: int
    nursing_home_patients: int
    home_care_patients: int
    wards: int
    nursing_homes: int
    districts: int
    fastleger: int
    gp_offices: int

    def placement(self, index: int) -> tuple[str, int, int]:
        """Where patient ``index`` lives: ("ward", ward, slot) or ("district", district, slot)."""
        if not 0 <= index < self.patients:
            raise IndexError(index)
        if index < self.nursing_home_patients:
            return "ward", index // WARD_SIZE, index % WARD_SIZE
        home_index = index - self.nursing_home_patients
        return "district", home_index // DISTRICT_SIZE, home_index % DISTRICT_SIZE


def municipality_profile(patients: int) -> MunicipalityProfile:
    """The structure for ``patients`` care recipients; up to 20 is one nursing-home ward."""
    if patients < 1:
        raise ValueError("a municipality needs at least one patient")
    if patients <= WARD_SIZE:
        nursing_home = patients
    else:
        nursing_home = max(WARD_SIZE, patients // NURSING_HOME_SHARE)
    home_care = patients - nursing_home
    wards = math.ceil(nursing_home / WARD_SIZE)
    fastleger = max(2, math.ceil(patients / PATIENTS_PER_FASTLEGE))
    return MunicipalityProfile(
        patients=patients,
        nursing_home_patients=nursing_home,
        home_care_patients=home_care,
        wards=wards,
        nursing_homes=math.ceil(wards / WARDS_PER_NURSING_HOME),
        districts=math.ceil(home_care / DISTRICT_SIZE),
        fastleger=fastleger,
        gp_offices=math.ceil(fastleger / FASTLEGER_PER_OFFICE),
    )
