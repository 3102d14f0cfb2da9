"""PRN effect follow-up Task and effect Observation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clinical.records import (
    PrnEffect,
    RecordBuildError,
    completed_followup,
    effect_followup_task,
    effect_observation,
)
from tests.clinical.records.conftest import AT, COLLEAGUE, NURSE, PATIENT, validate

ADMINISTRATION = "3d1f0c5e-2b7a-4c1d-8e9f-0a1b2c3d4e5f"


def task():
    return effect_followup_task(
        administration_id=ADMINISTRATION,
        patient_id=PATIENT,
        requester=NURSE,
        authored=AT,
        assess_from=AT + timedelta(minutes=30),
        assess_by=AT + timedelta(hours=2),
        medication_display="Paracetamol 1 g",
    )


def test_followup_task_points_at_the_administration_and_patient():
    resource = task()
    validate(resource)
    assert resource["status"] == "requested"
    assert resource["focus"] == {"reference": f"MedicationAdministration/{ADMINISTRATION}"}
    assert resource["for"] == {"reference": f"Patient/{PATIENT}"}
    assert resource["restriction"]["period"]["end"] == "2025-03-12T10:14:00+01:00"
    assert resource["identifier"][0]["value"] == f"urn:uuid:{resource['id']}"


def test_reversed_window_is_refused():
    with pytest.raises(RecordBuildError):
        effect_followup_task(
            administration_id=ADMINISTRATION,
            patient_id=PATIENT,
            requester=NURSE,
            authored=AT,
            assess_from=AT,
            assess_by=AT - timedelta(minutes=1),
            medication_display="x",
        )


def test_effect_observation_is_part_of_the_administration():
    observation = effect_observation(
        administration_id=ADMINISTRATION,
        patient_id=PATIENT,
        performer=COLLEAGUE,
        effective=AT + timedelta(hours=1),
        effect=PrnEffect.PARTLY_EFFECTIVE,
        note="Sover nå",
    )
    validate(observation)
    assert observation["partOf"] == [{"reference": f"MedicationAdministration/{ADMINISTRATION}"}]
    assert observation["valueCodeableConcept"]["coding"][0]["code"] == "partly-effective"
    assert observation["note"] == [{"text": "Sover nå"}]


def test_completed_task_has_the_observation_as_output():
    original = task()
    done = completed_followup(original, observation_id="obs-1", owner=COLLEAGUE, at=AT)
    validate(done)
    assert original["status"] == "requested"
    assert done["id"] == original["id"]
    assert done["status"] == "completed"
    assert done["output"][0]["valueReference"] == {"reference": "Observation/obs-1"}
