"""Push against the real platform: creates by PUT, If-Match, lost answers, quarantine, auth."""

from __future__ import annotations

from pathlib import Path

import httpx

from client import BearerAuth, FhirClient
from offline.store import Store
from sync import SyncOutcome, SyncScope
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine, platform_resources, strip
from tests.sync.world import new_observation, new_patient


def test_local_create_update_delete_reach_the_platform(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    pat = store.create(new_patient(1))
    obs = store.create(new_observation(pat["id"]))
    engine = make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir)

    first = engine.run()
    assert first.ok
    assert first.pushed == 2
    assert strip(client.read("Observation", obs["id"])) == strip(obs)

    changed = {**store.get("Observation", obs["id"]), "status": "amended"}  # type: ignore[dict-item]
    store.update(changed)
    assert engine.run().pushed == 1
    assert client.read("Observation", obs["id"])["status"] == "amended"

    store.delete("Observation", obs["id"])
    assert engine.run().pushed == 1
    assert platform_resources(platform, "Observation") == []
    assert store.outbox_status().pending == 0


def test_lost_answer_after_commit_is_recognised_as_our_own_write(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    pat = store.create(new_patient(2))
    with make_client(platform) as client:
        engine = make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir)
        assert engine.run().ok
        store.update({**store.get("Patient", pat["id"]), "gender": "female"})  # type: ignore[dict-item]
        platform.set_faults(drop_after_commit={"count": 1, "method": "POST", "path_prefix": ""})
        summary = engine.run()
    assert summary.ok, summary.error
    assert summary.lost_answers_recovered == 1
    assert store.outbox_status().pending == 0
    history = httpx.get(f"{platform.fhir_base}/Patient/{pat['id']}/_history").json()
    assert history["total"] == 2  # the create and one update: the replay wrote nothing


def test_a_rejected_entry_is_quarantined_and_the_rest_flows(
    platform: Platform, store: Store, client: FhirClient, data_dir: Path
) -> None:
    pat = store.create(new_patient(3))
    good = [store.create(new_observation(pat["id"], value=v)) for v in range(6)]
    bad = store.create({**new_observation(pat["id"]), "bogusField": 1})  # not R4: never sent
    engine = make_engine(store, client, SyncScope(patients=(pat["id"],)), data_dir)

    summary = engine.run()

    assert summary.ok, summary.error
    assert summary.quarantined == 1
    assert summary.pushed == 7
    on_platform = {o["id"] for o in platform_resources(platform, "Observation")}
    assert on_platform == {o["id"] for o in good}
    quarantined = [e for e in store.outbox() if e.state == "quarantined"]
    assert [e.resource_id for e in quarantined] == [bad["id"]]
    assert quarantined[0].last_error


def test_sign_in_required_stops_and_keeps_everything(store: Store, data_dir: Path) -> None:
    with Platform.start(auth_token="secret-test-token") as guarded:
        pat = store.create(new_patient(4))
        scope = SyncScope(patients=(pat["id"],))
        with make_client(guarded) as anonymous:
            summary = make_engine(store, anonymous, scope, data_dir).run()
        assert summary.outcome is SyncOutcome.SIGN_IN_REQUIRED
        assert summary.status.connectivity == "sign_in_required"
        assert store.outbox_status().pending == 1
        with make_client(guarded, auth=BearerAuth("secret-test-token")) as signed_in:
            assert make_engine(store, signed_in, scope, data_dir).run().ok
        assert store.outbox_status().pending == 0
