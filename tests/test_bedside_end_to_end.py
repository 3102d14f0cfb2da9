"""End to end (issue 6 proof): a bedside round and vital signs recorded offline reach the platform.

A synthetic municipality is loaded on the local platform and pulled into a real encrypted store
for the unit. Offline (the engine's client targets a closed port) the nurse documents a
medication round (given, not given with a reason, an as-needed dose with its follow-up Task) and
a full vital-signs set with NEWS2 for three patients, by keyboard through the real
``MedicationRoundView`` / ``VitalSignsView`` over the app's ``ClinicalServices``. Sync reports
offline and the outbox keeps everything; after reconnecting one sync sends it all. The platform then
holds each record exactly once, valid against the R4B models, referencing the right Patient,
MedicationRequest or MedicationStatement and Practitioner, and a second sync creates nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.bedside.config import BedsideConfig
from app.bedside.round_plan import RoundRow, RowKind
from app.service_context import ServiceContext
from app.services import ClinicalServices
from app.values import PlaceId, PlaceKind, PlaceOfWork
from client import FhirClient, RetryPolicy
from clinical.records import Staff
from clinical.records.vital_signs import SNOMED_NEWS2_TOTAL
from clinical.vitals import VitalSign
from offline.datakey import DataKey
from sync import SyncScope
from sync.status import Connectivity
from sync.summary import SyncOutcome
from tests.clinical.records.conftest import validate
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine, no_sleep, open_store
from tests.synthetic import generate
from ui.bedside import MedicationRoundView, VitalSignsView
from ui.bedside.administer_dialog import AdministerDialog
from ui.tasks import TaskRunner

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]

OSLO = ZoneInfo("Europe/Oslo")
REFERENCE_DATE = dt.date(2026, 1, 15)
NOW = dt.datetime(2026, 1, 15, 9, 30, tzinfo=OSLO)
CLOSED_PORT = "http://127.0.0.1:9/fhir/R4/"
WAIT_MS = 10_000
Json = dict[str, Any]


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner(max_threads=2)
    yield task_runner
    task_runner.wait_for_done(5_000)
    QApplication.processEvents()


@pytest.fixture
def ward(platform: Platform) -> list[Json]:
    """Twenty generated patients (one nursing-home unit) on the platform."""
    resources = list(generate(patients=20, seed=7, reference_date=REFERENCE_DATE))
    platform.load_ndjson(json.dumps(r) for r in resources)
    return resources


def unit_location(resources: list[Json]) -> Json:
    """The ward: the Location whose physicalType is ``wa``."""
    return next(
        r
        for r in resources
        if r["resourceType"] == "Location"
        and any(c.get("code") == "wa" for c in r.get("physicalType", {}).get("coding", []))
    )


def nurse_from(resources: list[Json]) -> Staff:
    """A generated Practitioner (present on the platform) as the signed-in nurse."""
    practitioner = next(r for r in resources if r["resourceType"] == "Practitioner")
    return Staff(
        practitioner["id"],
        practitioner["name"][0]["text"],
        hpr=practitioner["identifier"][0]["value"],
        role="SP",
    )


def show(qtbot: Any, view: Any) -> None:
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=WAIT_MS)


def load_round(qtbot: Any, view: MedicationRoundView, patient_id: str) -> list[RoundRow]:
    with qtbot.waitSignal(view.round_loaded, timeout=WAIT_MS):
        view.set_patient(patient_id)
    return view.model_rows()


def single_signature(row: RoundRow, kind: RowKind) -> bool:
    """A row of ``kind`` whose drug needs no second person's signature."""
    return (
        row.kind is kind
        and row.line is not None
        and not BedsideConfig().needs_double_signature(row.line.atc)
    )


def document(
    qtbot: Any,
    view: MedicationRoundView,
    index: int,
    *,
    not_given: bool,
    recorded: list[list[Json]],
) -> list[Json] | None:
    """Open row ``index`` by keyboard and save it; None when a safety check stopped it."""
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=WAIT_MS)
    view.table.selectRow(index)
    view.table.setFocus()
    modifier = Qt.KeyboardModifier.ControlModifier if not_given else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(view.table, Qt.Key.Key_N if not_given else Qt.Key.Key_Return, modifier)
    dialog = view.dialog
    assert isinstance(dialog, AdministerDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    if not_given:
        dialog.reason.setFocus()
        QTest.keyClick(dialog.reason, Qt.Key.Key_Down)  # the first reason: patient refused
    elif dialog.indication.isVisible() and not dialog.indication.text().strip():
        QTest.keyClicks(dialog.indication, "Smerter")
    before = len(recorded)
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: len(recorded) > before or (dialog.message.text() not in ("", "Saving…")),
        timeout=WAIT_MS,
    )
    if len(recorded) == before:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # e.g. an allergy or limit check stopped it
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        return None
    qtbot.waitUntil(lambda: view.dialog is None or not dialog.isVisible(), timeout=WAIT_MS)
    return recorded[-1]


def medication_round(
    qtbot: Any, view: MedicationRoundView, patients: list[str]
) -> dict[str, list[Json]]:
    """Given, not given (refused) and an as-needed dose, each for a different patient."""
    recorded: list[list[Json]] = []
    view.recorded.connect(recorded.append)
    wanted = [("given", RowKind.DOSE, False), ("not_given", RowKind.DOSE, True)]
    wanted.append(("prn", RowKind.PRN, False))
    done: dict[str, list[Json]] = {}
    used: set[str] = set()
    for name, kind, not_given in wanted:
        for patient_id in patients:
            if patient_id in used:
                continue
            rows = load_round(qtbot, view, patient_id)
            candidates = [i for i, row in enumerate(rows) if single_signature(row, kind)]
            saved = None
            for index in candidates[:3]:
                saved = document(qtbot, view, index, not_given=not_given, recorded=recorded)
                if saved is not None:
                    break
                rows = load_round(qtbot, view, patient_id)
            if saved is not None:
                done[name] = saved
                used.add(patient_id)
                break
    assert set(done) == {"given", "not_given", "prn"}, f"documented only {sorted(done)}"
    return done


def type_into(view: VitalSignsView, vital: VitalSign, text: str) -> None:
    edit = view.fields[vital].edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)


def vital_signs_set(qtbot: Any, view: VitalSignsView, patient_id: str) -> list[Json]:
    """A full NEWS2 set on room air, saved with Ctrl+Enter."""
    recorded: list[list[Json]] = []
    view.recorded.connect(recorded.append)
    view.set_patient(patient_id)
    qtbot.waitUntil(lambda: view.scale.count() > 0, timeout=WAIT_MS)
    type_into(view, VitalSign.RESPIRATION_RATE, "20")
    type_into(view, VitalSign.SPO2, "95")
    QTest.keyClick(view.air, Qt.Key.Key_Space)  # room air
    type_into(view, VitalSign.SYSTOLIC_BP, "118")
    type_into(view, VitalSign.DIASTOLIC_BP, "72")
    type_into(view, VitalSign.PULSE, "88")
    view.acvpu.setFocus()
    QTest.keyClick(view.acvpu, Qt.Key.Key_Down)  # A - Alert
    type_into(view, VitalSign.TEMPERATURE, "37,9")
    QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(recorded) == 1, timeout=WAIT_MS)
    view.recorded.disconnect()
    assert "NEWS2" in view.status.text()  # a complete set: saved with its NEWS2 total
    return recorded[0]


def platform_search(platform: Platform, resource_type: str, **params: str) -> Json:
    """One searchset Bundle from the platform, with an accurate total."""
    with httpx.Client(timeout=60.0) as http:
        answer = http.get(
            f"{platform.fhir_base}/{resource_type}",
            params={"_count": "200", "_total": "accurate", **params},
        )
    answer.raise_for_status()
    bundle: Json = answer.json()
    return bundle


def referenced(resource: Json, *path: str) -> str:
    value: Any = resource
    for key in path:
        value = value[0][key] if isinstance(value, list) else value[key]
    return str(value)


@pytest.mark.usefixtures("qapp")
def test_offline_round_and_vitals_reach_the_platform_once(
    qtbot: Any, platform: Platform, ward: list[Json], runner: TaskRunner, tmp_path: Path
) -> None:
    unit = unit_location(ward)
    nurse = nurse_from(ward)
    scope = SyncScope(units=(unit["id"],))
    with (
        open_store(tmp_path / "data", DataKey.generate()) as store,
        make_client(platform) as online,
    ):
        first = make_engine(store, online, scope, tmp_path).run()
        assert first.ok, first.error
        assert first.pulled > 0

        place = PlaceOfWork(id=PlaceId(unit["id"]), kind=PlaceKind.UNIT, name=unit["name"])
        source = ClinicalServices(
            ServiceContext(store=lambda: store, user=nurse, clock=lambda: NOW)
        )
        patients = [str(p["id"]) for p in source.round_patients(place)]
        assert len(patients) >= 6

        # Offline: the engine's client points at a closed port.
        offline_client = FhirClient(
            CLOSED_PORT,
            sleep=no_sleep,
            retry=RetryPolicy(max_attempts=1, base_delay=0.0, max_delay=0.0),
        )
        with offline_client:
            offline = make_engine(store, offline_client, scope, tmp_path)

            rounds = MedicationRoundView(source=source, runner=runner, clock=lambda: NOW)
            show(qtbot, rounds)
            round_records = medication_round(qtbot, rounds, patients)
            rounds.close()

            vitals = VitalSignsView(source=source, runner=runner, clock=lambda: NOW)
            show(qtbot, vitals)
            vital_records = {pid: vital_signs_set(qtbot, vitals, pid) for pid in patients[-3:]}
            vitals.close()

            recorded = [r for batch in round_records.values() for r in batch]
            recorded += [r for batch in vital_records.values() for r in batch]
            gone_offline = offline.run()
            assert gone_offline.outcome is SyncOutcome.OFFLINE
            assert gone_offline.status.connectivity is Connectivity.OFFLINE
            assert gone_offline.pushed == 0
            assert store.outbox_status().pending == len(recorded)
            assert gone_offline.status.pending_changes == len(recorded)

        # Reconnect.
        back = make_engine(store, online, scope, tmp_path).run()
        assert back.ok, back.error
        assert back.pushed == len(recorded)
        assert back.quarantined == 0
        assert store.outbox_status().pending == 0
        assert back.status.pending_changes == 0
        again = make_engine(store, online, scope, tmp_path).run()
        assert again.ok, again.error
        assert again.pushed == 0
        assert again.quarantined == 0

    check_round(platform, round_records, nurse)
    check_vitals(platform, vital_records, nurse)
    # Nothing duplicated: every record is on the platform exactly once, by its identifier.
    counts = Counter(r["resourceType"] for r in recorded)
    for resource_type, expected in counts.items():
        ids = ",".join(r["id"] for r in recorded if r["resourceType"] == resource_type)
        assert platform_search(platform, resource_type, _id=ids)["total"] == expected
    for resource in recorded:
        system, value = resource["identifier"][0]["system"], resource["identifier"][0]["value"]
        found = platform_search(platform, resource["resourceType"], identifier=f"{system}|{value}")
        assert found["total"] == 1
    # Each vitals patient has the generated Observations plus exactly this set.
    for patient_id, batch in vital_records.items():
        generated = sum(
            1
            for r in ward
            if r["resourceType"] == "Observation"
            and r["subject"]["reference"] == f"Patient/{patient_id}"
        )
        found = platform_search(platform, "Observation", subject=f"Patient/{patient_id}")
        assert found["total"] == generated + len(batch)
    # The generated municipality has no administrations: these are all ours; of the Tasks,
    # one is ours (the follow-up) and the rest are the previous shifts' (tests/synthetic).
    assert platform_search(platform, "MedicationAdministration")["total"] == 3
    generated_tasks = sum(1 for r in ward if r["resourceType"] == "Task")
    assert platform_search(platform, "Task")["total"] == generated_tasks + 1


def on_platform(platform: Platform, resource: Json) -> Json:
    """The platform's current copy, validated with the R4B model, equal in content to ours."""
    bundle = platform_search(platform, resource["resourceType"], _id=resource["id"])
    assert bundle["total"] == 1
    stored: Json = bundle["entry"][0]["resource"]
    validate(stored)
    ours = {k: v for k, v in resource.items() if k not in ("meta", "text")}
    theirs = {k: v for k, v in stored.items() if k not in ("meta", "text")}
    assert json.loads(json.dumps(theirs)) == json.loads(json.dumps(ours))
    return stored


def check_round(platform: Platform, records: dict[str, list[Json]], nurse: Staff) -> None:
    patients = {name: batch[0]["subject"]["reference"] for name, batch in records.items()}
    assert len(set(patients.values())) == 3
    for name, batch in records.items():
        administration = on_platform(platform, batch[0])
        assert administration["resourceType"] == "MedicationAdministration"
        assert referenced(administration, "performer", "actor", "reference") == (
            f"Practitioner/{nurse.practitioner_id}"
        )
        assert platform_search(platform, "Practitioner", _id=nurse.practitioner_id)["total"] == 1
        patient = administration["subject"]["reference"]
        assert platform_search(platform, "Patient", _id=patient.split("/")[1])["total"] == 1
        if "request" in administration:
            request_id = administration["request"]["reference"].split("/")[1]
            request = platform_search(platform, "MedicationRequest", _id=request_id)
            assert request["total"] == 1
            assert request["entry"][0]["resource"]["subject"]["reference"] == patient
        else:
            (support,) = administration["supportingInformation"]
            kind, statement_id = support["reference"].split("/")
            assert kind == "MedicationStatement"
            statement = platform_search(platform, kind, _id=statement_id)
            assert statement["total"] == 1
            assert statement["entry"][0]["resource"]["subject"]["reference"] == patient
        # Searching the platform by the patient finds the administration.
        by_patient = platform_search(
            platform, "MedicationAdministration", subject=patient, _id=administration["id"]
        )
        assert by_patient["total"] == 1
        if name == "given":
            assert administration["status"] == "completed"
        if name == "not_given":
            assert administration["status"] == "not-done"
            assert administration["statusReason"][0]["coding"][0]["code"] == "refused"
    administration, task = records["prn"]
    task = on_platform(platform, task)
    assert task["resourceType"] == "Task"
    assert task["focus"]["reference"] == f"MedicationAdministration/{administration['id']}"
    assert task["for"]["reference"] == administration["subject"]["reference"]
    assert "reasonCode" in administration


def check_vitals(platform: Platform, records: dict[str, list[Json]], nurse: Staff) -> None:
    for patient_id, batch in records.items():
        stored = [on_platform(platform, r) for r in batch]
        for observation in stored:
            assert observation["subject"]["reference"] == f"Patient/{patient_id}"
            assert referenced(observation, "performer", "reference") == (
                f"Practitioner/{nurse.practitioner_id}"
            )
        (news2,) = [
            o
            for o in stored
            if any(c["code"] == SNOMED_NEWS2_TOTAL for c in o["code"].get("coding", []))
        ]
        inputs = [o for o in stored if o is not news2]
        derived = {d["reference"] for d in news2["derivedFrom"]}
        assert derived == {f"Observation/{o['id']}" for o in inputs}
        ids = ",".join(d.split("/")[1] for d in derived)
        found = platform_search(platform, "Observation", _id=ids, subject=f"Patient/{patient_id}")
        assert found["total"] == len(derived)
        assert news2["valueQuantity"]["value"] >= 0
