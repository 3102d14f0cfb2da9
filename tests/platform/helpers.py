"""Shared helpers for the platform tests: an httpx client, synthetic patients, small utilities."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from client.redaction import install_log_redaction
from tests.platform.launcher import Platform

FNR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.1"
FHIR_JSON = "application/fhir+json"

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def synthetic_fnr(serial: int) -> str:
    """A synthetic fødselsnummer (month + 80, valid check digits) derived from `serial`."""
    for individual in range(serial % 500, 1000):
        day, month, year = 1 + serial % 28, 81 + serial % 12, 50 + serial % 40
        digits = [int(c) for c in f"{day:02d}{month:02d}{year:02d}{individual:03d}"]
        k1 = 11 - sum(w * d for w, d in zip(_W1, digits, strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        digits.append(k1)
        k2 = 11 - sum(w * d for w, d in zip(_W2, digits, strict=True)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return "".join(str(d) for d in digits) + str(k2)
    raise ValueError(f"no valid synthetic number for serial {serial}")


def client(platform: Platform, **kwargs: Any) -> httpx.Client:
    """An httpx client rooted at the FHIR base, sending FHIR JSON; httpx's request log lines
    are scrubbed as the app's own client scrubs them (search values are identifiers)."""
    install_log_redaction(httpx.URL(platform.fhir_base).path)
    headers = {"Content-Type": FHIR_JSON, "Accept": FHIR_JSON, **kwargs.pop("headers", {})}
    return httpx.Client(base_url=platform.fhir_base + "/", headers=headers, timeout=30.0, **kwargs)


def patient(serial: int, *, family: str = "Testesen", pid: str | None = None) -> dict[str, Any]:
    """A synthetic Patient resource (no id unless `pid` is given)."""
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [{"system": FNR_SYSTEM, "value": synthetic_fnr(serial)}],
        "name": [{"family": family, "given": [f"Test{serial}"]}],
    }
    if pid is not None:
        resource["id"] = pid
    return resource


def observation(patient_id: str, *, code: str = "8867-4", value: float = 72.0) -> dict[str, Any]:
    """A synthetic heart-rate style Observation for `patient_id`."""
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "subject": {"reference": f"Patient/{patient_id}"},
        "valueQuantity": {"value": value, "unit": "/min"},
    }


def new_id() -> str:
    """A fresh lowercase UUID, as the client assigns."""
    return str(uuid.uuid4())


def version_of(response: httpx.Response) -> str:
    """The versionId from a W/"..." ETag header."""
    etag = response.headers["ETag"]
    assert etag.startswith('W/"'), etag
    assert etag.endswith('"'), etag
    return etag[3:-1]


def follow_all(http: httpx.Client, url: str) -> list[dict[str, Any]]:
    """Follow Bundle next links from `url` to the end; return all entries in order."""
    entries: list[dict[str, Any]] = []
    next_url: str | None = url
    pages = 0
    while next_url is not None:
        response = http.get(next_url)
        assert response.status_code == 200, response.text
        bundle = response.json()
        entries.extend(bundle.get("entry", []))
        next_url = next(
            (link["url"] for link in bundle.get("link", []) if link["relation"] == "next"), None
        )
        pages += 1
        assert pages < 1000
    return entries
