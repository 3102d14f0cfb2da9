"""The own-openings dialog of the real main window over the real store."""

from __future__ import annotations

from typing import Any

from app.services import ClinicalServices
from app.values import AccessBasis, AccessGrant, PatientId, RecordView
from tests.app.conftest import NOW, penicillin_patient_ids
from ui.app import build_main_window
from ui.tasks import TaskRunner


def test_the_users_emergency_opening_is_listed_first(
    qtbot: Any,
    records: ClinicalServices,
    generated: list[dict[str, Any]],
    runner: TaskRunner,
    english: None,
) -> None:
    patient_id = PatientId(penicillin_patient_ids(generated)[0])
    grant = AccessGrant(AccessBasis.EMERGENCY, "Akutt forverring", NOW)
    records.record_access(patient_id, view=RecordView.PRESCRIPTIONS, grant=grant, at=NOW)
    window = build_main_window(
        source=records, runner=runner, clock=lambda: NOW, own_accesses=records.own_accesses
    )
    qtbot.addWidget(window)
    dialog = window.show_own_accesses()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5_000)
    summary = records.core_record(patient_id).patient["name"][0]["family"]
    model = dialog.model
    assert summary in model.data(model.index(0, 1))
    assert model.data(model.index(0, 2)) == (
        "Emergency (necessity) · Prescriptions — emergency access"
    )
    runner.wait_for_done(5_000)
