"""TLS is always verified, timeouts are explicit, auth is pluggable, threads may share a client."""

from __future__ import annotations

import ssl
import threading
from pathlib import Path

import certifi
import httpx
import pytest

from client import BearerAuth, FhirClient, Timeouts
from client.settings import tls_context
from tests.client.fakes import BASE, ScriptedServer, make_client, patient


def test_tls_context_verifies_with_the_system_store() -> None:
    context = tls_context(None)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname


def test_tls_context_loads_a_configured_ca_bundle() -> None:
    context = tls_context(Path(certifi.where()))
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 0


def test_missing_ca_bundle_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        tls_context(tmp_path / "absent.pem")


def test_timeouts_convert_to_httpx() -> None:
    timeout = Timeouts(connect=1, read=2, write=3, pool=4).to_httpx()
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (1, 2, 3, 4)


def test_client_applies_its_timeouts_to_every_request() -> None:
    seen: list[dict[str, float]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json=patient())

    client = FhirClient(
        BASE, transport=httpx.MockTransport(handler), timeouts=Timeouts(connect=1.5, read=9)
    )
    with client:
        client.read("Patient", "p1")
    assert seen == [{"connect": 1.5, "read": 9, "write": 30.0, "pool": 10.0}]


def test_bearer_token_may_be_read_per_request() -> None:
    tokens = iter(["first", "second"])
    server = ScriptedServer(httpx.Response(200, json=patient()))
    with make_client(server, auth=BearerAuth(lambda: next(tokens))) as client:
        client.read("Patient", "p1")
        client.read("Patient", "p1")
    assert [r.headers["Authorization"] for r in server.requests] == [
        "Bearer first",
        "Bearer second",
    ]


def test_one_client_serves_many_threads() -> None:
    lock = threading.Lock()
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        resource_id = request.url.path.rsplit("/", 1)[1]
        with lock:
            seen.append(resource_id)
        return httpx.Response(200, json=patient(resource_id))

    results: dict[str, str] = {}
    errors: list[BaseException] = []
    with FhirClient(BASE, transport=httpx.MockTransport(handler)) as client:

        def work(n: int) -> None:
            try:
                for i in range(20):
                    resource_id = f"t{n}-{i}"
                    results[resource_id] = client.read("Patient", resource_id)["id"]
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    assert errors == []
    assert len(results) == 120
    assert all(key == value for key, value in results.items())
    assert len(seen) == 120
