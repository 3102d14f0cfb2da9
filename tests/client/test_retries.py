"""The client retries exactly the requests that are safe to repeat, and waits as it should."""

from __future__ import annotations

import ssl

import httpx
import pytest

from client import (
    BundleEntryRequest,
    CertificateError,
    ConnectionFailed,
    RateLimited,
    RetryPolicy,
    ServerError,
    Timeout,
)
from tests.client.fakes import FakeSleep, ScriptedServer, make_client, patient, searchset

OK_READ = httpx.Response(200, json=patient())


def reset() -> httpx.ReadError:
    return httpx.ReadError("connection reset by peer")


def test_get_is_retried_on_500_then_succeeds() -> None:
    sleep = FakeSleep()
    server = ScriptedServer(httpx.Response(500), httpx.Response(503), OK_READ)
    with make_client(server, sleep=sleep) as client:
        assert client.read("Patient", "p1")["id"] == "p1"
    assert len(server.requests) == 3
    assert sleep.delays == [0.5, 1.0]


def test_retries_stop_after_max_attempts_and_raise_the_last_error() -> None:
    sleep = FakeSleep()
    server = ScriptedServer(httpx.Response(503))
    with make_client(server, sleep=sleep) as client, pytest.raises(ServerError) as caught:
        client.read("Patient", "p1")
    assert caught.value.status == 503
    assert len(server.requests) == 4
    assert sleep.delays == [0.5, 1.0, 2.0]


def test_max_attempts_one_means_no_retry() -> None:
    server = ScriptedServer(httpx.Response(503))
    client = make_client(server, retry=RetryPolicy(max_attempts=1))
    with client, pytest.raises(ServerError):
        client.read("Patient", "p1")
    assert len(server.requests) == 1


def test_jitter_comes_from_the_injected_random_source() -> None:
    sleep = FakeSleep()
    server = ScriptedServer(httpx.Response(502), OK_READ)
    with make_client(server, sleep=sleep, random_value=0.25) as client:
        client.read("Patient", "p1")
    assert sleep.delays == [0.125]


def test_retry_after_seconds_is_honoured_exactly() -> None:
    sleep = FakeSleep()
    server = ScriptedServer(httpx.Response(429, headers={"Retry-After": "7"}), OK_READ)
    with make_client(server, sleep=sleep) as client:
        client.read("Patient", "p1")
    assert sleep.delays == [7.0]


def test_retry_after_http_date_is_honoured() -> None:
    sleep = FakeSleep()
    date = "Mon, 02 Mar 2026 12:00:12 GMT"
    server = ScriptedServer(httpx.Response(503, headers={"Retry-After": date}), OK_READ)
    with make_client(server, sleep=sleep) as client:
        client.read("Patient", "p1")
    assert sleep.delays == [12.0]


def test_retry_after_beyond_the_cap_is_raised_not_slept() -> None:
    sleep = FakeSleep()
    server = ScriptedServer(httpx.Response(429, headers={"Retry-After": "3600"}), OK_READ)
    client = make_client(server, sleep=sleep, retry=RetryPolicy(max_retry_after=60))
    with client, pytest.raises(RateLimited) as caught:
        client.read("Patient", "p1")
    assert caught.value.retry_after == 3600.0
    assert sleep.delays == []


def test_500_is_not_retried_for_an_if_match_update() -> None:
    server = ScriptedServer(httpx.Response(500), httpx.Response(200, json=patient(version="2")))
    with make_client(server) as client, pytest.raises(ServerError):
        client.update(patient(), version_id="1")
    assert len(server.requests) == 1


def test_503_is_retried_for_an_if_match_update() -> None:
    server = ScriptedServer(httpx.Response(503), httpx.Response(200, json=patient(version="2")))
    with make_client(server) as client:
        result = client.update(patient(), version_id="1")
    assert result.version_id == "2"
    assert len(server.requests) == 2


def test_503_is_not_retried_for_a_blind_update() -> None:
    server = ScriptedServer(httpx.Response(503), httpx.Response(200, json=patient(version="2")))
    with make_client(server) as client, pytest.raises(ServerError):
        client.update(patient(), version_id=None)
    assert len(server.requests) == 1


def test_put_create_with_client_id_is_retried() -> None:
    server = ScriptedServer(httpx.Response(503), lambda r: httpx.Response(201, content=r.content))
    with make_client(server) as client:
        result = client.create({"resourceType": "Patient"})
    assert result.created
    assert len(server.requests) == 2
    assert server.requests[0].url == server.requests[1].url


def test_conditional_create_is_retried() -> None:
    server = ScriptedServer(httpx.Response(504), httpx.Response(201, json=patient()))
    with make_client(server) as client:
        client.conditional_create(patient(), query="identifier=urn:x|1")
    assert len(server.requests) == 2


def test_delete_with_if_match_is_retried_and_without_is_not() -> None:
    server = ScriptedServer(httpx.Response(503), httpx.Response(204))
    with make_client(server) as client:
        client.delete("Patient", "p1", version_id="1")
    assert len(server.requests) == 2

    server = ScriptedServer(httpx.Response(503), httpx.Response(204))
    with make_client(server) as client, pytest.raises(ServerError):
        client.delete("Patient", "p1")
    assert len(server.requests) == 1


def test_transaction_of_idempotent_entries_is_retried() -> None:
    entries = [
        BundleEntryRequest.create({"resourceType": "Patient"}),
        BundleEntryRequest.update(patient(), version_id="1"),
        BundleEntryRequest.delete("Flag", "f1", version_id="3"),
    ]
    answer = {
        "resourceType": "Bundle",
        "type": "transaction-response",
        "entry": [{"response": {"status": "200 OK"}}] * 3,
    }
    server = ScriptedServer(reset(), httpx.Response(200, json=answer))
    with make_client(server) as client:
        assert len(client.transaction(entries)) == 3
    assert len(server.requests) == 2


def test_transaction_with_a_plain_post_is_not_retried() -> None:
    entries = [
        BundleEntryRequest.post(patient(), full_url="urn:uuid:0b7c1f5e-3a4d-4c2e-9f1a-2b3c4d5e6f70")
    ]
    server = ScriptedServer(httpx.Response(503))
    with make_client(server) as client, pytest.raises(ServerError):
        client.transaction(entries)
    assert len(server.requests) == 1


def test_connection_reset_is_retried_for_get() -> None:
    server = ScriptedServer(reset(), OK_READ)
    with make_client(server) as client:
        client.read("Patient", "p1")
    assert len(server.requests) == 2


def test_connection_reset_is_not_retried_for_a_blind_update() -> None:
    server = ScriptedServer(reset(), httpx.Response(200, json=patient()))
    with make_client(server) as client, pytest.raises(ConnectionFailed) as caught:
        client.update(patient(), version_id=None)
    assert caught.value.sent is True
    assert len(server.requests) == 1


def test_connect_refused_is_retried_even_for_a_blind_update() -> None:
    server = ScriptedServer(httpx.ConnectError("[Errno 111] Connection refused"), OK_READ)
    with make_client(server) as client:
        client.update(patient(), version_id=None)
    assert len(server.requests) == 2


def test_connect_refused_everywhere_raises_connection_failed_not_sent() -> None:
    server = ScriptedServer(httpx.ConnectError("[Errno 111] Connection refused"))
    with make_client(server) as client, pytest.raises(ConnectionFailed) as caught:
        client.read("Patient", "p1")
    assert caught.value.sent is False
    assert "fhir.example.test" in str(caught.value)


@pytest.mark.parametrize(
    ("exc", "phase", "sent"),
    [
        (httpx.ConnectTimeout("timed out"), "connect", False),
        (httpx.ReadTimeout("timed out"), "read", True),
        (httpx.WriteTimeout("timed out"), "write", True),
        (httpx.PoolTimeout("timed out"), "pool", False),
    ],
)
def test_timeouts_map_to_timeout_with_phase(
    exc: httpx.TimeoutException, phase: str, sent: bool
) -> None:
    server = ScriptedServer(exc)
    with make_client(server) as client, pytest.raises(Timeout) as caught:
        client.read("Patient", "p1")
    assert caught.value.phase == phase
    assert caught.value.sent is sent
    assert len(server.requests) == 4


def test_read_timeout_is_not_retried_for_a_blind_update() -> None:
    server = ScriptedServer(httpx.ReadTimeout("timed out"))
    with make_client(server) as client, pytest.raises(Timeout):
        client.update(patient(), version_id=None)
    assert len(server.requests) == 1


def test_untrusted_certificate_is_not_retried() -> None:
    error = httpx.ConnectError("certificate verify failed")
    error.__cause__ = ssl.SSLCertVerificationError("CERTIFICATE_VERIFY_FAILED")
    server = ScriptedServer(error)
    with make_client(server) as client, pytest.raises(CertificateError):
        client.read("Patient", "p1")
    assert len(server.requests) == 1


def test_paging_requests_are_retried_per_page() -> None:
    first = searchset([patient("a")], next_url="https://fhir.example.test/fhir/R4/Patient?page=2")
    server = ScriptedServer(
        httpx.Response(200, json=first),
        httpx.Response(503),
        httpx.Response(200, json=searchset([patient("b")])),
    )
    with make_client(server) as client:
        assert [p["id"] for p in client.search("Patient")] == ["a", "b"]
    assert len(server.requests) == 3
