"""A scripted FHIR server for httpx.MockTransport and a client wired to it with no real sleeps."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from client import FhirClient, RetryPolicy

BASE = "https://fhir.example.test/fhir/R4"
NOW = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)

Reply = httpx.Response | BaseException | Callable[[httpx.Request], httpx.Response]


class ScriptedServer:
    """Answers requests from a queue of replies (responses, exceptions to raise, or callables).

    The last reply repeats when the queue runs dry. Every request is recorded.
    """

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, BaseException):
            raise reply
        if callable(reply) and not isinstance(reply, httpx.Response):
            return reply(request)
        return reply

    def body(self, index: int = -1) -> Any:
        """Return the JSON body of request ``index``."""
        return json.loads(self.requests[index].content)


class FakeSleep:
    """Records the delays the client asks for instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def make_client(
    server: ScriptedServer,
    *,
    sleep: FakeSleep | None = None,
    random_value: float = 1.0,
    retry: RetryPolicy | None = None,
    **kwargs: Any,
) -> FhirClient:
    """Return a FhirClient on ``server`` whose sleeps are recorded and whose jitter is fixed."""
    return FhirClient(
        BASE,
        transport=httpx.MockTransport(server),
        sleep=sleep or FakeSleep(),
        random=lambda: random_value,
        clock=lambda: NOW,
        retry=retry or RetryPolicy(max_attempts=4, base_delay=0.5, max_delay=8.0),
        **kwargs,
    )


def outcome(code: str, diagnostics: str = "", expression: str | None = None) -> dict[str, Any]:
    """Return an OperationOutcome with one error issue."""
    issue: dict[str, Any] = {"severity": "error", "code": code}
    if diagnostics:
        issue["diagnostics"] = diagnostics
    if expression:
        issue["expression"] = [expression]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def patient(resource_id: str = "p1", version: str = "1", **fields: Any) -> dict[str, Any]:
    """Return a small valid Patient with meta.versionId."""
    return {
        "resourceType": "Patient",
        "id": resource_id,
        "meta": {"versionId": version, "lastUpdated": "2026-03-02T11:00:00.000Z"},
        **fields,
    }


def searchset(
    resources: list[Any], *, next_url: str | None = None, total: int | None = None
) -> dict[str, Any]:
    """Return a searchset Bundle of ``resources`` with an optional next link."""
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "link": [{"relation": "self", "url": f"{BASE}/Patient"}],
        "entry": [{"resource": r, "search": {"mode": "match"}} for r in resources],
    }
    if next_url:
        bundle["link"].append({"relation": "next", "url": next_url})
    if total is not None:
        bundle["total"] = total
    return bundle
