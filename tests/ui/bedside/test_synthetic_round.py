"""The round builds on the synthetic municipality's realistic FHIR data without errors."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from app.bedside.config import BedsideConfig
from app.bedside.round_plan import RowKind, build_round
from app.bedside.vitals_history import measurement_sets
from tests.synthetic import generate
from tests.ui.bedside.fake_source import FakeBedsideSource
from tests.ui.bedside.ward_data import UNIT


def test_round_and_trend_from_generated_patients():
    source = FakeBedsideSource.from_resources(
        generate(patients=6, seed=3, reference_date=dt.date(2026, 1, 15))
    )
    now = dt.datetime(2026, 1, 15, 9, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    config = BedsideConfig()
    window = config.round_window(now)
    kinds = set()
    for patient in source.round_patients(UNIT):
        pid = patient["id"]
        plan = build_round(
            source.medication_data(pid),
            administrations=source.administrations(pid, since=window[0], until=window[1]),
            window=window,
            now=now,
        )
        kinds |= {row.kind for row in plan.rows}
        sets = measurement_sets(source.vital_signs(pid, since=now - dt.timedelta(days=7)))
        assert sets, "every synthetic patient has a week of vital signs"
    assert {RowKind.DOSE, RowKind.PRN} <= kinds
