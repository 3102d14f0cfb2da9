"""Patients leave the store when they leave the scope, whatever scope brought them, as soon as
nothing of theirs is unsent; the local audit log follows its retention policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from client import FhirClient
from clinical.records import Staff
from clinical.records.audit import AccessBasis, Organisation, RecordAccess, record_access_event
from offline.store import Store
from sync import SyncScope
from tests.platform.launcher import Platform
from tests.sync.helpers import make_engine
from tests.sync.test_pull import put
from tests.sync.world import Ward, load_ward


def stay_of(ward: Ward, patient_id: str) -> dict[str, Any]:
    return next(
        e
        for e in ward.of_type("Encounter")
        if e["subject"]["reference"] == f"Patient/{patient_id}" and e["status"] == "in-progress"
    )


def held(store: Store, patient_id: str) -> int:
    rows = store._conn.execute(
        "SELECT count(*) FROM resource WHERE patient_id = ? AND tombstone = 0", (patient_id,)
    )
    return int(rows.fetchone()[0])


def test_a_ward_change_purges_the_whole_old_scope(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    """The workstation moves from the nursing-home unit to two home-care patients."""
    ward = load_ward(platform, patients=30)
    assert make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir).run().ok
    old = store.held_patients()
    assert old == set(ward.residents)
    at_home = sorted({p["id"] for p in ward.of_type("Patient")} - old)[:2]

    summary = make_engine(store, client, SyncScope(patients=tuple(at_home)), data_dir).run()

    assert summary.ok, summary.error
    assert summary.purged_patients == len(old)
    assert store.held_patients() == set(at_home)
    assert all(held(store, p) == 0 for p in old)


def test_a_record_kept_back_for_unsent_changes_goes_after_its_upload(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=3)
    engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
    assert engine.run().ok
    leaver = ward.residents[0]
    condition = next(
        c for c in ward.of_type("Condition") if c["subject"]["reference"] == f"Patient/{leaver}"
    )
    # Edited here and on the platform: the upload waits for the nurse's decision.
    store.update({**store.get("Condition", condition["id"]), "note": [{"text": "her"}]})  # type: ignore[dict-item]
    put(platform, {**condition, "note": [{"text": "der"}]})
    put(platform, {**stay_of(ward, leaver), "status": "finished"})

    first = engine.run()

    assert first.ok, first.error
    assert first.purged_patients == 1
    assert held(store, leaver) == 2  # the unsent Condition, and the Patient it needs
    [conflict] = store.open_conflicts()
    store.resolve_conflict(conflict.conflict_id, resolution="local")

    after_upload = engine.run()

    assert after_upload.ok, after_upload.error
    assert after_upload.pushed == 1
    assert held(store, leaver) == 0
    assert store.get("Patient", leaver) is None
    assert store.get("Condition", condition["id"]) is None


def test_local_audit_about_a_purged_patient_follows_the_retention_policy(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=3)
    engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
    assert engine.run().ok
    leaver = ward.residents[0]
    event = record_access_event(
        RecordAccess(
            patient_id=leaver,
            user=Staff(practitioner_id="p1", name="Kari Sykepleier", hpr="900000017", role=None),
            organisation=Organisation("313231593", "Testkommune"),
            basis=AccessBasis.CONSENT,
            at=dt.datetime.now(dt.UTC),
            workstation="ward-pc-3",
        )
    )
    store.record_access(leaver, basis="SAMTYKKE", view="core-record", audit_event=event)
    put(platform, {**stay_of(ward, leaver), "status": "finished"})

    kept = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir).run()

    assert kept.ok, kept.error
    assert store.get("AuditEvent", event["id"]) is None  # uploaded, then purged with her
    about_her = [r for r in store.audit_log(limit=1000) if r.patient_id == leaver]
    assert {r.action for r in about_her} >= {"open-record", "purge-patient"}  # within retention

    expired = make_engine(
        store, client, SyncScope(units=(ward.unit,)), data_dir, audit_retention=dt.timedelta(0)
    ).run()

    assert expired.ok, expired.error
    assert [r for r in store.audit_log(limit=1000) if r.patient_id == leaver] == []
    staying = ward.residents[1]
    store.record_access(staying, basis="SAMTYKKE", view="core-record")
    make_engine(
        store, client, SyncScope(units=(ward.unit,)), data_dir, audit_retention=dt.timedelta(0)
    ).run()
    assert [r.action for r in store.audit_log(limit=1000) if r.patient_id == staying] == [
        "open-record"
    ]  # a patient still here keeps every line


def test_a_record_in_a_members_compartment_too_stays_when_its_subject_leaves(
    store: Store,
) -> None:
    """An observation of Y performed by member X is in X's compartment (CompartmentDefinition
    Observation: subject, performer): Y leaving must not take it from X."""
    meta = {"versionId": "1", "lastUpdated": "2026-03-02T10:00:00.000Z"}
    shared = {
        "resourceType": "Observation",
        "id": "o-shared",
        "meta": meta,
        "status": "final",
        "code": {"text": "Puls"},
        "subject": {"reference": "Patient/y"},
        "performer": [{"reference": "Patient/x"}],
    }
    only_y = {**shared, "id": "o-y", "performer": []}
    patient_y = {"resourceType": "Patient", "id": "y", "meta": meta}
    store.apply_server_resources([shared, only_y, patient_y])

    [result] = store.purge_patients(["y"], keep_referencing={"x"})

    assert result.removed == 2
    assert store.get("Observation", "o-shared") is not None
    assert store.get("Observation", "o-y") is None
    assert store.get("Patient", "y") is None
