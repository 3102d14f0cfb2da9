"""The app as the workstation wires it (``ui.workbench.build_workbench`` over the services of
``app.services.workstation_context``): openings name this computer's service and whether the
platform was reachable, from the settings and the workstation's sync state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.auditevent import AuditEvent

from app.services import ClinicalServices, workstation_context
from app.values import AccessBasis, AccessGrant
from clinical import codes
from clinical.records.audit import RECORDED_OFFLINE_URL
from config import Settings, SettingsPaths
from offline.store import Store
from tests.app.conftest import NURSE, penicillin_patient_ids
from ui.app import DEFAULT_CLOCK
from ui.event_bridge import EventBridge
from ui.tasks import TaskRunner
from ui.workbench import build_workbench


def _audit_events(store: Store) -> dict[str, dict[str, Any]]:
    return {
        e.resource_id: e.resource
        for e in store.outbox()
        if e.resource_type == "AuditEvent" and e.op == "create" and e.resource is not None
    }


@pytest.mark.parametrize("reachable", [False, True])
def test_an_opening_logs_the_computer_s_service_and_whether_the_platform_was_reachable(
    qtbot: Any,
    loaded_store: Store,
    generated: list[dict[str, Any]],
    runner: TaskRunner,
    english: None,
    tmp_path: Path,
    reachable: bool,
) -> None:
    (tmp_path / "config.toml").write_text('purpose_of_use_detail = "21"\n', encoding="utf-8")
    settings = Settings(SettingsPaths.under_root(tmp_path))
    assert settings.problems == ()
    context = workstation_context(
        lambda: loaded_store,
        user=NURSE,
        settings=settings,
        clock=DEFAULT_CLOCK,
        online=lambda: reachable,
    )
    window = build_workbench(
        ClinicalServices(context), runner=runner, bridge=EventBridge(), ward=context.ward
    )
    qtbot.addWidget(window)
    window.show()
    window.start()
    patients = window.patient_list
    qtbot.waitUntil(lambda: patients.panel.state == "content", timeout=20_000)
    patient_id = next(
        pid for pid in penicillin_patient_ids(generated) if patients.select_patient(pid)
    )
    row = patients.selected_row()
    assert row is not None
    before = set(_audit_events(loaded_store))
    # Granted now by the window's own clock (the real one, as build_workbench wires it): a grant
    # lasts one visit, so a fixed time would expire and the window would ask for the basis.
    window.access.remember(row.id, AccessGrant(AccessBasis.CONSENT, "", DEFAULT_CLOCK()))
    window.request_open(row)
    qtbot.waitUntil(lambda: len(set(_audit_events(loaded_store)) - before) == 1, timeout=20_000)
    (new_id,) = set(_audit_events(loaded_store)) - before
    event = AuditEvent.model_validate(_audit_events(loaded_store)[new_id])
    assert event.entity[0].what.reference == f"Patient/{patient_id}"
    codings = [(c.system, c.code) for c in event.purposeOfEvent[0].coding]
    assert (codes.TJENESTETYPE_HELSE_OMSORG, "21") in codings
    flags = [e.valueBoolean for e in event.extension or () if e.url == RECORDED_OFFLINE_URL]
    assert flags == ([] if reachable else [True])
    runner.wait_for_done(10_000)
