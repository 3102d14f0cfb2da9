"""A home-care nurse's mobile link: few round trips, compressed writes, resumable pages.

Requests are counted, never timed (the timings are tests/bench/bench_mobile_link.py's). A sync
with nothing new is the CapabilityStatement and one batch of searches (sent together,
``sync.pull.opening``), however many patients and types; a platform without batches is asked as
before. A link that drops mid-page (a
``ShapedLink`` cutting the connection) costs at most that page again.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from client import FhirClient
from client.codings import accept_encoding
from client.retry import RetryPolicy
from offline.store import Store
from sync import SyncScope
from sync.backoff import Backoff
from sync.summary import SyncOutcome
from tests.platform.launcher import Platform
from tests.platform.shaping import ShapedLink
from tests.sync.helpers import make_client, make_engine, no_sleep
from tests.sync.test_server_variations import put_resource
from tests.sync.world import load_ward, new_observation

PAST_OVERLAP_S = 1.2  # fast_config's watermark overlap is 1 s


class Recording(httpx.HTTPTransport):
    """Every request as ``(method, path below the base, query pairs, headers)``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sent: list[tuple[str, str, list[tuple[str, str]], httpx.Headers]] = []
        self.bodies: list[bytes] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.split("/fhir/R4", 1)[1].strip("/")
        self.sent.append(
            (request.method, path, parse_qsl(request.url.query.decode()), request.headers)
        )
        self.bodies.append(request.read())
        return super().handle_request(request)

    def since(self, mark: int) -> list[tuple[str, str]]:
        return [(method, path) for method, path, _q, _h in self.sent[mark:]]


@pytest.mark.parametrize(
    ("patients", "only_types"),
    [(2, ("Patient", "Observation")), (12, None)],
    ids=["2-patients-2-types", "12-patients-every-type"],
)
def test_a_sync_with_nothing_new_is_two_requests(
    platform: Platform,
    store: Store,
    data_dir: Path,
    patients: int,
    only_types: tuple[str, ...] | None,
) -> None:
    ward = load_ward(platform, patients=patients)
    time.sleep(PAST_OVERLAP_S)  # the load is not "new" to the second sync
    transport = Recording()
    scope = SyncScope(units=(ward.unit,), only_types=only_types)
    with make_client(platform, transport=transport) as client:
        engine = make_engine(store, client, scope, data_dir)
        assert engine.run().ok
        time.sleep(PAST_OVERLAP_S)
        mark = len(transport.sent)
        summary = engine.run()
    assert summary.ok, summary.error
    assert summary.pulled == 0
    # One batch of searches, sent beside the CapabilityStatement (either may go first).
    assert sorted(transport.since(mark)) == [("GET", "metadata"), ("POST", "")]


def test_without_batches_the_sync_with_nothing_new_asks_search_by_search(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    platform.set_profile("default", bundles="none")
    ward = load_ward(platform, patients=2)
    time.sleep(PAST_OVERLAP_S)
    transport = Recording()
    with make_client(platform, transport=transport) as client:
        engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
        assert engine.run().ok
        time.sleep(PAST_OVERLAP_S)
        mark = len(transport.sent)
        summary = engine.run()
    assert summary.ok, summary.error
    asked = transport.since(mark)
    assert ("POST", "") not in asked
    assert all(method == "GET" for method, _path in asked)
    assert len(asked) == 5  # metadata, server time, members, total, changes: #14's quiet check


def test_write_bodies_go_gzip_compressed_to_a_server_that_decodes_them(
    platform: Platform, store: Store, data_dir: Path
) -> None:
    ward = load_ward(platform, patients=1)
    transport = Recording()
    with make_client(platform, transport=transport) as client:
        engine = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir)
        assert engine.run().ok
        # A round of vital signs: bodies under COMPRESS_FROM_BYTES go as they are.
        records = [new_observation(ward.residents[0], value=60.0 + i) for i in range(5)]
        store.write_all(records)
        mark = len(transport.sent)
        summary = engine.run(push_only=True)
    assert summary.ok, summary.error
    assert summary.pushed == len(records)
    writes = [
        (headers, body)
        for (method, _p, _q, headers), body in zip(
            transport.sent[mark:], transport.bodies[mark:], strict=True
        )
        if method == "POST"
    ]
    assert len(writes) == 1
    headers, body = writes[0]
    assert headers["content-encoding"] == "gzip"
    bundle = json.loads(gzip.decompress(body))
    assert {e["resource"]["id"] for e in bundle["entry"]} == {r["id"] for r in records}
    assert len(body) < len(gzip.decompress(body)) / 2
    for record in records:
        on_platform = httpx.get(f"{platform.fhir_base}/Observation/{record['id']}").json()
        assert on_platform["valueQuantity"] == record["valueQuantity"]


class Codings(httpx.HTTPTransport):
    """The content coding of every answer, and its size as it came."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[tuple[str | None, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        response.read()
        self.answers.append(
            (response.headers.get("content-encoding"), response.num_bytes_downloaded)
        )
        return response


@pytest.mark.parametrize("brotli", [False, True], ids=["gzip", "br"])
def test_answers_come_compressed_in_br_where_offered_else_gzip_and_sync_unchanged(
    platform: Platform, store: Store, data_dir: Path, *, brotli: bool
) -> None:
    platform.set_profile("default", brotli=brotli)
    ward = load_ward(platform, patients=2)
    transport = Codings()
    with make_client(platform, transport=transport) as client:
        summary = make_engine(store, client, SyncScope(units=(ward.unit,)), data_dir).run()
    assert summary.ok, summary.error
    assert summary.pulled > 0
    codings = {coding for coding, _size in transport.answers}
    assert codings == {"br" if brotli else "gzip"}
    for pid in ward.residents:
        assert store.get("Patient", pid) is not None


def test_br_is_offered_only_where_it_can_be_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    assert accept_encoding() == "br, gzip, deflate"  # brotli is a dependency (pyproject)
    monkeypatch.setattr(importlib.util, "find_spec", lambda _name: None)
    assert accept_encoding() == "gzip, deflate"


def test_a_415_to_a_compressed_body_sends_it_again_uncompressed() -> None:
    seen: list[str | None] = []

    def platform(request: httpx.Request) -> httpx.Response:
        encoding = request.headers.get("content-encoding")
        seen.append(encoding)
        if request.method == "GET":
            return httpx.Response(
                200,
                json={"resourceType": "Bundle", "type": "searchset", "total": 0},
                headers={"Accept-Encoding": "gzip"},  # announced (RFC 7694), yet...
            )
        if encoding == "gzip":
            return httpx.Response(415, json={"resourceType": "OperationOutcome", "issue": []})
        return httpx.Response(201, json=json.loads(request.read()))

    with FhirClient(
        "https://fhir.example/R4/",
        transport=httpx.MockTransport(platform),
        retry=RetryPolicy(max_attempts=1),
    ) as client:
        list(client.search_pages("Patient"))
        resource = {**new_observation("p1"), "note": [{"text": "x" * 2000}]}
        result = client.create(resource)
    assert result.status == 201
    assert seen == [None, "gzip", None]


def _amend_observations(
    platform: Platform, observations: list[dict[str, Any]], status: str = "amended"
) -> None:
    for obs in observations:
        put_resource(platform, {**obs, "status": status})


class DroppingOnce(Recording):
    """Cuts the link in the middle of the answer to the ``nth`` search page of Observation
    changes that is asked for on its own (the first page comes in the batch)."""

    def __init__(self, link: ShapedLink) -> None:
        super().__init__()
        self._link = link
        self._countdown = 0
        self.observations = 0

    def arm(self, nth: int) -> None:
        """Drop inside the ``nth`` page of Observation changes from now on; count afresh."""
        self._countdown = nth
        self.observations = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        query = dict(parse_qsl(request.url.query.decode()))
        if request.url.path.endswith("/Observation") and "_lastUpdated" in query:
            self._countdown -= 1
            if self._countdown == 0:
                self._link.drop_after(600)  # inside the page's compressed body
        response = super().handle_request(request)
        content = response.read()
        self.observations += _observations(json.loads(content)) if content else 0
        return response


def _observations(node: Any) -> int:
    if not isinstance(node, dict):
        return 0
    if node.get("resourceType") == "Observation":
        return 1 if "status" in node else 0  # an id listing (deletion check) is not a download
    return sum(_observations(e.get("resource")) for e in node.get("entry", []))


@pytest.mark.parametrize("attempts", [1, 5], ids=["next-run-resumes", "retry-in-run"])
def test_a_link_dropped_mid_page_costs_at_most_that_page_again(
    platform: Platform, store: Store, data_dir: Path, attempts: int
) -> None:
    ward = load_ward(platform, patients=2)
    residents = {f"Patient/{p}" for p in ward.residents}
    page = 8
    observations = [
        o for o in ward.of_type("Observation") if o["subject"]["reference"] in residents
    ][: 5 * page]  # five pages of changes
    assert len(observations) == 5 * page, "too few observations for several pages"
    time.sleep(PAST_OVERLAP_S)  # only the amendments are new to the second sync
    base = urlsplit(platform.fhir_base)
    with ShapedLink(base.hostname or "127.0.0.1", base.port or 80) as link:
        transport = DroppingOnce(link)
        backoff = Backoff(max_attempts=attempts, base=0.0, cap=0.0, max_retry_after=0.0)
        with FhirClient(
            link.rewrite(platform.fhir_base) + "/",
            transport=transport,
            retry=RetryPolicy(max_attempts=1),
            sleep=no_sleep,
        ) as client:
            scope = SyncScope(units=(ward.unit,))
            engine = make_engine(store, client, scope, data_dir, page_size=page, backoff=backoff)
            assert engine.run().ok
            _amend_observations(platform, observations)
            transport.arm(2)
            first = engine.run()
            runs = [first]
            if attempts == 1:
                assert first.outcome is SyncOutcome.OFFLINE
                runs.append(engine.run())
            dropped = transport.observations
            assert runs[-1].ok, runs[-1].error
            # The same pull on a link that holds: what it costs without a drop (keyset paging
            # asks again for the last row of each page, by design).
            _amend_observations(platform, observations, status="corrected")
            transport.arm(0)
            assert engine.run().ok
            undisturbed = transport.observations
        assert link.dropped == 1
    for obs in observations:
        assert store.get("Observation", obs["id"])["status"] == "corrected"  # type: ignore[index]
    assert undisturbed >= len(observations)
    # Resumed from the last committed page: at most the page the drop cut short comes again.
    assert dropped <= undisturbed + page


def test_a_batch_entry_the_server_failed_is_asked_for_on_its_own() -> None:
    def platform(request: httpx.Request) -> httpx.Response:
        bundle = json.loads(request.read())
        assert [e["request"] for e in bundle["entry"]] == [
            {"method": "GET", "url": "Patient?_count=0"},
            {"method": "GET", "url": "?_type=Patient%2CObservation&_summary=count"},
        ]
        searchset = {"resourceType": "Bundle", "type": "searchset", "total": 7}
        return httpx.Response(
            200,
            json={
                "resourceType": "Bundle",
                "type": "batch-response",
                "entry": [
                    {"response": {"status": "500"}},
                    {"response": {"status": "200 OK"}, "resource": searchset},
                ],
            },
        )

    with FhirClient(
        "https://fhir.example/R4/",
        transport=httpx.MockTransport(platform),
        retry=RetryPolicy(max_attempts=1),
    ) as client:
        pages = client.search_batch(
            [
                ("Patient", [("_count", "0")]),
                (None, [("_type", "Patient,Observation"), ("_summary", "count")]),
            ]
        )
    assert pages[0] is None
    assert pages[1] is not None
    assert pages[1].total == 7
