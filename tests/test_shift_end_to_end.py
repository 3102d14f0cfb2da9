"""End to end (issue 18 proof): a whole shift for a unit of 12 residents, offline, through the
real views, then reconnected; the next shift's session on another user's store sees the report.

A synthetic unit of 12 residents is loaded on the local platform and pulled into a real
encrypted store. Offline (the engine's client targets a closed port) the nurse works by
keyboard through the unit's ``TaskListView`` (care-plan activities done with a finding, not done
with a reason, postponed), ``NotesView`` (a note, then a correction of it) and the unit's
``HandoverForm`` (prefilled, signed with Ctrl+Enter). Sync reports offline and the outbox keeps
everything. After reconnecting one sync sends it all: the platform then holds every record
exactly once, valid against the R4B models, every reference resolving on the platform, and a
second sync sends nothing. A colleague's session on a store of her own then pulls the unit and
finds the report waiting for her at the top of the unit's list.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.service_context import ServiceContext
from app.services import ClinicalServices
from app.shift.values import TaskKind
from app.values import PlaceId, PlaceKind, PlaceOfWork
from client import FhirClient, RetryPolicy
from clinical.records import Staff
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from sync import SyncScope
from sync.summary import SyncOutcome
from tests.clinical.records.conftest import validate
from tests.platform.launcher import Platform
from tests.sync.helpers import make_client, make_engine, no_sleep, open_store
from tests.synthetic import generate
from ui.shift import HandoverBanner, HandoverForm, NotesView, TaskListView
from ui.shift.outcome_dialog import TaskOutcomeDialog
from ui.tasks import TaskRunner

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

OSLO = ZoneInfo("Europe/Oslo")
REFERENCE_DATE = dt.date(2026, 1, 13)
NOW = dt.datetime(2026, 1, 13, 9, 30, tzinfo=OSLO)
NEXT_SHIFT = dt.datetime(2026, 1, 13, 15, 20, tzinfo=OSLO)
CLOSED_PORT = "http://127.0.0.1:9/fhir/R4/"
WAIT_MS = 15_000
Json = dict[str, Any]


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner(max_threads=2)
    yield task_runner
    task_runner.wait_for_done(10_000)
    QApplication.processEvents()


@pytest.fixture
def unit(platform: Platform) -> list[Json]:
    """A nursing-home unit of 12 residents on the platform."""
    resources = list(generate(patients=12, seed=18, reference_date=REFERENCE_DATE))
    platform.load_ndjson(json.dumps(r) for r in resources)
    return resources


def ward_location(resources: list[Json]) -> Json:
    return next(
        r
        for r in resources
        if r["resourceType"] == "Location"
        and any(c.get("code") == "wa" for c in r.get("physicalType", {}).get("coding", []))
    )


def staff(resources: list[Json], number: int) -> Staff:
    practitioner = [r for r in resources if r["resourceType"] == "Practitioner"][number]
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


def reload_tasks(qtbot: Any, view: TaskListView) -> None:
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.reload()


def row_of(view: TaskListView, kind: TaskKind, skip: set[str]) -> int:
    for number in range(view.model.rowCount()):
        task = view.model.task_at(number)
        if task is not None and task.kind is kind and task.key not in skip:
            return number
    raise AssertionError(f"no {kind} task left in the list")


def act(qtbot: Any, view: TaskListView, row: int, keys: tuple[Any, Any]) -> TaskOutcomeDialog:
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=WAIT_MS)
    view.table.selectRow(row)
    view.table.setFocus()
    QTest.keyClick(view.table, *keys)
    qtbot.waitUntil(lambda: isinstance(view.dialog, TaskOutcomeDialog), timeout=WAIT_MS)
    dialog = view.dialog
    assert isinstance(dialog, TaskOutcomeDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    return dialog


def save(qtbot: Any, view: TaskListView, dialog: TaskOutcomeDialog) -> list[Json]:
    """Ctrl+Enter in the dialog; what it wrote (the dialog deletes itself once it closes)."""
    written: list[Json] = []
    dialog.accepted.connect(lambda: written.extend(dialog.saved))
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(written), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.dialog is None, timeout=WAIT_MS)
    return written


def work_the_task_list(qtbot: Any, view: TaskListView) -> list[Json]:
    """Two activities done (one with a finding), one not done, one postponed: by keyboard."""
    written: list[Json] = []
    acted: set[str] = set()
    reload_tasks(qtbot, view)
    for finding in ("Huden på hælene er hel", ""):
        row = row_of(view, TaskKind.CARE_PLAN, acted)
        acted.add(str(view.model.task_at(row).key))  # type: ignore[union-attr]
        dialog = act(qtbot, view, row, (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
        if finding:
            dialog.finding.setFocus()
            QTest.keyClicks(dialog.finding, finding)
        written += save(qtbot, view, dialog)
        reload_tasks(qtbot, view)
    row = row_of(view, TaskKind.CARE_PLAN, acted)
    acted.add(str(view.model.task_at(row).key))  # type: ignore[union-attr]
    dialog = act(qtbot, view, row, (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier))
    dialog.reason.setFocus()
    QTest.keyClick(dialog.reason, Qt.Key.Key_Down)  # the first reason: the patient declined
    QTest.keyClicks(dialog.reason_text, "Ville sove")
    written += save(qtbot, view, dialog)
    reload_tasks(qtbot, view)
    row = row_of(view, TaskKind.CARE_PLAN, acted)
    dialog = act(qtbot, view, row, (Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier))
    dialog.reason.setFocus()
    for _ in range(7):  # "No time this shift"
        QTest.keyClick(dialog.reason, Qt.Key.Key_Down)
    written += save(qtbot, view, dialog)
    statuses = sorted(r["status"] for r in written if r["resourceType"] == "Task")
    assert statuses == ["cancelled", "completed", "completed", "on-hold"]
    return written


def write_and_correct_a_note(qtbot: Any, view: NotesView, patient_id: str) -> list[Json]:
    """A note by keyboard (Ctrl+Shift+J, type, Ctrl+Enter), then its correction (Ctrl+K)."""
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.set_patient(patient_id)
    before = {v.note.id for v in view.notes.notes}
    view.activateWindow()
    view.table.setFocus()
    QTest.keyClick(
        view.table,
        Qt.Key.Key_J,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.editor, timeout=WAIT_MS)
    QTest.keyClicks(view.editor.text, "Urolig på formiddagen, spiste lite.")
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        QTest.keyClick(view.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (first,) = [v for v in view.notes.notes if v.note.id not in before]
    view.table.selectRow([v.note.id for v in view.notes.notes].index(first.note.id))
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.editor, timeout=WAIT_MS)
    assert view.editor.text.toPlainText() == "Urolig på formiddagen, spiste lite."
    view.editor.text.selectAll()
    QTest.keyClicks(view.editor.text, "Urolig på formiddagen, spiste godt til middag.")
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        QTest.keyClick(view.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    notes = {v.note.id: v for v in view.notes.notes}
    assert notes[first.note.id].note.withdrawn
    fix = notes[str(notes[first.note.id].corrected_by)]
    assert fix.note.text == "Urolig på formiddagen, spiste godt til middag."
    return [
        {"resourceType": "DocumentReference", "id": first.note.id},
        {"resourceType": "DocumentReference", "id": fix.note.id},
    ]


def sign_the_unit_report(qtbot: Any, form: HandoverForm) -> None:
    with qtbot.waitSignal(form.loaded, timeout=WAIT_MS):
        form.reload()
    assert form.draft is not None
    assert len(form.draft.patients) == 12
    form.editors[next(iter(form.editors))].setFocus()
    with qtbot.waitSignal(form.signed, timeout=WAIT_MS):
        QTest.keyClick(
            form.editors[next(iter(form.editors))],
            Qt.Key.Key_Return,
            Qt.KeyboardModifier.ControlModifier,
        )


def platform_read(http: httpx.Client, platform: Platform, reference: str) -> Json | None:
    answer = http.get(f"{platform.fhir_base}/{reference}")
    return answer.json() if answer.status_code == 200 else None


def references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str) and not value.startswith("#"):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


@pytest.mark.usefixtures("qapp")
def test_an_offline_shift_reaches_the_platform_once_and_the_next_shift_sees_the_report(
    qtbot: Any, platform: Platform, unit: list[Json], runner: TaskRunner, tmp_path: Path
) -> None:
    location = ward_location(unit)
    nurse, colleague = staff(unit, 0), staff(unit, 1)
    scope = SyncScope(units=(location["id"],))
    place = PlaceOfWork(id=PlaceId(location["id"]), kind=PlaceKind.UNIT, name=location["name"])
    with (
        open_store(tmp_path / "nurse", DataKey.generate()) as store,
        make_client(platform) as online,
    ):
        assert make_engine(store, online, scope, tmp_path / "nurse").run().ok
        services = ClinicalServices(
            ServiceContext(store=lambda: store, user=nurse, clock=lambda: NOW)
        )
        residents = [str(e.patient["id"]) for e in services.patients_at(place)]
        assert len(residents) == 12
        offline_client = FhirClient(
            CLOSED_PORT,
            sleep=no_sleep,
            retry=RetryPolicy(max_attempts=1, base_delay=0.0, max_delay=0.0),
        )
        with offline_client:
            tasks = TaskListView(
                source=services, runner=runner, clock=lambda: NOW, zone=OSLO, place=lambda: place
            )
            show(qtbot, tasks)
            written = work_the_task_list(qtbot, tasks)
            tasks.close()
            notes = NotesView(source=services, runner=runner, clock=lambda: NOW, zone=OSLO)
            show(qtbot, notes)
            write_and_correct_a_note(qtbot, notes, residents[3])
            notes.close()
            form = HandoverForm(
                source=services, runner=runner, clock=lambda: NOW, zone=OSLO, place=lambda: place
            )
            show(qtbot, form)
            sign_the_unit_report(qtbot, form)
            form.close()
            runner.wait_for_done(10_000)
            ours = {(e.resource_type, e.resource_id) for e in store.outbox()}
            offline = make_engine(store, offline_client, scope, tmp_path / "nurse").run()
            assert offline.outcome is SyncOutcome.OFFLINE
            assert offline.pushed == 0
            assert {(e.resource_type, e.resource_id) for e in store.outbox()} == ours

        # 12 Compositions and 12 acknowledgement Tasks, the four outcomes (and a Procedure),
        # two notes and the original marked: all waiting, nothing lost.
        kinds = sorted(kind for kind, _ in ours)
        assert kinds.count("Composition") == 12
        assert kinds.count("DocumentReference") == 2
        assert kinds.count("Procedure") == 1
        assert {r["id"] for r in written} <= {rid for _, rid in ours}

        back = make_engine(store, online, scope, tmp_path / "nurse").run()
        assert back.ok, back.error
        assert back.quarantined == 0
        assert back.pushed == len(ours)
        assert store.outbox_status().pending == 0
        again = make_engine(store, online, scope, tmp_path / "nurse").run()
        assert again.ok
        assert again.pushed == 0

    with httpx.Client(timeout=60.0) as http:
        for kind, rid in sorted(ours):
            found = http.get(
                f"{platform.fhir_base}/{kind}", params={"_id": rid, "_total": "accurate"}
            ).json()
            assert found["total"] == 1, (kind, rid)
            resource = found["entry"][0]["resource"]
            validate(resource)
            for target in references(resource):
                assert platform_read(http, platform, target) is not None, (kind, target)
            if kind == "DocumentReference" and resource.get("relatesTo"):
                original = resource["relatesTo"][0]["target"]["reference"]
                assert platform_read(http, platform, original)["status"] == "entered-in-error"  # type: ignore[index]

    # The next shift: a colleague's own store on another computer.
    other = UserId("hpr:" + str(colleague.hpr))
    with (
        Store.open(
            store_paths(other, directory=tmp_path / "colleague"),
            DataKey.generate(),
            user=other,
            create=True,
        ) as theirs,
        make_client(platform) as online,
    ):
        assert make_engine(theirs, online, scope, tmp_path / "colleague").run().ok
        next_shift = ClinicalServices(
            ServiceContext(store=lambda: theirs, user=colleague, clock=lambda: NEXT_SHIFT)
        )
        reports = next_shift.open_handovers(residents)
        mine = [r for r in reports if nurse.name in r.author]
        assert len(mine) == 1
        assert len(mine[0].handovers) == 12
        banner = HandoverBanner(source=next_shift, runner=runner)
        qtbot.addWidget(banner)
        banner.reload_for(lambda: residents)
        qtbot.waitUntil(banner.isVisible, timeout=WAIT_MS)
        assert nurse.name in banner.text.text()
