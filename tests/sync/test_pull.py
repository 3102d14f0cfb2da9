"""Pull against the real platform: scope, incremental changes, deletes, scope exit, cursors."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any, cast

import httpx

from client import FhirClient
from offline.store import Store
from offline.types import Checkpoint
from sync import SyncScope, VisitPlan
from sync.pull.incremental import PRELOAD_BUDGET, _Changed, _waves
from tests.platform.launcher import Platform
from tests.sync.helpers import REFERENCE_DATE, make_engine, strip
from tests.sync.world import load_ward


def put(platform: Platform, resource: dict) -> dict:
    response = httpx.put(
        f"{platform.fhir_base}/{resource['resourceType']}/{resource['id']}",
        json={k: v for k, v in resource.items() if k != "meta"},
        headers={"Content-Type": "application/fhir+json"},
    )
    assert response.status_code in (200, 201), response.text
    if not response.content:  # a platform that answers writes without a body
        response = httpx.get(f"{platform.fhir_base}/{resource['resourceType']}/{resource['id']}")
    return response.json()


def delete(platform: Platform, resource_type: str, resource_id: str) -> None:
    assert httpx.delete(f"{platform.fhir_base}/{resource_type}/{resource_id}").status_code == 200


def test_ward_scope_pulls_residents_and_what_they_reference(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=4)
    summary = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir).run()
    assert summary.ok, summary.error
    assert summary.members == len(ward.residents) == 4
    for resource in ward.resources:
        held = store.get(resource["resourceType"], resource["id"])
        if resource["resourceType"] in ("Observation", "Patient", "MedicationStatement"):
            assert strip(held) == strip(resource)
    gp = store.get("Patient", ward.residents[0])["generalPractitioner"][0]["reference"]  # type: ignore[index]
    assert store.get(*gp.split("/")) is not None


def test_incremental_changes_deletes_and_recreates_reach_the_store(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=3)
    engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
    assert engine.run().ok
    time.sleep(1.2)  # past the test overlap: the next run asks only for what changed
    observations = [
        o
        for o in ward.of_type("Observation")
        if o["subject"]["reference"] == f"Patient/{ward.residents[0]}"
    ]
    changed, gone, recreated = observations[0], observations[1], observations[2]
    put(platform, {**changed, "status": "amended"})
    delete(platform, "Observation", gone["id"])
    delete(platform, "Observation", recreated["id"])
    put(platform, {**recreated, "status": "corrected"})

    summary = engine.run()

    assert summary.ok, summary.error
    assert summary.pulled == 2
    assert summary.deleted == 1
    assert store.get("Observation", changed["id"])["status"] == "amended"  # type: ignore[index]
    assert store.get("Observation", gone["id"]) is None
    assert store.get("Observation", recreated["id"])["status"] == "corrected"  # type: ignore[index]
    # Counts per type and scoped searches of the types that changed: nothing per patient.
    assert engine.strategy is not None
    assert summary.pages <= 2 * len(engine.strategy.compartment) + 20


def test_a_patient_leaving_the_unit_is_purged_except_unsent_work(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=3)
    engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
    assert engine.run().ok
    leaver = ward.residents[0]
    stay = next(
        e
        for e in ward.of_type("Encounter")
        if e["subject"]["reference"] == f"Patient/{leaver}" and e["status"] == "in-progress"
    )
    condition = next(
        c for c in ward.of_type("Condition") if c["subject"]["reference"] == f"Patient/{leaver}"
    )
    # An overlapping edit on both sides: the local Condition stays unsent (an open conflict).
    store.update({**store.get("Condition", condition["id"]), "note": [{"text": "here"}]})  # type: ignore[dict-item]
    put(platform, {**condition, "note": [{"text": "there"}]})
    put(platform, {**stay, "status": "finished"})

    summary = engine.run()

    assert summary.ok, summary.error
    assert summary.purged_patients == 1
    assert summary.members == 2
    assert len(store.open_conflicts()) == 1
    assert store.get("Condition", condition["id"])["note"] == [{"text": "here"}]  # type: ignore[index]
    assert store.get("Patient", leaver) is not None  # kept: its unsent record needs it
    obs = next(
        o for o in ward.of_type("Observation") if o["subject"]["reference"] == f"Patient/{leaver}"
    )
    assert store.get("Observation", obs["id"]) is None
    assert store.get("Encounter", stay["id"]) is None
    assert store.get("Patient", ward.residents[1]) is not None


def test_visit_plan_scope_pulls_the_days_patients(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    load_ward(platform, patients=30)  # above 20 patients, most live at home
    visits = httpx.get(f"{platform.fhir_base}/Appointment", params={"_count": "1000"}).json()
    appointment = visits["entry"][0]["resource"]
    route = next(
        p["actor"]["reference"]
        for p in appointment["participant"]
        if p["actor"]["reference"].startswith("Location/") and p["required"] == "information-only"
    )
    day = dt.date.fromisoformat(appointment["start"][:10])
    plan = VisitPlan(route=route, day=day)
    summary = make_engine(store, client, SyncScope(visit_plans=(plan,)), data_dir).run()
    assert summary.ok, summary.error
    patient_id = next(
        p["actor"]["reference"]
        for p in appointment["participant"]
        if p["actor"]["reference"].startswith("Patient/")
    ).split("/")[1]
    assert 1 <= summary.members < 30
    assert store.get("Patient", patient_id) is not None
    assert REFERENCE_DATE - dt.timedelta(days=8) <= day <= REFERENCE_DATE + dt.timedelta(days=8)


def test_an_expired_paging_cursor_restarts_from_the_checkpoint(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=2)
    scope = SyncScope(units=(ward.unit,))
    engine = make_engine(store, client, scope, data_dir)
    assert engine.run().ok
    obs = ward.of_type("Observation")[0]
    put(platform, {**obs, "status": "amended"})
    name = f"pull:{scope.key}:Observation"
    committed = store.checkpoint(name)
    assert committed is not None
    expired = f"{platform.fhir_base}/Observation/00000000-0000-4000-8000-000000000000"
    store.save_checkpoint(Checkpoint(name, committed.watermark, f"link:{expired}"))
    summary = engine.run()
    assert summary.ok, summary.error
    assert store.get("Observation", obs["id"])["status"] == "amended"  # type: ignore[index]
    assert store.checkpoint(name).cursor_url is None  # type: ignore[union-attr]


def test_the_first_pages_of_changed_types_are_batched_in_waves_of_bounded_size() -> None:
    """A re-pull of everything (a whole scope inside the overlap) must not hold every changed
    type's first pages in memory at once; a sync with a few changes still batches them all."""

    def changed(name: str, *, requests: int, changes: int | None) -> _Changed:
        first = [cast(Any, f"{name}-{n}") for n in range(requests)]
        return _Changed(cast(Any, None), name, cast(Any, None), "2026-01-01", first, changes)

    few = [changed(t, requests=3, changes=4) for t in ("Observation", "Condition", "Goal")]
    assert [[c.name for c in wave] for wave in _waves(few, page_size=1000)] == [
        ["Observation", "Condition", "Goal"]
    ]
    many = [changed(f"T{n}", requests=3, changes=2_500) for n in range(6)]
    waves = _waves(many, page_size=1000)
    assert [c.name for wave in waves for c in wave] == [c.name for c in many]  # order kept
    assert all(sum(min(c.changes or 0, 3_000) for c in wave) <= PRELOAD_BUDGET for wave in waves)
    uncounted = [changed(f"U{n}", requests=2, changes=None) for n in range(4)]
    assert len(_waves(uncounted, page_size=1000)) == 4  # 2 full pages each, at most 3 per wave
