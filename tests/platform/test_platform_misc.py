"""Metadata, gzip, access-token hook, bulk loading (NDJSON, Synthea bundles) and admin stats."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import httpx

from tests.platform.helpers import client, follow_all, patient
from tests.platform.launcher import Platform
from tests.shared_data import SYNTHEA_DIR

SYNTHEA_FILES = sorted(SYNTHEA_DIR.glob("*.json")) if SYNTHEA_DIR.is_dir() else []


def test_metadata_is_truthful(platform: Platform) -> None:
    with client(platform) as http:
        cs = http.get("metadata").json()
    assert cs["resourceType"] == "CapabilityStatement"
    assert cs["fhirVersion"] == "4.0.1"
    rest = cs["rest"][0]
    assert {"transaction", "batch", "history-system"} <= {i["code"] for i in rest["interaction"]}
    by_type = {r["type"]: r for r in rest["resource"]}
    pat = by_type["Patient"]
    assert pat["updateCreate"] is True
    assert pat["versioning"] == "versioned-update"
    assert pat["conditionalCreate"] is True
    assert {"history-type", "history-instance", "update", "delete"} <= {
        i["code"] for i in pat["interaction"]
    }
    names = {p["name"] for p in pat["searchParam"]}
    assert {"identifier", "name", "_lastUpdated", "_id"} <= names
    assert "patient" in {p["name"] for p in by_type["Observation"]["searchParam"]}


def test_gzip_when_accepted(platform: Platform) -> None:
    with client(platform) as http:
        http.post("Patient", json=patient(90))
    raw = httpx.get(f"{platform.fhir_base}/Patient", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["Content-Encoding"] == "gzip"
    assert raw.json()["total"] == 1  # httpx decodes transparently
    with httpx.stream(
        "GET", f"{platform.fhir_base}/Patient", headers={"Accept-Encoding": "gzip"}
    ) as stream:
        body = b"".join(stream.iter_raw())
    assert json.loads(gzip.decompress(body))["resourceType"] == "Bundle"
    plain = httpx.get(f"{platform.fhir_base}/Patient", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers


def test_static_bearer_token() -> None:
    with Platform.start(auth_token="s3cret") as secured:
        base = secured.fhir_base
        missing = httpx.get(f"{base}/Patient")
        assert missing.status_code == 401
        assert missing.json()["resourceType"] == "OperationOutcome"
        assert "Bearer" in missing.headers["WWW-Authenticate"]
        assert (
            httpx.get(f"{base}/Patient", headers={"Authorization": "Bearer wrong"}).status_code
            == 401
        )
        assert (
            httpx.get(f"{base}/Patient", headers={"Authorization": "Bearer s3cret"}).status_code
            == 200
        )
        assert (
            httpx.get(f"{base}/Patient", headers={"Authorization": "DPoP s3cret"}).status_code
            == 200
        )
        assert httpx.get(f"{base}/metadata").status_code == 200
        assert secured.stats()["limits"]["authMode"] == "static-bearer"


def _references(node: Any) -> list[str]:
    text = json.dumps(node)
    return re.findall(r'"reference": "([^"]+)"', text)


def test_synthea_bundles_load_with_references_resolved(platform: Platform) -> None:
    assert SYNTHEA_FILES, "Synthea sample bundles missing"
    expected = 0
    for path in SYNTHEA_FILES:
        bundle = json.loads(path.read_text(encoding="utf-8"))
        expected += len(bundle["entry"])
        assert platform.load_bundle(bundle) == len(bundle["entry"])
    stats = platform.stats()
    assert stats["total"] == expected
    with client(platform) as http:
        patients = follow_all(http, "Patient?_count=50")
        assert len(patients) == len(SYNTHEA_FILES)
        for entry in patients:
            pid = entry["resource"]["id"]
            everything = follow_all(http, f"Observation?patient={pid}&_count=200")
            assert everything, "each Synthea patient has observations"
            for obs in everything:
                for ref in _references(obs["resource"]):
                    assert not ref.startswith("urn:uuid:")
                    if not ref.startswith("#"):
                        assert http.get(ref).status_code == 200, ref


def test_synthea_bundle_as_fhir_transaction(platform: Platform) -> None:
    bundle = json.loads(SYNTHEA_FILES[0].read_text(encoding="utf-8"))
    with client(platform) as http:
        response = http.post("", json=bundle)
        assert response.status_code == 200, response.text[:500]
        entries = response.json()["entry"]
        assert all(e["response"]["status"].startswith("201") for e in entries)
        enc = next(e["resource"] for e in entries if e["resource"]["resourceType"] == "Encounter")
        assert http.get(enc["subject"]["reference"]).status_code == 200


def test_ndjson_load_keeps_ids_and_reports_bad_lines(platform: Platform) -> None:
    lines = [json.dumps(patient(i, pid=f"nd-{i}")) for i in range(10)]
    assert platform.load_ndjson(lines) == 10
    with client(platform) as http:
        assert http.get("Patient/nd-3").status_code == 200
    response = httpx.post(
        f"{platform.admin_base}/load",
        content=lines[0] + "\n{broken\n",
        headers={"Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 400
    assert "line 2" in response.json()["error"]
    health = httpx.get(f"{platform.admin_base}/health").json()
    assert health == {"status": "ok"}
    platform.reset()
    assert platform.stats()["total"] == 0
    assert platform.stats()["change_log_rows"] == 0
