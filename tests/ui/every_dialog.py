"""The dialogs a nurse meets outside the bedside pages, built for tests that walk them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog

from app.followup.values import (
    Acknowledgement,
    AlertKind,
    FollowUpAction,
    FollowUpItem,
    Severity,
)
from app.settings import UserSettings
from app.values import PatientId
from config import Settings, SettingsPaths
from tests.ui.conflict_data import CONFLICT
from tests.ui.fake_source import FakeSource
from tests.ui.session.fakes import FakeServices
from tests.ui.ward import NOW
from ui.dialogs.access_basis_dialog import AccessBasisDialog
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.dialogs.renewal_dialog import RenewalDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.followup.followup_dialog import FollowUpDialog
from ui.presenters.prescriptions import prescriptions_view
from ui.session import SignInDialog
from ui.session.own_accesses import OwnAccessesDialog
from ui.session.pin_setup_dialog import PinSetupDialog
from ui.session.unlock_dialog import UnlockDialog
from ui.tasks import TaskRunner

NAMES = (
    "sign-in",
    "choose a PIN",
    "unlock",
    "access basis",
    "conflict",
    "renewal",
    "own record openings",
    "settings",
    "follow-up",
)

FOLLOW_UP = FollowUpItem(
    key="DetectedIssue/di-1",
    kind=AlertKind.DISPENSER,
    severity=Severity.HIGH,
    at=NOW,
    focus="DetectedIssue/di-1",
    title="Ikke utlevert",
    patient_id="pas-ingrid",
    patient_name="Ingrid Solberg",
    acknowledgements=(
        Acknowledgement("t1", "Kari Sykepleier", "n1", NOW, FollowUpAction.ACKNOWLEDGED, "", False),
        Acknowledgement("t2", "Ola Nattevakt", "n2", NOW, FollowUpAction.ACKNOWLEDGED, "", True),
    ),
)
"""A dispenser alert two nurses acknowledged (the dialog then shows all it can)."""


def dialogs(runner: TaskRunner, tmp_path: Path) -> dict[str, Callable[[], QDialog]]:
    """A factory per dialog in ``NAMES`` (each builds a fresh, unshown dialog)."""
    item = next(
        i
        for items in prescriptions_view(
            FakeSource().prescriptions(PatientId("pas-ingrid")), today=NOW.date()
        ).groups.values()
        for i in items
    )
    services = FakeServices(tmp_path)
    return {
        "sign-in": lambda: SignInDialog(
            sign_in=lambda: services.user, cancel=lambda: None, runner=runner
        ),
        "choose a PIN": lambda: PinSetupDialog(user_name="Kari"),
        "unlock": lambda: UnlockDialog(
            services=services, runner=runner, sign_in=lambda: services.user
        ),
        "access basis": lambda: AccessBasisDialog("Ingrid Solberg", now=NOW),
        "conflict": lambda: ConflictDialog([CONFLICT], resolver=None, runner=runner),  # type: ignore[arg-type]
        "renewal": lambda: RenewalDialog(item, patient_name="Ingrid Solberg"),
        "own record openings": lambda: OwnAccessesDialog(list_accesses=list, runner=runner),
        "settings": lambda: SettingsDialog(
            UserSettings(Settings(SettingsPaths.under_root(tmp_path)))
        ),
        "follow-up": lambda: FollowUpDialog(FOLLOW_UP),
    }
