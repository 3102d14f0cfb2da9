"""Nothing identifying reaches the logs: no bodies, tokens, ids, names or search values."""

from __future__ import annotations

import logging

import httpx
import pytest

from client import BearerAuth, FhirError, InvalidInput, RetryPolicy
from client.redaction import install_log_redaction, scrub_url
from tests.client.fakes import BASE, FakeSleep, ScriptedServer, make_client, outcome, searchset

FNR = "13838498765"
NAME = "Sigrid Haugseth"
PATIENT_ID = "f0a3c9d2-5b7e-4c1a-9e8f-7d6c5b4a3f21"
TOKEN = "tok-very-secret-0123456789"
SENSITIVE = (FNR, NAME, "Haugseth", PATIENT_ID, TOKEN, "urn:oid:2.16.578.1.12.4.1.4.1")


def identified_patient() -> dict[str, object]:
    return {
        "resourceType": "Patient",
        "id": PATIENT_ID,
        "identifier": [{"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": FNR}],
        "name": [{"text": NAME}],
    }


def assert_log_safe(records: list[logging.LogRecord]) -> None:
    assert records, "the scenario should have logged something"
    for record in records:
        text = record.getMessage()
        for secret in SENSITIVE:
            assert secret not in text, f"{record.name} logged {secret!r}: {text}"


def test_identifier_search_with_retries_and_errors_logs_nothing_identifying(
    caplog: pytest.LogCaptureFixture,
) -> None:
    next_url = f"{BASE}/Patient?identifier=urn:oid:2.16.578.1.12.4.1.4.1%7C{FNR}&_offset=1"
    malformed = {"resourceType": "Patient", "id": "bad id", "name": [{"text": NAME}]}
    server = ScriptedServer(
        httpx.Response(503, json=outcome("transient", f"lookup of {FNR} failed")),
        httpx.Response(200, json=searchset([identified_patient(), malformed], next_url=next_url)),
        httpx.Response(200, json=searchset([identified_patient()])),
        httpx.Response(400, json=outcome("invalid", f"{NAME} has invalid identifier {FNR}")),
    )
    caplog.set_level(logging.DEBUG)
    client = make_client(server, sleep=FakeSleep(), auth=BearerAuth(TOKEN))
    with client:
        found = list(
            client.search(
                "Patient", {"identifier": f"urn:oid:2.16.578.1.12.4.1.4.1|{FNR}"}, count=1
            )
        )
        with pytest.raises(InvalidInput) as caught:
            client.read("Patient", PATIENT_ID)
    assert len(found) == 2
    assert server.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert_log_safe(caplog.records)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET Patient?identifier&_count -> 503" in logged
    assert "HTTP Request: GET https://fhir.example.test/fhir/R4/Patient?identifier&_count" in logged
    for secret in SENSITIVE:
        assert secret not in str(caught.value)


def test_exception_messages_carry_no_identifiers() -> None:
    server = ScriptedServer(httpx.Response(500))
    client = make_client(server, retry=RetryPolicy(max_attempts=1))
    with client, pytest.raises(FhirError) as caught:
        list(client.search("Patient", {"identifier": FNR}))
    assert FNR not in str(caught.value)
    assert "Patient?identifier" in str(caught.value)


def test_bearer_auth_repr_hides_the_token() -> None:
    assert TOKEN not in repr(BearerAuth(TOKEN))


@pytest.mark.parametrize(
    ("url", "scrubbed"),
    [
        (f"{BASE}/Patient/{PATIENT_ID}", "Patient/{id}"),
        (f"{BASE}/Patient/{PATIENT_ID}/_history/3", "Patient/{id}/_history/{id}"),
        (
            f"{BASE}/Observation?patient=Patient/{PATIENT_ID}&code=8867-4",
            "Observation?patient&code",
        ),
        (f"{BASE}/Patient?identifier={FNR}&identifier=x", "Patient?identifier"),
        (f"{BASE}/Patient/_history?_since=2026-01-01", "Patient/_history?_since"),
        (f"{BASE}/metadata", "metadata"),
        (f"{BASE}/Patient/{PATIENT_ID}/$everything", "Patient/{id}/$everything"),
        (f"{BASE}/Patient?{FNR}=1", "Patient?{id}"),
    ],
)
def test_scrub_url(url: str, scrubbed: str) -> None:
    assert scrub_url(url, base_path="/fhir/R4/") == scrubbed


def test_httpcore_trace_details_are_cut(caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction()
    caplog.set_level(logging.DEBUG)
    logging.getLogger("httpcore.http11").debug(
        "receive_response_headers.complete return_value=(b'HTTP/1.1', 201, b'Created', "
        f"[(b'Location', b'{BASE}/Patient/{PATIENT_ID}/_history/1')])"
    )
    assert [r.getMessage() for r in caplog.records] == ["receive_response_headers.complete"]
