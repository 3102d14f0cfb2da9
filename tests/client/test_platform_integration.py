"""The client against the real local journal platform (Node + Medplum router) over HTTP."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from client import (
    BundleEntryRequest,
    ConnectionFailed,
    FhirClient,
    Gone,
    MultipleMatches,
    NotFound,
    RetryPolicy,
    VersionConflict,
)
from tests.client.fakes import FakeSleep
from tests.platform.launcher import Platform

pytestmark = pytest.mark.integration

FNR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.1"
# Synthetic fødselsnumre: month + 80, valid mod-11 check digits.
FNR_A = "01815000040"
FNR_B = "02825000105"


def person(fnr: str, family: str = "Testesen") -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "identifier": [{"system": FNR_SYSTEM, "value": fnr}],
        "name": [{"family": family, "given": ["Test"]}],
    }


@pytest.fixture
def sleep() -> FakeSleep:
    return FakeSleep()


@pytest.fixture
def fhir(platform: Platform, sleep: FakeSleep) -> Iterator[FhirClient]:
    client = FhirClient(
        platform.fhir_base,
        sleep=sleep,
        retry=RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05),
    )
    with client:
        yield client


def test_metadata_describes_the_platform(fhir: FhirClient) -> None:
    caps = fhir.capabilities()
    assert caps.fhir_version == "4.0.1"
    assert caps.transaction
    assert caps.batch
    assert caps.history_system
    patient = caps.resource("Patient")
    assert patient.update_create
    assert patient.versioned_update
    assert patient.conditional_create
    assert patient.history_type
    assert "identifier" in caps.search_params("Patient")


def test_create_read_vread_update_conflict_delete_gone(fhir: FhirClient) -> None:
    created = fhir.create(person(FNR_A))
    assert created.created
    assert created.resource_id is not None
    assert created.version_id is not None
    pid, v1 = created.resource_id, created.version_id

    current = fhir.read("Patient", pid)
    assert current["meta"]["versionId"] == v1

    current["active"] = True
    updated = fhir.update(current, version_id=v1)
    assert not updated.created
    assert updated.version_id not in {None, v1}
    assert updated.resource is not None
    assert updated.resource["active"] is True

    assert "active" not in fhir.vread("Patient", pid, v1)

    with pytest.raises(VersionConflict):
        fhir.update(current, version_id=v1)
    with pytest.raises(VersionConflict):
        fhir.delete("Patient", pid, version_id=v1)

    fhir.delete("Patient", pid, version_id=updated.version_id)
    with pytest.raises(Gone):
        fhir.read("Patient", pid)


def test_a_create_only_put_never_replaces_an_existing_resource(fhir: FhirClient) -> None:
    first = fhir.create(person(FNR_A), only_if_absent=True)
    assert first.created
    other = {**person(FNR_A, family="Annensen"), "id": first.resource_id}
    with pytest.raises(VersionConflict):
        fhir.create(other, only_if_absent=True)
    assert fhir.read("Patient", str(first.resource_id))["name"][0]["family"] == "Testesen"


def test_read_of_an_unknown_id_is_not_found(fhir: FhirClient) -> None:
    with pytest.raises(NotFound) as caught:
        fhir.read("Patient", "00000000-0000-4000-8000-000000000000")
    assert not isinstance(caught.value, Gone)


def test_search_pages_to_the_end(platform: Platform, fhir: FhirClient) -> None:
    platform.load_ndjson(
        json.dumps(
            {"resourceType": "Patient", "id": f"pg-{n:02d}", "name": [{"family": "Sidesen"}]}
        )
        for n in range(25)
    )
    pages = list(fhir.search_pages("Patient", {"family": "Sidesen"}, count=10))
    assert [len(p.resources) for p in pages] == [10, 10, 5]
    ids = [r["id"] for p in pages for r in p.resources]
    assert sorted(ids) == [f"pg-{n:02d}" for n in range(25)]
    assert pages[-1].next_url is None
    assert all(p.skipped == [] for p in pages)


def test_conditional_create_creates_then_finds(fhir: FhirClient) -> None:
    query = f"identifier={FNR_SYSTEM}|{FNR_A}"
    first = fhir.conditional_create(person(FNR_A), query=query)
    second = fhir.conditional_create(person(FNR_A), query=query)
    assert first.created
    assert not second.created
    assert second.resource_id == first.resource_id


def test_conditional_create_with_duplicates_is_multiple_matches(
    platform: Platform, fhir: FhirClient
) -> None:
    fhir.create(person(FNR_B))
    fhir.create(person(FNR_B))
    with pytest.raises(MultipleMatches):
        fhir.conditional_create(person(FNR_B), query=f"identifier={FNR_SYSTEM}|{FNR_B}")


def test_transaction_commits_all_entries(fhir: FhirClient) -> None:
    existing = fhir.create(person(FNR_A))
    assert existing.resource is not None
    entries = [
        BundleEntryRequest.create(person(FNR_B)),
        BundleEntryRequest.update(
            {**existing.resource, "active": False}, version_id=existing.version_id
        ),
    ]
    created, updated = fhir.transaction(entries)
    assert created.status == 201
    assert updated.status == 200
    assert created.version_id is not None
    assert updated.version_id not in {None, existing.version_id}
    assert created.resource_id == entries[0].url.split("/")[1]
    assert fhir.read("Patient", created.resource_id)["identifier"][0]["value"] == FNR_B


def test_failed_transaction_changes_nothing(fhir: FhirClient) -> None:
    existing = fhir.create(person(FNR_A))
    assert existing.resource is not None
    stale = {**existing.resource, "active": True}
    fhir.update(stale, version_id=existing.version_id)
    fresh = BundleEntryRequest.create(person(FNR_B))
    with pytest.raises(VersionConflict):
        fhir.transaction([fresh, BundleEntryRequest.update(stale, version_id=existing.version_id)])
    with pytest.raises(NotFound):
        fhir.read("Patient", fresh.url.split("/")[1])


def test_batch_reports_each_entry(fhir: FhirClient) -> None:
    existing = fhir.create(person(FNR_A))
    assert existing.resource is not None
    fhir.update(existing.resource, version_id=existing.version_id)
    ok, stale = fhir.batch(
        [
            BundleEntryRequest.create(person(FNR_B)),
            BundleEntryRequest.update(existing.resource, version_id=existing.version_id),
        ]
    )
    assert ok.ok
    assert isinstance(stale.error(), VersionConflict)


def test_type_history_since_reports_deletions(fhir: FhirClient) -> None:
    before = fhir.create(person(FNR_A))
    since = datetime.now(UTC) - timedelta(seconds=1)
    kept = fhir.create(person(FNR_B))
    assert before.resource_id is not None
    assert kept.resource_id is not None
    fhir.delete("Patient", before.resource_id, version_id=before.version_id)
    entries = [
        e for page in fhir.history_type("Patient", since=since, count=1) for e in page.entries
    ]
    deletions = [e for e in entries if e.deleted]
    assert [(e.resource_id, e.resource) for e in deletions] == [(before.resource_id, None)]
    assert kept.resource_id in {e.resource_id for e in entries if not e.deleted}

    system = [e for page in fhir.history_system(since=since) for e in page.entries]
    assert before.resource_id in {e.resource_id for e in system if e.deleted}


def test_500_is_retried_for_get(platform: Platform, fhir: FhirClient, sleep: FakeSleep) -> None:
    created = fhir.create(person(FNR_A))
    assert created.resource_id is not None
    platform.set_faults(error={"status": 500, "count": 1, "method": "GET"})
    assert fhir.read("Patient", created.resource_id)["id"] == created.resource_id
    assert len(sleep.delays) == 1


def test_429_retry_after_is_honoured(
    platform: Platform, fhir: FhirClient, sleep: FakeSleep
) -> None:
    platform.set_faults(throttle={"count": 1, "retry_after": 3})
    assert list(fhir.search("Patient")) == []
    assert sleep.delays == [3.0]


def test_connection_reset_is_retried_for_get(
    platform: Platform, fhir: FhirClient, sleep: FakeSleep
) -> None:
    created = fhir.create(person(FNR_A))
    assert created.resource_id is not None
    platform.set_faults(reset_connection={"count": 1, "method": "GET"})
    assert fhir.read("Patient", created.resource_id)["id"] == created.resource_id
    assert len(sleep.delays) == 1


def test_connection_reset_is_not_retried_for_a_blind_update(
    platform: Platform, fhir: FhirClient, sleep: FakeSleep
) -> None:
    created = fhir.create(person(FNR_A))
    assert created.resource is not None
    platform.set_faults(reset_connection={"count": 1, "method": "PUT"})
    with pytest.raises(ConnectionFailed) as caught:
        fhir.update({**created.resource, "active": True}, version_id=None)
    assert caught.value.sent
    assert sleep.delays == []
    assert platform.faults()["reset_connection"] is None
    assert "active" not in fhir.read("Patient", created.resource["id"])


def test_response_lost_after_commit_of_a_put_create_is_retried_safely(
    platform: Platform, fhir: FhirClient
) -> None:
    platform.set_faults(drop_after_commit={"count": 1, "method": "PUT"})
    result = fhir.create(person(FNR_A))
    assert result.resource_id is not None
    assert [r["id"] for r in fhir.search("Patient")] == [result.resource_id]


def test_response_lost_after_an_if_match_update_surfaces_as_conflict(
    platform: Platform, fhir: FhirClient
) -> None:
    # The replay meets the version our first attempt wrote: a 412 the sync engine resolves by
    # comparing the server's copy with what it sent (see client.retry).
    created = fhir.create(person(FNR_A))
    assert created.resource is not None
    platform.set_faults(drop_after_commit={"count": 1, "method": "PUT"})
    with pytest.raises(VersionConflict):
        fhir.update({**created.resource, "active": True}, version_id=created.version_id)
    assert fhir.read("Patient", created.resource["id"])["active"] is True


def test_identifier_search_logs_nothing_identifying(
    fhir: FhirClient, caplog: pytest.LogCaptureFixture
) -> None:
    created = fhir.create(person(FNR_A, family="Haugseth"))
    caplog.set_level(logging.DEBUG)
    found = list(fhir.search("Patient", {"identifier": f"{FNR_SYSTEM}|{FNR_A}"}))
    fhir.read("Patient", str(created.resource_id))
    assert [r["id"] for r in found] == [created.resource_id]
    assert any(r.name.startswith("httpcore") for r in caplog.records)
    for record in caplog.records:
        text = record.getMessage()
        for secret in (FNR_A, "Haugseth", str(created.resource_id), FNR_SYSTEM):
            assert secret not in text, f"{record.name} logged {secret!r}"
