"""The CapabilityStatement is read into a small typed answer, once, and defensively."""

from __future__ import annotations

import threading

import httpx
import pytest

from client import UnexpectedResponse
from client.capabilities import parse_capabilities
from tests.client.fakes import ScriptedServer, make_client

STATEMENT = {
    "resourceType": "CapabilityStatement",
    "status": "active",
    "kind": "instance",
    "fhirVersion": "4.0.1",
    "format": ["json"],
    "rest": [
        {
            "mode": "server",
            "interaction": [
                {"code": "transaction"},
                {"code": "batch"},
                {"code": "history-system"},
            ],
            "searchParam": [
                {"name": "_id", "type": "token"},
                {"name": "_lastUpdated", "type": "date"},
            ],
            "resource": [
                {
                    "type": "Patient",
                    "versioning": "versioned-update",
                    "updateCreate": True,
                    "conditionalCreate": True,
                    "interaction": [{"code": "read"}, {"code": "history-type"}],
                    "searchParam": [{"name": "identifier", "type": "token"}, {"name": "name"}],
                },
                {
                    "type": "Observation",
                    "versioning": "versioned",
                    "interaction": [{"code": "read"}],
                },
                {"type": 7},
                "junk",
            ],
        },
        {"mode": "client", "interaction": [{"code": "search-system"}]},
    ],
}


def test_parse_capabilities() -> None:
    caps = parse_capabilities(STATEMENT)
    assert caps.fhir_version == "4.0.1"
    assert caps.transaction
    assert caps.batch
    assert caps.history_system
    assert "search-system" not in caps.system_interactions
    patient = caps.resource("Patient")
    assert patient.update_create
    assert patient.versioned_update
    assert patient.conditional_create
    assert patient.history_type
    assert caps.search_params("Patient") == {"identifier", "name", "_id", "_lastUpdated"}
    observation = caps.resource("Observation")
    assert not observation.update_create
    assert not observation.versioned_update
    assert not observation.history_type
    unknown = caps.resource("Flag")
    assert not unknown.update_create
    assert unknown.interactions == frozenset()


def test_empty_statement_supports_nothing() -> None:
    caps = parse_capabilities({"resourceType": "CapabilityStatement"})
    assert caps.fhir_version == "unknown"
    assert not caps.transaction
    assert not caps.resource("Patient").update_create


def test_capabilities_are_fetched_once_and_cached_across_threads() -> None:
    server = ScriptedServer(httpx.Response(200, json=STATEMENT))
    with make_client(server) as client:
        results = []
        threads = [
            threading.Thread(target=lambda: results.append(client.capabilities())) for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        assert len(results) == 8
        assert all(r is results[0] for r in results)
        client.capabilities(refresh=True)
    assert [str(r.url) for r in server.requests] == [
        "https://fhir.example.test/fhir/R4/metadata",
        "https://fhir.example.test/fhir/R4/metadata",
    ]


def test_metadata_that_is_not_a_capability_statement_is_unexpected() -> None:
    server = ScriptedServer(httpx.Response(200, json={"resourceType": "Patient", "id": "x"}))
    with make_client(server) as client, pytest.raises(UnexpectedResponse):
        client.capabilities()
