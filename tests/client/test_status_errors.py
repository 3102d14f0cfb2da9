"""Every error status maps to one exception class, with a log-safe message and useful fields."""

from __future__ import annotations

import httpx
import pytest

from client import (
    BundleEntryRequest,
    FhirError,
    Forbidden,
    Gone,
    InvalidInput,
    MultipleMatches,
    NotFound,
    RateLimited,
    RetryPolicy,
    ServerError,
    Unauthorized,
    UnexpectedResponse,
    VersionConflict,
)
from tests.client.fakes import ScriptedServer, make_client, outcome, patient


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, InvalidInput),
        (401, Unauthorized),
        (403, Forbidden),
        (404, NotFound),
        (405, UnexpectedResponse),
        (409, VersionConflict),
        (410, Gone),
        (412, VersionConflict),
        (422, InvalidInput),
        (429, RateLimited),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
        (504, ServerError),
    ],
)
def test_status_maps_to_exception_class(status: int, expected: type[FhirError]) -> None:
    server = ScriptedServer(httpx.Response(status))
    client = make_client(server, retry=RetryPolicy(max_attempts=1))
    with client, pytest.raises(expected) as caught:
        client.read("Patient", "p1")
    assert type(caught.value) is expected
    assert caught.value.status == status
    assert caught.value.resource_type == "Patient"
    assert caught.value.code.startswith("fhir.")
    assert "p1" not in str(caught.value)


def test_gone_is_a_not_found() -> None:
    server = ScriptedServer(httpx.Response(410))
    with make_client(server) as client, pytest.raises(NotFound):
        client.read("Patient", "p1")


def test_unauthorized_carries_www_authenticate() -> None:
    challenge = 'DPoP error="invalid_token", algs="ES256"'
    server = ScriptedServer(httpx.Response(401, headers={"WWW-Authenticate": challenge}))
    with make_client(server) as client, pytest.raises(Unauthorized) as caught:
        client.read("Patient", "p1")
    assert caught.value.www_authenticate == challenge


def test_invalid_input_carries_diagnostics_but_keeps_them_out_of_the_message() -> None:
    diagnostics = "Invalid birthDate '1980-99-01' for Kari Nordmann"
    body = outcome("invalid", diagnostics, expression="Patient.birthDate")
    server = ScriptedServer(httpx.Response(400, json=body))
    with make_client(server) as client, pytest.raises(InvalidInput) as caught:
        client.update(patient(), version_id="1")
    error = caught.value
    assert error.diagnostics == diagnostics
    assert error.expressions == ("Patient.birthDate",)
    assert error.issue_codes == ("invalid",)
    assert "Nordmann" not in str(error)
    assert "1980-99-01" not in str(error)
    assert "Patient.birthDate" in str(error)


def test_412_on_if_match_is_a_version_conflict_not_multiple_matches() -> None:
    server = ScriptedServer(httpx.Response(412, json=outcome("conflict", "stale")))
    with make_client(server) as client, pytest.raises(VersionConflict):
        client.update(patient(), version_id="1")
    assert server.requests[0].headers["If-Match"] == 'W/"1"'


def test_412_on_conditional_create_is_multiple_matches() -> None:
    server = ScriptedServer(httpx.Response(412))
    with make_client(server) as client, pytest.raises(MultipleMatches) as caught:
        client.conditional_create(patient(), query="identifier=urn:x|1")
    assert not isinstance(caught.value, VersionConflict)


def test_412_with_multiple_matches_code_is_multiple_matches_anywhere() -> None:
    body = outcome("multiple-matches", "Multiple resources found matching condition")
    server = ScriptedServer(httpx.Response(412, json=body))
    entries = [BundleEntryRequest.conditional_create(patient(), query="identifier=urn:x|1")]
    with make_client(server) as client, pytest.raises(MultipleMatches):
        client.transaction(entries)


def test_rate_limited_carries_retry_after_when_not_waited_for() -> None:
    server = ScriptedServer(httpx.Response(429, headers={"Retry-After": "600"}))
    with make_client(server) as client, pytest.raises(RateLimited) as caught:
        client.read("Patient", "p1")
    assert caught.value.retry_after == 600.0
    assert len(server.requests) == 1


def test_non_json_body_is_an_unexpected_response() -> None:
    server = ScriptedServer(httpx.Response(200, text="<html>proxy login</html>"))
    with make_client(server) as client, pytest.raises(UnexpectedResponse):
        client.read("Patient", "p1")


def test_error_body_that_is_not_json_still_maps_by_status() -> None:
    server = ScriptedServer(httpx.Response(403, text="<html>denied</html>"))
    with make_client(server) as client, pytest.raises(Forbidden):
        client.read("Patient", "p1")
