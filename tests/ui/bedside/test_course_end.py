"""The round says when a course ends and which dose is its last (FHIR Period.end is inclusive).

Ingrid's Apocillin course runs 11-17 March (``boundsPeriod.end`` "2025-03-17": the whole day),
three times daily, so its last dose is 17 March at 18:00.
"""

from __future__ import annotations

from datetime import datetime

from app.bedside.round_plan import RowKind
from tests.ui.bedside.helpers import named
from tests.ui.bedside.ward_data import INGRID, OSLO
from ui.bedside import MedicationRoundView


def _round(qtbot, store, runner, now: datetime) -> MedicationRoundView:
    view = MedicationRoundView(source=store, runner=runner, clock=lambda: now)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.round_loaded, timeout=5_000):
        view.set_patient(INGRID)
    return view


def _apocillin_cells(view: MedicationRoundView) -> list[str]:
    return [
        view.model.index(index, 2).data()
        for index, row in enumerate(view.model_rows())
        if row.kind is RowKind.DOSE and named("Apocillin")(row)
    ]


def test_each_dose_of_a_course_says_when_its_last_dose_is(qtbot, store, runner, english) -> None:
    view = _round(qtbot, store, runner, datetime(2025, 3, 12, 9, 40, tzinfo=OSLO))
    cells = _apocillin_cells(view)
    assert cells
    assert all("Course ends: last dose 17.03.2025 at 18:00" in cell for cell in cells)


def test_the_last_dose_of_a_course_is_marked(qtbot, store, runner, english) -> None:
    view = _round(qtbot, store, runner, datetime(2025, 3, 17, 17, 30, tzinfo=OSLO))
    cells = _apocillin_cells(view)
    assert any("Last dose of the course" in cell for cell in cells)
    after = _round(qtbot, store, runner, datetime(2025, 3, 18, 9, 0, tzinfo=OSLO))
    late = [r for r in after.model_rows() if named("Apocillin")(r) and r.kind is RowKind.DOSE]
    assert all(r.dose is not None and r.dose.due_at.day == 17 for r in late)
