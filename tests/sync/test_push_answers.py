"""Push: each entry's own status decides its fate; an incomplete answer clears nothing.

The platform is scripted (httpx.MockTransport) so that it can answer what a faulty or
non-conformant server answers: a 200 transaction response whose entries say 412, 400 or 503, or
entries without any status.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from client import FhirClient, RetryPolicy
from offline.store import Store
from sync import SyncOutcome, SyncScope
from sync.push import Fate, entry_fate
from tests.sync.helpers import capability_statement, make_engine
from tests.sync.world import new_observation, new_patient

BASE = "https://fhir.example.test/fhir/R4"
STAMP = "2026-03-02T12:00:00.000Z"

Answer = Callable[[dict[str, Any]], dict[str, Any]]


class ScriptedPlatform:
    """Answers transactions with ``answers`` (one per transaction, last repeats) and reads."""

    def __init__(self, *answers: Answer, server_copy: dict[str, Any] | None = None) -> None:
        self.answers = list(answers)
        self.server_copy = server_copy
        self.transactions: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.endswith("/metadata"):
            return httpx.Response(200, json=capability_statement())
        if request.method == "POST":
            bundle = json.loads(request.read())
            self.transactions.append(bundle)
            answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
            return httpx.Response(200, json=answer(bundle))
        if request.method == "GET" and self.server_copy is not None:
            return httpx.Response(200, json=self.server_copy)
        return httpx.Response(404, json={"resourceType": "OperationOutcome", "issue": []})


def entry(status: str | None, resource: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {} if status is None else {"status": status}
    out: dict[str, Any] = {"response": response}
    if resource is not None and status is not None and status.startswith("2"):
        version = "v-" + resource["id"][:8]
        out["resource"] = {**resource, "meta": {"versionId": version, "lastUpdated": STAMP}}
        response["etag"] = f'W/"{version}"'
    if status is not None and status[:1] == "4":
        response["outcome"] = {
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": "invalid", "diagnostics": "rejected"}],
        }
    return out


def statuses(*codes: str | None) -> Answer:
    """An answer giving the n-th entry of the bundle the n-th status (None: no status at all)."""

    def answer(bundle: dict[str, Any]) -> dict[str, Any]:
        sent = [e.get("resource") for e in bundle["entry"]]
        entries = [entry(code, sent[i] if i < len(sent) else None) for i, code in enumerate(codes)]
        return {"resourceType": "Bundle", "type": "transaction-response", "entry": entries}

    return answer


def all_created(bundle: dict[str, Any]) -> dict[str, Any]:
    return statuses(*["201 Created"] * len(bundle["entry"]))(bundle)


def scripted_client(platform: ScriptedPlatform) -> FhirClient:
    return FhirClient(
        BASE,
        transport=httpx.MockTransport(platform),
        retry=RetryPolicy(max_attempts=1),
    )


def two_creates(store: Store) -> tuple[dict[str, Any], dict[str, Any], SyncScope]:
    pat = store.create(new_patient(31))
    obs = store.create(new_observation(pat["id"]))
    return pat, obs, SyncScope(patients=(pat["id"],))


@pytest.mark.parametrize(
    "answer",
    [
        statuses(None, None),
        statuses("201 Created", None),
        statuses("201 Created"),  # one entry for two sent
        statuses("201 Created", "200 OK", "200 OK"),  # three for two
        statuses("Created", "201 Created"),  # no readable code
    ],
    ids=["no-statuses", "one-missing", "too-few", "too-many", "unreadable"],
)
def test_an_incomplete_answer_clears_nothing(answer: Answer, store: Store, data_dir: Path) -> None:
    _pat, _obs, scope = two_creates(store)
    platform = ScriptedPlatform(answer)
    with scripted_client(platform) as client:
        summary = make_engine(store, client, scope, data_dir).run(push_only=True)
    assert summary.outcome is SyncOutcome.OFFLINE
    assert summary.pushed == 0
    status = store.outbox_status()
    assert (status.pending, status.inflight, status.quarantined) == (2, 0, 0)
    assert len(platform.transactions) == 8  # the engine's attempts, then left for next time


def test_an_entry_answered_400_is_quarantined_and_its_neighbour_is_done(
    store: Store, data_dir: Path
) -> None:
    pat, obs, scope = two_creates(store)
    platform = ScriptedPlatform(statuses("201 Created", "400 Bad Request"))
    with scripted_client(platform) as client:
        summary = make_engine(store, client, scope, data_dir).run(push_only=True)
    assert summary.ok, summary.error
    assert (summary.pushed, summary.quarantined) == (1, 1)
    [left] = store.outbox()
    assert (left.resource_id, left.state) == (obs["id"], "quarantined")
    assert left.last_error == "rejected"
    assert store.get("Patient", pat["id"])["meta"]["versionId"]  # type: ignore[index]


def test_an_entry_answered_412_is_never_cleared_as_sent(store: Store, data_dir: Path) -> None:
    _pat, obs, scope = two_creates(store)
    colleague = {**obs, "status": "cancelled", "meta": {"versionId": "9", "lastUpdated": STAMP}}
    platform = ScriptedPlatform(statuses("201 Created", "412 Precondition Failed"))
    platform.server_copy = colleague
    with scripted_client(platform) as client:
        summary = make_engine(store, client, scope, data_dir).run(push_only=True)
    assert summary.ok, summary.error
    assert summary.pushed == 1
    [conflict] = store.open_conflicts()
    assert conflict.resource_id == obs["id"]
    assert conflict.local["status"] == obs["status"]  # type: ignore[index]
    [left] = store.outbox()
    assert left.resource_id == obs["id"]
    assert store.get("Observation", obs["id"])["status"] == obs["status"]  # type: ignore[index]


def test_an_entry_answered_503_is_sent_again(store: Store, data_dir: Path) -> None:
    _pat, obs, scope = two_creates(store)
    platform = ScriptedPlatform(statuses("201 Created", "503 Service Unavailable"), all_created)
    with scripted_client(platform) as client:
        summary = make_engine(store, client, scope, data_dir).run(push_only=True)
    assert summary.ok, summary.error
    assert summary.pushed == 2
    assert store.outbox() == []
    assert [len(t["entry"]) for t in platform.transactions] == [2, 1]
    assert platform.transactions[1]["entry"][0]["resource"]["id"] == obs["id"]


@pytest.mark.parametrize(
    ("op", "status", "fate"),
    [
        ("create", 201, Fate.DONE),
        ("update", 200, Fate.DONE),
        ("delete", 204, Fate.DONE),
        ("delete", 404, Fate.DONE),
        ("delete", 410, Fate.DONE),
        ("update", 412, Fate.PRECONDITION),
        ("update", 409, Fate.PRECONDITION),
        ("update", 410, Fate.PRECONDITION),
        ("create", 400, Fate.REJECTED),
        ("create", 422, Fate.REJECTED),
        ("update", 403, Fate.REJECTED),
        ("create", 500, Fate.RETRY),
        ("create", 503, Fate.RETRY),
        ("update", 429, Fate.RETRY),
    ],
)
def test_entry_fate_by_status(op: str, status: int, fate: Fate) -> None:
    assert entry_fate(op, status) is fate
