"""Fault switches: latency, 5xx, 429 with Retry-After, connection reset, drop after commit."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.platform.helpers import client, new_id, patient
from tests.platform.launcher import Platform, PlatformError


def test_latency(platform: Platform) -> None:
    platform.set_faults(latency_ms=300)
    with client(platform) as http:
        started = time.monotonic()
        assert http.get("Patient").status_code == 200
        assert time.monotonic() - started >= 0.3
    platform.clear_faults()
    assert platform.faults()["latency_ms"] == 0


def test_forced_server_errors_count_down_and_filter(platform: Platform) -> None:
    platform.set_faults(
        error={"status": 503, "count": 2, "method": "PUT", "path_prefix": "Patient"}
    )
    pid = new_id()
    with client(platform) as http:
        assert http.get("Patient").status_code == 200  # GET does not match the filter
        assert http.put(f"Patient/{pid}", json=patient(80, pid=pid)).status_code == 503
        assert http.put(f"Patient/{pid}", json=patient(80, pid=pid)).status_code == 503
        assert http.get(f"Patient/{pid}").status_code == 404  # nothing was written
        assert http.put(f"Patient/{pid}", json=patient(80, pid=pid)).status_code == 201
        platform.set_faults(error=1)
        failed = http.get("metadata")
        assert failed.status_code == 500
        assert failed.json()["resourceType"] == "OperationOutcome"


def test_throttle_with_retry_after(platform: Platform) -> None:
    platform.set_faults(throttle={"count": 1, "retry_after": 7})
    with client(platform) as http:
        response = http.get("Patient")
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "7"
        assert http.get("Patient").status_code == 200


def test_connection_reset_does_nothing(platform: Platform) -> None:
    platform.set_faults(reset_connection=1)
    pid = new_id()
    with client(platform) as http, pytest.raises(httpx.TransportError):
        http.put(f"Patient/{pid}", json=patient(81, pid=pid))
    with client(platform) as http:
        assert http.get(f"Patient/{pid}").status_code == 404


def test_drop_after_commit_really_commits(platform: Platform) -> None:
    platform.set_faults(drop_after_commit={"count": 1, "method": "PUT"})
    pid = new_id()
    with client(platform) as http:
        assert http.get("Patient").status_code == 200  # reads are never dropped
        with pytest.raises(httpx.TransportError):
            http.put(f"Patient/{pid}", json=patient(82, pid=pid))
    with client(platform) as http:
        assert http.get(f"Patient/{pid}").status_code == 200
        assert http.put(f"Patient/{pid}", json=patient(82, pid=pid)).status_code == 200


def test_invalid_fault_switch_is_rejected(platform: Platform) -> None:
    with pytest.raises(PlatformError):
        platform.set_faults(explode=1)
    with pytest.raises(PlatformError):
        platform.set_faults(error={"status": 404, "count": 1})
