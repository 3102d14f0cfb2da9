"""Two nurses who finish the same care-plan occurrence offline meet on one Task id: the second
create is refused by the platform (create-only, ``ifNoneMatch: *``) and becomes a conflict for
a person, never a second silent completion and never an overwrite. A lost answer to such a
create is still recognised as our own write."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from client import BundleEntryRequest
from clinical.records import Staff
from clinical.records.task_writer import SHIFT_TASK, task_done, task_to_do
from offline.datakey import DataKey
from sync import SyncScope
from sync.outgoing import derived_id
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine, open_store, platform_resources

pytestmark = pytest.mark.integration

OSLO = ZoneInfo("Europe/Oslo")
AT = dt.datetime(2026, 1, 15, 9, 0, tzinfo=OSLO)
KEY = "CarePlan/cp-1/activity/0/2026-01-15T08:00:00Z"
PATIENT = {
    "resourceType": "Patient",
    "id": "p-derived",
    "name": [{"family": "Hansen", "given": ["Ingrid"]}],
}
ANNE = Staff("anne", "Anne Dagvakt", "9100011", "SP")
BODIL = Staff("bodil", "Bodil Dagvakt", "9100012", "SP")


def occurrence() -> dict[str, Any]:
    return task_to_do(
        patient_id=PATIENT["id"],
        code=SHIFT_TASK,
        description="Sårstell",
        due=AT,
        requester=ANNE,
        authored=AT,
        key=KEY,
    )


def test_only_a_derived_id_is_created_create_only() -> None:
    task = occurrence()
    assert derived_id(task["id"])
    assert not derived_id("9b2c2c6e-0d8a-4a55-9f35-3c7c52bd1f0a")  # a random (v4) id
    assert not derived_id("not-a-uuid")
    entry = BundleEntryRequest.create(task, only_if_absent=True).to_entry()
    assert entry["request"] == {"method": "PUT", "url": f"Task/{task['id']}", "ifNoneMatch": "*"}


def test_the_platform_refuses_a_create_only_write_of_an_existing_id(platform: Platform) -> None:
    task = occurrence()
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [BundleEntryRequest.create(task, only_if_absent=True).to_entry()],
    }
    with httpx.Client(timeout=30) as http:
        first = http.post(platform.fhir_base, json=bundle)
        again = http.post(platform.fhir_base, json=bundle)
        single = http.put(
            f"{platform.fhir_base}/Task/{task['id']}", json=task, headers={"If-None-Match": "*"}
        )
    assert first.status_code == 200
    assert first.json()["entry"][0]["response"]["status"].startswith("201")
    assert again.status_code == 412
    assert single.status_code == 412


def completion(store_dir: Path, platform: Platform, by: Staff) -> Any:
    store = open_store(store_dir, DataKey.generate())
    store.apply_server_resources([{**PATIENT, "meta": {"versionId": "1"}}])
    store.write_all([task_done(occurrence(), by=by, at=AT)])
    return store


@pytest.mark.parametrize("client_ids", [True, False], ids=["put", "conditional-create"])
@pytest.mark.parametrize(
    "bundles", ["transaction", "batch", "none"], ids=["transaction", "batch", "one-by-one"]
)
def test_a_second_offline_completion_is_a_conflict_not_an_overwrite(
    bundles: str, client_ids: bool, platform: Platform, tmp_path: Path
) -> None:
    """Where the platform refuses our ids, the second create's ``If-None-Exist`` finds the first
    nurse's Task by the identifier both derived: that is a colleague's record, not our lost
    answer, unless it holds what we sent."""
    # how the platform takes writes, and whether it keeps our ids
    platform.set_profile("default", bundles=bundles, client_ids=client_ids)
    platform.load_ndjson([json.dumps(PATIENT)])
    scope = SyncScope(patients=(PATIENT["id"],))
    anne_dir, bodil_dir = tmp_path / "anne", tmp_path / "bodil"
    anne_dir.mkdir()
    bodil_dir.mkdir()
    with (
        completion(anne_dir, platform, ANNE) as anne,
        completion(bodil_dir, platform, BODIL) as bodil,
        make_client(platform) as client,
    ):
        first = make_engine(anne, client, scope, anne_dir).run()
        second = make_engine(bodil, client, scope, bodil_dir).run()
        assert first.pushed == 1
        assert second.conflicts_detected == 1
        (conflict,) = bodil.open_conflicts()
        assert conflict.resource_type == "Task"
        assert conflict.local is not None
        assert conflict.remote is not None
        assert conflict.local["owner"]["display"] == BODIL.name
        assert conflict.remote["owner"]["display"] == ANNE.name
        tasks = platform_resources(platform, "Task")
        assert len(tasks) == 1
        assert tasks[0]["owner"]["display"] == ANNE.name  # Anne's completion was not overwritten
        assert bodil.outbox_status().pending >= 1  # Bodil's waits for a person's decision


@pytest.mark.parametrize("client_ids", [True, False], ids=["put", "conditional-create"])
def test_a_lost_answer_to_a_create_only_write_is_our_own(
    client_ids: bool, platform: Platform, tmp_path: Path
) -> None:
    platform.set_profile("default", client_ids=client_ids)
    platform.load_ndjson([json.dumps(PATIENT)])
    scope = SyncScope(patients=(PATIENT["id"],))
    with completion(tmp_path, platform, ANNE) as anne, make_client(platform) as client:
        platform.set_faults(drop_after_commit={"count": 1, "method": "POST"})
        make_engine(anne, client, scope, tmp_path).run()
        make_engine(anne, client, scope, tmp_path).run()
        assert anne.open_conflicts() == []
        assert anne.outbox_status().pending == 0
        assert len(platform_resources(platform, "Task")) == 1
