"""Deterministic synthetic Norwegian municipal care data (FHIR R4) for tests, demos and load.

``generate(patients=…, seed=…, reference_date=…)`` streams resources; ``municipality_profile``
says how many wards and districts a patient count gives. See README.md.
"""

from tests.synthetic.generator import generate
from tests.synthetic.profile import MunicipalityProfile, municipality_profile

__all__ = ["MunicipalityProfile", "generate", "municipality_profile"]
