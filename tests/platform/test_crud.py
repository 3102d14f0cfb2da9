"""Single-resource interactions: status codes, ETag/Location/Last-Modified, If-Match, 410."""

from __future__ import annotations

from tests.platform.helpers import client, new_id, observation, patient, version_of
from tests.platform.launcher import Platform


def test_create_sets_headers_and_ignores_client_id(platform: Platform) -> None:
    with client(platform) as http:
        response = http.post("Patient", json=patient(1, pid="client-chosen"))
        assert response.status_code == 201
        assert response.headers["Content-Type"].startswith("application/fhir+json")
        body = response.json()
        assert body["id"] != "client-chosen"
        vid = version_of(response)
        assert body["meta"]["versionId"] == vid
        location = response.headers["Location"]
        assert location == f"{platform.fhir_base}/Patient/{body['id']}/_history/{vid}"
        assert response.headers["Last-Modified"].endswith("GMT")
        read = http.get(f"Patient/{body['id']}")
        assert read.status_code == 200
        assert version_of(read) == vid
        assert http.get(f"Patient/{body['id']}/_history/{vid}").json()["id"] == body["id"]


def test_put_creates_with_client_id_then_updates(platform: Platform) -> None:
    pid = new_id()
    with client(platform) as http:
        created = http.put(f"Patient/{pid}", json=patient(2, pid=pid))
        assert created.status_code == 201
        assert created.headers["Location"].startswith(
            f"{platform.fhir_base}/Patient/{pid}/_history/"
        )
        updated = http.put(f"Patient/{pid}", json=patient(2, pid=pid, family="Endret"))
        assert updated.status_code == 200
        assert version_of(updated) != version_of(created)
        assert http.get(f"Patient/{pid}").json()["name"][0]["family"] == "Endret"


def test_client_meta_is_not_trusted(platform: Platform) -> None:
    pid = new_id()
    resource = patient(3, pid=pid)
    resource["meta"] = {"versionId": "42", "lastUpdated": "2001-01-01T00:00:00Z"}
    with client(platform) as http:
        body = http.put(f"Patient/{pid}", json=resource).json()
    assert body["meta"]["versionId"] != "42"
    assert body["meta"]["lastUpdated"] > "2020"


def test_if_match_on_put_and_delete(platform: Platform) -> None:
    pid = new_id()
    with client(platform) as http:
        v1 = version_of(http.put(f"Patient/{pid}", json=patient(4, pid=pid)))
        v2 = version_of(
            http.put(
                f"Patient/{pid}",
                json=patient(4, pid=pid, family="B"),
                headers={"If-Match": f'W/"{v1}"'},
            )
        )
        stale = http.put(
            f"Patient/{pid}", json=patient(4, pid=pid), headers={"If-Match": f'W/"{v1}"'}
        )
        assert stale.status_code == 412
        assert stale.json()["resourceType"] == "OperationOutcome"
        assert http.delete(f"Patient/{pid}", headers={"If-Match": f'W/"{v1}"'}).status_code == 412
        assert http.get(f"Patient/{pid}").status_code == 200
        for garbled in (v2, f"W/{v2}", "W/'x'"):
            assert http.delete(f"Patient/{pid}", headers={"If-Match": garbled}).status_code == 400
            assert (
                http.put(
                    f"Patient/{pid}", json=patient(4, pid=pid), headers={"If-Match": garbled}
                ).status_code
                == 400
            )
        assert http.delete(f"Patient/{pid}", headers={"If-Match": f'"{v2}"'}).status_code == 200
        assert http.get(f"Patient/{pid}").status_code == 410
        assert http.put(
            f"Patient/{new_id()}", json=patient(5), headers={"If-Match": 'W/"x"'}
        ).status_code in (400, 412)


def test_delete_read_gone_and_not_found(platform: Platform) -> None:
    with client(platform) as http:
        pid = http.post("Patient", json=patient(6)).json()["id"]
        assert http.delete(f"Patient/{pid}").status_code == 200
        assert http.get(f"Patient/{pid}").status_code == 410
        assert http.delete(f"Patient/{pid}").status_code == 200  # idempotent
        assert http.get(f"Patient/{new_id()}").status_code == 404
        assert http.delete(f"Patient/{new_id()}").status_code == 404
        history = http.get(f"Patient/{pid}/_history").json()
        assert [e["request"]["method"] for e in history["entry"]] == ["DELETE", "POST"]


def test_bad_requests(platform: Platform) -> None:
    with client(platform) as http:
        assert http.post("Patient", content=b"{not json").status_code == 400
        assert (
            http.post(
                "Patient", json={"resourceType": "Observation", "status": "final"}
            ).status_code
            == 400
        )
        pid = new_id()
        assert http.put(f"Patient/{pid}", json=patient(7, pid="other")).status_code == 400
        invalid = http.post("Patient", json={"resourceType": "Patient", "unknownElement": 1})
        assert invalid.status_code == 422
        assert invalid.json()["issue"][0]["expression"] == ["Patient.unknownElement"]


def test_if_none_exist_conditional_create(platform: Platform) -> None:
    with client(platform) as http:
        ident = patient(8)["identifier"][0]
        query = f"identifier={ident['system']}|{ident['value']}"
        first = http.post("Patient", json=patient(8), headers={"If-None-Exist": query})
        assert first.status_code == 201
        second = http.post("Patient", json=patient(8), headers={"If-None-Exist": query})
        assert second.status_code == 200
        assert second.json()["id"] == first.json()["id"]
        http.post("Patient", json=patient(8))  # a duplicate made without the condition
        third = http.post("Patient", json=patient(8), headers={"If-None-Exist": query})
        assert third.status_code == 412
        assert http.get("Patient", params={"identifier": ident["value"]}).json()["total"] == 2


def test_instance_history_is_stable_newest_first(platform: Platform) -> None:
    pid = new_id()
    with client(platform) as http:
        versions = [
            version_of(http.put(f"Patient/{pid}", json=patient(9, pid=pid, family=f"F{i}")))
            for i in range(3)
        ]
        for _ in range(2):
            entries = http.get(f"Patient/{pid}/_history").json()["entry"]
            assert [e["resource"]["meta"]["versionId"] for e in entries] == versions[::-1]


def test_patch_respects_if_match(platform: Platform) -> None:
    with client(platform) as http:
        created = http.post("Observation", json=observation(new_id()))
        oid = created.json()["id"]
        patch = [{"op": "replace", "path": "/status", "value": "amended"}]
        headers = {"Content-Type": "application/json-patch+json", "If-Match": 'W/"stale"'}
        assert http.patch(f"Observation/{oid}", json=patch, headers=headers).status_code == 412
        headers["If-Match"] = created.headers["ETag"]
        patched = http.patch(f"Observation/{oid}", json=patch, headers=headers)
        assert patched.status_code == 200
        assert patched.json()["status"] == "amended"
