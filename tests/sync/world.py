"""Small worlds for sync tests: a synthetic ward loaded on the platform, hand-made resources."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from tests.platform.helpers import observation, patient
from tests.platform.launcher import Platform
from tests.sync.helpers import REFERENCE_DATE
from tests.synthetic import generate


@dataclass(frozen=True)
class Ward:
    """The synthetic resources on the platform, and the ward (unit Location) they live in."""

    resources: list[dict[str, Any]]
    unit: str
    residents: list[str]

    def of_type(self, resource_type: str) -> list[dict[str, Any]]:
        return [r for r in self.resources if r["resourceType"] == resource_type]


def load_ward(platform: Platform, *, patients: int = 4, seed: int = 1) -> Ward:
    """Load a one-ward municipality (up to 20 patients live in one ward)."""
    resources = list(generate(patients=patients, seed=seed, reference_date=REFERENCE_DATE))
    platform.load_ndjson(json.dumps(r) for r in resources)
    stays = [
        r
        for r in resources
        if r["resourceType"] == "Encounter"
        and r.get("status") == "in-progress"
        and len(r.get("location", [])) > 1
    ]
    unit = stays[0]["location"][1]["location"]["reference"].split("/")[1]
    residents = sorted(
        s["subject"]["reference"].split("/")[1]
        for s in stays
        if s["location"][1]["location"]["reference"] == f"Location/{unit}"
    )
    return Ward(resources, unit, residents)


def new_patient(serial: int) -> dict[str, Any]:
    return patient(serial, pid=str(uuid.uuid4()))


def new_observation(patient_id: str, value: float = 72.0) -> dict[str, Any]:
    return {**observation(patient_id, value=value), "id": str(uuid.uuid4())}
