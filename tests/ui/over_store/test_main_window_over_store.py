"""The real main window over the real store: the penicillin patient's core record renders.

Saves ``real_core_record_1366x768.png`` to ``$PLEIEPUNKT_SCREENSHOTS`` when set (for example
``resources/screenshots``), else to pytest's tmp dir.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from app.services import ClinicalServices
from app.values import AccessBasis, AccessGrant, PlaceKind
from offline.store import Store
from tests.app.conftest import NOW, penicillin_patient_ids
from ui.app import build_main_window
from ui.event_bridge import EventBridge
from ui.tasks import TaskRunner


def test_the_core_record_of_a_resident_renders_from_the_store(
    qtbot: Any,
    records: ClinicalServices,
    loaded_store: Store,
    generated: list[dict[str, Any]],
    runner: TaskRunner,
    english: None,
    tmp_path: Path,
) -> None:
    window = build_main_window(
        source=records, runner=runner, bridge=EventBridge(), clock=lambda: NOW
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.start()
    patients = window.patient_list
    qtbot.waitUntil(lambda: patients.panel.state == "content", timeout=10_000)
    place = patients.current_place()
    assert place is not None
    assert place.kind is PlaceKind.UNIT
    assert patients.proxy.rowCount() == 20
    patient_id = next(
        pid for pid in penicillin_patient_ids(generated) if patients.select_patient(pid)
    )
    row = patients.selected_row()
    assert row is not None
    assert row.id == patient_id
    assert row.summary.room.startswith("Rom ")
    assert row.critical.has_high_criticality_allergy
    audits_before = sum(1 for e in loaded_store.outbox() if e.resource_type == "AuditEvent")
    window.access.remember(row.id, AccessGrant(AccessBasis.CONSENT, "", NOW))
    window.request_open(row)
    panel = window.workspace.panels[0]
    qtbot.waitUntil(lambda: panel.state == "content", timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            sum(1 for e in loaded_store.outbox() if e.resource_type == "AuditEvent")
            == audits_before + 1
        ),
        timeout=10_000,
    )
    qtbot.wait(200)
    out = Path(os.environ.get("PLEIEPUNKT_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    path = out / "real_core_record_1366x768.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1366, 768)
    runner.wait_for_done(5_000)
