"""Every item model passes pytest-qt's model tester, before and after changes."""

from __future__ import annotations

from app.values import PlaceKind
from tests.ui.fake_source import FakeSource
from tests.ui.ward import TODAY, UNIT
from ui.models.grouped_model import Cell, Group, GroupedModel, Row
from ui.models.patient_filter import PatientFilter
from ui.models.patient_list_model import PatientListModel
from ui.presenters.patient_list import patient_rows


def test_patient_list_model_and_filter(qtmodeltester) -> None:
    model = PatientListModel()
    proxy = PatientFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    rows = patient_rows(FakeSource().patients_at(UNIT), today=TODAY)
    model.set_rows(rows, kind=PlaceKind.UNIT)
    qtmodeltester.check(model)
    model.reveal(rows[0].id)
    proxy.set_query("solberg")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    proxy.set_query("")
    proxy.sort(0)
    qtmodeltester.check(proxy)
    assert model.data(model.index(99, 0)) is None


def test_grouped_model(qtmodeltester) -> None:
    model = GroupedModel(["A", "B"])
    qtmodeltester.check(model)
    model.set_groups(
        [
            Group("One", [Row([Cell("x"), Cell("y")], payload=1), Row([Cell("z")], payload=2)]),
            Group("Empty", []),
            Group("Three", [Row([Cell("q"), Cell("r", accessible="are")], background="#fff4d6")]),
        ]
    )
    qtmodeltester.check(model)
    child = model.index(1, 1, model.index(0, 0))
    assert child.data() is None  # a short row never raises
    assert model.row_payload(model.index(0, 0, model.index(0, 0))) == 1
    assert model.index(0, 0).data() == "One (2)"
