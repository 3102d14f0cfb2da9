"""The identifier phase (``sync.pull.logical``) over the real platform: VKP and PMD records that
name their patient by fødselsnummer reach the right patient, on a platform with and without the
``:identifier`` modifier; an incremental sync's requests follow what changed, never the
length of the history; a sync with nothing to do asks the phase nothing.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from clinical.welfare.dispenser import is_dispenser
from clinical.welfare.logical import logical_patient
from offline.datakey import DataKey
from sync import SyncScope
from sync.pull.logical import BOOTSTRAP_DAYS
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine, open_store, strip
from tests.synthetic.feed import LiveFeed, Roster, district_where

pytestmark = pytest.mark.integration

OSLO = ZoneInfo("Europe/Oslo")
# Today: the sync reads recent history by the platform's clock (``sync.pull.logical``), so the
# district's records are dated around the day the test runs.
REFERENCE_DATE = dt.datetime.now(ZoneInfo("Europe/Oslo")).date()
MIDNIGHT = dt.datetime.combine(REFERENCE_DATE, dt.time(), OSLO)
Json = dict[str, Any]
WHEN = {
    "Observation": "effectiveDateTime",
    "MedicationDispense": "whenHandedOver",
    "DetectedIssue": "identifiedDateTime",
}


class Recording(httpx.HTTPTransport):
    """The real platform's answers; each request's URL kept (``urls``), and each search asked
    for, on its own or as an entry of a ``batch`` Bundle (``asked``)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.asked: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        self.asked += _batched(request) if request.method == "POST" else [str(request.url)]
        return super().handle_request(request)


def _batched(request: httpx.Request) -> list[str]:
    """The absolute URL of each entry of the batch Bundle ``request`` sends (none otherwise)."""
    body = request.read()
    if request.headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    bundle = json.loads(body) if body else {}
    if bundle.get("resourceType") != "Bundle" or bundle.get("type") != "batch":
        return []
    base = str(request.url).rstrip("/") + "/"
    return [base + e["request"]["url"] for e in bundle.get("entry", [])]


def _has_both(people: Roster) -> bool:
    """Someone has both a dispenser and a monitoring plan."""
    monitored = {m.person.patient_id for m in people.monitored}
    return any(d.person.patient_id in monitored for d in people.dispensers)


def _district(platform: Platform, *, home_days: int) -> tuple[list[Json], Roster, SyncScope]:
    resources, people = district_where(
        _has_both, patients=24, seed=7, reference_date=REFERENCE_DATE, home_days=home_days
    )
    platform.load_ndjson(json.dumps(r) for r in resources)
    home_care = {m.person.patient_id for m in people.monitored} | {
        d.person.patient_id for d in people.dispensers
    }
    return resources, people, SyncScope(patients=tuple(sorted(home_care)))


def _named(resources: list[Json], number: str, rtype: str) -> list[Json]:
    return [
        r
        for r in resources
        if r["resourceType"] == rtype
        and (found := logical_patient(r)) is not None
        and found.value == number
    ]


def _evening(platform: Platform, people: Roster, patient_id: str) -> tuple[Json, Json]:
    feed = LiveFeed(people, since=MIDNIGHT)
    at = MIDNIGHT + dt.timedelta(hours=19)
    pressure = feed.blood_pressure(patient_id, at=at, systolic=188, diastolic=101)
    missed = feed.missed_dose(patient_id, due=MIDNIGHT + dt.timedelta(hours=18), text="Ikke tatt")
    platform.load_ndjson(json.dumps(r) for r in (pressure, missed))
    return pressure, missed


def _incremental_requests(platform: Platform, tmp_path: Path, *, home_days: int) -> list[str]:
    platform.reset()
    _resources, people, scope = _district(platform, home_days=home_days)
    patient = people.dispensers[0].person.patient_id
    time.sleep(1.2)  # the whole history behind the first sync's watermark, past the overlap
    with open_store(tmp_path / f"days{home_days}", DataKey.generate()) as store:
        with make_client(platform) as client:
            assert make_engine(store, client, scope, tmp_path).run().ok
        time.sleep(1.2)  # past the test overlap: the history is behind the watermark
        pressure, missed = _evening(platform, people, patient)
        transport = Recording()
        with make_client(platform, transport=transport) as client:
            assert make_engine(store, client, scope, tmp_path).run().ok
        found = store.compartment(patient, ["Observation", "DetectedIssue"])
        held = {(r["resourceType"], r["id"]) for r in found}
        assert ("Observation", pressure["id"]) in held
        assert ("DetectedIssue", missed["id"]) in held
    return transport.asked


def _by_identifier(url: str) -> bool:
    """Whether the request searches by ``:identifier`` (a reference parameter's modifier)."""
    return any(k.endswith(":identifier") for k, _v in httpx.URL(url).params.multi_items())


def _names_by_identifier_type(url: str) -> bool:
    """Whether the request searches a type VKP and PMD name their patient in by identifier."""
    path = httpx.URL(url).path.rstrip("/")
    return path.rsplit("/", 1)[-1] in ("Observation", "MedicationDispense", "DetectedIssue")


def _scoped(url: str) -> bool:
    """Whether the request names its patients (``Patient/<id>`` or ``_id``), or reads no record
    at all (``_summary=count``)."""
    params = httpx.URL(url).params.multi_items()
    return any(k == "_id" or "Patient/" in v or (k, v) == ("_summary", "count") for k, v in params)


def _shape(url: str) -> str:
    """A request without its values: the path and the parameter names."""
    parsed = httpx.URL(url)
    return parsed.path + "?" + ",".join(sorted(k for k, _v in parsed.params.multi_items()))


def test_an_incremental_syncs_requests_do_not_grow_with_the_history(
    platform: Platform, tmp_path: Path
) -> None:
    short = _incremental_requests(platform, tmp_path, home_days=7)
    long = _incremental_requests(platform, tmp_path, home_days=120)
    shapes = sorted(map(_shape, short)), sorted(map(_shape, long))
    assert shapes[0] == shapes[1], set(shapes[0]) ^ set(shapes[1])
    assert any(map(_by_identifier, long))


def test_records_named_by_fodselsnummer_reach_their_patient(
    platform: Platform, tmp_path: Path
) -> None:
    resources, people, scope = _district(platform, home_days=10)
    patient = next(
        d.person.patient_id
        for d in people.dispensers
        if d.person.patient_id in {m.person.patient_id for m in people.monitored}
    )
    number = people.people[patient].number
    transport = Recording()
    with (
        open_store(tmp_path / "store", DataKey.generate()) as store,
        make_client(platform, transport=transport) as client,
    ):
        assert make_engine(store, client, scope, tmp_path).run().ok
        for rtype, field in WHEN.items():
            sent = {r["id"]: r for r in _named(resources, number, rtype)}
            held = {r["id"]: r for r in store.compartment(patient, [rtype]) if r["id"] in sent}
            # Her recent history (BOOTSTRAP_DAYS back), as it was sent.
            start = dt.datetime.now(dt.UTC) - dt.timedelta(days=BOOTSTRAP_DAYS[rtype] - 1)
            recent = {i for i, r in sent.items() if dt.datetime.fromisoformat(r[field]) >= start}
            assert recent, rtype
            assert recent <= held.keys(), rtype
            assert all(strip(held[i]) == strip(sent[i]) for i in held), rtype  # unchanged
        # Nobody else's: every held record naming a number names this patient's own.
        for member in scope.patients:
            own = people.people[member].number
            for record in store.compartment(member, ["Observation", "MedicationDispense"]):
                found = logical_patient(record)
                assert found is None or found.value == own
        # The dispenser the events name by serial number is fetched, in her compartment.
        assert any(is_dispenser(d) for d in store.compartment(patient, ["Device"]))
        # The district's alert naming someone outside the scope is never read.
        assert store.unresolved(["DetectedIssue"]) == []
        by_identifier = [u for u in transport.asked if _by_identifier(u)]
        assert by_identifier
        # Each asked for once: the batch fetched ahead (``prefetch_logical``) is the one used.
        assert len(by_identifier) == len(set(by_identifier)), by_identifier
        time.sleep(1.2)
        pressure, missed = _evening(platform, people, patient)
        assert make_engine(store, client, scope, tmp_path).run().ok
        held_now = {r["id"] for r in store.compartment(patient, ["Observation", "DetectedIssue"])}
        assert {pressure["id"], missed["id"]} <= held_now


def test_a_platform_refusing_the_identifier_modifier_gets_no_search_of_everyone(
    platform: Platform, tmp_path: Path
) -> None:
    """Without ``:identifier`` no search finds a patient's records named by identifier; a
    search of the type by date would read every patient's, so they are named, not pulled."""
    platform.set_profile("default", identifier_modifier=False)
    _resources, _people, scope = _district(platform, home_days=5)
    transport = Recording()
    with (
        open_store(tmp_path / "store", DataKey.generate()) as store,
        make_client(platform, transport=transport) as client,
    ):
        summary = make_engine(store, client, scope, tmp_path).run()
        assert summary.ok, summary.error
        assert any("named by national identity number" in t for t in summary.unpullable)
        assert "NOT on this computer" in "\n".join(summary.lines())
        # A refusal is learnt once a run (a batch's refused entries are asked once on their own).
        assert sum(map(_by_identifier, transport.urls)) == 1
        unscoped = [
            u
            for u in transport.asked
            if _names_by_identifier_type(u) and not _by_identifier(u) and not _scoped(u)
        ]
        assert unscoped == []
        assert store.unresolved(["DetectedIssue", "Observation", "MedicationDispense"]) == []


def test_records_a_refusing_platform_kept_back_arrive_once_it_offers_the_modifier(
    platform: Platform, tmp_path: Path
) -> None:
    """A refused ``:identifier`` moves no watermark and marks nobody as pulled: the first sync
    after the platform starts offering it brings the records from the start."""
    platform.set_profile("default", identifier_modifier=False)
    resources, people, scope = _district(platform, home_days=5)
    patient = people.monitored[0].person.patient_id
    sent = {r["id"] for r in _named(resources, people.people[patient].number, "Observation")}
    assert sent
    time.sleep(1.2)  # the history behind the first sync's watermark, past the overlap
    with (
        open_store(tmp_path / "store", DataKey.generate()) as store,
        make_client(platform) as client,
    ):
        refused = make_engine(store, client, scope, tmp_path).run()
        assert refused.ok, refused.error
        assert any("named by national identity number" in t for t in refused.unpullable)
        assert not sent & {r["id"] for r in store.compartment(patient, ["Observation"])}
        platform.set_profile("default")
        offered = make_engine(store, client, scope, tmp_path).run()
        assert offered.ok, offered.error
        assert not any("named by national identity number" in t for t in offered.unpullable)
        held = {r["id"] for r in store.compartment(patient, ["Observation"])}
    assert sent <= held, len(sent - held)


def test_a_sync_with_nothing_to_do_asks_the_identifier_phase_nothing(
    platform: Platform, tmp_path: Path
) -> None:
    _resources, _people, scope = _district(platform, home_days=5)
    with open_store(tmp_path / "store", DataKey.generate()) as store:
        with make_client(platform) as client:
            assert make_engine(store, client, scope, tmp_path).run().ok
            time.sleep(1.2)
            assert make_engine(store, client, scope, tmp_path).run().ok  # the overlap, once
        transport = Recording()
        with make_client(platform, transport=transport) as client:
            assert make_engine(store, client, scope, tmp_path).run().ok
    assert not [u for u in transport.asked if _by_identifier(u) or "identifier=" in u]
    assert len(transport.urls) <= 4, transport.urls
