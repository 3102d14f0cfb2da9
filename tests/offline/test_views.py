"""The read API the views use, at small scale; scale is in tests/bench."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from offline.store import Store
from tests.offline.fhir_factory import FNR_SYSTEM, municipality


def test_ward_core_record_medications_prescriptions_vitals(store: Store) -> None:
    patients = list(municipality(seed=3, patients=6, wards=2))
    for p in patients:
        store.apply_server_resources(p.resources)
    on_ward = {p["id"] for p in store.patients_on_ward("ward-0")}
    assert on_ward == {p.patient_id for p in patients[0::2]}
    p = patients[0]
    record = store.core_record(p.patient_id)
    assert record is not None
    assert record.patient["identifier"][0]["value"] == p.fnr
    assert [
        len(getattr(record, name))
        for name in (
            "allergies",
            "conditions",
            "flags",
            "consents",
            "immunizations",
            "encounters",
            "related_persons",
            "general_practitioners",
        )
    ] == [1, 1, 1, 1, 1, 1, 1, 1]
    meds = store.medication_list(p.patient_id)
    assert sorted(m["code"]["text"] for m in meds.medications.values()) == sorted(p.drugs)
    assert len(meds.statements) == 2
    rx = store.prescriptions(p.patient_id)
    assert (len(rx.requests), len(rx.dispenses), len(rx.medications)) == (2, 2, 2)
    series = store.vital_signs(p.patient_id, codes=["8867-4"])
    assert [o["valueQuantity"]["value"] for o in series] == [63, 60]  # oldest first
    window = store.vital_signs(
        p.patient_id,
        codes=["8867-4", "8310-5"],
        since=datetime(2025, 3, 1, 9, tzinfo=UTC),
        until=datetime(2025, 3, 1, 13, tzinfo=UTC),
    )
    assert [o["code"]["coding"][0]["code"] for o in window] == ["8867-4", "8310-5", "8867-4"]
    assert store.find_by_identifier(FNR_SYSTEM, p.fnr)[0]["id"] == p.patient_id
    assert store.core_record("nobody") is None


def test_route_visits_in_time_order(store: Store) -> None:
    rng = random.Random(4)
    patients = list(municipality(seed=5, patients=3))
    for p in patients:
        store.apply_server_resources(p.resources)
    for hour, p in zip((14, 9, 11), patients, strict=True):
        store.create(
            {
                "resourceType": "Appointment",
                "id": f"a{rng.randint(0, 10**9)}",
                "status": "booked",
                "start": f"2025-03-03T{hour:02d}:00:00+01:00",
                "participant": [
                    {"actor": {"reference": f"Patient/{p.patient_id}"}, "status": "accepted"},
                    {"actor": {"reference": "Location/route-nord"}, "status": "accepted"},
                ],
            }
        )
    visits = store.patients_on_route(
        "Location/route-nord",
        start=datetime(2025, 3, 2, 23, tzinfo=UTC),
        end=datetime(2025, 3, 3, 23, tzinfo=UTC),
    )
    assert [v.patient["id"] for v in visits] == [
        patients[1].patient_id,
        patients[2].patient_id,
        patients[0].patient_id,
    ]


def test_reader_connection_sees_committed_writes(store: Store) -> None:
    p = next(municipality(seed=6, patients=1))
    store.apply_server_resources(p.resources)
    reader = store.open_reader()
    try:
        assert reader.get("Patient", p.patient_id) is not None
    finally:
        reader.close()
