"""``round_inputs``: a whole unit's medication-round resources in a few queries, the same
resources the per-patient reads give."""

from __future__ import annotations

from datetime import UTC, datetime

from offline.store import Store
from tests.offline.fhir_factory import municipality

SINCE = datetime(2025, 3, 3, 6, tzinfo=UTC)
UNTIL = datetime(2025, 3, 3, 14, tzinfo=UTC)


def _administration(rid: str, patient_id: str, at: str) -> dict[str, object]:
    return {
        "resourceType": "MedicationAdministration",
        "id": rid,
        "status": "completed",
        "subject": {"reference": f"Patient/{patient_id}"},
        "effectiveDateTime": at,
        "medicationCodeableConcept": {"text": "Paracet"},
    }


def _ids(resources: list[dict[str, object]]) -> set[object]:
    return {r["id"] for r in resources}


def test_round_inputs_match_the_per_patient_reads(store: Store) -> None:
    patients = list(municipality(seed=11, patients=4, wards=2))
    for p in patients:
        store.apply_server_resources(p.resources)
    first = patients[0].patient_id
    store.create(_administration("in-window", first, "2025-03-03T08:00:00+01:00"))
    store.create(_administration("before", first, "2025-03-03T06:59:00+01:00"))
    store.create(_administration("after", first, "2025-03-03T15:00:00+01:00"))
    store.create(
        {
            "resourceType": "Task",
            "id": "followup",
            "status": "requested",
            "intent": "order",
            "for": {"reference": f"Patient/{first}"},
        }
    )
    wanted = [p.patient_id for p in patients] + ["nobody"]

    found = store.round_inputs(wanted, since=SINCE, until=UNTIL)

    assert list(found) == wanted
    for p in patients:
        inputs = found[p.patient_id]
        listed = store.medication_list(p.patient_id)
        prescribed = store.prescriptions(p.patient_id)
        assert _ids(inputs.statements) == _ids(listed.statements)
        assert _ids(inputs.requests) == _ids(prescribed.requests)
        assert inputs.medications == {**listed.medications, **prescribed.medications}
    assert _ids(found[first].administrations) == {"in-window"}
    assert _ids(found[first].tasks) == {"followup"}
    assert found[patients[1].patient_id].administrations == []
    nobody = found["nobody"]
    assert (nobody.statements, nobody.requests, nobody.tasks, nobody.medications) == (
        [],
        [],
        [],
        {},
    )


def test_round_inputs_of_no_patients_is_empty(store: Store) -> None:
    assert store.round_inputs([], since=SINCE, until=UNTIL) == {}
