"""The trend reads one period (staff's and home measurements) and the patient's limits."""

from __future__ import annotations

import datetime as dt

from app.bedside.vitals_history import Series, Source, measurement_sets
from app.services import ClinicalServices
from clinical.fhir_read import effective_time
from clinical.welfare.limits import goal_limits
from tests.app.conftest import NOW
from tests.synthetic.feed import Roster


def test_a_period_of_home_measurements_with_limits(
    services: ClinicalServices, people: Roster
) -> None:
    pid = people.monitored[0].person.patient_id
    since, until = NOW - dt.timedelta(days=2), NOW - dt.timedelta(days=1)
    found = services.trend_records(pid, since=since, until=until)
    assert found.observations
    assert all(since <= effective_time(o) < until for o in found.observations)  # type: ignore[operator]
    sets = measurement_sets(found.observations)
    home = [s for s in sets if s.source is Source.HOME]
    assert home
    assert any(Series.SYSTOLIC in s.values or Series.SPO2 in s.values for s in home)
    assert goal_limits(found.goals)
    # The patient list's NEWS2 warning ignores home sets.
    alerts = services.vitals_alerts(None, [pid])  # type: ignore[arg-type]
    assert pid not in alerts or alerts[pid].at not in {s.at for s in home}
