"""Transaction (atomic) and batch (per entry) Bundles."""

from __future__ import annotations

from typing import Any

from tests.platform.helpers import client, new_id, observation, patient, version_of
from tests.platform.launcher import Platform


def _tx(entries: list[dict[str, Any]], kind: str = "transaction") -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": kind, "entry": entries}


def test_urn_uuid_references_and_response_entries(platform: Platform) -> None:
    urn = f"urn:uuid:{new_id()}"
    pid = new_id()
    obs = observation("placeholder")
    obs["subject"] = {"reference": urn}
    bundle = _tx(
        [
            {
                "fullUrl": urn,
                "resource": patient(40),
                "request": {"method": "POST", "url": "Patient"},
            },
            {"resource": obs, "request": {"method": "POST", "url": "Observation"}},
            {
                "resource": patient(41, pid=pid),
                "request": {"method": "PUT", "url": f"Patient/{pid}"},
            },
        ]
    )
    with client(platform) as http:
        response = http.post("", json=bundle)
        assert response.status_code == 200, response.text
        result = response.json()
        assert result["type"] == "transaction-response"
        statuses = [e["response"]["status"].split()[0] for e in result["entry"]]
        assert statuses == ["201", "201", "201"]
        for entry in result["entry"]:
            res = entry["resource"]
            vid = res["meta"]["versionId"]
            assert entry["response"]["etag"] == f'W/"{vid}"'
            assert (
                entry["response"]["location"] == f"{res['resourceType']}/{res['id']}/_history/{vid}"
            )
            assert entry["response"]["lastModified"] == res["meta"]["lastUpdated"]
        new_patient = result["entry"][0]["resource"]["id"]
        stored = http.get(f"Observation/{result['entry'][1]['resource']['id']}").json()
        assert stored["subject"]["reference"] == f"Patient/{new_patient}"
        again = http.post(
            "",
            json=_tx(
                [
                    {
                        "resource": patient(41, pid=pid),
                        "request": {"method": "PUT", "url": f"Patient/{pid}"},
                    }
                ]
            ),
        )
        assert again.json()["entry"][0]["response"]["status"].startswith("200")


def test_failing_entry_rolls_back_everything(platform: Platform) -> None:
    pid = new_id()
    with client(platform) as http:
        current = http.put(f"Patient/{pid}", json=patient(42, pid=pid))
        before = platform.stats()
        bundle = _tx(
            [
                {"resource": patient(43), "request": {"method": "POST", "url": "Patient"}},
                {
                    "resource": patient(44, pid=pid, family="Ny"),
                    "request": {"method": "PUT", "url": f"Patient/{pid}"},
                },
                {
                    "request": {"method": "DELETE", "url": f"Patient/{new_id()}"}
                },  # 404 -> whole tx fails
            ]
        )
        response = http.post("", json=bundle)
        assert response.status_code == 404
        assert response.json()["resourceType"] == "OperationOutcome"
        after = platform.stats()
        assert after["resources"] == before["resources"]
        assert after["change_log_rows"] == before["change_log_rows"]
        read = http.get(f"Patient/{pid}")
        assert version_of(read) == version_of(current)
        assert read.json()["name"][0]["family"] == "Testesen"
        assert len(http.get(f"Patient/{pid}/_history").json()["entry"]) == 1


def test_stale_if_match_in_transaction_fails_whole_bundle(platform: Platform) -> None:
    pid = new_id()
    with client(platform) as http:
        http.put(f"Patient/{pid}", json=patient(45, pid=pid))
        bundle = _tx(
            [
                {"resource": patient(46), "request": {"method": "POST", "url": "Patient"}},
                {"request": {"method": "DELETE", "url": f"Patient/{pid}", "ifMatch": 'W/"stale"'}},
            ]
        )
        assert http.post("", json=bundle).status_code == 412
        assert http.get("Patient").json()["total"] == 1
        bad = _tx(
            [
                {
                    "resource": patient(47, pid=pid),
                    "request": {"method": "PUT", "url": f"Patient/{pid}", "ifMatch": "1"},
                }
            ]
        )
        assert http.post("", json=bad).status_code == 400


def test_invalid_resource_rolls_back_with_422(platform: Platform) -> None:
    with client(platform) as http:
        bundle = _tx(
            [
                {"resource": patient(48), "request": {"method": "POST", "url": "Patient"}},
                {
                    "resource": {"resourceType": "Patient", "bogus": True},
                    "request": {"method": "POST", "url": "Patient"},
                },
            ]
        )
        assert http.post("", json=bundle).status_code == 422
        assert http.get("Patient").json()["total"] == 0


def test_update_limit(platform: Platform) -> None:
    entries = [
        {
            "resource": patient(i, pid=f"lim-{i}"),
            "request": {"method": "PUT", "url": f"Patient/lim-{i}"},
        }
        for i in range(51)
    ]
    with client(platform) as http:
        assert http.post("", json=_tx(entries)).status_code == 400
        assert http.post("", json=_tx(entries[:50])).status_code == 200
        assert http.get("Patient").json()["total"] == 50


def test_update_limit_is_configurable() -> None:
    with Platform.start(max_transaction_updates=2) as small, client(small) as http:
        entries = [
            {
                "resource": patient(i, pid=f"s-{i}"),
                "request": {"method": "PUT", "url": f"Patient/s-{i}"},
            }
            for i in range(3)
        ]
        assert http.post("", json=_tx(entries)).status_code == 400
        assert http.post("", json=_tx(entries[:2])).status_code == 200


def test_batch_is_not_atomic(platform: Platform) -> None:
    pid = new_id()
    with client(platform) as http:
        http.put(f"Patient/{pid}", json=patient(49, pid=pid))
        bundle = _tx(
            [
                {"resource": patient(50), "request": {"method": "POST", "url": "Patient"}},
                {"request": {"method": "DELETE", "url": f"Patient/{pid}", "ifMatch": 'W/"stale"'}},
                {"request": {"method": "GET", "url": f"Patient/{new_id()}"}},
            ],
            kind="batch",
        )
        response = http.post("", json=bundle)
        assert response.status_code == 200
        statuses = [e["response"]["status"].split()[0] for e in response.json()["entry"]]
        assert statuses == ["201", "412", "404"]
        assert http.get("Patient").json()["total"] == 2
