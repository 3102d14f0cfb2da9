"""Logical references: ``subject:identifier`` / ``patient:identifier`` find resources that name
the patient by fødselsnummer only (VKP, PMD), through the reference index."""

from __future__ import annotations

import json

from tests.platform.helpers import FNR_SYSTEM, client, synthetic_fnr
from tests.platform.launcher import Platform

D_NUMBER_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.2"


def _logical(fnr: str, *, system: str = FNR_SYSTEM) -> dict[str, object]:
    return {"identifier": {"system": system, "value": fnr}, "display": "Testbruker"}


def _measurement(rid: str, fnr: str, *, system: str = FNR_SYSTEM) -> dict[str, object]:
    return {
        "resourceType": "Observation",
        "id": rid,
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
        "subject": _logical(fnr, system=system),
        "valueQuantity": {"value": 70, "unit": "/min"},
    }


def _alarm(rid: str, fnr: str) -> dict[str, object]:
    return {
        "resourceType": "DetectedIssue",
        "id": rid,
        "status": "final",
        "code": {
            "coding": [
                {"system": "http://ehelse.no/fhir/CodeSystem/vkp-alert-code-v090", "code": "1.1"}
            ]
        },
        "patient": _logical(fnr),
    }


def _ids(bundle: dict[str, object]) -> list[str]:
    return sorted(e["resource"]["id"] for e in bundle.get("entry", []))  # type: ignore[attr-defined, index]


def test_identifier_modifier_finds_logical_references(platform: Platform) -> None:
    a, b, c = synthetic_fnr(1), synthetic_fnr(2), synthetic_fnr(3)
    lines = [
        _measurement("obs-a1", a),
        _measurement("obs-a2", a),
        _measurement("obs-b1", b),
        _measurement("obs-c-dnr", c, system=D_NUMBER_SYSTEM),
        _alarm("alarm-a", a),
        # A literal reference holds no identifier: never found by :identifier.
        {**_measurement("obs-literal", a), "subject": {"reference": "Patient/x"}},
    ]
    platform.load_ndjson(json.dumps(r) for r in lines)
    with client(platform) as http:

        def found(rtype: str, **params: str) -> list[str]:
            response = http.get(rtype, params=params)
            assert response.status_code == 200, response.text
            return _ids(response.json())

        assert found("Observation", **{"subject:identifier": f"{FNR_SYSTEM}|{a}"}) == [
            "obs-a1",
            "obs-a2",
        ]
        # Comma is OR; any system when none is named; an exact system never matches another.
        either = f"{FNR_SYSTEM}|{a},{FNR_SYSTEM}|{b}"
        assert found("Observation", **{"subject:identifier": either}) == [
            "obs-a1",
            "obs-a2",
            "obs-b1",
        ]
        assert found("Observation", **{"subject:identifier": c}) == ["obs-c-dnr"]
        assert found("Observation", **{"subject:identifier": f"{FNR_SYSTEM}|{c}"}) == []
        assert found("Observation", **{"subject:identifier": f"{D_NUMBER_SYSTEM}|"}) == [
            "obs-c-dnr"
        ]
        assert found("DetectedIssue", **{"patient:identifier": f"{FNR_SYSTEM}|{a}"}) == ["alarm-a"]
        # With _lastUpdated, as an incremental pull asks, and by POST _search.
        assert found(
            "Observation",
            **{"subject:identifier": f"{FNR_SYSTEM}|{b}", "_lastUpdated": "gt2000-01-01T00:00:00Z"},
        ) == ["obs-b1"]
        posted = http.post(
            "Observation/_search",
            content=f"subject:identifier={FNR_SYSTEM}|{b}",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert _ids(posted.json()) == ["obs-b1"]
        # Not a reference parameter: refused, never an empty result.
        assert http.get("Observation", params={"code:identifier": "x|y"}).status_code == 400


def test_identifier_search_follows_updates(platform: Platform) -> None:
    a, b = synthetic_fnr(4), synthetic_fnr(5)
    with client(platform) as http:
        created = http.put("Observation/moving", json=_measurement("moving", a))
        assert created.status_code == 201
        assert _ids(http.get("Observation", params={"subject:identifier": a}).json()) == ["moving"]
        assert http.put("Observation/moving", json=_measurement("moving", b)).status_code == 200
        assert _ids(http.get("Observation", params={"subject:identifier": a}).json()) == []
        assert _ids(http.get("Observation", params={"subject:identifier": b}).json()) == ["moving"]
