"""One clinical clock: on a computer set to UTC or New York, every time a nurse sees is Oslo's.

The window is wired as the workstation wires it (``tests.ui.over_store.workbench``), with the
real clinical clock (no test clock passed), over a real store: the vital-signs form's "Measured
at", its save message, the trend's newest row and the status bar's last sync must all read the
Norwegian wall clock, whatever zone the process runs in. ``TZ`` is switched inside the process
(``time.tzset``), so Python and Qt see the computer's zone change exactly as on a machine set
to it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtTest import QTest

from app.values import AccessBasis, AccessGrant
from clinical.vitals import VitalSign
from config import Settings, SettingsPaths
from offline.store import Store
from sync.status import Connectivity, SyncStatus
from tests.ui.over_store.workbench import workbench_over
from ui.app import DEFAULT_CLOCK
from ui.bedside import VitalSignsView, VitalsTrendView
from ui.event_bridge import EventBridge
from ui.presenters.formatting import set_display_zone
from ui.tasks import TaskRunner

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture(params=["UTC", "America/New_York"])
def machine_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The computer's own zone for the test (restored afterwards)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    assert datetime.now().astimezone().utcoffset() != datetime.now(OSLO).utcoffset()
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def oslo_minutes(before: datetime, after: datetime) -> set[str]:
    """ "HH:MM" in Oslo of every minute from ``before`` to ``after`` (minutes may turn)."""
    first = before.replace(second=0, microsecond=0)
    count = int((after - first).total_seconds() // 60) + 1
    return {f"{(first + timedelta(minutes=n)).astimezone(OSLO):%H:%M}" for n in range(count)}


def test_every_time_on_screen_is_norwegian_whatever_the_computer_s_zone(
    qtbot: Any,
    machine_zone: str,
    own_store: tuple[Store, list[dict[str, Any]]],
    runner: TaskRunner,
    english: None,
    tmp_path: Path,
) -> None:
    set_display_zone(None)  # as at start-up: only the app's own wiring may choose the zone
    store, generated = own_store
    window = workbench_over(
        store,
        settings=Settings(SettingsPaths.under_root(tmp_path)),
        runner=runner,
        bridge=EventBridge(),
    )
    qtbot.addWidget(window)
    window.show()
    window.start()
    vitals = window.findChild(VitalSignsView)
    trend = window.findChild(VitalsTrendView)
    assert vitals is not None
    assert trend is not None
    qtbot.waitUntil(lambda: window.patient_list.panel.state == "content", timeout=20_000)
    assert any(
        window.patient_list.select_patient(r["id"])
        for r in generated
        if r["resourceType"] == "Patient"
    )
    row = window.patient_list.selected_row()
    assert row is not None
    before = datetime.now(UTC)
    # Opened as a nurse opens a resident (the access basis given): every tab follows the header.
    window.access.remember(row.id, AccessGrant(AccessBasis.CONSENT, "", DEFAULT_CLOCK()))
    window.request_open(row)
    window.workspace.tabs.setCurrentWidget(vitals)
    qtbot.waitUntil(lambda: vitals.scale.count() > 0, timeout=10_000)
    after = datetime.now(UTC)
    assert vitals.time_edit.text()[-5:] in oslo_minutes(before, after)

    for vital, text in ((VitalSign.PULSE, "82"), (VitalSign.TEMPERATURE, "37,1")):
        edit = vitals.fields[vital].edit
        edit.setFocus()
        QTest.keyClicks(edit, text)
    opened = before  # the form's time field was filled then; the save line names that time
    vitals.save()
    qtbot.waitUntil(lambda: "Saved" in vitals.status.text(), timeout=10_000)
    after = datetime.now(UTC)
    saved_at = vitals.status.text().split("Saved at ", 1)[1][:5]
    assert saved_at in oslo_minutes(opened, after)

    window.workspace.tabs.setCurrentWidget(trend)
    qtbot.waitUntil(lambda: trend.model.rowCount() > 0, timeout=10_000)
    newest = trend.model.index(0, 0).data()
    assert newest.endswith(saved_at)

    synced = datetime(2026, 11, 26, 8, 12, tzinfo=UTC)  # 09:12 in Oslo (CET)
    window.sync_status.set_status(
        SyncStatus(
            connectivity=Connectivity.ONLINE,
            pending_changes=0,
            quarantined=0,
            conflicts=0,
            last_success_at=synced,
        )
    )
    shown = " ".join(label.text() for label in window.sync_status.findChildren(type(vitals.status)))
    assert "09:12" in shown
    assert f"{synced.astimezone():%H:%M}" not in shown
