"""The shift's views over a real store: models that pass qtmodeltester and paint from C++,
drafts kept as they are typed, the header's patient guard, the report from the previous shift
at the top until acknowledged, and the printable view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtGui import QPdfWriter

from app.services import ClinicalServices
from app.shift.drafts import DRAFT_MARK
from app.shift.values import TaskKind, TaskList
from app.values import PlaceKind, PlaceOfWork
from clinical.patient_guard import PatientGuard
from clinical.records.task_writer import TaskOutcome
from offline.store import Store
from tests.app.conftest import NOW, OSLO
from tests.ui.paint_probe import python_called_while_repainting
from ui.shift import HandoverBanner, HandoverForm, NotesView, TaskListView, task_view
from ui.shift.handover_print import print_to, report_document
from ui.shift.outcome_dialog import TaskOutcomeDialog
from ui.tasks import TaskRunner

WAIT = 15_000


def shown(qtbot: Any, widget: Any) -> Any:
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def unit_tasks(
    qtbot: Any, services: ClinicalServices, unit: PlaceOfWork, runner: TaskRunner
) -> TaskListView:
    view = shown(
        qtbot,
        TaskListView(
            source=services, runner=runner, clock=lambda: NOW, zone=OSLO, place=lambda: unit
        ),
    )
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.reload()
    return view


def test_the_task_list_paints_from_cpp_and_passes_the_model_tester(
    qtbot: Any,
    services: ClinicalServices,
    unit: PlaceOfWork,
    runner: TaskRunner,
    english: None,
    qtmodeltester: Any,
) -> None:
    view = unit_tasks(qtbot, services, unit, runner)
    assert view.model.rowCount() > 20
    qtmodeltester.check(view.model)
    assert python_called_while_repainting(view.table) == []
    assert view.counts.text().startswith("⚠ ")
    assert " overdue · ● " in view.counts.text()  # counts in words, not colour alone
    first = view.model.task_at(0)
    assert first is not None
    assert view.model.index(0, 1).data().startswith("⚠ Overdue")


class CountingReads:
    """The services, counting the place's list reads (and reading through them)."""

    def __init__(self, services: ClinicalServices) -> None:
        self.services = services
        self.reads = 0

    def place_tasks(self, place: PlaceOfWork) -> TaskList:
        self.reads += 1
        return self.services.place_tasks(place)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.services, name)


def test_refreshes_swap_in_a_model_built_off_the_gui_thread_and_coalesce(
    qtbot: Any,
    services: ClinicalServices,
    unit: PlaceOfWork,
    runner: TaskRunner,
    english: None,
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr(task_view, "REST_MS", 300)
    source = CountingReads(services)
    view = shown(
        qtbot,
        TaskListView(
            source=source,  # type: ignore[arg-type]
            runner=runner,
            clock=lambda: NOW,
            zone=OSLO,
            place=lambda: unit,
        ),
    )
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.reload()
    total = view.model.rowCount()
    view.table.selectRow(3)
    chosen = view.selected()
    assert chosen is not None
    first = view.model
    shows: list[int] = []
    view.loaded.connect(lambda: shows.append(view.model.rowCount()))
    source.reads = 0
    view.reload()  # F5: read now
    assert view.reading
    for _ in range(5):  # five syncs writing while that read runs
        view.refresh()
        assert view.model is first
        assert view.model.rowCount() == total  # the rows stay meanwhile
    qtbot.waitUntil(lambda: len(shows) == 2, timeout=WAIT)
    runner.wait_for_done(WAIT)
    assert source.reads == 2  # the read under way, then one more for the five that waited
    assert shows == [total, total]
    assert view.model is not first
    assert view.model.thread() is view.thread()
    assert view.selected() == chosen  # the same task stays selected
    assert not shiboken6.isValid(first)  # the old model was destroyed on a worker
    view.refresh()  # a sync wrote again: read after the rest that follows the last read
    assert not view.reading
    qtbot.waitUntil(lambda: len(shows) == 3, timeout=WAIT)
    assert source.reads == 3


def test_another_place_empties_the_list_at_once_and_never_shows_the_old_read(
    qtbot: Any, services: ClinicalServices, unit: PlaceOfWork, runner: TaskRunner, english: None
) -> None:
    chosen = [unit]
    view = shown(
        qtbot,
        TaskListView(
            source=services, runner=runner, clock=lambda: NOW, zone=OSLO, place=lambda: chosen[0]
        ),
    )
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.reload()
    assert view.model.rowCount() > 20
    shows: list[int] = []
    view.loaded.connect(lambda: shows.append(view.model.rowCount()))
    view.reload()  # a read of this unit's list is under way...
    assert view.reading
    chosen[0] = PlaceOfWork(id="elsewhere", kind=PlaceKind.UNIT, name="Annen avdeling")
    view.reload()  # ...when the nurse opens the tasks of another unit
    assert view.model.rowCount() == 0
    qtbot.waitUntil(lambda: bool(shows), timeout=WAIT)
    runner.wait_for_done(WAIT)
    qtbot.wait(100)
    assert shows == [0]  # the first unit's read was dropped, never shown over the second's


class NothingDue:
    """A patient with nothing due this shift."""

    def shift_tasks(self, _patient_id: str) -> TaskList:
        return TaskList(shift=(NOW, NOW))


def test_a_list_with_nothing_due_is_loaded_too(qtbot: Any, runner: TaskRunner) -> None:
    view = shown(
        qtbot,
        TaskListView(source=NothingDue(), runner=runner, clock=lambda: NOW, zone=OSLO),  # type: ignore[arg-type]
    )
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.set_patient("p1")
    assert view.model.rowCount() == 0
    assert not view.not_done_button.isEnabled()


def test_a_patient_s_list_writes_only_for_the_header_s_patient(
    qtbot: Any, services: ClinicalServices, unit: PlaceOfWork, runner: TaskRunner, english: None
) -> None:
    patients = [str(e.patient["id"]) for e in services.patients_at(unit)]
    guard = PatientGuard()
    guard.show(patients[1])  # the header moved on to another patient
    view = shown(
        qtbot,
        TaskListView(source=services, runner=runner, clock=lambda: NOW, zone=OSLO, guard=guard),
    )
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.set_patient(patients[0])
    row = next(
        i for i in range(view.model.rowCount()) if view.model.task_at(i).kind is TaskKind.CARE_PLAN
    )  # type: ignore[union-attr]
    view.table.selectRow(row)
    view.record(TaskOutcome.DONE)
    dialog = view.dialog
    assert isinstance(dialog, TaskOutcomeDialog)
    dialog.save()
    qtbot.waitUntil(lambda: "patient" in dialog.message.text().lower(), timeout=WAIT)
    assert dialog.isVisible()
    dialog.reject()


def test_a_note_draft_is_in_the_encrypted_store_as_it_is_typed(
    qtbot: Any,
    own_store: tuple[Store, list[dict[str, Any]]],
    services: ClinicalServices,
    unit: PlaceOfWork,
    runner: TaskRunner,
    english: None,
    qtmodeltester: Any,
) -> None:
    store = own_store[0]
    patient = str(services.patients_at(unit)[0].patient["id"])
    view = shown(qtbot, NotesView(source=services, runner=runner, clock=lambda: NOW, zone=OSLO))
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.set_patient(patient)
    qtmodeltester.check(view.model)
    assert python_called_while_repainting(view.table) == []
    view.new_note()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.editor, timeout=WAIT)
    view.editor.text.setPlainText("Urolig i natt")
    view.editor.text.appendPlainText("Fikk sove etter kl. 02")

    def saved() -> str:
        found = store.mark(DRAFT_MARK, patient)
        return "" if found is None else json.loads(found)["text"]

    qtbot.waitUntil(lambda: saved() == "Urolig i natt\nFikk sove etter kl. 02", timeout=WAIT)
    qtbot.waitUntil(lambda: "Draft saved" in view.editor.status.text(), timeout=WAIT)
    view.editor.closed.emit()  # closing keeps the draft
    qtbot.waitUntil(lambda: view.draft_notice.text() != "", timeout=WAIT)
    assert saved()


def test_the_previous_shift_s_report_stays_on_top_until_acknowledged(
    qtbot: Any, services: ClinicalServices, unit: PlaceOfWork, runner: TaskRunner, english: None
) -> None:
    patients = [str(e.patient["id"]) for e in services.patients_at(unit)]
    banner = HandoverBanner(source=services, runner=runner)
    qtbot.addWidget(banner)
    assert not banner.isVisible()
    banner.reload_for(lambda: patients)
    qtbot.waitUntil(banner.isVisible, timeout=WAIT)
    assert "Report from the previous shift" in banner.text.text()
    banner.read()
    dialog = banner.dialog
    assert dialog is not None
    assert "I – Identify" in dialog.text.toPlainText()
    with qtbot.waitSignal(banner.acknowledged, timeout=WAIT):
        dialog.acknowledge()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WAIT)


def test_the_unit_report_is_prefilled_with_sources_and_prints(
    qtbot: Any,
    services: ClinicalServices,
    unit: PlaceOfWork,
    runner: TaskRunner,
    english: None,
    qtmodeltester: Any,
    tmp_path: Path,
) -> None:
    form = shown(
        qtbot,
        HandoverForm(
            source=services, runner=runner, clock=lambda: NOW, zone=OSLO, place=lambda: unit
        ),
    )
    with qtbot.waitSignal(form.loaded, timeout=WAIT):
        form.reload()
    qtmodeltester.check(form.sources_model)
    assert python_called_while_repainting(form.sources) == []
    identify = next(iter(form.editors.values()))
    assert identify.toPlainText().startswith(form.draft.patients[0].patient_name)  # type: ignore[union-attr]
    assert form.sources_model.index(0, 2).data() == "✓ yes"
    identify.setPlainText("Skrevet om av sykepleieren")
    qtbot.waitUntil(lambda: form.sources_model.index(0, 2).data() == "– changed", timeout=WAIT)
    entry = form.entry()
    assert entry is not None
    first = entry.patients[0].parts[0]
    assert first.text == "Skrevet om av sykepleieren"
    assert first.sources == ()  # her own words carry no source
    pdf = tmp_path / "rapport.pdf"  # synthetic patients only
    writer = QPdfWriter(str(pdf))
    print_to(report_document("ISBAR-rapport", "test", form.printed()), writer)
    del writer
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2  # 6 patients: pages
