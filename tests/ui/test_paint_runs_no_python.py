"""Painting the patient list, medication list and prescriptions runs no Python (the bedside
views: tests/ui/bedside/test_paint_runs_no_python.py).

Qt asks for about ten roles per visible cell on every paint. While another thread runs Python
(reading the list, counting due doses, a sync), each call into Python first waits for the GIL:
the list's first paint after a load took 40 ms instead of 10 (bench_list_first_paint.py), and a
medication list repainted beside a busy thread took 290 ms instead of 5. So cells live in C++
(``QStandardItemModel``) and no delegate or view paints through Python.
"""

from __future__ import annotations

from app.values import PatientId
from tests.ui.fake_source import FakeSource
from tests.ui.paint_probe import python_called_while_repainting
from tests.ui.ward import TODAY
from ui.main_window import MainWindow
from ui.presenters.medication_list import medication_list_view
from ui.presenters.prescriptions import prescriptions_view
from ui.views.medication_list_view import MedicationListWidget
from ui.views.prescriptions_view import PrescriptionsWidget

PATIENT = PatientId("pas-ingrid")


def test_the_patient_list(qtbot, window: MainWindow) -> None:
    view = window.patient_list
    qtbot.waitUntil(lambda: view.proxy.rowCount() > 0, timeout=5_000)
    qtbot.waitUntil(lambda: view.model.row_at(0).due is not None, timeout=5_000)  # type: ignore[union-attr]
    assert python_called_while_repainting(view.table) == []


def test_the_medication_list(qtbot, english: None) -> None:
    widget = MedicationListWidget()
    qtbot.addWidget(widget)
    widget.resize(936, 500)  # 200 %: the free-text doses wrap onto more lines
    widget.show()
    widget.show_stopped_box.setChecked(True)
    widget.show_list(medication_list_view(FakeSource().medication_list(PATIENT), today=TODAY))
    assert python_called_while_repainting(widget.tree) == []


def test_the_prescriptions(qtbot, english: None) -> None:
    widget = PrescriptionsWidget()
    qtbot.addWidget(widget)
    widget.resize(1340, 500)
    widget.show()
    widget.show_prescriptions(prescriptions_view(FakeSource().prescriptions(PATIENT), today=TODAY))
    assert python_called_while_repainting(widget.tree) == []
