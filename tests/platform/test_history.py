"""Type- and system-level _history with _since, deletions and paging."""

from __future__ import annotations

import time

from tests.platform.helpers import client, follow_all, new_id, observation, patient
from tests.platform.launcher import Platform


def test_type_and_system_history_include_deletes_since(platform: Platform) -> None:
    with client(platform) as http:
        old = http.post("Patient", json=patient(60)).json()
        time.sleep(0.01)
        since = http.get("Patient").json()["meta"]["lastUpdated"]
        time.sleep(0.01)
        pid = new_id()
        http.put(f"Patient/{pid}", json=patient(61, pid=pid))
        http.put(f"Patient/{pid}", json=patient(61, pid=pid, family="Endret"))
        http.delete(f"Patient/{old['id']}")
        http.post("Observation", json=observation(pid))

        typed = http.get("Patient/_history", params={"_since": since}).json()
        assert typed["type"] == "history"
        methods = [(e["request"]["method"], e["fullUrl"].rsplit("/", 1)[1]) for e in typed["entry"]]
        assert methods == [("DELETE", old["id"]), ("PUT", pid), ("PUT", pid)]
        delete = typed["entry"][0]
        assert "resource" not in delete
        assert delete["request"]["url"] == f"Patient/{old['id']}"
        assert typed["entry"][2]["response"]["status"].startswith("201")

        system = http.get("_history", params={"_since": since, "_sort": "_lastUpdated"}).json()
        kinds = [(e["request"]["method"], e["fullUrl"].split("/")[-2]) for e in system["entry"]]
        assert kinds == [
            ("PUT", "Patient"),
            ("PUT", "Patient"),
            ("DELETE", "Patient"),
            ("POST", "Observation"),
        ]
        assert http.get("_history").json()["total"] == 5
        assert http.get("_history", params={"_since": "yesterday"}).status_code == 400


def test_history_paging_is_complete(platform: Platform) -> None:
    with client(platform) as http:
        for i in range(23):
            http.post("Patient", json=patient(70 + i))
        for order in ("_lastUpdated", "-_lastUpdated"):
            entries = follow_all(http, f"Patient/_history?_count=5&_sort={order}")
            ids = [e["resource"]["id"] for e in entries]
            assert len(ids) == 23
            assert len(set(ids)) == 23
            stamps = [e["response"]["lastModified"] for e in entries]
            assert stamps == sorted(stamps, reverse=order.startswith("-"))
        system = follow_all(http, "_history?_count=4")
        assert len(system) == 23
